/**
 * `keys list`'s human lines with each key's creation date (local time, with the zone) and age, and
 * the background refresh of that date after a CLI login (cut off when the login's own bookkeeping is
 * on disk: the command never waits longer for it).
 */
import type { Locale } from '../core/i18n/locale';
import { keyApiTarget } from '../core/keys/rotation-session';
import { refreshKeyAgeAfterLogin, type KeyAge } from '../core/keys/key-age';
import { KeytarKeychain } from '../core/keychain';
import { maskAccessKeyId } from '../core/validate';
import type { CliContext } from './context';
import { cliKeyApi } from './key-api';

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

/** Starts the refresh after a login; the caller cancels it once its bookkeeping is flushed. */
export function startKeyAgeRefresh(ctx: CliContext, profile: string, target: string): { cancel(): void } {
  return refreshKeyAgeAfterLogin({
    settingsDir: ctx.paths.settingsDir,
    credentialsFile: ctx.paths.credentialsFile,
    keychain: new KeytarKeychain(),
    profile,
    target,
    at: () => keyApiTarget(ctx.paths, ctx.env, profile),
    api: () => cliKeyApi(ctx.env),
  });
}
