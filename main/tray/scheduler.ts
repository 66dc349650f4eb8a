/**
 * Wakes the tray exactly when something it shows changes: one timer at a time, set to the
 * instant the tick function asks for. Never polls. `recompute()` is for events that invalidate
 * the plan (resume from sleep, wall-clock jump, new data): it runs the tick now and re-arms.
 */

export interface Clock {
  /** Wall-clock milliseconds since the epoch (expiries are wall-clock instants). */
  now(): number;
}

export type TimerHandle = object | number;

export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Renders for `now` and returns the next instant it needs to run again, or null for never. */
export type Tick = (now: number) => number | null;

/** setTimeout overflows past 2^31-1 ms (~24.8 days); longer waits are split. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = { now: () => Date.now() };

export const nodeTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending countdown must not keep a CLI or test process alive.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class ChangeScheduler {
  private handle: TimerHandle | null = null;
  private due: number | null = null;
  private stopped = false;
  /** Timer callbacks run so far: what the countdown benchmark counts. */
  wakeups = 0;

  constructor(
    private readonly tick: Tick,
    private readonly clock: Clock = systemClock,
    private readonly timers: Timers = nodeTimers,
  ) {}

  /** Runs the tick now and arms the timer for the next change. */
  recompute(): void {
    if (this.stopped) return;
    this.clear();
    const now = this.clock.now();
    this.arm(this.tick(now), now);
  }

  /** The instant the pending timer is for (for tests and diagnostics). */
  get nextDue(): number | null {
    return this.due;
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private arm(next: number | null, now: number): void {
    if (next === null) return;
    this.due = next;
    // Timers may fire a little early; the tick then returns the same instant and we re-arm.
    const delay = Math.min(Math.max(0, next - now), MAX_TIMER_MS);
    this.handle = this.timers.setTimeout(() => this.onTimer(), delay);
  }

  private onTimer(): void {
    this.handle = null;
    this.due = null;
    this.wakeups++;
    if (this.stopped) return;
    const now = this.clock.now();
    this.arm(this.tick(now), now);
  }

  private clear(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    this.due = null;
  }
}
