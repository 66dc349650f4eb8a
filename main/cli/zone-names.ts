/**
 * The short zone names ICU gives ("JST", "EST", "GMT+1"), kept in the cache folder between runs.
 * A process's first Intl.DateTimeFormat loads ICU's locale and number data: 12–17 ms, as much as
 * the rest of a login's own work (docs/performance.md), to print one time. Date#toString names the
 * zone too (its offset and long name, in ICU's default language) for a fraction of a millisecond,
 * so that is the key, with ICU's version and our language: the same zone at the same offset has
 * the same short name. A miss asks Intl as before and remembers the answer.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locale } from '../core/i18n/locale';

/** What a short zone name may be: letters, digits, + - : (anything else in the file is ignored). */
const NAME = /^[\p{L}\p{N}+\-:]{1,16}$/u;
/** More zones than anyone travels through: past this the file starts over. */
const MAX_ENTRIES = 64;

export class ZoneNames {
  private names: Record<string, string> | null = null;

  constructor(private readonly file: string) {}

  /** The key for `d` in the local zone: what Date#toString says after the time ("GMT+0900 (Japan Standard Time)"). */
  static keyOf(d: Date, locale: Locale): string {
    const s = d.toString();
    return `${process.versions.icu ?? ''}|${locale}|${s.slice(s.indexOf('GMT'))}`;
  }

  get(key: string): string | undefined {
    const v = Object.hasOwn(this.read(), key) ? this.read()[key] : undefined;
    return typeof v === 'string' && NAME.test(v) ? v : undefined;
  }

  /** Remembers a name; a folder we cannot write to only costs the next run its ICU load. */
  set(key: string, name: string): void {
    if (!NAME.test(name)) return;
    const names = Object.keys(this.read()).length >= MAX_ENTRIES ? {} : { ...this.read() };
    names[key] = name;
    this.names = names;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      writeFileSync(tmp, `${JSON.stringify(names)}\n`, { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch {
      rmSync(tmp, { force: true }); // see above
    }
  }

  private read(): Record<string, string> {
    if (this.names) return this.names;
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      this.names = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
    } catch {
      this.names = {};
    }
    return this.names;
  }
}
