import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChangeScheduler, MAX_TIMER_MS } from '../../main/tray/scheduler';
import { ClockJumpDetector } from '../../main/tray/clock-jump';
import { FakeTime } from '../helpers/fake-time';
import { benchCountdown, runTwelveHourSession } from '../bench/countdown-bench';

/** Expected title with k*60 seconds (plus `extra` < 60) left, written out independently. */
function expectedTitle(totalSeconds: number): string {
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const k = Math.floor(totalSeconds / 60);
  return k >= 60 ? `${Math.floor(k / 60)}h ${k % 60}m` : `${k}m`;
}

test('12-hour session: at most 800 wake-ups, one timer at a time', () => {
  let maxPending = 0;
  const { time, scheduler, expiry } = runTwelveHourSession('darwin', (t) => {
    maxPending = Math.max(maxPending, t.pendingCount);
  });
  time.advanceTo(expiry + 3600_000);
  assert.ok(scheduler.wakeups <= 800, `${scheduler.wakeups} wake-ups`);
  assert.ok(scheduler.wakeups >= 720, 'wakes at least once per displayed minute');
  assert.equal(maxPending, 0, 'the old timer is gone before the tick runs');
  assert.equal(time.pendingCount, 0, 'nothing scheduled after expiry');
  assert.deepEqual(benchCountdown(), { wakeups: scheduler.wakeups, perSecond: 43200 });
});

test('the title is right at every minute boundary and a second after it', () => {
  const { time, view, expiry } = runTwelveHourSession('darwin');
  for (let k = 719; k >= 1; k--) {
    time.advanceTo(expiry - k * 60_000);
    assert.equal(view.title, expectedTitle(k * 60), `at ${k} minutes left`);
    time.advanceTo(expiry - k * 60_000 + 1000);
    assert.equal(view.title, expectedTitle(k * 60 - 1), `a second after ${k} minutes left`);
  }
  time.advanceTo(expiry - 1);
  assert.equal(view.title, '1s');
  time.advanceTo(expiry);
  assert.equal(view.title, '', 'no countdown once expired');
  assert.equal(view.image?.state, 'expired');
});

test('the title is pushed only when its text changes', () => {
  const { time, view, expiry } = runTwelveHourSession('darwin');
  time.advanceTo(expiry + 1000);
  const titles = view.calls.filter((c) => c.method === 'setTitle').map((c) => c.arg);
  for (let i = 1; i < titles.length; i++) assert.notEqual(titles[i], titles[i - 1]);
  // 720 minute texts + 59 second texts + the empty title after expiry.
  assert.equal(titles.length, 720 + 59 + 1);
});

test('Windows: the short text goes into the icon, the hour only changes it hourly', () => {
  const { time, view, expiry } = runTwelveHourSession('win32');
  assert.equal(view.title, '');
  assert.deepEqual(view.image, { state: 'active', text: '12h' });
  time.advanceTo(expiry - 3 * 3600_000 - 30 * 60_000);
  assert.deepEqual(view.image, { state: 'active', text: '3h' });
  time.advanceTo(expiry - 10 * 60_000);
  assert.deepEqual(view.image, { state: 'expiring-soon', text: '10m' });
  const images = view.calls.filter((c) => c.method === 'setImage').length;
  // 12h..1h (12), 59m..10m active (50), then expiring from 10m.
  assert.equal(images, 12 + 50 + 1);
});

test('recompute after a wall-clock jump or resume corrects the display at once', () => {
  const { time, view, scheduler, expiry } = runTwelveHourSession('darwin');
  assert.equal(view.title, '12h 0m');
  // The machine slept 5 hours: the monotonic timer has not fired, the wall clock moved on.
  time.jumpTo(time.now() + 5 * 3600_000);
  assert.equal(view.title, '12h 0m', 'stale until told');
  scheduler.recompute();
  assert.equal(view.title, '7h 0m');
  assert.equal(time.pendingCount, 1, 'recompute replaces the timer instead of adding one');
  assert.equal(scheduler.nextDue, expiry - (7 * 3600 - 1) * 1000);
});

test('an early timer is harmless: the same instant is re-armed', () => {
  const time = new FakeTime(0);
  const dues: number[] = [];
  const s = new ChangeScheduler(
    (now) => {
      dues.push(now);
      return now < 1000 ? 1000 : null;
    },
    time,
    {
      // Real timers can fire a millisecond early.
      setTimeout: (fn, ms) => time.setTimeout(fn, ms > 1 ? ms - 1 : ms),
      clearTimeout: (h) => time.clearTimeout(h),
    },
  );
  s.recompute();
  time.advanceTo(2000);
  assert.equal(dues.at(-1), 1000);
  assert.ok(dues.every((d) => d <= 1000));
});

test('waits beyond setTimeout range are split, not overflowed', () => {
  const time = new FakeTime(0);
  const far = 40 * 24 * 3600_000;
  let ticks = 0;
  const s = new ChangeScheduler(
    (now) => {
      ticks++;
      return now < far ? far : null;
    },
    time,
    time,
  );
  s.recompute();
  time.advanceTo(MAX_TIMER_MS);
  assert.equal(ticks, 2);
  time.advanceTo(far);
  assert.equal(ticks, 3);
  s.stop();
  assert.equal(time.pendingCount, 0);
});

test('clock-jump detector fires on wall-clock steps, not on normal time', () => {
  const time = new FakeTime(1_000_000);
  let mono = 0;
  let jumps = 0;
  const d = new ClockJumpDetector({ wall: time, monotonic: () => mono, timers: time, onJump: () => jumps++, intervalMs: 60_000 });
  d.start();
  mono += 60_000;
  time.advanceBy(60_000);
  assert.equal(jumps, 0);
  // An hour's wall-clock step during the next minute.
  mono += 60_000;
  time.jumpTo(time.now() + 3600_000 + 60_000);
  time.advanceBy(0);
  assert.equal(jumps, 1);
  mono += 60_000;
  time.advanceBy(60_000);
  assert.equal(jumps, 1, 'back to normal');
  d.stop();
  assert.equal(time.pendingCount, 0);
});
