/**
 * `credential_process = aws-mfa-tray credential-process mfa` used by the real AWS CLI and botocore
 * against the emulator: a valid session answered from the file (no keychain), an expired one
 * renewed through mfa_process (source a), and with no code source at all (source d) one sentence.
 * The tray app (b) is in test/app/renew-socket.test.ts, the terminal (c) in terminal-prompt.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeEach, test } from 'node:test';
import { runCli, runProcess } from '../helpers/cli';
import { awsWhoAmI, botocoreWhoAmI, hasAwsCli, hasBotocore, peerEnv } from '../helpers/peers';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ keys: ['default'] }, () => {
  env = peerEnv(w);
  serial = w.serial;
  codeFile = path.join(w.home, 'code.txt');
});
let env: NodeJS.ProcessEnv;
let serial: string;
let codeFile: string;
const past = '2020-01-01T00:00:00Z';

function config(extra = ''): void {
  w.writeConfig(
    `[default]\nmfa_serial = ${serial}\n${extra}\n[profile dev]\ncredential_process = aws-mfa-tray credential-process mfa\nregion = us-east-1\n`,
  );
}

/** An expired session of default in [mfa], as the tool wrote it yesterday. */
function expiredSession(): void {
  w.writeCredentials(`[mfa]\naws_access_key_id = ASIAEXPIREDEXPIRED00\naws_secret_access_key = ${'e'.repeat(40)}\naws_session_token = old\naws_credential_expiration = ${past}\n`);
}

const sessionCalls = () => w.emulator.requests.filter((r) => r.action === 'GetSessionToken').length;

beforeEach(() => config());

test('a valid session is answered from the file, without the keychain or AWS', async () => {
  assert.equal((await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)])).code, 0);
  const calls = w.emulator.requests.length;
  // A keychain that cannot be reached proves it is not asked.
  const noKeychain = { ...env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
  const loaded = path.join(w.home, 'loaded.txt');
  const recording = { ...noKeychain, RECORD_REQUIRES: loaded, NODE_OPTIONS: `--require ${path.resolve(__dirname, '../helpers/record-requires.cjs')}` };
  const cp = await runProcess('aws-mfa-tray', ['credential-process', 'mfa'], { env: recording, detached: true });
  assert.equal(cp.stderr, '');
  // Nothing but the fast path: not the program, not the SDK bundle, not keytar, not the network modules.
  const modules = readFileSync(loaded, 'utf8').split('\n');
  assert.ok(modules.some((m) => m.endsWith(`dist${path.sep}cli.js`)), modules.join(' '));
  for (const heavy of ['cli-program.js', 'aws.js', 'keytar', 'node:net', 'node:child_process', 'node:tls', 'commander']) {
    assert.ok(!modules.some((m) => m.endsWith(heavy)), `${heavy} is not loaded: ${modules.join(' ')}`);
  }
  const out = JSON.parse(cp.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(out), ['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
  assert.equal(w.emulator.requests.length, calls, 'no AWS call');

  for (const [name, run, skip] of [
    ['aws CLI', awsWhoAmI, !hasAwsCli],
    ['botocore', botocoreWhoAmI, !hasBotocore],
  ] as const) {
    if (skip) continue;
    const r = await run(noKeychain, 'dev');
    assert.equal(r.stderr, '', name);
    assert.match((JSON.parse(r.stdout) as { Arn: string }).Arn, /:user\/alice$/, name);
  }
  assert.equal(sessionCalls(), 1, 'only the login made a session');
});

test('source a: an expired session is renewed through mfa_process, for the AWS CLI and botocore', async () => {
  config(`mfa_process = cat ${codeFile}\n`);
  for (const [name, run, skip] of [
    ['aws CLI', awsWhoAmI, !hasAwsCli],
    ['botocore', botocoreWhoAmI, !hasBotocore],
  ] as const) {
    if (skip) continue;
    expiredSession();
    writeFileSync(codeFile, `${w.emulator.nextFreshCode(serial)}\n`);
    const before = sessionCalls();
    const r = await run(env, 'dev');
    assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    assert.match((JSON.parse(r.stdout) as { Arn: string }).Arn, /:user\/alice$/, name);
    assert.equal(sessionCalls(), before + 1, `${name}: one STS call`);
    const text = w.credentialsText()!;
    assert.ok(!text.includes('ASIAEXPIREDEXPIRED00'), `${name}: the session was replaced in the file`);
    assert.ok(Date.parse(/aws_credential_expiration = (\S+)/.exec(text)![1]!) > Date.now() + 11 * 3600_000);
  }
});

test('source a: mfa_process that fails, or prints no code, is one sentence and changes nothing', async () => {
  for (const [cmd, sentence] of [
    ['exit 3', /^The mfa_process of profile default failed \(exit status 3\); run `exit 3` in a terminal to see why\.\n$/],
    ['echo not-a-code', /^The mfa_process of profile default printed something other than a 6-digit code; make it print only the code\.\n$/],
    ['printf 12345', /^The mfa_process of profile default printed something other than a 6-digit code/],
  ] as const) {
    config(`mfa_process = ${cmd}\n`);
    expiredSession();
    const before = w.credentialsText();
    const r = await runProcess('aws-mfa-tray', ['credential-process', 'mfa'], { env, detached: true });
    assert.equal(r.code, 1, cmd);
    assert.equal(r.stdout, '', cmd);
    assert.match(r.stderr.replace(/^Getting the MFA code[^\n]*\n/, ''), sentence);
    assert.equal(w.credentialsText(), before, cmd);
  }
});

test('eight concurrent calls on an expired target: one mfa_process run, one STS call, eight identical answers', async () => {
  const runs = path.join(w.home, 'runs');
  writeFileSync(runs, '');
  // The command counts its runs, then prints the code.
  config(`mfa_process = echo run >> ${runs} && cat ${codeFile}\n`);
  expiredSession();
  writeFileSync(codeFile, w.emulator.nextFreshCode(serial));
  const before = sessionCalls();
  const answers = await Promise.all(Array.from({ length: 8 }, () => runProcess('aws-mfa-tray', ['credential-process', 'mfa'], { env, detached: true })));
  for (const a of answers) assert.equal(a.code, 0, a.stderr);
  assert.equal(new Set(answers.map((a) => a.stdout)).size, 1, 'eight identical answers');
  assert.equal(sessionCalls(), before + 1, 'one STS call');
  assert.equal(readFileSync(runs, 'utf8'), 'run\n', 'one mfa_process run');
});

test('source d: no mfa_process, no tray app, no terminal: exit 1 with one sentence, stdout empty', async () => {
  expiredSession();
  const before = sessionCalls();
  const r = await runProcess('aws-mfa-tray', ['credential-process', 'mfa'], { env, detached: true });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    'Profile mfa needs a new session and there is nowhere to ask for an MFA code: start the aws-mfa-tray app, set mfa_process for profile default in the AWS config file, or run "aws-mfa-tray login default" in a terminal.\n',
  );
  assert.equal(sessionCalls(), before);
  if (hasAwsCli) {
    const aws = await awsWhoAmI(env, 'dev');
    assert.notEqual(aws.code, 0);
    assert.match(aws.stderr, /nowhere to ask for an MFA code/, 'the AWS CLI shows our sentence');
  }
  if (hasBotocore) {
    const boto = await botocoreWhoAmI(env, 'dev');
    assert.notEqual(boto.code, 0);
    assert.match(boto.stderr, /nowhere to ask for an MFA code/, 'botocore shows our sentence');
  }
  // login without --code says to give one (exit 2).
  const login = await runProcess('aws-mfa-tray', ['login', 'default'], { env, detached: true });
  assert.equal(login.code, 2);
  assert.match(login.stderr, /^Give the 6-digit code from your MFA device with --code, e\.g\. "aws-mfa-tray login default --code 123456" \(profile default has no mfa_process/);
});

test('under 5 minutes left and nowhere to ask for a code: the session still works, with a warning on stderr', async () => {
  const soon = new Date(Date.now() + 3 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  w.writeCredentials(`[mfa]\naws_access_key_id = ASIASOONSOONSOON0000\naws_secret_access_key = ${'s'.repeat(40)}\naws_session_token = tok\naws_credential_expiration = ${soon}\n`);
  const r = await runProcess('aws-mfa-tray', ['credential-process', 'mfa'], { env, detached: true });
  assert.equal(r.code, 0);
  assert.equal((JSON.parse(r.stdout) as { AccessKeyId: string }).AccessKeyId, 'ASIASOONSOONSOON0000');
  assert.match(r.stderr, new RegExp(`nowhere to ask for an MFA code.* Until then the session in profile mfa is used; it expires at ${soon.slice(0, 16).replace('T', ' ')} UTC\\.\\n$`));
});

test("a target named by nothing but the tool's session records is renewed with that source profile's keys", async () => {
  await w.storeKeys('ops');
  w.writeConfig(`[profile ops]\nmfa_serial = ${serial}\nmfa_process = cat ${codeFile}\n`);
  const login = await runCli(w.env, ['login', 'ops', '--target', 'nightly', '--code', w.emulator.nextFreshCode(serial)]);
  assert.equal(login.code, 0, login.stderr);
  // Expire it in the file, keeping the record: only sessions.json says ops made it.
  w.writeCredentials(w.credentialsText()!.replace(/aws_credential_expiration = \S+/, `aws_credential_expiration = ${past}`));
  writeFileSync(codeFile, w.emulator.nextFreshCode(serial));
  const r = await runProcess('aws-mfa-tray', ['credential-process', 'nightly'], { env, detached: true });
  assert.equal(r.code, 0, r.stderr);
  const status = JSON.parse((await runCli(w.env, ['status', '--json'])).stdout) as { profile: string; target: string }[];
  assert.ok(status.some((x) => x.target === 'nightly' && x.profile === 'ops'));
});

test('a target nothing says how to renew is one sentence', async () => {
  const r = await runProcess('aws-mfa-tray', ['credential-process', 'prod'], { env, detached: true });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'No source profile is known for profile prod (its name does not end in -mfa, and aws-mfa-tray has not written a session there); log in to it once with "aws-mfa-tray login <source profile> --target prod".\n');
});
