/** sessions.json: concurrent changes in one process are batched and none is lost; a failing change fails alone. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { SessionStateStore } from '../../main/core/session-state';
import { assertMode } from '../helpers/platform';

test('20 concurrent updates all land; a throwing change is rejected without losing the others', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-state-'));
  const store = new SessionStateStore(path.join(dir, 'settings'));
  const updates = Array.from({ length: 20 }, (_, i) =>
    store.update((s) => {
      s.lastCodes[`serial-${i}`] = { code: String(100000 + i), at: i };
    }),
  );
  const failing = store.update(() => {
    throw new Error('bad change');
  });
  await assert.rejects(failing, /bad change/);
  await Promise.all(updates);
  const state = store.read();
  assert.equal(Object.keys(state.lastCodes).length, 20);
  assert.equal(state.lastCodes['serial-7']?.code, '100007');
  assertMode(store.file, 0o600);
  assertMode(path.dirname(store.file), 0o700);
  rmSync(dir, { recursive: true, force: true });
});
