/**
 * The IPC handlers over the real core: inputs validated, errors as result objects with one
 * sentence, and no reply ever carries a secret access key.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHANNELS } from '../../main/ipc/contract';
import { worldSuite } from '../helpers/world';

const w = worldSuite();
const replies: string[] = [];

async function call<T>(p: Promise<T>): Promise<T> {
  const r = await p;
  replies.push(JSON.stringify(r));
  return r;
}

test('add a profile with keys, log in, see the session; no reply holds the secret', async () => {
  const serial = w.serial;
  const saved = await call(
    w.handlers.saveProfile({
      original: null,
      entry: { sourceProfile: 'work', target: 'work-mfa' },
      accessKeyId: w.user.accessKeyId,
      secretAccessKey: w.user.secretAccessKey,
    }),
  );
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.equal(saved.value.hasKeys, true);
  assert.equal(saved.value.accessKeyIdMasked, `${w.user.accessKeyId.slice(0, 4)}…${w.user.accessKeyId.slice(-4)}`);

  const devices = await call(w.handlers.discoverDevices({ sourceProfile: 'work' }));
  assert.ok(devices.ok);
  assert.deepEqual(devices.value.map((d) => d.serial), [serial]);

  const bad = await call(w.handlers.login({ sourceProfile: 'work', code: '12345' }));
  assert.deepEqual(bad, { ok: false, error: { code: 'BadInput', message: 'The MFA code must be exactly 6 digits (0-9); type the code your MFA device shows.' } });

  const ok = await call(w.handlers.login({ sourceProfile: 'work', code: w.emulator.nextFreshCode(serial) }));
  assert.ok(ok.ok, JSON.stringify(ok));
  assert.equal(ok.value.target, 'work-mfa');

  const state = await call(w.handlers.getState(null));
  assert.ok(state.ok);
  assert.equal(state.value.profiles[0]?.expiration, ok.value.expiration);
  assert.equal(state.value.profiles[0]?.serial, serial, 'discovered serial remembered on the entry');
  assert.ok(w.ui.stateChanges >= 2);

  for (const r of replies) assert.ok(!r.includes(w.user.secretAccessKey), 'no reply carries the long-term secret');
});

test('every handler refuses malformed input with an error result, never a throw', async () => {
  for (const channel of CHANNELS) {
    if (channel === 'getState' || channel === 'hideWindow' || channel === 'openSettings' || channel === 'closeSettings') continue;
    for (const req of [null, 'x', 42, [], { sourceProfile: 'a]' }, { entry: { sourceProfile: '[x', target: 'y' } }]) {
      const r: { ok: boolean; error?: { message: string } } = await w.handlers[channel](req);
      assert.equal(r.ok, false, `${channel}(${JSON.stringify(req)})`);
      assert.match(r.error?.message ?? '', /^[^\n]+$/);
    }
  }
});

test('importing plaintext keys configures the profile and removes just those lines', async () => {
  w.writeCredentials(`[legacy]\naws_access_key_id = ${w.user.accessKeyId}\naws_secret_access_key = ${w.user.secretAccessKey}\noutput = json\n`);
  const st = await w.handlers.getState(null);
  assert.ok(st.ok);
  assert.deepEqual(st.value.importable, ['legacy']);
  const r = await w.handlers.importKeys({ sourceProfile: 'legacy' });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.hasKeys, true);
  assert.equal(r.value.plaintextKeysInFile, false);
  assert.ok(w.credentialsText()!.startsWith('[legacy]\noutput = json\n'));
});

test('a profile too long to name its session profile is not imported, and nothing changes', async () => {
  const long = 'p'.repeat(62); // a valid name, but "<name>-mfa" is 66 characters
  const previous = w.credentialsText() ?? '';
  const text = `[${long}]\naws_access_key_id = ${w.user.accessKeyId}\naws_secret_access_key = ${w.user.secretAccessKey}\n`;
  w.writeCredentials(text);
  const settingsBefore = JSON.stringify(w.settings.read());
  const r = await w.handlers.importKeys({ sourceProfile: long });
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'BadInput');
  assert.match(r.error.message, new RegExp(`^Profile ${long} is too long to name its session profile ${long}-mfa \\(64 characters at most\\); nothing was changed\\.`));
  assert.ok(!r.error.message.includes(w.user.secretAccessKey));
  assert.equal(await w.keychain.get(long), null, 'the keys stayed out of the keychain');
  assert.equal(w.credentialsText(), text, 'the credentials file is unchanged');
  assert.equal(JSON.stringify(w.settings.read()), settingsBefore, 'the settings are unchanged');
  w.writeCredentials(previous);
});

test('preferences are validated and saved', async () => {
  const bad = await w.handlers.savePreferences({ startAtLogin: true, warnMinutesBefore: -5, removeExpired: true, language: 'en' });
  assert.equal(bad.ok, false);
  const good = await w.handlers.savePreferences({ startAtLogin: false, warnMinutesBefore: 15, removeExpired: false, language: 'ja' });
  assert.ok(good.ok);
  assert.equal(w.settings.read().preferences.warnMinutesBefore, 15);
  const st = await w.handlers.getState(null);
  assert.ok(st.ok && st.value.locale === 'ja');
});

test('removing a profile deletes its entry and its keychain keys', async () => {
  const r = await w.handlers.removeProfile({ sourceProfile: 'work' });
  assert.ok(r.ok);
  assert.equal(await w.keychain.get('work'), null);
  assert.ok(!w.settings.read().profiles.some((p) => p.sourceProfile === 'work'));
});
