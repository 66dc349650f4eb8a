/**
 * `logout <target>` removes the session aws-mfa-tray wrote, and its record, leaving every other
 * byte as it was (login then logout gives the original file back); long-term keys and sessions
 * written by someone else are refused with one sentence and no change.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ defaultProfile: true }, () => {
  serial = w.serial;
});
let serial: string;

const login = async (): Promise<void> => {
  const r = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)]);
  assert.equal(r.code, 0, r.stderr);
};
const records = (): unknown[] => (JSON.parse(readFileSync(`${w.paths.settingsDir}/sessions.json`, 'utf8')) as { sessions: unknown[] }).sessions;

test('login then logout gives the original bytes back; status and the records forget the session', async () => {
  const original = '# my file\r\n[default]\r\nregion = eu-west-1\r\n\r\n[other]\r\noutput = json\r\n';
  w.writeCredentials(original);
  await login();
  assert.notEqual(w.credentialsText(), original);
  const r = await runCli(w.env, ['logout', 'mfa']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, 'Removed the session from profile mfa.\n', '']);
  assert.equal(w.credentialsText(), original);
  assert.deepEqual(records(), []);
  assert.equal((await runCli(w.env, ['status', '--json'])).stdout, '[]\n');

  const again = await runCli(w.env, ['logout', 'mfa']);
  assert.deepEqual([again.code, again.stdout, again.stderr], [1, '', 'Profile mfa holds no session, so there was nothing to log out of; "aws-mfa-tray status" lists the sessions there are.\n']);
  assert.equal(w.credentialsText(), original);
});

test('settings the user added to the session section stay, with the section', async () => {
  w.writeCredentials('[default]\nregion = eu-west-1\n');
  await login();
  w.writeCredentials(`${w.credentialsText()!}region = ap-northeast-1\n`);
  const r = await runCli(w.env, ['logout', 'mfa']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(w.credentialsText(), '[default]\nregion = eu-west-1\n\n[mfa]\nregion = ap-northeast-1\n');
});

test('long-term keys and a session someone else wrote are refused (exit 2), the file unchanged', async () => {
  const keys = `[default]\naws_access_key_id = AKIAOTHEROTHEROTHER1\naws_secret_access_key = ${'x'.repeat(40)}\n`;
  w.writeCredentials(keys);
  const r = await runCli(w.env, ['logout', 'default']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'Profile default holds long-term keys, not a session, so it was left as it is; logout only removes sessions aws-mfa-tray wrote.\n');
  assert.equal(w.credentialsText(), keys);

  const foreign = `${keys}\n[theirs]\naws_access_key_id = ASIAFOREIGNFOREIGN01\naws_secret_access_key = s\naws_session_token = t\n`;
  w.writeCredentials(foreign);
  const ja = await runCli({ ...w.env, LANG: 'ja_JP.UTF-8' }, ['logout', 'theirs']);
  assert.equal(ja.code, 2);
  assert.equal(ja.stderr, 'プロファイル theirs のセッションは aws-mfa-tray が書き込んだものではないため、そのままにしました。不要なら手で削除してください。\n');
  assert.equal(w.credentialsText(), foreign);
});

test('a bad target name is refused before anything is read (exit 2)', async () => {
  const r = await runCli(w.env, ['logout', 'a]b']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^The target profile name must be 1 to 64 characters/);
});
