/**
 * Login returns once the credentials file is durable; its bookkeeping (the session line for status,
 * the spent code) follows in the background. flush() and status() wait for it, and a code reused
 * in the same process is refused at once, before the state file has it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../main/core/errors';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ defaultProfile: true });

test('status sees the session at once; the same code is refused locally without a request', async () => {
  const serial = w.serial;
  const code = w.emulator.nextFreshCode(serial);
  const r = await w.service.login({ profile: 'default', code });
  const requests = w.emulator.requests.length;
  await assert.rejects(w.service.login({ profile: 'default', code, target: 'other' }), (e: unknown) => e instanceof UserError && e.code === 'CodeReused');
  assert.equal(w.emulator.requests.length, requests, 'refused before any request');
  const status = await w.service.status();
  assert.deepEqual(status.map((s) => [s.target, s.expiration]), [['mfa', r.expiration]]);
  await w.service.flush();
  const state = w.service.state.read();
  assert.equal(state.lastCodes[serial]?.code, code);
  assert.equal(state.sessions.find((x) => x.target === 'mfa')?.expiration, r.expiration);
  assert.equal(state.sessions[0]?.credentialsFile, w.paths.credentialsFile);
});
