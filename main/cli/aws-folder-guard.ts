/**
 * Before a command reads or writes ~/.aws: a folder another user owns or everyone can write is
 * refused (its config's mfa_process is a command we run; its credentials what `aws` uses), a
 * group-writable one is warned about on a terminal (a team may share it on purpose). Help and
 * --version need no AWS files and are never held up by this.
 */
import type { Locale } from '../core/i18n/locale';
import { awsFolderCheck } from '../core/folder-safety';
import type { Paths } from '../core/paths';

const NO_FILES = new Set(['--help', '-h', 'help', '--version', '-V', 'completion']);

export function guardAwsFolders(args: readonly string[], paths: Paths, locale: Locale, warn: (line: string) => void): void {
  if (args.length === 0 || args.some((a) => NO_FILES.has(a))) return;
  for (const file of new Set([paths.configFile, paths.credentialsFile])) {
    const check = awsFolderCheck(file);
    if (check && 'refuse' in check) throw check.refuse;
    if (check && 'warn' in check) warn(check.warn[locale]);
  }
}
