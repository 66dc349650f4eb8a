/**
 * Expiry notifications, planned from the sessions and fired by the tray's one scheduler:
 * a warning N minutes before expiry (with an "Enter code" action) and one at expiry. Each fires
 * once per session; events already past when a session is first seen (e.g. at app start) are
 * not announced, while events missed during sleep are (the warning only if still not expired).
 */
import type { SessionStatus } from '../core/types';
import { formatClockTime, trayStrings, type Locale } from './strings';

export interface NotificationSpec {
  title: string;
  body: string;
  /** A button label (macOS shows it; elsewhere clicking the notification does the same). */
  actionLabel?: string;
}

export interface Notifier {
  /** Shows a notification; `onActivate` runs when it (or its action button) is clicked. */
  show(spec: NotificationSpec, onActivate?: () => void): void;
}

interface Planned {
  key: string;
  kind: 'warning' | 'expired';
  at: number;
  expiry: number;
  source: string;
  target: string;
}

export class ExpiryNotifications {
  private planned: Planned[] = [];
  private readonly done = new Set<string>();
  private readonly seen = new Set<string>();
  private warnMinutes = 0;
  private locale: Locale = 'en';

  constructor(
    private readonly notifier: Notifier,
    private readonly openPopup: (sourceProfile: string) => void,
  ) {}

  /** Replaces the plan with these sessions (call whenever sessions or preferences change). */
  plan(sessions: SessionStatus[], warnMinutesBefore: number, locale: Locale, now: number): void {
    this.warnMinutes = warnMinutesBefore;
    this.locale = locale;
    this.planned = [];
    for (const s of sessions) {
      const expiry = Date.parse(s.expiration);
      const id = `${s.target}|${expiry}`;
      const events: Planned[] = [{ key: `${id}|expired`, kind: 'expired', at: expiry, expiry, source: s.profile, target: s.target }];
      const warnAt = expiry - warnMinutesBefore * 60_000;
      if (warnMinutesBefore > 0) events.push({ key: `${id}|warning|${warnMinutesBefore}`, kind: 'warning', at: warnAt, expiry, source: s.profile, target: s.target });
      const firstSight = !this.seen.has(id);
      this.seen.add(id);
      for (const e of events) {
        // What happened before we knew about the session is not news.
        if (firstSight && e.at <= now) this.done.add(e.key);
        if (!this.done.has(e.key)) this.planned.push(e);
      }
    }
  }

  /** Fires what is due at `now`; returns the next instant something is due, or null. */
  due(now: number): number | null {
    const t = trayStrings(this.locale);
    let next: number | null = null;
    for (const e of this.planned) {
      if (this.done.has(e.key)) continue;
      if (e.at > now) {
        next = next === null ? e.at : Math.min(next, e.at);
        continue;
      }
      this.done.add(e.key);
      // After a long sleep the session may be gone already: then only the expiry is news.
      if (e.kind === 'warning' && now >= e.expiry) continue;
      const open = () => this.openPopup(e.source);
      if (e.kind === 'warning') {
        this.notifier.show({ title: t.warnTitle(e.target, this.warnMinutes), body: t.warnBody, actionLabel: t.enterCode }, open);
      } else {
        this.notifier.show({ title: t.expiredTitle(e.target), body: t.expiredBody, actionLabel: t.enterCode }, open);
      }
    }
    this.planned = this.planned.filter((e) => !this.done.has(e.key));
    return next;
  }
}

/** Login result notification, for when the popup was closed before the answer came. */
export function loginResultNotification(
  result: { ok: true; value: { target: string; expiration: string } } | { ok: false; error: { message: string } },
  locale: Locale,
  formatTime: (ms: number, locale: Locale) => string = formatClockTime,
): NotificationSpec {
  const t = trayStrings(locale);
  return result.ok
    ? { title: t.loginOkTitle(result.value.target), body: t.loginOkBody(formatTime(Date.parse(result.value.expiration), locale)) }
    : { title: t.loginFailedTitle, body: result.error.message, actionLabel: t.enterCode };
}
