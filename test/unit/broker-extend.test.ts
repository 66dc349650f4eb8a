/**
 * "Wait longer" on a command's code request (issue 22, WCAG 2.2.1): the broker states when the
 * request ends, and extend() gives the callers the full limit again from now. Timers and clock are
 * the test's own, so the 5 minutes pass at once and nothing depends on the machine's load.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REQUEST_TIMEOUT_MS, RenewBroker } from '../../main/core/renew/broker';
import { PROTOCOL_VERSION, type RenewRequest, type Reply } from '../../main/core/renew/protocol';

const ask = (target: string): RenewRequest => ({ v: PROTOCOL_VERSION, type: 'renew', profile: 'default', target, asker: { command: 'exec', program: 'make' } });

function manual() {
  const clock = { now: 1_000_000 };
  const timers: { fn: () => void; at: number; cleared: boolean }[] = [];
  const broker = new RenewBroker({
    login: () => Promise.reject(new Error('not in this test')),
    show: () => undefined,
    hide: () => undefined,
    notice: () => undefined,
    now: () => clock.now,
    timers: {
      setTimeout: (fn, ms) => {
        const t = { fn, at: clock.now + ms, cleared: false };
        timers.push(t);
        return t;
      },
      clearTimeout: (h) => void (h && ((h as { cleared: boolean }).cleared = true)),
    },
  });
  /** Moves the clock and fires what is due, as the event loop would. */
  const advance = (ms: number) => {
    clock.now += ms;
    for (const t of timers) {
      if (t.cleared || t.at > clock.now) continue;
      t.cleared = true;
      t.fn();
    }
  };
  return { broker, clock, advance };
}

const tick = () => new Promise((r) => setImmediate(r));

void test('a request states its end; extending it near the end keeps the callers waiting a full limit more', async () => {
  const { broker, clock, advance } = manual();
  const replies: Reply[] = [];
  void broker.handle(ask('mfa'), new AbortController().signal).then((r) => replies.push(r));
  await tick();
  const view = broker.shown()!;
  assert.equal(view.limitMs, REQUEST_TIMEOUT_MS);
  assert.equal(view.expiresAt, clock.now + REQUEST_TIMEOUT_MS);

  advance(REQUEST_TIMEOUT_MS - 30_000);
  const extended = broker.extend(view.id)!;
  assert.equal(extended.expiresAt, clock.now + REQUEST_TIMEOUT_MS, 'the full limit again, from now');
  assert.equal(broker.shown()!.expiresAt, extended.expiresAt, 'and the view on screen says so');

  advance(60_000); // past the first end
  await tick();
  assert.equal(replies.length, 0, 'still waiting after the original end');
  assert.equal(broker.extend(view.id + 1), null, 'another id (a stale popup) extends nothing');

  advance(REQUEST_TIMEOUT_MS);
  await tick();
  assert.equal(replies.length, 1);
  const [reply] = replies;
  assert.ok(reply && !reply.ok);
  assert.equal(reply.error.code, 'CodeTimeout');
  assert.match(reply.error.message, /in the time given/);
  assert.equal(broker.shown(), null);
  assert.equal(broker.extend(view.id), null, 'over: nothing to extend');
});
