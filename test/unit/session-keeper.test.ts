/** The renew-ahead rules of exec --server's endpoint, on a fake clock (the integration test runs them for real). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RENEW_LEAD_MS, RETRY_AFTER_FAILURE_MS, SessionKeeper } from '../../main/core/session-keeper';
import { UserError } from '../../main/core/errors';
import type { CredentialProcessOutput } from '../../main/core/types';
import { FakeTime } from '../helpers/fake-time';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const HOUR = 3_600_000;
const session = (id: string, expMs: number): CredentialProcessOutput => ({
  Version: 1,
  AccessKeyId: id,
  SecretAccessKey: 's',
  SessionToken: 't',
  Expiration: new Date(expMs).toISOString(),
});

function setup(initialExp: number) {
  const time = new FakeTime(T0);
  const calls: { resolve: (s: CredentialProcessOutput) => void; reject: (e: unknown) => void }[] = [];
  const keeper = new SessionKeeper('mfa', session('OLD', initialExp), {
    now: () => time.now(),
    timers: time,
    renew: () => new Promise((resolve, reject) => calls.push({ resolve, reject })),
  });
  return { time, calls, keeper };
}
const settle = () => new Promise((r) => setImmediate(r));

test('one timer, at expiry minus the lead; nothing asked before it; one renewal however many fetches arrive meanwhile', async () => {
  const { time, calls, keeper } = setup(T0 + 12 * HOUR);
  assert.equal(time.pendingCount, 1, 'a single timer');
  for (let i = 0; i < 5; i++) assert.equal((keeper.answer() as { ok: true; session: CredentialProcessOutput }).session.AccessKeyId, 'OLD');
  assert.equal(calls.length, 0);
  time.advanceTo(T0 + 12 * HOUR - RENEW_LEAD_MS - 1);
  assert.equal(calls.length, 0);
  time.advanceTo(T0 + 12 * HOUR - RENEW_LEAD_MS);
  assert.equal(calls.length, 1, 'due: asked once');
  for (let i = 0; i < 5; i++) assert.equal(keeper.answer().ok, true, 'the old session is served while the prompt is open');
  assert.equal(calls.length, 1, 'concurrent fetches start no second prompt');
  calls[0]!.resolve(session('NEW', time.now() + 12 * HOUR));
  await settle();
  assert.equal((keeper.answer() as { ok: true; session: CredentialProcessOutput }).session.AccessKeyId, 'NEW');
  assert.equal(time.pendingCount, 1, 'the next renewal is armed, nothing else');
  keeper.stop();
  assert.equal(time.pendingCount, 0, 'stop leaves no timer');
});

test('a session too short for the lead is renewed at the middle of its life, never in a loop', async () => {
  const { time, calls, keeper } = setup(T0 + 10 * 60_000);
  assert.equal(calls.length, 1, 'found within the lead: renewed at once');
  calls[0]!.resolve(session('SHORT', time.now() + 15 * 60_000));
  await settle();
  keeper.answer();
  assert.equal(calls.length, 1);
  time.advanceTo(time.now() + 7.5 * 60_000 - 1);
  assert.equal(calls.length, 1);
  time.advanceTo(time.now() + 1);
  assert.equal(calls.length, 2);
});

test('after expiry with no new session: an answer at once with one sentence; a failed renewal is retried only on a fetch after the pause', async () => {
  const { time, calls, keeper } = setup(T0 + 30_000);
  assert.equal(calls.length, 1);
  calls[0]!.reject(new UserError({ en: 'The MFA code request was cancelled in the tray.', ja: 'トレイで取り消されました。' }, 'CodeCancelled'));
  await settle();
  assert.equal(keeper.answer().ok, true, 'still valid: served');
  time.advanceTo(T0 + 31_000);
  const a = keeper.answer();
  assert.equal(a.ok, false);
  if (a.ok) return;
  assert.equal(a.code, 'SessionExpired');
  assert.match(a.message.en, /expired at 2026-01-01T00:00:30\.000Z and could not be renewed \(The MFA code request was cancelled in the tray\); renew it/);
  assert.match(a.message.ja, /トレイで取り消されました/);
  assert.equal(calls.length, 1, 'no new prompt within the pause');
  assert.equal(time.pendingCount, 0, 'no timer polls while waiting');
  time.advanceTo(T0 + RETRY_AFTER_FAILURE_MS + 1);
  keeper.answer();
  assert.equal(calls.length, 2, 'a fetch after the pause asks again');
  const pending = keeper.answer();
  assert.equal(pending.ok, false);
  if (!pending.ok) assert.match(pending.message.en, /a new one is being asked for/);
});

test('a renewal that brings no newer session counts as failed', async () => {
  const { time, calls, keeper } = setup(T0 + 60_000);
  calls[0]!.resolve(session('SAME', T0 + 60_000));
  await settle();
  time.advanceTo(T0 + 61_000);
  assert.equal(keeper.answer().ok, false);
});
