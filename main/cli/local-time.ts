/**
 * Times as a person reads them: in the local time zone (TZ, else the system's), with the zone,
 * e.g. "2026-12-07 21:46 JST" or "2026-12-07 21:46 GMT+9". --json keeps UTC ISO 8601.
 */
import type { Locale } from '../core/i18n/locale';
import { ZoneNames } from './zone-names';

let zoneNames: ZoneNames | null = null;

/** The CLI keeps the zone names it has seen in this file (./zone-names.ts): no ICU load for a known zone. */
export function keepZoneNamesIn(file: string | null): void {
  zoneNames = file === null ? null : new ZoneNames(file);
}

const two = (n: number): string => String(n).padStart(2, '0');

export function localTime(iso: string, locale: Locale, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // The local zone's short name already known: the same text Intl gives, from Date's own fields.
  const key = timeZone === undefined && zoneNames ? ZoneNames.keyOf(d, locale) : null;
  const known = key === null ? undefined : zoneNames!.get(key);
  if (known !== undefined) return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())} ${known}`;
  const parts = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(d);
  const p = (type: Intl.DateTimeFormatPartTypes): string => parts.find((x) => x.type === type)?.value ?? '';
  if (key !== null) zoneNames!.set(key, p('timeZoneName'));
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')} ${p('timeZoneName')}`;
}
