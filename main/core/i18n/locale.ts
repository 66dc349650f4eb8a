/**
 * Which language a user reads: English or Japanese. Shared by the CLI, the tray and the renderer
 * (no Node, Electron or DOM here). The settings' language wins; "auto" follows the system locale.
 */
import type { Language } from '../types';

export type Locale = 'en' | 'ja';

const isJapanese = (tag: string): boolean => /^ja(?:[-_.@]|$)/i.test(tag.trim());

/** A language preference plus a system locale tag ("ja_JP.UTF-8", "ja-JP", "en-US") -> the UI language. */
export function resolveLocale(language: Language | undefined, systemLocale: string): Locale {
  if (language === 'en' || language === 'ja') return language;
  return isJapanese(systemLocale) ? 'ja' : 'en';
}

/**
 * The locale a terminal program uses for its messages, as POSIX defines it: the first of LC_ALL,
 * LC_MESSAGES, LANG that is set and not empty (so LC_ALL=C wins over LANG=ja_JP.UTF-8). When none
 * is set (a Windows console, a bare service), `fallback` (e.g. Intl's locale) decides.
 */
export function systemLocaleFromEnv(env: Record<string, string | undefined>, fallback = ''): string {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const v = env[name];
    if (v) return v;
  }
  return fallback;
}
