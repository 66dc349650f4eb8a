/** The settings file: defaults, validation, 0600, refusal of a damaged file, upsert keeps order. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { UserError } from '../../main/core/errors';
import { defaultSettings, FileSettingsStore, upsertProfile, validateSettings } from '../../main/core/settings';
import { assertMode } from '../helpers/platform';

const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), 'mfa-settings-'));

test('a missing file reads as the defaults; writes are 0600 in a 0700 folder', () => {
  const dir = path.join(tmp(), 'nested', 'aws-mfa-tray');
  const store = new FileSettingsStore(dir);
  assert.deepEqual(store.read(), defaultSettings);
  store.write({ ...defaultSettings, profiles: [{ sourceProfile: 'default', target: 'mfa', serial: 'arn:aws:iam::123456789012:mfa/a', durationSeconds: 3600 }] });
  assertMode(store.file, 0o600);
  assertMode(dir, 0o700);
  assert.equal(store.read().profiles[0]?.durationSeconds, 3600);
  assert.equal(store.read().preferences.warnMinutesBefore, 10);
  rmSync(dir, { recursive: true });
});

test('a damaged or invalid file is refused with one sentence and left as it is', () => {
  const dir = tmp();
  mkdirSync(dir, { recursive: true });
  const store = new FileSettingsStore(dir);
  for (const bad of ['{not json', '{"profiles":[{"sourceProfile":"a]","target":"mfa"}]}', '{"preferences":{"language":"fr"}}', '[]']) {
    writeFileSync(store.file, bad);
    assert.throws(() => store.read(), (e: unknown) => e instanceof UserError && e.code === 'SettingsUnusable' && /is not valid; fix or delete it/.test(e.message));
    assert.equal(readFileSync(store.file, 'utf8'), bad);
  }
  rmSync(dir, { recursive: true });
});

test('validation refuses a target equal to its source and duplicate source profiles', () => {
  assert.throws(() => validateSettings({ profiles: [{ sourceProfile: 'a', target: 'a' }] }), /must differ/);
  assert.throws(() => validateSettings({ profiles: [{ sourceProfile: 'a', target: 'm' }, { sourceProfile: 'a', target: 'n' }] }), /duplicate/);
  assert.throws(() => validateSettings({ profiles: [{ sourceProfile: 'a', target: 'm', durationSeconds: 100 }] }), /900 to 129600/);
});

test('upsertProfile replaces in place, renames, and appends new entries', () => {
  const s = { ...defaultSettings, profiles: [{ sourceProfile: 'a', target: 'ma' }, { sourceProfile: 'b', target: 'mb' }, { sourceProfile: 'c', target: 'mc' }] };
  assert.deepEqual(upsertProfile(s, { sourceProfile: 'b', target: 'x' }).profiles.map((p) => `${p.sourceProfile}:${p.target}`), ['a:ma', 'b:x', 'c:mc']);
  assert.deepEqual(upsertProfile(s, { sourceProfile: 'B', target: 'mb' }, 'b').profiles.map((p) => p.sourceProfile), ['a', 'B', 'c']);
  assert.deepEqual(upsertProfile(s, { sourceProfile: 'd', target: 'md' }, null).profiles.map((p) => p.sourceProfile), ['a', 'b', 'c', 'd']);
});

test('the windows zoom factor is kept through the file, within 50 % to 300 %', () => {
  const dir = tmp();
  const store = new FileSettingsStore(dir);
  store.write({ ...defaultSettings, zoomFactor: 1.5 });
  assert.equal(store.read().zoomFactor, 1.5);
  // A later write by the CLI (preferences untouched) keeps it.
  store.write({ ...store.read(), defaultTarget: 'other' });
  assert.equal(store.read().zoomFactor, 1.5);
  for (const bad of [0.2, 4, '2', null, Number.NaN]) assert.throws(() => validateSettings({ zoomFactor: bad }), /zoomFactor/, String(bad));
  rmSync(dir, { recursive: true });
});
