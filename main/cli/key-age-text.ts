/** `keys list`'s human lines with each key's creation date (local time, with the zone) and age. */
import type { Locale } from '../core/i18n/locale';
import type { KeyAge } from '../core/keys/key-age';
import { maskAccessKeyId } from '../core/validate';

const text = {
  en: {
    age: (date: string, days: number) => `created ${date}, ${days} day${days === 1 ? '' : 's'} old`,
    unknown: 'creation date not known yet (aws-mfa-tray learns it at the next login)',
  },
  ja: {
    age: (date: string, days: number) => `作成 ${date}、${days} 日経過`,
    unknown: '作成日はまだ不明（次のログインで取得します）',
  },
};

/** "2026-03-01 14:05 +09:00": the reader's local time with its offset. */
export function localDateTime(iso: string, offsetMinutes = -new Date(iso).getTimezoneOffset()): string {
  const d = new Date(Date.parse(iso) + offsetMinutes * 60_000);
  const p = (n: number): string => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(offsetMinutes);
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${sign}${p(Math.floor(off / 60))}:${p(off % 60)}`;
}

export function formatKeyLines(ages: KeyAge[], locale: Locale): string {
  const t = text[locale];
  return ages
    .map((k) => `${k.profile}\t${maskAccessKeyId(k.accessKeyId)}\t${k.created && k.ageDays !== null ? t.age(localDateTime(k.created), k.ageDays) : t.unknown}`)
    .join('\n');
}
