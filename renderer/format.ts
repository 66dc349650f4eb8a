/** Pure formatting helpers for times and the code field (no DOM), unit-tested in plain Node. */
import { locale, t } from './i18n';

/** "11h 59m" / "11時間59分"; rounds down so the UI never promises time the session lacks. */
export function formatLeft(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return t('lessThanMinute');
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? t('hoursMinutes', { h, m }) : t('minutesOnly', { m });
}

/** Wall-clock time of the expiry, with the weekday when it is not today (sessions last up to 36 h). */
export function formatClock(when: Date, now: Date): string {
  const tag = locale() === 'ja' ? 'ja-JP' : 'en-GB';
  const sameDay = when.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(tag, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(sameDay ? {} : { weekday: 'short' }),
  }).format(when);
}

/** "1h 30m" style default duration for help text. */
export function formatDuration(seconds: number): string {
  return formatLeft(seconds * 1000);
}

const FULLWIDTH_ZERO = 0xff10;

/**
 * What the code field keeps of typed or pasted text: digits only (full-width ones, as a Japanese
 * IME types them, become ASCII). "123 456", "123-456" and " 123456\n" all give 123456. Extra
 * digits are kept, not cut: the popup refuses anything but exactly six.
 */
export function normalizeCode(raw: string): string {
  const ascii = raw.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - FULLWIDTH_ZERO));
  return ascii.replace(/[^0-9]/g, '');
}
