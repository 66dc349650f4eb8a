/**
 * Remaining-time text for the tray, computed from the absolute expiry (never from a tick count),
 * plus the next instant anything displayed changes, so the tray sleeps until then instead of
 * polling. All texts are derived from whole seconds left, rounded up: a session has `s` seconds
 * left during the half-open interval ((s-1) s, s s] before expiry, so every change happens at an
 * exact whole second before the expiry.
 */

export type CountdownState = 'none' | 'active' | 'expiring-soon' | 'expired';

export interface CountdownView {
  state: CountdownState;
  /** Long form: "7h 42m", "42m", "59s", "expired", "no session". */
  text: string;
  /** Icon form, at most 3 characters: "7h", "42m", "59s"; empty when there is nothing to count. */
  short: string;
}

const SECOND = 1000;

/** Whole seconds left, rounded up; 0 or less means expired. */
export function secondsLeft(expiry: number, now: number): number {
  return Math.ceil((expiry - now) / SECOND);
}

/** "7h 42m" / "42m" under an hour / "59s" under a minute. `s` must be positive. */
export function remainingText(s: number): string {
  if (s < 60) return `${s}s`;
  const minutes = Math.floor(s / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}h ${m}m` : `${m}m`;
}

/** Whole hours from an hour up ("7h" for 7h 59m: the menu has the detail), then minutes, then seconds. */
export function shortText(s: number): string {
  if (s < 60) return `${s}s`;
  const minutes = Math.floor(s / 60);
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h` : `${minutes}m`;
}

export function stateFor(s: number, warnMinutesBefore: number): CountdownState {
  if (s <= 0) return 'expired';
  return warnMinutesBefore > 0 && s <= warnMinutesBefore * 60 ? 'expiring-soon' : 'active';
}

/** What the tray shows for one session; `expiry` null means there is no session. */
export function countdown(expiry: number | null, now: number, warnMinutesBefore: number): CountdownView {
  if (expiry === null) return { state: 'none', text: 'no session', short: '' };
  const s = secondsLeft(expiry, now);
  if (s <= 0) return { state: 'expired', text: 'expired', short: '' };
  return { state: stateFor(s, warnMinutesBefore), text: remainingText(s), short: shortText(s) };
}

/** Menu line: "mfa — 7h 42m left", "mfa — expired", "mfa — no session". */
export function menuLine(name: string, view: CountdownView): string {
  return view.state === 'expired' || view.state === 'none' ? `${name} — ${view.text}` : `${name} — ${view.text} left`;
}

/**
 * The next instant after `now` at which countdown(expiry, ·, warn) differs from its value at
 * `now`, or null when nothing will change any more (no session, or already expired).
 */
export function nextChangeAt(expiry: number | null, now: number, warnMinutesBefore: number): number | null {
  if (expiry === null) return null;
  const s = secondsLeft(expiry, now);
  if (s <= 0) return null;
  // The largest seconds-left value below `s` that shows something different.
  let next = s < 60 ? s - 1 : Math.floor(s / 60) * 60 - 1;
  const warnAt = warnMinutesBefore * 60;
  if (warnMinutesBefore > 0 && s > warnAt) next = Math.max(next, warnAt);
  // `next` seconds left begins right when (next) whole seconds remain.
  return expiry - next * SECOND;
}
