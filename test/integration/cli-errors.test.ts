/**
 * Every failure of `login` (and key entry) through the built CLI: one sentence on stderr, the
 * contract's exit code, and not one byte changed under HOME (settings and state included).
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { runCli, type CliResult } from '../helpers/cli';
import { snapshot } from '../helpers/snapshot';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ defaultProfile: true }, () => {
  serial = w.serial;
});
let serial: string;
const FILE = '# keep me\n[other]\naws_access_key_id = AKIAOTHEROTHEROTHER1\naws_secret_access_key = ' + 'x'.repeat(40) + '\n';
beforeEach(() => {
  w.writeCredentials(FILE);
  w.emulator.resetFaults();
});

/** Runs the CLI and checks: exit code, exactly one line on stderr matching `sentence`, nothing on stdout, no file changed. */
async function refuses(args: string[], exit: 1 | 2, sentence: RegExp, opts: { env?: NodeJS.ProcessEnv; stdin?: string; sendsRequest?: boolean } = {}): Promise<CliResult> {
  const before = snapshot(w.home);
  const requests = w.emulator.requests.length;
  const r = await runCli(opts.env ?? w.env, args, opts.stdin);
  assert.equal(r.code, exit, `exit code for ${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^[^\n]+\n$/, `one line on stderr, got ${JSON.stringify(r.stderr)}`);
  assert.match(r.stderr, sentence);
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+|Error:|undefined/, 'no stack trace or raw error');
  assert.ok(!r.stderr.includes(w.user.secretAccessKey), 'no secret in the message');
  assert.deepEqual(snapshot(w.home), before, 'no file changed');
  if (opts.sendsRequest === false) assert.equal(w.emulator.requests.length, requests, 'refused before any AWS call');
  return r;
}

const login = (code: string, ...more: string[]): string[] => ['login', 'default', '--code', code, ...more];

test('codes that are not 6 digits are refused before any call (exit 2)', async () => {
  for (const code of ['', '12345', '1234567', 'abcdef', '１２３４５６', '12 34 5']) {
    await refuses(login(code), 2, /^The MFA code must be exactly 6 digits/, { sendsRequest: false });
  }
});

test('durations outside 900-129600 s are refused before any call (exit 2)', async () => {
  for (const d of ['0', '899', '129601', 'ten', '1e4']) {
    await refuses(login('123456', '--duration', d), 2, /^The session duration must be a whole number of seconds from 900 to 129600/, { sendsRequest: false });
  }
});

test('bad profile names, targets and serials are refused (exit 2)', async () => {
  await refuses(['login', 'a]b', '--code', '123456'], 2, /^The profile name must be 1 to 64 characters/, { sendsRequest: false });
  await refuses(login('123456', '--target', 'x\n[default]'), 2, /^The target profile name must be/, { sendsRequest: false });
  await refuses(login('123456', '--target', 'default'), 2, /must differ from the source profile/, { sendsRequest: false });
  await refuses(login('123456', '--serial', 'arn:aws:iam::123456789012:user/alice'), 2, /^The MFA serial must be a device ARN/, { sendsRequest: false });
  await refuses(login('123456', '--serial', 'arn:aws:iam::123456789012:u2f/user/alice/key-ABC'), 2, /FIDO security key/, { sendsRequest: false });
});

test('usage errors from the argument parser are one sentence too (exit 2)', async () => {
  const cases: [string[], RegExp][] = [
    [['login', 'default'], /^Give the 6-digit code from your MFA device with --code, e\.g\. "aws-mfa-tray login default --code 123456" \(profile default has no mfa_process, no aws-mfa-tray app is running and there is no terminal to ask on\)\.\n$/],
    [['login', '--code', '123456'], /^Missing the <profile> argument; see "aws-mfa-tray login --help"\.\n$/],
    [['logon', 'default'], /^Unknown command 'logon' \(did you mean login\?\); see "aws-mfa-tray --help"\.\n$/],
    [['status', '--jsn'], /^Unknown option '--jsn' \(did you mean --json\?\); see "aws-mfa-tray status --help"\.\n$/],
  ];
  for (const [args, sentence] of cases) {
    const r = await runCli(w.env, args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, sentence);
  }
  const help = await runCli(w.env, ['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /credential-process <target>/);
});

test('a wrong code: AWS refuses, exit 1', async () => {
  await refuses(login(w.emulator.wrongCode(serial)), 1, /code/i);
});

test('a code used twice: one sentence and exit 1 whoever notices, the local record (no request) or AWS', async () => {
  const code = w.emulator.nextFreshCode(serial);
  const ok = await runCli(w.env, login(code));
  assert.equal(ok.code, 0, ok.stderr);
  w.writeCredentials(FILE);
  const sentence = 'This MFA code was already used; wait for your MFA device to show the next code (up to 30 seconds) and enter that one.\n';
  const local = await refuses(login(code), 1, /^This MFA code was already used/, { sendsRequest: false });
  // Another machine (or a lost state file) does not know the code was used: AWS says so.
  const env = { ...w.env, AWS_MFA_TRAY_HOME: `${w.home}/other-settings` };
  const requests = w.emulator.requests.length;
  const remote = await refuses(login(code), 1, /^This MFA code was already used/, { env });
  assert.ok(w.emulator.requests.length > requests, 'this time AWS was asked');
  assert.equal(local.stderr, sentence);
  assert.equal(remote.stderr, sentence);
  const ja = await refuses(login(code), 1, /^この MFA コードは使用済みです。/, { env: { ...w.env, LANG: 'ja_JP.UTF-8' }, sendsRequest: false });
  assert.equal(ja.stderr, 'この MFA コードは使用済みです。MFA デバイスに次のコードが表示されるまで（最大 30 秒）待ち、そのコードを入力してください。\n');
});

test('a serial that is not this user’s device: exit 1', async () => {
  await refuses(login(w.emulator.totp(serial), '--serial', 'arn:aws:iam::123456789012:mfa/mallory'), 1, /serial|device/i);
});

test('unknown key and wrong secret: exit 1, each with its own sentence', async () => {
  await w.keychain.set('ghost', { accessKeyId: 'AKIAGHOSTGHOSTGHOST1', secretAccessKey: 'g'.repeat(40) });
  await refuses(['login', 'ghost', '--code', '123456', '--serial', serial], 1, /access key/i);
  await w.keychain.set('badsecret', { accessKeyId: w.user.accessKeyId, secretAccessKey: 'b'.repeat(40) });
  await refuses(['login', 'badsecret', '--code', '123456', '--serial', serial], 1, /secret/i);
});

test('clock skew: the offset is stated, exit 1', async () => {
  w.emulator.faults.skewSeconds = 20 * 60;
  await refuses(login(w.emulator.totp(serial)), 1, /clock is 20 minutes behind/);
  w.emulator.faults.skewSeconds = -20 * 60;
  await refuses(login(w.emulator.totp(serial)), 1, /clock is 20 minutes ahead/);
});

test('throttling: exit 1', async () => {
  w.emulator.faults.throttle = 100;
  await refuses(login('111111'), 1, /too many requests|throttl|rate/i);
});

test('network down and timeout: exit 1', async () => {
  await refuses(login('123456'), 1, /reach|network|connect/i, { env: { ...w.env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' } });
  w.emulator.faults.delayMs = 3000;
  await refuses(login('222222'), 1, /time|answer/i, { env: { ...w.env, AWS_MFA_TRAY_TIMEOUT_MS: '500' } });
});

test('keys that are session keys (ASIA...) are refused (exit 2)', async () => {
  await refuses(['keys', 'set', 'tmp', '--access-key-id', 'ASIAEXAMPLEEXAMPLE12'], 2, /starts with ASIA, so it is a temporary session key/, {
    stdin: `${'s'.repeat(40)}\n`,
  });
  w.writeCredentials(`[tmp]\naws_access_key_id = ASIAEXAMPLEEXAMPLE12\naws_secret_access_key = ${'s'.repeat(40)}\naws_session_token = abc\n`);
  await refuses(['keys', 'import', 'tmp'], 2, /temporary session keys/);
});

test('no keys in the keychain: exit 1 and says how to add them', async () => {
  await refuses(['login', 'nobody', '--code', '123456'], 1, /^No long-term keys for profile nobody in the keychain; add them with/, { sendsRequest: false });
});

test('an unparsable credentials file is refused before the code is spent (exit 1)', async () => {
  w.writeCredentials('[mfa]\na=1\n[mfa]\nb=2\n');
  await refuses(login(w.emulator.totp(serial)), 1, /credentials/i, { sendsRequest: false });
});

test('a target holding long-term keys is never overwritten (exit 2)', async () => {
  await refuses(login('123456', '--target', 'other'), 2, /^Profile other in the credentials file holds long-term keys/, { sendsRequest: false });
});

test('keychain unavailable: exit 1, says what to do, no plaintext fallback', async () => {
  const env = { ...w.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
  await refuses(['login', 'default', '--code', '123456'], 1, /^The keychain is not available/, { env, sendsRequest: false });
  await refuses(['keys', 'set', 'x', '--access-key-id', 'AKIAEXAMPLEEXAMPLE12'], 1, /^The keychain is not available/, {
    env,
    stdin: `${'s'.repeat(40)}\n`,
  });
});
