/**
 * One TOTP device's server-side state: which time steps were already accepted (AWS refuses a code
 * a second time) plus the test knob behind nextFreshCode: extra one-off codes a test may hold and
 * use later, so benchmarks can log in thousands of times without waiting for new 30 s windows.
 */
import { base32Decode, hotp, totpCounter } from './totp';

export type CodeCheck = 'ok' | 'reused' | 'invalid';

export class DeviceCodes {
  private readonly key: Buffer;
  private readonly used = new Set<number>();
  private readonly handedOut = new Set<number>();
  private readonly extras = new Map<string, { used: boolean }>();
  private nextExtraCounter = 0;

  constructor(seedBase32: string) {
    this.key = base32Decode(seedBase32);
  }

  code(atMs: number): string {
    return hotp(this.key, totpCounter(atMs));
  }

  /** RFC 6238 with one step of tolerance either side, as AWS allows for device drift. */
  verify(code: string, nowMs: number, allowReuse: boolean): CodeCheck {
    const c = totpCounter(nowMs);
    for (const k of [c, c - 1, c + 1]) {
      if (hotp(this.key, k) !== code) continue;
      if (this.used.has(k) && !allowReuse) return 'reused';
      this.used.add(k);
      this.prune(c);
      return 'ok';
    }
    const extra = this.extras.get(code);
    if (!extra) return 'invalid';
    if (extra.used && !allowReuse) return 'reused';
    extra.used = true;
    return 'ok';
  }

  /**
   * A code that verify() will accept once: first the unused steps of the current window, then
   * one-off extras. The steps go longest-lived first (c+1 stays valid 30-60 s, c 0-30 s longer than
   * c-1), and c-1 only while 10 s of its step are left: a test on a loaded machine may use the code
   * seconds later, and one that expired meanwhile would fail it for no fault of the code under test.
   */
  fresh(nowMs: number): string {
    const c = totpCounter(nowMs);
    this.prune(c);
    const leftInStep = (c + 1) * 30_000 - nowMs;
    for (const k of leftInStep >= 10_000 ? [c + 1, c, c - 1] : [c + 1, c]) {
      if (this.used.has(k) || this.handedOut.has(k)) continue;
      this.handedOut.add(k);
      return hotp(this.key, k);
    }
    const windowCodes = new Set([c - 1, c, c + 1].map((k) => hotp(this.key, k)));
    // Far-future counters are just a source of distinct codes that can never be the window's.
    this.nextExtraCounter = Math.max(this.nextExtraCounter, c + 1_000_000);
    for (;;) {
      const code = hotp(this.key, this.nextExtraCounter++);
      if (this.extras.has(code) || windowCodes.has(code)) continue;
      this.extras.set(code, { used: false });
      return code;
    }
  }

  // Steps older than the window can never match again; keep the sets small.
  private prune(current: number): void {
    for (const set of [this.used, this.handedOut]) {
      if (set.size < 16) continue;
      for (const k of set) if (k < current - 1) set.delete(k);
    }
  }
}
