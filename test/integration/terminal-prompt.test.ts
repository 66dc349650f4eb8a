/**
 * Source c, the controlling terminal, on a real pseudo-terminal (Python's pty module): the AWS CLI
 * runs `credential_process = aws-mfa-tray credential-process mfa` with its stdout and stderr piped,
 * so the prompt must come on /dev/tty, without echo, naming the profile and who asked; a refused
 * code is said and asked again; Ctrl+C at the prompt ends the command like an interrupt.
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { runOnPty } from '../helpers/pty';
import { BOTOCORE_WHOAMI, hasAwsCli, hasBotocore, peerEnv } from '../helpers/peers';
import { worldSuite } from '../helpers/world';
import { posixOnly } from '../helpers/platform';

const PTY = posixOnly("Python's pty module drives a POSIX pseudo-terminal; the Windows console prompt is a manual check (docs/manual-check.md)");

const w = worldSuite({ keys: ['default'] }, () => {
  env = peerEnv(w);
  serial = w.serial;
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n\n[profile dev]\ncredential_process = aws-mfa-tray credential-process mfa\nregion = us-east-1\n`);
});
let env: NodeJS.ProcessEnv;
let serial: string;
const sessionCalls = () => w.emulator.requests.filter((r) => r.action === 'GetSessionToken').length;

beforeEach(() => {
  w.writeCredentials(`[mfa]\naws_access_key_id = ASIAEXPIREDEXPIRED00\naws_secret_access_key = ${'e'.repeat(40)}\naws_session_token = old\naws_credential_expiration = 2020-01-01T00:00:00Z\n`);
});

test('the AWS CLI with an expired session: a prompt on the terminal, no echo, only JSON on stdout', { skip: PTY || (hasAwsCli ? false : 'no AWS CLI on PATH that honours AWS_ENDPOINT_URL_STS') }, async () => {
  const code = w.emulator.nextFreshCode(serial);
  const r = await runOnPty(['aws', 'sts', 'get-caller-identity', '--profile', 'dev', '--output', 'json'], env, [
    { expect: 'MFA code for profile default \\(credential_process for profile mfa, run by aws\\): ', send: `${code}\r` },
  ]);
  assert.equal(r.timedOut, false, r.transcript);
  assert.equal(r.code, 0, r.transcript);
  assert.ok(!r.transcript.includes(code), 'the code is not echoed');
  assert.match(r.transcript, /"Arn": "arn:aws:iam::123456789012:user\/alice"/);
  assert.equal(sessionCalls() > 0, true);
});

test('botocore with an expired session: the same prompt on the terminal', { skip: PTY || (hasBotocore ? false : 'no botocore (1.31 or later) for python3') }, async () => {
  const code = w.emulator.nextFreshCode(serial);
  const r = await runOnPty(['python3', '-c', BOTOCORE_WHOAMI, 'dev'], env, [
    { expect: 'MFA code for profile default \\(credential_process for profile mfa, run by python3\\): ', send: `${code}\r` },
  ]);
  assert.equal(r.code, 0, r.transcript);
  assert.ok(!r.transcript.includes(code), 'the code is not echoed');
  assert.match(r.transcript, /"Arn": "arn:aws:iam::123456789012:user\/alice"/);
});

test('a refused code is said on the terminal and asked again; the right one then works', { skip: PTY }, async () => {
  const wrong = w.emulator.wrongCode(serial);
  const before = sessionCalls();
  const r = await runOnPty(['aws-mfa-tray', 'credential-process', 'mfa'], env, [
    { expect: 'MFA code for profile default \\(credential_process for profile mfa', send: '12a\r' },
    { expect: 'The MFA code is 6 digits \\(0-9\\)\\.\\r?\\nMFA code for profile default', send: `${wrong}\r` },
    { expect: 'MFA code for profile default', send: `${w.emulator.nextFreshCode(serial)}\r` },
  ]);
  assert.equal(r.code, 0, r.transcript);
  assert.match(r.transcript, /AWS did not accept this MFA code; type the 6-digit code your MFA device shows now[^\n]*\r?\nMFA code for profile default/, 'the refusal is said before asking again');
  assert.match(r.transcript, /\{"Version":1,"AccessKeyId":"ASIA/);
  assert.equal(sessionCalls(), before + 2, 'the wrong code and the right one');
});

test('Ctrl+C at the prompt ends the command with 130 and changes nothing', { skip: PTY }, async () => {
  const text = w.credentialsText();
  const r = await runOnPty(['aws-mfa-tray', 'credential-process', 'mfa'], env, [{ expect: 'MFA code for profile default', send: '12\u0003' }]);
  assert.equal(r.code, 130, r.transcript);
  assert.equal(w.credentialsText(), text);
});

test('login without --code in a terminal prompts, in Japanese when LANG is ja', { skip: PTY }, async () => {
  const r = await runOnPty(['aws-mfa-tray', 'login', 'default'], { ...env, LANG: 'ja_JP.UTF-8' }, [
    { expect: 'MFA コード（プロファイル default、プロファイル mfa へのログイン）: ', send: `${w.emulator.nextFreshCode(serial)}\r` },
  ]);
  assert.equal(r.code, 0, r.transcript);
  assert.match(r.transcript, /プロファイル mfa は .* まで使えます/);
});
