/**
 * `login --code -`: the code from standard input, so a script never puts it on argv (which every
 * local process can read in `ps`). From a pipe: its first line; on a terminal: a prompt, no echo.
 */
import type { Readable } from 'node:stream';
import { UserError } from '../core/errors';
import type { Locale } from '../core/i18n/locale';
import { readSecretLine } from './stdin';

const PROMPT: Record<Locale, string> = { en: 'MFA code: ', ja: 'MFA コード: ' };

export async function codeFromStdin(input: Readable & { isTTY?: boolean }, prompts: NodeJS.WritableStream, locale: Locale): Promise<string> {
  const code = (await readSecretLine(input, prompts, PROMPT[locale])).trim();
  if (code === '') {
    throw new UserError(
      {
        en: 'No MFA code on standard input: with --code - give the 6-digit code as its first line, e.g. "ykman oath accounts code --single aws | aws-mfa-tray login default --code -".',
        ja: '標準入力に MFA コードがありません。--code - では 6 桁のコードを最初の行に渡してください（例: "ykman oath accounts code --single aws | aws-mfa-tray login default --code -"）。',
      },
      'BadInput',
      'usage',
    );
  }
  return code;
}
