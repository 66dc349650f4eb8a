import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countdown, menuLine, nextChangeAt, remainingText, shortText } from '../../main/core/countdown';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const H = 3_600_000;
const M = 60_000;

test('texts for hours, minutes and the last minute', () => {
  assert.equal(remainingText(7 * 3600 + 42 * 60 + 30), '7h 42m');
  assert.equal(remainingText(12 * 3600), '12h 0m');
  assert.equal(remainingText(42 * 60), '42m');
  assert.equal(remainingText(9 * 60 + 59), '9m');
  assert.equal(remainingText(60), '1m');
  assert.equal(remainingText(59), '59s');
  assert.equal(remainingText(1), '1s');
  assert.equal(shortText(7 * 3600 + 59 * 60), '7h');
  assert.equal(shortText(36 * 3600), '36h');
  assert.equal(shortText(59 * 60 + 59), '59m');
  assert.equal(shortText(42), '42s');
});

test('views and menu lines for each state', () => {
  const exp = T0 + 7 * H + 42 * M + 10_000;
  assert.deepEqual(countdown(exp, T0, 10), { state: 'active', text: '7h 42m', short: '7h' });
  assert.equal(menuLine('mfa', countdown(exp, T0, 10)), 'mfa — 7h 42m left');
  assert.deepEqual(countdown(T0 + 9 * M, T0, 10), { state: 'expiring-soon', text: '9m', short: '9m' });
  assert.deepEqual(countdown(T0 + 10 * M, T0, 10), { state: 'expiring-soon', text: '10m', short: '10m' });
  assert.equal(countdown(T0 + 10 * M + 1, T0, 10).state, 'active');
  assert.equal(countdown(T0 + 9 * M, T0, 0).state, 'active', 'warning 0 disables expiring-soon');
  assert.deepEqual(countdown(T0, T0, 10), { state: 'expired', text: 'expired', short: '' });
  assert.equal(menuLine('mfa', countdown(T0 - 1, T0, 10)), 'mfa — expired');
  assert.deepEqual(countdown(null, T0, 10), { state: 'none', text: 'no session', short: '' });
  assert.equal(menuLine('mfa', countdown(null, T0, 10)), 'mfa — no session');
  // Rounded up to whole seconds: with 0.4 s left it still counts, then expires exactly at expiry.
  assert.equal(countdown(T0 + 400, T0, 10).text, '1s');
});

test('nextChangeAt: nothing changes after expiry or without a session', () => {
  assert.equal(nextChangeAt(null, T0, 10), null);
  assert.equal(nextChangeAt(T0, T0, 10), null);
  assert.equal(nextChangeAt(T0 - 5, T0, 10), null);
});

test('nextChangeAt: minute boundaries while minutes show, seconds only in the last minute', () => {
  const exp = T0 + 2 * H;
  // 2h 0m now; "1h 59m" once 7199 s are left.
  assert.equal(nextChangeAt(exp, T0, 10), exp - 7199_000);
  assert.equal(nextChangeAt(exp, exp - 7199_000, 10), exp - 7139_000);
  assert.equal(nextChangeAt(exp, exp - 61_000, 10), exp - 59_000);
  assert.equal(nextChangeAt(exp, exp - 59_000, 10), exp - 58_000);
  assert.equal(nextChangeAt(exp, exp - 1_000, 10), exp);
  // The warning starts exactly when 10 minutes are left, between two minute boundaries.
  assert.equal(nextChangeAt(exp, exp - 10 * M - 30_000, 10), exp - 10 * M);
});

test('property: nextChangeAt is the first instant the view changes', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 36 * 3600 * 1000 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 999 }),
      (left, warn, jitter) => {
        const now = T0 + jitter;
        const exp = now + left;
        const next = nextChangeAt(exp, now, warn);
        assert.ok(next !== null && next > now);
        const here = countdown(exp, now, warn);
        assert.notDeepEqual(countdown(exp, next, warn), here);
        assert.deepEqual(countdown(exp, next - 1, warn), here);
        // Views only change at whole seconds before expiry: check each of them before `next`.
        for (let t = exp - Math.ceil((exp - now) / 1000) * 1000 + 1000; t < next; t += 1000) {
          if (t > now) assert.deepEqual(countdown(exp, t, warn), here);
        }
      },
    ),
    { numRuns: 300 },
  );
});
