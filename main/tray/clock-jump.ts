/**
 * Notices wall-clock jumps (manual change, NTP step, time-zone-independent) that timers cannot:
 * Node timers run on a monotonic clock, so a wall-clock step would leave the countdown wrong
 * until its next wake. A coarse check compares wall and monotonic elapsed time.
 */
import type { Clock, TimerHandle, Timers } from './scheduler';

export interface ClockJumpOptions {
  wall: Clock;
  /** Monotonic milliseconds (performance.now()). */
  monotonic: () => number;
  timers: Timers;
  onJump: () => void;
  /** How often to compare; coarse on purpose (5 min = 144 wakeups in 12 h). */
  intervalMs?: number;
  /** Drift tolerated before calling it a jump. */
  toleranceMs?: number;
}

export class ClockJumpDetector {
  private handle: TimerHandle | null = null;
  private wallAt = 0;
  private monoAt = 0;

  constructor(private readonly o: ClockJumpOptions) {}

  start(): void {
    this.mark();
    this.schedule();
  }

  stop(): void {
    if (this.handle !== null) this.o.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  /** Compares now; returns true (and calls onJump) if the wall clock moved differently. */
  check(): boolean {
    const drift = this.o.wall.now() - this.wallAt - (this.o.monotonic() - this.monoAt);
    this.mark();
    const jumped = Math.abs(drift) > (this.o.toleranceMs ?? 2000);
    if (jumped) this.o.onJump();
    return jumped;
  }

  private mark(): void {
    this.wallAt = this.o.wall.now();
    this.monoAt = this.o.monotonic();
  }

  private schedule(): void {
    this.handle = this.o.timers.setTimeout(() => {
      this.check();
      this.schedule();
    }, this.o.intervalMs ?? 5 * 60_000);
  }
}
