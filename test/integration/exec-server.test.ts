/**
 * `exec --server <target> -- <command>`: the command gets a loopback credential endpoint, not the
 * session. Real peers read it as they read an ECS container's (botocore, the AWS CLI v1 and v2, the
 * JS SDK v3); the endpoint refuses what is not theirs; it renews ahead in the background with one
 * code while the command goes on; after expiry with no code it answers at once; it ends with the command.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { beforeEach, test } from 'node:test';
import { spawn } from 'node:child_process';
import { BIN, runCli, runProcess } from '../helpers/cli';
import { hasAwsCli, hasBotocore, peerEnv } from '../helpers/peers';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ keys: ['default'] }, () => {
  env = peerEnv(w);
  serial = w.serial;
});
let env: NodeJS.ProcessEnv;
let serial: string;
const REPO = path.resolve(__dirname, '../..');

/** Probes the endpoint from inside the command: what a local attacker or a confused client would send. */
const PROBE = `
const http = require('node:http'), net = require('node:net');
const u = new URL(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI), tok = process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
const get = (o = {}) => new Promise((resolve) => {
  const r = http.request({ host: '127.0.0.1', port: u.port, path: u.pathname, method: 'GET', agent: false, ...o }, (x) => {
    let b = ''; x.on('data', (d) => (b += d)); x.on('end', () => resolve({ status: x.statusCode, body: b }));
  });
  r.on('error', (e) => resolve({ status: 0, body: e.code })); r.end();
});
(async () => {
  const auth = (t) => ({ Authorization: t });
  const out = { url: u.href, token: tok, port: u.port, keys: ['AWS_ACCESS_KEY_ID','AWS_SECRET_ACCESS_KEY','AWS_SESSION_TOKEN','AWS_PROFILE'].filter((k) => process.env[k] !== undefined) };
  out.ok = await get({ headers: auth(tok) });
  out.none = await get();
  out.wrong = await get({ headers: auth(tok.slice(0, -1) + (tok.endsWith('0') ? '1' : '0')) });
  out.host = await get({ headers: { ...auth(tok), Host: 'rebound.example:' + u.port } });
  out.post = await get({ method: 'POST', headers: auth(tok) });
  out.path = await get({ path: '/' + '0'.repeat(32), headers: auth(tok) });
  // A flood: 40 connections held open at once.
  const socks = await Promise.all(Array.from({ length: 40 }, () => new Promise((r) => {
    const s = net.connect(Number(u.port), '127.0.0.1'); s.closed = false;
    s.on('close', () => (s.closed = true)); s.on('error', () => {}); s.on('connect', () => r(s)); setTimeout(() => r(s), 1000);
  })));
  await new Promise((r) => setTimeout(r, 400));
  out.floodOpen = socks.filter((s) => !s.closed).length;
  socks.forEach((s) => s.destroy());
  await new Promise((r) => setTimeout(r, 200));
  out.afterFlood = (await get({ headers: auth(tok) })).status;
  console.log(JSON.stringify(out));
})();
`;

beforeEach(async () => {
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n\n[profile mfa]\nregion = eu-west-1\n`);
  w.writeCredentials('');
  assert.equal((await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)])).code, 0);
});

function section(): { key: string; secret: string; token: string; expiration: string } {
  const m = /\[mfa\]\naws_access_key_id = (\S+)\naws_secret_access_key = (\S+)\naws_session_token = (\S+)\naws_credential_expiration = (\S+)/.exec(w.credentialsText()!)!;
  return { key: m[1]!, secret: m[2]!, token: m[3]!, expiration: m[4]! };
}

const connectable = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('connect', () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
  });

test('the command gets the endpoint and token, no static keys; the endpoint answers the session and refuses everything else; it is gone after the command', async () => {
  const parent = { ...env, AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIASTALE', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/nonexistent' };
  const r = await runCli(parent, ['exec', '--server', 'mfa', '--', process.execPath, '-e', PROBE]);
  assert.equal(r.code, 0, r.stderr);
  type Reply = { status: number; body: string };
  const out = JSON.parse(r.stdout) as Record<'ok' | 'none' | 'wrong' | 'host' | 'post' | 'path', Reply> & { url: string; token: string; port: string; keys: string[]; floodOpen: number; afterFlood: number };
  assert.match(out.url, /^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}$/);
  assert.match(out.token, /^[0-9a-f]{64}$/, '256 random bits');
  assert.deepEqual(out.keys, [], 'no static keys and no profile in the command environment');
  const s = section();
  assert.equal(out.ok.status, 200);
  assert.deepEqual(JSON.parse(out.ok.body), { AccessKeyId: s.key, SecretAccessKey: s.secret, Token: s.token, Expiration: s.expiration });
  assert.equal(out.none.status, 401);
  assert.equal(out.wrong.status, 403);
  assert.equal(out.host.status, 403, 'a rebinding name is refused even with the token');
  assert.equal(out.post.status, 405);
  assert.equal(out.path.status, 404);
  for (const k of ['none', 'wrong', 'host', 'post', 'path'] as const) {
    const body = JSON.parse(out[k].body) as { Code: string; Message: string };
    assert.ok(!out[k].body.includes(s.secret) && !out[k].body.includes(s.token), `${k} carries no secret`);
    assert.match(body.Message, /^[A-Z].*\.$/, `${k}: a sentence`);
    assert.doesNotMatch(body.Message.slice(0, -1), /\. [A-Z]/, `${k}: one sentence`);
    assert.equal(body.Code.length > 0, true);
  }
  assert.ok(out.floodOpen >= 1 && out.floodOpen <= 16, `connections bounded: ${out.floodOpen} of 40 kept`);
  assert.equal(out.afterFlood, 200, 'served again once the flood is gone');
  assert.equal(await connectable(Number(out.port)), false, 'the endpoint ended with the command');
  assert.ok(!r.stderr.includes(s.secret));
});

test('exit status and the command missing: as plain exec', async () => {
  const r = await runCli(env, ['exec', '--server', 'mfa', '--', 'sh', '-c', 'exit 7']);
  assert.equal(r.code, 7);
  const missing = await runCli(env, ['exec', '--server', 'mfa', '--', 'no-such-command-here']);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, 'There is no command no-such-command-here on your PATH; check its name, or give its full path after --.\n');
});

test('SIGTERM sent to exec --server reaches the command, which ends it the same way; the endpoint goes with it', async () => {
  const child = spawn(process.execPath, [BIN, 'exec', '--server', 'mfa', '--', 'sh', '-c', 'echo "ready $AWS_CONTAINER_CREDENTIALS_FULL_URI"; sleep 30'], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const port = await new Promise<number>((resolve) =>
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    }),
  );
  assert.equal(await connectable(port), true);
  const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGTERM');
  assert.equal(await ended, 'SIGTERM');
  assert.equal(await connectable(port), false);
});

const WHOAMI_PY = [
  'import json, botocore.session',
  's = botocore.session.Session()',
  "c = s.create_client('sts', region_name='us-east-1')",
  'me = c.get_caller_identity()',
  "print(json.dumps({'arn': me['Arn'], 'method': s.get_credentials().method, 'key': s.get_credentials().access_key}))",
].join('\n');

test('botocore reads the session from the endpoint (its container provider)', { skip: !hasBotocore && 'botocore >= 1.31 is not installed' }, async () => {
  const r = await runCli(env, ['exec', '--server', 'mfa', '--', 'python3', '-c', WHOAMI_PY]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { arn: string; method: string; key: string };
  assert.equal(out.method, 'container-role');
  assert.equal(out.key, section().key);
  assert.match(out.arn, /:user\/alice$/);
});

test('the AWS CLI v1 reads the session from the endpoint', { skip: !hasAwsCli && 'no AWS CLI that honours AWS_ENDPOINT_URL_STS' }, async () => {
  const r = await runCli(env, ['exec', '--server', 'mfa', '--', 'aws', 'sts', 'get-caller-identity', '--output', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match((JSON.parse(r.stdout) as { Arn: string }).Arn, /:user\/alice$/);
  assert.ok(w.emulator.requests.some((q) => q.action === 'GetCallerIdentity' && q.accessKeyId === section().key));
});

const AWS_V2 = '/usr/bin/aws';
test('the AWS CLI v2 reads the session from the endpoint', { skip: !existsSync(AWS_V2) && 'no AWS CLI v2 at /usr/bin/aws' }, async (t) => {
  const version = await runProcess(AWS_V2, ['--version'], { env });
  if (!/aws-cli\/2\./.test(version.stdout + version.stderr)) return void t.skip(`${AWS_V2} is not the AWS CLI v2`);
  // --endpoint-url: v2 before 2.13 does not read AWS_ENDPOINT_URL_STS; the credentials still come from the endpoint.
  const r = await runCli(env, ['exec', '--server', 'mfa', '--', AWS_V2, 'sts', 'get-caller-identity', '--output', 'json', '--endpoint-url', w.emulator.url]);
  assert.equal(r.code, 0, r.stderr);
  assert.match((JSON.parse(r.stdout) as { Arn: string }).Arn, /:user\/alice$/);
});

test("the JS SDK v3 reads the session from the endpoint: the default chain (fromHttp) and fromContainerMetadata", async () => {
  const script = `
const { STSClient, GetCallerIdentityCommand } = require(${JSON.stringify(path.join(REPO, 'node_modules/@aws-sdk/client-sts'))});
const { fromContainerMetadata } = require(${JSON.stringify(path.join(REPO, 'node_modules/@smithy/credential-provider-imds'))});
const { fromHttp } = require(${JSON.stringify(path.join(REPO, 'node_modules/@aws-sdk/credential-provider-http'))});
(async () => {
  const me = await new STSClient({ region: 'us-east-1' }).send(new GetCallerIdentityCommand({}));
  const imds = await fromContainerMetadata()();
  const http = await fromHttp()();
  console.log(JSON.stringify({ arn: me.Arn, imds: imds.accessKeyId, http: http.accessKeyId, exp: http.expiration.toISOString() }));
})().catch((e) => { console.error(String(e)); process.exit(1); });`;
  const r = await runCli(env, ['exec', '--server', 'mfa', '--', process.execPath, '-e', script]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { arn: string; imds: string; http: string; exp: string };
  const s = section();
  assert.match(out.arn, /:user\/alice$/);
  assert.equal(out.imds, s.key);
  assert.equal(out.http, s.key);
  assert.equal(out.exp.replace(/\.000Z$/, 'Z'), s.expiration);
  assert.ok(w.emulator.requests.some((q) => q.action === 'GetCallerIdentity' && q.accessKeyId === s.key));
});

/** Makes the session in the file (and at the emulator) end `ms` from now. */
function endSessionIn(ms: number): { key: string; at: number } {
  const s = section();
  const at = Math.floor((Date.now() + ms) / 1000) * 1000;
  const iso = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  w.writeCredentials(w.credentialsText()!.replace(s.expiration, iso));
  w.emulator.expireSession(s.key, at);
  return { key: s.key, at };
}

const LOOP_PY = [
  'import json, sys, time, botocore.session',
  's = botocore.session.Session()',
  "c = s.create_client('sts', region_name='us-east-1')",
  'end, out = time.time() + float(sys.argv[1]), []',
  'while time.time() < end:',
  '    try:',
  '        c.get_caller_identity()',
  '        out.append([time.time() * 1000, s.get_credentials().get_frozen_credentials().access_key])',
  '    except Exception as e:',
  "        out.append([time.time() * 1000, 'ERR ' + str(e)])",
  '    time.sleep(0.4)',
  'print(json.dumps(out))',
].join('\n');

test(
  'the session expires during the run: renewed ahead in the background with one code from mfa_process, and botocore goes on across the expiry without a restart',
  { skip: !hasBotocore && 'botocore >= 1.31 is not installed' },
  async () => {
    const count = path.join(w.home, 'asked');
    const codeFile = path.join(w.home, 'code');
    writeFileSync(count, '');
    writeFileSync(codeFile, w.emulator.nextFreshCode(serial));
    // Slow on purpose: the command keeps working on the old session while the "person" answers.
    w.writeConfig(`[default]\nmfa_serial = ${serial}\nmfa_process = echo asked >> ${count}; sleep 2; cat ${codeFile}\n`);
    const old = endSessionIn(14_000);
    // Renew 10 s ahead (20 minutes by default): the timer fires about 4 s into the run.
    const r = await runCli({ ...env, AWS_MFA_TRAY_RENEW_LEAD_SECONDS: '10' }, ['exec', '--server', 'mfa', '--', 'python3', '-c', LOOP_PY, '20']);
    assert.equal(r.code, 0, r.stderr);
    const calls = JSON.parse(r.stdout) as [number, string][];
    assert.deepEqual(calls.filter(([, k]) => k.startsWith('ERR')), [], 'every call succeeded');
    const fresh = section().key;
    assert.notEqual(fresh, old.key);
    assert.equal(calls[0]![1], old.key, 'the old session served first');
    assert.ok(calls.some(([, k]) => k === old.key) && calls.some(([, k]) => k === fresh));
    const afterExpiry = calls.filter(([t]) => t > old.at + 500);
    assert.ok(afterExpiry.length >= 5, `calls went on after the old session ended: ${afterExpiry.length}`);
    assert.ok(afterExpiry.every(([, k]) => k === fresh));
    assert.equal(readFileSync(count, 'utf8'), 'asked\n', 'exactly one code was asked for');
    assert.match(r.stderr, /the command now gets the new session of profile mfa/);
  },
);

test('after expiry with no new code: an error status and one sentence at once, and the code source is not asked again on every fetch', async () => {
  const count = path.join(w.home, 'asked');
  writeFileSync(count, '');
  w.writeConfig(`[default]\nmfa_serial = ${serial}\nmfa_process = echo asked >> ${count}; exit 3\n`);
  const old = endSessionIn(7_000);
  const script = `
const http = require('node:http');
const u = new URL(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI);
const get = () => new Promise((resolve) => {
  const t0 = Date.now();
  http.get({ host: '127.0.0.1', port: u.port, path: u.pathname, headers: { Authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN } }, (x) => {
    let b = ''; x.on('data', (d) => (b += d)); x.on('end', () => resolve({ status: x.statusCode, body: JSON.parse(b), ms: Date.now() - t0 }));
  });
});
(async () => {
  await new Promise((r) => setTimeout(r, ${old.at} - Date.now() + 500));
  const out = [];
  for (let i = 0; i < 5; i++) out.push(await get());
  console.log(JSON.stringify(out));
})();`;
  const r = await runCli({ ...env, AWS_MFA_TRAY_RENEW_LEAD_SECONDS: '10' }, ['exec', '--server', 'mfa', '--', process.execPath, '-e', script]);
  assert.equal(r.code, 0, r.stderr);
  const answers = JSON.parse(r.stdout) as { status: number; body: { Code: string; Message: string }; ms: number }[];
  for (const a of answers) {
    assert.equal(a.status, 400);
    assert.equal(a.body.Code, 'SessionExpired');
    assert.match(a.body.Message, /^The session of profile mfa expired at \S+ and could not be renewed \(The mfa_process of profile default failed \(exit status 3\); run .* in a terminal to see why\); renew it with "aws-mfa-tray login" or the tray, and the command's next AWS call will use it\.$/);
    assert.ok(a.ms < 500, `answered at once (${a.ms} ms)`);
  }
  assert.equal(readFileSync(count, 'utf8'), 'asked\n', 'one failed attempt, not one per fetch');
  assert.match(r.stderr, /The mfa_process of profile default failed/);
});

test('no code source at all in the background (no mfa_process, no tray; the terminal is not asked while the command runs): said once, and after expiry in the answer', async () => {
  const old = endSessionIn(7_000);
  const script = `
const u = new URL(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI);
setTimeout(() => require('node:http').get({ host: '127.0.0.1', port: u.port, path: u.pathname, headers: { Authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN } }, (x) => {
  let b = ''; x.on('data', (d) => (b += d)); x.on('end', () => console.log(x.statusCode + ' ' + b));
}), ${old.at} - Date.now() + 500);`;
  const r = await runCli({ ...env, AWS_MFA_TRAY_RENEW_LEAD_SECONDS: '10' }, ['exec', '--server', 'mfa', '--', process.execPath, '-e', script]);
  assert.equal(r.code, 0, r.stderr);
  const nowhere = 'Profile mfa needs a new session and there is nowhere to ask for an MFA code';
  assert.equal(r.stderr.split(nowhere).length - 1, 1, r.stderr);
  assert.match(r.stderr, /The command goes on with the current session until it expires\.\n$/);
  const [status, ...body] = r.stdout.trim().split(' ');
  assert.equal(status, '400');
  assert.ok((JSON.parse(body.join(' ')) as { Message: string }).Message.includes(nowhere));
});

test('a renewal still waiting (a slow mfa_process, an open popup) does not keep exec --server alive after the command ends', async () => {
  const count = path.join(w.home, 'asked');
  writeFileSync(count, '');
  w.writeConfig(`[default]\nmfa_serial = ${serial}\nmfa_process = echo asked >> ${count}; sleep 20; echo 123456\n`);
  endSessionIn(8_000);
  const t0 = Date.now();
  // The exit of exec itself (the mfa_process's sleep may hold the pipes a while longer).
  const child = spawn(process.execPath, [BIN, 'exec', '--server', 'mfa', '--', 'sh', '-c', 'sleep 1; exit 5'], {
    env: { ...env, AWS_MFA_TRAY_RENEW_LEAD_SECONDS: '10' },
    detached: true,
    stdio: 'ignore',
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  const took = Date.now() - t0;
  assert.equal(code, 5);
  assert.equal(readFileSync(count, 'utf8'), 'asked\n', 'the renewal had started');
  assert.ok(took < 8000, `ended with the command (${took} ms)`);
});
