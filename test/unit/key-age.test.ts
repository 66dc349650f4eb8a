/** Key age bookkeeping: ages by key ID, the once-a-day check, the weekly reminder and its threshold. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { DAY_MS, dueReminders, KeyAgeStore, keyAges, needsAgeCheck } from '../../main/core/keys/key-age';
import { validateSettings } from '../../main/core/settings';
import { keyAgeRow } from '../../main/cli/key-age-text';

const dir = mkdtempSync(path.join(os.tmpdir(), 'key-age-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const NOW = Date.parse('2026-12-07T00:00:00Z');
const KEY = 'AKIAAAAAAAAAAAAAAAA1';

test('ages are known per key ID; a replaced key is unknown again; the file is 0600', () => {
  const store = new KeyAgeStore(dir);
  store.update('default', KEY, { created: new Date(NOW - 100 * DAY_MS - 5000).toISOString() });
  assert.equal(statSync(store.file).mode & 0o777, 0o600);
  assert.deepEqual(keyAges([{ profile: 'default', accessKeyId: KEY }], store, NOW), [{ profile: 'default', accessKeyId: KEY, created: '2026-08-28T23:59:55.000Z', ageDays: 100 }]);
  assert.deepEqual(keyAges([{ profile: 'default', accessKeyId: 'AKIAAAAAAAAAAAAAAAA2' }], store, NOW)[0]!.created, null);
  assert.deepEqual(keyAges([{ profile: 'other', accessKeyId: KEY }], store, NOW)[0]!.ageDays, null);
});

test('AWS is asked for a date at most once a day, and never once it is known', () => {
  const store = new KeyAgeStore(dir);
  assert.equal(needsAgeCheck(store, 'fresh', KEY, NOW), true);
  store.update('fresh', KEY, { checkedAt: new Date(NOW - DAY_MS + 60_000).toISOString() });
  assert.equal(needsAgeCheck(store, 'fresh', KEY, NOW), false, 'asked within the day');
  assert.equal(needsAgeCheck(store, 'fresh', KEY, NOW + 60_000), true, 'a day later');
  assert.equal(needsAgeCheck(store, 'default', KEY, NOW), false, 'date known');
});

test('reminders: older than the threshold, once a week, and 0 switches them off', () => {
  const store = new KeyAgeStore(dir);
  const ages = keyAges([{ profile: 'default', accessKeyId: KEY }], store, NOW);
  assert.deepEqual(dueReminders(ages, store, 90, NOW).map((a) => a.profile), ['default']);
  assert.deepEqual(dueReminders(ages, store, 101, NOW), [], 'younger than the threshold');
  assert.deepEqual(dueReminders(ages, store, 0, NOW), [], '0: off');
  store.update('default', KEY, { remindedAt: new Date(NOW).toISOString() });
  assert.deepEqual(dueReminders(ages, store, 90, NOW + 6 * DAY_MS), [], 'within the week');
  assert.deepEqual(dueReminders(ages, store, 90, NOW + 7 * DAY_MS).length, 1, 'a week later');
  // The created date survives the reminder stamp.
  assert.equal(store.read().default!.created, '2026-08-28T23:59:55.000Z');
});

test('the threshold is a setting: whole days 0..3650', () => {
  assert.equal(validateSettings({ keyAgeReminderDays: 30 }).keyAgeReminderDays, 30);
  assert.equal(validateSettings({}).keyAgeReminderDays, undefined);
  for (const bad of [-1, 1.5, '90', 5000]) assert.throws(() => validateSettings({ keyAgeReminderDays: bad }));
});

test('keys list rows: the creation date in local time with the zone, and the age; unknown until known', () => {
  const k = { profile: 'default', accessKeyId: KEY, created: '2026-03-01T05:05:00Z', ageDays: 1 };
  assert.deepEqual(keyAgeRow(k, 'en', 'Asia/Tokyo'), ['default', 'AKIA…AAA1', '2026-03-01 14:05 GMT+9', '1 day']);
  assert.deepEqual(keyAgeRow({ ...k, ageDays: 100 }, 'en', 'America/New_York'), ['default', 'AKIA…AAA1', '2026-03-01 00:05 EST', '100 days']);
  assert.deepEqual(keyAgeRow(k, 'en', 'UTC'), ['default', 'AKIA…AAA1', '2026-03-01 05:05 UTC', '1 day']);
  assert.deepEqual(keyAgeRow({ ...k, created: null, ageDays: null }, 'en'), ['default', 'AKIA…AAA1', 'not known yet (learnt at the next login)', '-']);
  assert.equal(keyAgeRow(k, 'ja', 'Asia/Tokyo')[3], '1 日');
});
