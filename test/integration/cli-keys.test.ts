/**
 * After `keys import` (and `keys set`) the CLI says what to do next: plain `aws` no longer finds
 * keys under the source profile, so the session profile must be named. Importing keys the keychain
 * already has says so, for the same keys, other keys, and nothing left to import.
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite();
const OTHER = { accessKeyId: 'AKIAOTHEROTHEROTHER1', secretAccessKey: 'o'.repeat(40) };
beforeEach(async () => {
  await w.keychain.remove('default');
  w.writeCredentials(`[default]\naws_access_key_id = ${w.user.accessKeyId}\naws_secret_access_key = ${w.user.secretAccessKey}\nregion = eu-west-1\n`);
});

const next = 'Next: "aws-mfa-tray login default --code <6 digits>", then use the session with AWS_PROFILE=mfa or --profile mfa (plain aws commands no longer find keys under [default]).';

test('a first import says what moved and what to do next', async () => {
  const r = await runCli(w.env, ['keys', 'import', 'default']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const masked = `${w.user.accessKeyId.slice(0, 4)}…${w.user.accessKeyId.slice(-4)}`;
  assert.equal(r.stdout, `Moved the keys of profile default (${masked}) into the keychain and removed them from the credentials file.\n${next}\n`);
});

test('importing keys the keychain already has says so', async () => {
  await w.storeKeys('default');
  const same = await runCli(w.env, ['keys', 'import', 'default']);
  assert.equal(same.code, 0, same.stderr);
  assert.match(same.stdout, /^The keys of profile default \(AKIA…\w{4}\) were already in the keychain; removed the plaintext copy from the credentials file\.\n/);
  assert.equal(w.credentialsText(), '[default]\nregion = eu-west-1\n');

  const again = await runCli(w.env, ['keys', 'import', 'default']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^The keys of profile default \(AKIA…\w{4}\) are already in the keychain and none are left in the credentials file; nothing to import\.\n/);
  assert.ok(again.stdout.endsWith(`${next}\n`));
});

test('importing other keys than the keychain held names both (masked)', async () => {
  await w.keychain.set('default', OTHER);
  const r = await runCli(w.env, ['keys', 'import', 'default']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Replaced the keys of profile default in the keychain \(AKIA…HER1 before, AKIA…\w{4} now\) and removed them from the credentials file\.\n/);
  assert.deepEqual(await w.keychain.get('default'), { accessKeyId: w.user.accessKeyId, secretAccessKey: w.user.secretAccessKey });
});

test('keys set says what to do next too', async () => {
  const r = await runCli(w.env, ['keys', 'set', 'default', '--access-key-id', w.user.accessKeyId], `${w.user.secretAccessKey}\n`);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.endsWith('\nNext: "aws-mfa-tray login default --code <6 digits>", then use the session with AWS_PROFILE=mfa or --profile mfa.\n'), r.stdout);
});
