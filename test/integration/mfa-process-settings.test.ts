/**
 * The code command (mfa_process) kept per profile in the app's settings: used by the CLI when the
 * AWS config file has none, and written into the config file only when the user asks (every other
 * byte of that file kept).
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ keys: ['default'] }, () => {
  serial = w.serial;
});
let serial: string;

const view = async (profile: string) => {
  const s = await w.handlers.getState(null);
  assert.ok(s.ok);
  return s.value.profiles.find((p) => p.sourceProfile === profile)!;
};

test('kept in the settings only unless asked; the CLI uses it when the config file has none', async () => {
  const codeFile = path.join(w.home, 'code');
  const cmd = `cat ${codeFile}`;
  const saved = await w.handlers.saveProfile({ original: null, entry: { sourceProfile: 'default', target: 'mfa', serial, mfaProcess: cmd } });
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.equal(saved.value.mfaProcess, cmd);
  assert.equal(saved.value.mfaProcessInConfig, null);
  assert.equal(existsSync(w.paths.configFile), false, 'the config file is not touched');
  assert.equal(w.settings.read().profiles[0]!.mfaProcess, cmd);

  w.writeCredentials(`[mfa]\naws_access_key_id = ASIAEXPIREDEXPIRED00\naws_secret_access_key = ${'e'.repeat(40)}\naws_session_token = old\naws_credential_expiration = 2020-01-01T00:00:00Z\n`);
  writeFileSync(codeFile, w.emulator.nextFreshCode(serial));
  const r = await runCli(w.env, ['credential-process', 'mfa']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\{"Version":1,"AccessKeyId":"ASIA/);
});

test('written into the config file when asked, every other byte kept', async () => {
  const config = '# mine\n[default]\nregion = eu-west-1\n\n[profile work]\nregion = us-east-1\n';
  w.writeConfig(config);
  const cmd = 'ykman oath accounts code --single "AWS:alice"';
  const saved = await w.handlers.saveProfile({ original: 'default', entry: { sourceProfile: 'default', target: 'mfa', serial, mfaProcess: cmd }, writeMfaProcessToConfig: true });
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.equal(w.configText(), `# mine\n[default]\nregion = eu-west-1\nmfa_process = ${cmd}\n\n[profile work]\nregion = us-east-1\n`);
  assert.equal((await view('default')).mfaProcessInConfig, cmd);

  await w.storeKeys('work');
  const work = await w.handlers.saveProfile({ original: null, entry: { sourceProfile: 'work', target: 'work-mfa', mfaProcess: 'op item get AWS --otp' }, writeMfaProcessToConfig: true });
  assert.ok(work.ok, JSON.stringify(work));
  assert.match(w.configText()!, /\[profile work\]\nregion = us-east-1\nmfa_process = op item get AWS --otp\n$/);
});

test('a command the config file would cut, or one spanning lines, is refused and nothing changes', async () => {
  const before = w.configText();
  const settingsBefore = JSON.stringify(w.settings.read());
  const cut = await w.handlers.saveProfile({ original: 'default', entry: { sourceProfile: 'default', target: 'mfa', mfaProcess: 'get-code ; echo' }, writeMfaProcessToConfig: true });
  assert.equal(cut.ok, false);
  assert.match(!cut.ok ? cut.error.message : '', /would cut this command at " #" or " ;"/);
  const lines = await w.handlers.saveProfile({ original: 'default', entry: { sourceProfile: 'default', target: 'mfa', mfaProcess: 'a\nb' } });
  assert.equal(lines.ok, false);
  assert.match(!lines.ok ? lines.error.message : '', /must be one line/);
  // With new keys in the same save: refused before the keys reach the keychain.
  const withKeys = await w.handlers.saveProfile({
    original: null,
    entry: { sourceProfile: 'fresh', target: 'fresh-mfa', mfaProcess: 'get-code # comment' },
    writeMfaProcessToConfig: true,
    accessKeyId: w.user.accessKeyId,
    secretAccessKey: w.user.secretAccessKey,
  });
  assert.equal(withKeys.ok, false);
  assert.match(!withKeys.ok ? withKeys.error.message : '', /would cut this command at " #" or " ;"/);
  assert.equal(await w.keychain.get('fresh'), null, 'no keys stored for a refused save');
  assert.equal(w.configText(), before);
  assert.equal(JSON.stringify(w.settings.read()), settingsBefore);
});
