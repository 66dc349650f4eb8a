/**
 * `keys list`'s table for people: a header and aligned columns (profile, masked key ID, the key's
 * creation date in local time with the zone, as `status` shows times, and its age in days).
 */
import type { Locale } from '../core/i18n/locale';
import type { KeyAge } from '../core/keys/key-age';
import { maskAccessKeyId } from '../core/validate';
import { localTime } from './local-time';
import { formatTable } from './table';

const text = {
  en: {
    head: ['PROFILE', 'ACCESS KEY ID', 'CREATED', 'AGE'],
    days: (days: number) => `${days} day${days === 1 ? '' : 's'}`,
    unknown: 'not known yet (learnt at the next login)',
    unknownAge: '-',
  },
  ja: {
    head: ['プロファイル', 'アクセスキー ID', '作成日時', '経過'],
    days: (days: number) => `${days} 日`,
    unknown: 'まだ不明（次のログインで取得します）',
    unknownAge: '-',
  },
};

/** One key's row: [profile, masked key ID, created, age]. */
export function keyAgeRow(k: KeyAge, locale: Locale, timeZone?: string): string[] {
  const t = text[locale];
  const known = k.created !== null && k.ageDays !== null;
  return [
    k.profile,
    maskAccessKeyId(k.accessKeyId),
    known ? localTime(k.created!, locale, timeZone) : t.unknown,
    known ? t.days(k.ageDays!) : t.unknownAge,
  ];
}

export function formatKeyTable(ages: KeyAge[], locale: Locale): string {
  return formatTable([text[locale].head, ...ages.map((k) => keyAgeRow(k, locale))]);
}
