import type { Locale } from '../core/i18n/locale';
import type { SessionStatus } from '../core/types';
import { localTime } from './local-time';
import { formatTable } from './table';

const text = {
  en: {
    head: ['TARGET', 'SOURCE', 'MFA DEVICE', 'EXPIRES', 'LEFT'],
    expired: 'expired',
    hm: (h: number, m: number) => `${h}h ${m}m left`,
    m: (m: number) => `${m}m left`,
    s: (s: number) => `${s}s left`,
    none: 'No sessions yet; get one with "aws-mfa-tray login <profile> --code <6 digits>".',
    role: (p: string) => `  ${p} (role)`,
  },
  ja: {
    head: ['書き込み先', 'ソース', 'MFA デバイス', '有効期限', '残り'],
    expired: '期限切れ',
    hm: (h: number, m: number) => `${h}時間${m}分`,
    m: (m: number) => `${m}分`,
    s: (s: number) => `${s}秒`,
    none: 'セッションはまだありません。"aws-mfa-tray login <profile> --code <6 桁>" で取得してください。',
    role: (p: string) => `  ${p}（ロール）`,
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

/** `timeZone`: for tests; people get TZ, else the system's zone. */
export function formatStatusTable(list: (SessionStatus & { serial?: string })[], locale: Locale = 'en', timeZone?: string): string {
  const t = text[locale];
  if (list.length === 0) return t.none;
  // Role profiles chained off a target are listed under it: they work exactly as long as it does.
  const rows = [
    t.head,
    ...list.flatMap((s) => [
      [s.target, s.profile, s.serial ?? '-', localTime(s.expiration, locale, timeZone), left(s.secondsLeft, locale)],
      ...(s.roles ?? []).map((r) => [t.role(r.profile), r.sourceProfile, '', localTime(s.expiration, locale, timeZone), left(s.secondsLeft, locale)]),
    ]),
  ];
  return formatTable(rows);
}
