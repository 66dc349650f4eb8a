/**
 * The socket between the CLI and the tray app, over a real Unix socket in a temp folder: one JSON
 * line each way, versioned and sealed under the per-start key; a private folder; a stale socket replaced; and the broker behind it
 * sharing one pending login among concurrent callers for a target.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { askApp } from '../../main/core/renew/agent-client';
import { AgentServer } from '../../main/core/renew/agent-server';
import { RenewBroker, type RequestView } from '../../main/core/renew/broker';
import { agentEndpoint, choosePlace, isOwnSocket, randomName } from '../../main/core/renew/endpoint';
import { parseReply, parseRequest, PROTOCOL_VERSION, type RenewRequest } from '../../main/core/renew/protocol';
import { UserError } from '../../main/core/errors';
import { assertMode, posixOnly } from '../helpers/platform';

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'renew-socket-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const creds = { Version: 1 as const, AccessKeyId: 'ASIAEXAMPLEEXAMPLE00', SecretAccessKey: 's'.repeat(40), SessionToken: 'tok', Expiration: '2099-01-01T00:00:00Z' };
const renew = (target = 'mfa', profile = 'default'): RenewRequest => ({ v: PROTOCOL_VERSION, type: 'renew', profile, target, asker: { command: 'credential-process', program: 'aws' } });

/** Sends raw bytes, returns the raw reply line. */
function raw(server: AgentServer, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(server.place.address);
    let out = '';
    s.on('connect', () => s.write(text));
    s.on('data', (d) => (out += d.toString()));
    s.on('close', () => resolve(out));
    s.on('error', reject);
  });
}

test('protocol: requests are validated; replies carry a session or one sentence', () => {
  assert.deepEqual(parseRequest(JSON.stringify(renew())), renew());
  assert.throws(() => parseRequest('{"v":3,"type":"renew"}'), { code: 'UnsupportedVersion' });
  assert.throws(() => parseRequest('{"v":1,"type":"renew","profile":"p","target":"mfa","asker":{"command":"exec"}}'), { code: 'UnsupportedVersion' });
  assert.throws(() => parseRequest('{"v":2,"type":"renew","profile":"a]b","target":"mfa","asker":{"command":"exec"}}'), { code: 'BadRequest' });
  assert.throws(() => parseRequest('{"v":2,"type":"renew","profile":"p","target":"mfa","asker":{"command":"rm"}}'), { code: 'BadRequest' });
  assert.throws(() => parseRequest('not json'), { code: 'BadRequest' });
  const odd = parseRequest('{"v":2,"type":"renew","profile":"p","target":"mfa","asker":{"command":"exec","program":"/usr/bin/ter\\u001b[31mraform\\u202e"}}');
  assert.deepEqual(odd.type === 'renew' && odd.asker, { command: 'exec', program: 'ter[31mraform' }, 'control characters and paths are dropped from what the popup shows');
  assert.deepEqual(parseReply(JSON.stringify({ v: 2, ok: true, credentials: creds })), { v: 2, ok: true, credentials: creds });
  assert.throws(() => parseReply(JSON.stringify({ v: 2, ok: true, credentials: { ...creds, Version: 2 } })));
  assert.throws(() => parseReply(JSON.stringify({ v: 1, ok: true })), { code: 'UnsupportedVersion' });
  assert.throws(() => parseReply(JSON.stringify({ v: 3, ok: true })), { code: 'UnsupportedVersion' });
});

test('endpoint: a random socket in a private folder of the settings folder, a random pipe on Windows, recorded in a 0600 key file', async () => {
  const settings = path.join(dir, 'e');
  const names: string[] = [];
  for (let i = 0; i < 2; i++) {
    const server = await AgentServer.start(agentEndpoint(settings), () => Promise.resolve({ v: PROTOCOL_VERSION, ok: true }));
    assert.match(server.place.address, new RegExp(`^${settings}/ipc/[0-9a-f]{24}\\.sock$`));
    const key = JSON.parse(readFileSync(path.join(settings, 'tray-endpoint.json'), 'utf8')) as { v: number; address: string; key: string };
    assert.equal(key.v, 2);
    assert.equal(key.address, server.place.address);
    assert.equal(Buffer.from(key.key, 'base64url').length, 32);
    assert.equal(statSync(path.join(settings, 'tray-endpoint.json')).mode & 0o777, 0o600);
    names.push(server.place.address);
    await server.close();
    assert.equal(existsSync(path.join(settings, 'tray-endpoint.json')), false, 'the key file goes with the app');
  }
  assert.notEqual(names[0], names[1], 'a new name at each start');
  const pipe = await choosePlace(agentEndpoint('C:\\Users\\alice\\AppData\\Roaming\\aws-mfa-tray', 'win32'), randomName());
  assert.match(pipe.address, /^\\\\\.\\pipe\\aws-mfa-tray-[0-9a-f]{24}$/);
  assert.equal(pipe.dir, null);
});

test('one JSON line each way; a folder only its owner can enter; gone after close', { skip: posixOnly('a Unix socket in a 0700 folder; the named pipe is test/windows/cases/agent-pipe.win.ts') }, async () => {
  const ep = agentEndpoint(path.join(dir, 'a'));
  const seen: unknown[] = [];
  const server = await AgentServer.start(ep, (req) => {
    seen.push(req);
    return Promise.resolve({ v: PROTOCOL_VERSION, ok: true, credentials: creds });
  });
  const place = server.place;
  assertMode(place.dir!, 0o700);
  assertMode(place.address, 0o600);
  assert.equal(await isOwnSocket(place), true);
  assert.deepEqual(await askApp(ep, renew(), { timeoutMs: 2000 }), { v: 2, ok: true, credentials: creds });
  assert.deepEqual(seen, [renew()]);

  // Malformed, other versions, too long, no key: one error line each, the handler never called.
  assert.match(await raw(server, 'garbage\n'), /^\{"v":2,"ok":false,"error":\{"code":"BadRequest"/);
  assert.match(await raw(server, '{"v":9}\n'), /^\{"v":2,"ok":false,"error":\{"code":"UnsupportedVersion","message":"The aws-mfa-tray app and this command speak different protocol versions \(9 and 2\)/);
  assert.match(await raw(server, `${JSON.stringify(renew())}\n`.replace('"v":2', '"v":1')), /"code":"UnsupportedVersion"/, 'a version 1 client is told');
  assert.match(await raw(server, 'x'.repeat(9000)), /"code":"BadRequest"/);
  assert.match(await raw(server, `${JSON.stringify({ v: 2, nonce: 'a'.repeat(64), body: JSON.stringify(renew()), mac: 'b'.repeat(64) })}\n`), /"code":"BadRequest","message":"The request does not carry the key/);
  assert.equal(seen.length, 1);

  // A socket in a folder opened to others is never asked (it may not be this user's app).
  chmodSync(place.dir!, 0o755);
  assert.equal(await isOwnSocket(place), false);
  assert.equal(await askApp(ep, renew(), { timeoutMs: 2000 }), null);
  chmodSync(place.dir!, 0o700);

  await server.close();
  assert.equal(await askApp(ep, renew(), { timeoutMs: 2000 }), null, 'no app: null, next source');
});

test('a stale key file (the app crashed) is ignored by the CLI and replaced by the next app; a live app is not', { skip: posixOnly('a socket file outlives a killed app; a named pipe goes with its process') }, async () => {
  const ep = agentEndpoint(path.join(dir, 'b'));
  // What an app killed with SIGKILL leaves behind: the key file and a socket file nobody listens on.
  const first = await AgentServer.start(ep, () => Promise.resolve({ v: PROTOCOL_VERSION, ok: true }));
  const stale = readFileSync(ep.keyFile, 'utf8');
  await first.close();
  mkdirSync(path.join(dir, 'b', 'ipc'), { recursive: true, mode: 0o700 });
  writeFileSync(ep.keyFile, stale, { mode: 0o600 });
  const address = (JSON.parse(stale) as { address: string }).address;
  const crashing = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(address)}, () => console.log('up'))`]);
  await new Promise<void>((r) => crashing.stdout.once('data', () => r()));
  crashing.kill('SIGKILL');
  await new Promise((r) => crashing.once('exit', r));
  assert.equal(statSync(address).isSocket(), true);
  assert.equal(await askApp(ep, renew(), { timeoutMs: 2000 }), null, 'ECONNREFUSED reads as no app');
  const server = await AgentServer.start(ep, () => Promise.resolve({ v: PROTOCOL_VERSION, ok: true }));
  assert.deepEqual(await askApp(ep, renew(), { timeoutMs: 2000 }), { v: 2, ok: true });
  // A second app with the same settings refuses to steal the first one's place.
  await assert.rejects(AgentServer.start(ep, () => Promise.resolve({ v: PROTOCOL_VERSION, ok: true })), /already answering/);
  await server.close();
});

/** Lets the broker take requests in (it checks each one asynchronously first). */
const tick = () => new Promise((r) => setImmediate(r));

function brokerWorld(opts: { loginFails?: () => Error | null } = {}) {
  const log: string[] = [];
  let logins = 0;
  const broker = new RenewBroker({
    login: async (req) => {
      logins++;
      await new Promise((r) => setTimeout(r, 20));
      const e = opts.loginFails?.();
      if (e) throw e;
      return { result: { profile: req.profile, target: req.target!, serial: 'arn:aws:iam::123456789012:mfa/alice', expiration: creds.Expiration }, credentials: creds };
    },
    show: (v: RequestView) => log.push(`show ${v.target} #${v.id}`),
    hide: (v: RequestView, why) => log.push(`hide ${v.target} ${why}`),
    notice: (p) => log.push(`notice ${p}`),
    timeoutMs: 500,
  });
  return { broker, log, logins: () => logins };
}

test('eight concurrent callers for one target: one popup, one login, eight identical answers', async () => {
  const ep = agentEndpoint(path.join(dir, 'c'));
  const { broker, log, logins } = brokerWorld();
  const server = await AgentServer.start(ep, (req, gone) => broker.handle(req, gone));
  const replies = Array.from({ length: 8 }, () => askApp(ep, renew(), { timeoutMs: 5000 }));
  while (broker.shown()?.callers !== 8) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(log, ['show mfa #1']);
  assert.equal(broker.submit('other', '123456'), null, 'a login for another profile is not this request');
  assert.deepEqual(await broker.submit('default', '123456'), { profile: 'default', target: 'mfa', serial: 'arn:aws:iam::123456789012:mfa/alice', expiration: creds.Expiration });
  const all = await Promise.all(replies);
  assert.equal(logins(), 1);
  for (const r of all) assert.deepEqual(r, all[0]);
  assert.equal(all[0]!.ok && all[0]!.credentials?.AccessKeyId, creds.AccessKeyId);
  assert.deepEqual(log, ['show mfa #1', 'hide mfa answered']);
  await server.close();
});

test('a refused code keeps the callers waiting; Esc cancels with one sentence; the next target is shown; a timeout answers too', async () => {
  let fail: Error | null = new UserError({ en: 'AWS did not accept this MFA code', ja: 'AWS did not accept this MFA code' }, 'InvalidCode');
  const { broker, log } = brokerWorld({ loginFails: () => fail });
  const never = new AbortController().signal;
  const a = broker.handle(renew('mfa'), never);
  const b = broker.handle(renew('work-mfa', 'work'), never);
  await tick();
  await assert.rejects(broker.submit('default', '000000')!, /did not accept/);
  assert.equal(broker.shown()?.target, 'mfa', 'still waiting after a refused code');
  fail = null;
  broker.cancel(999); // a stale cancel (another request's popup) does nothing
  assert.equal(broker.shown()?.target, 'mfa');
  broker.cancel(broker.shown()!.id);
  assert.deepEqual(await a, {
    v: 2,
    ok: false,
    error: {
      code: 'CodeCancelled',
      message: 'The MFA code request was cancelled in the tray; run the command again to get a new prompt.',
      ja: 'トレイで MFA コードの入力が取り消されました。新しい入力欄を出すには、もう一度コマンドを実行してください。',
    },
  });
  assert.equal(broker.shown()?.target, 'work-mfa');
  const timedOut = await b;
  assert.equal(!timedOut.ok && timedOut.error.code, 'CodeTimeout');
  assert.deepEqual(log, ['show mfa #1', 'hide mfa cancelled', 'show work-mfa #2', 'hide work-mfa timeout']);
});

test('callers that hang up leave; when none is left the popup closes; mfa_process notices are shown', async () => {
  const { broker, log } = brokerWorld();
  const one = new AbortController();
  const two = new AbortController();
  void broker.handle(renew(), one.signal);
  void broker.handle(renew(), two.signal);
  await tick();
  one.abort();
  assert.equal(broker.shown()?.callers, 1);
  two.abort();
  assert.equal(broker.shown(), null);
  assert.deepEqual(await broker.handle({ v: 2, type: 'mfaProcess', profile: 'default', asker: { command: 'exec' } }, new AbortController().signal), { v: 2, ok: true });
  assert.deepEqual(log, ['show mfa #1', 'hide mfa abandoned', 'notice default']);
});
