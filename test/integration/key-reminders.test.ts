/**
 * The tray's key-age reminder over the real keychain and settings files: due once a week while a key
 * is older than the threshold; 0 switches it off; a click starts the rotation of that profile.
 * (The notifier records: Electron's Notification cannot run here; main/app/notifier.ts is the adapter.)
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DAY_MS, KeyAgeStore } from '../../main/core/keys/key-age';
import type { NotificationSpec } from '../../main/tray/notifications';
import { KeyReminders } from '../../main/tray/key-reminders';
import { createAppRotation } from '../../main/app/app-rotation';
import { createWorld, type World } from '../helpers/world';

let w: World;
before(async () => {
  w = await createWorld();
  await w.storeKeys('default');
});
after(() => w.close());

test('reminds once a week of a key older than the threshold, and a click rotates that profile', async () => {
  const shown: { spec: NotificationSpec; click?: () => void }[] = [];
  const rotated: string[] = [];
  let now = Date.parse('2026-12-07T09:00:00Z');
  new KeyAgeStore(w.paths.settingsDir).update('default', w.user.accessKeyId, { created: new Date(now - 91 * DAY_MS).toISOString() });
  const reminders = new KeyReminders({
    settingsDir: w.paths.settingsDir,
    settings: w.settings,
    keychain: w.keychain,
    notifier: { show: (spec, click) => void shown.push({ spec, ...(click ? { click } : {}) }) },
    locale: () => 'en',
    rotate: (p) => void rotated.push(p),
    now: () => now,
  });

  assert.deepEqual(await reminders.check(), ['default']);
  assert.equal(shown[0]!.spec.body, 'The access key of profile default is 91 days old; click to rotate it (one MFA code at most).');
  shown[0]!.click!();
  assert.deepEqual(rotated, ['default']);

  now += 3 * DAY_MS;
  assert.deepEqual(await reminders.check(), [], 'not again within the week');
  now += 4 * DAY_MS;
  assert.deepEqual(await reminders.check(), ['default'], 'a week later');

  now += 7 * DAY_MS;
  w.settings.write({ ...w.settings.read(), keyAgeReminderDays: 0 });
  assert.deepEqual(await reminders.check(), [], '0 switches it off');
  w.settings.write({ ...w.settings.read(), keyAgeReminderDays: 200 });
  assert.deepEqual(await reminders.check(), [], 'younger than the threshold');
});

test('the app learns the key\'s creation date after a popup login, in the background, with the MFA session', async () => {
  const shownRotation: string[] = [];
  const rotation = createAppRotation({
    paths: w.paths,
    env: w.env,
    settings: w.settings,
    service: w.service,
    keychain: w.keychain,
    platform: {},
    notifier: { show: () => undefined },
    locale: () => 'en',
    showRotation: (p) => void shownRotation.push(p),
    onStateChanged: () => undefined,
    ageRefreshDelayMs: 0,
  });
  new KeyAgeStore(w.paths.settingsDir).remove('default');
  const handlers = rotation.withAgeRefresh(w.handlers);
  const from = w.emulator.requests.length;
  const r = await handlers.login({ sourceProfile: 'default', code: w.emulator.nextFreshCode(w.user.devices[0]!.serial) });
  assert.ok(r.ok, JSON.stringify(r));
  const created = () => new KeyAgeStore(w.paths.settingsDir).read().default?.created;
  for (let i = 0; i < 100 && !created(); i++) await new Promise((res) => setTimeout(res, 50));
  const key = w.emulator.accessKeysOf('alice').find((k) => k.accessKeyId === w.user.accessKeyId)!;
  assert.equal(Date.parse(created()!), Math.floor(key.createdMs / 1000) * 1000);
  const listCall = w.emulator.requests.slice(from).find((c) => c.action === 'ListAccessKeys')!;
  assert.match(listCall.accessKeyId!, /^ASIA/, 'with the session, not the long-term key');
  // The reminder's click opens the rotation.
  w.settings.write({ ...w.settings.read(), keyAgeReminderDays: 0 });
  assert.deepEqual(await rotation.reminders.check(), []);
  assert.deepEqual(shownRotation, []);
});
