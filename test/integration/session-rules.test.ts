/**
 * Which profile a login writes, and what it refuses to replace, through the built CLI against the
 * emulator: targets per source profile, another source profile's session left alone, and a
 * section with aws_session_token treated as a session whatever its key prefix (moto's AKIA keys).
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ keys: ['default', 'work'] }, () => {
  serial = w.serial;
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n\n[profile work]\nmfa_serial = ${serial}\n`);
});
let serial: string;
const code = () => w.emulator.nextFreshCode(serial);
const login = (...args: string[]) => runCli(w.env, ['login', ...args, '--json']);

beforeEach(() => {
  w.emulator.sessionKeyPrefix = 'ASIA';
  w.writeCredentials('[keep]\nregion = eu-west-1\n');
  w.settings.write({ ...w.settings.read(), profiles: [] });
});

test('default writes mfa, any other source profile p writes p-mfa', async () => {
  const a = await login('default', '--code', code());
  assert.equal(a.stderr, '');
  assert.equal((JSON.parse(a.stdout) as { target: string }).target, 'mfa');
  const b = await login('work', '--code', code());
  assert.equal(b.stderr, '');
  assert.equal((JSON.parse(b.stdout) as { target: string }).target, 'work-mfa');
  const text = w.credentialsText()!;
  assert.match(text, /\[mfa\]/);
  assert.match(text, /\[work-mfa\]/);
  const status = JSON.parse((await runCli(w.env, ['status', '--json'])).stdout) as { profile: string; target: string }[];
  assert.deepEqual(status.map((s) => `${s.profile}->${s.target}`).sort(), ['default->mfa', 'work->work-mfa']);
});

test("a login never replaces another source profile's session: one sentence naming both, nothing written", async () => {
  assert.equal((await login('default', '--code', code())).code, 0);
  const before = w.credentialsText();
  const stsCalls = w.emulator.requests.length;
  const r = await login('work', '--target', 'mfa', '--code', code());
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    'Profile mfa holds the session of source profile default, so work cannot log in to it; choose another target with --target (work writes to work-mfa by default).\n',
  );
  assert.equal(w.credentialsText(), before);
  assert.equal(w.emulator.requests.length, stsCalls, 'refused before the code is spent');

  // The owner itself renews its target as often as it likes.
  assert.equal((await login('default', '--code', code())).code, 0);
});

test('a target the settings give to another source profile is refused even before it holds a session', async () => {
  w.settings.write({ ...w.settings.read(), profiles: [{ sourceProfile: 'default', target: 'shared' }] });
  const r = await login('work', '--target', 'shared', '--code', code());
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^Profile shared holds the session of source profile default, so work cannot log in to it/);
  assert.equal(w.credentialsText(), '[keep]\nregion = eu-west-1\n');
});

test('AKIA-prefixed session keys (moto) with a session token are a session the tool renews', async () => {
  w.emulator.sessionKeyPrefix = 'AKIA';
  const first = await login('default', '--code', code());
  assert.equal(first.stderr, '');
  assert.match(w.credentialsText()!, /\[mfa\]\naws_access_key_id = AKIA/);
  const second = await login('default', '--code', code());
  assert.equal(second.stderr, '', 'the second login replaces the AKIA session');
  assert.equal(second.code, 0);
  const cp = await runCli(w.env, ['credential-process', 'mfa']);
  assert.equal(cp.code, 0);
  assert.match((JSON.parse(cp.stdout) as { AccessKeyId: string }).AccessKeyId, /^AKIA/);
});

test('long-term keys (an access key without a session token) are never overwritten; an ASIA key without a token is', async () => {
  w.writeCredentials(`[mfa]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${'s'.repeat(40)}\n`);
  const r = await login('default', '--code', code());
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^Profile mfa in the credentials file holds long-term keys; choose another target profile/);
  assert.equal(w.credentialsText(), `[mfa]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${'s'.repeat(40)}\n`);

  // Keys with another prefix (LocalStack's "test") are someone's long-term keys too.
  w.writeCredentials('[mfa]\naws_access_key_id = test\naws_secret_access_key = test\n');
  assert.equal((await login('default', '--code', code())).code, 2);

  // The remains of a session (no token) hold nothing usable: replaced.
  w.writeCredentials('[mfa]\naws_access_key_id = ASIAREMAINSREMAINS00\n');
  const ok = await login('default', '--code', code());
  assert.equal(ok.stderr, '');
  assert.match(w.credentialsText()!, /aws_session_token = /);
});
