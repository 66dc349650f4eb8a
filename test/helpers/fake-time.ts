/** A fake wall clock with fake timers: time only moves when a test advances it. */
import type { Clock, TimerHandle, Timers } from '../../main/tray/scheduler';

interface Pending {
  id: number;
  at: number;
  fn: () => void;
}

export class FakeTime implements Clock, Timers {
  private pending: Pending[] = [];
  private nextId = 1;
  /** Timer callbacks run. */
  fired = 0;

  constructor(public current: number) {}

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const p = { id: this.nextId++, at: this.current + ms, fn };
    this.pending.push(p);
    return p.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Runs every timer due up to `t` in order, with the clock set to each timer's instant. */
  advanceTo(t: number): void {
    for (;;) {
      const due = this.pending.filter((p) => p.at <= t).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.current = Math.max(this.current, due.at);
      this.fired++;
      due.fn();
    }
    this.current = Math.max(this.current, t);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Moves the wall clock without running timers (a clock step, or time spent asleep). */
  jumpTo(t: number): void {
    this.current = t;
  }
}
