import type { Locale } from '../core/i18n/locale';
import type { SessionStatus } from '../core/types';
import { displayWidth as width } from './text-width';

const text = {
  en: {
    head: ['TARGET', 'SOURCE', 'EXPIRES (UTC)', 'LEFT'],
    expired: 'expired',
    hm: (h: number, m: number) => `${h}h ${m}m left`,
    m: (m: number) => `${m}m left`,
    s: (s: number) => `${s}s left`,
    none: 'No sessions yet; get one with "aws-mfa-tray login <profile> --code <6 digits>".',
  },
  ja: {
    head: ['書き込み先', 'ソース', '有効期限 (UTC)', '残り'],
    expired: '期限切れ',
    hm: (h: number, m: number) => `${h}時間${m}分`,
    m: (m: number) => `${m}分`,
    s: (s: number) => `${s}秒`,
    none: 'セッションはまだありません。"aws-mfa-tray login <profile> --code <6 桁>" で取得してください。',
  },
};

/** "7h 42m" style, coarse on purpose: the table is for people; --json has the seconds. */
function left(seconds: number, locale: Locale): string {
  const t = text[locale];
  if (seconds <= 0) return t.expired;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? t.hm(h, m) : m > 0 ? t.m(m) : t.s(seconds);
}

export function formatStatusTable(list: SessionStatus[], locale: Locale = 'en'): string {
  const t = text[locale];
  if (list.length === 0) return t.none;
  const rows = [t.head, ...list.map((s) => [s.target, s.profile, s.expiration, left(s.secondsLeft, locale)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i]!))));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c)))).join('  ')).join('\n');
}
