/**
 * A yes/no question before something that cannot be undone from here (plaintext keys, uninstall).
 * On a terminal it is asked (default no); elsewhere the command needs --yes, so a script never
 * writes secrets or deletes keys by accident.
 */
import type { Interface, ReadLineOptions } from 'node:readline/promises';
import { usageError, type Sentence } from '../core/errors';
import type { Locale } from '../core/i18n/locale';

const text = {
  en: { suffix: ' [y/N] ', no: 'Nothing was changed.' },
  ja: { suffix: ' [y/N] ', no: '何も変更していません。' },
};

/**
 * A prompt's readline, loaded when a question is asked: node:readline/promises at every start
 * was about 0.6 ms of each cold command, most of which never ask.
 */
export function promptInterface(opts: ReadLineOptions): Interface {
  return process.getBuiltinModule('node:readline/promises').createInterface(opts);
}

/** The one rule for a yes typed at a prompt: y, yes or はい, in any case and with spaces around. */
export function isYes(answer: string): boolean {
  return ['y', 'yes', 'はい'].includes(answer.trim().toLowerCase());
}

/** True to go ahead. `needYes`: the sentence when there is no terminal to ask on and --yes was not given. */
export async function confirm(question: string, opts: { yes: boolean; locale: Locale; needYes: Sentence; note: (s: string) => void }): Promise<boolean> {
  if (opts.yes) return true;
  if (!process.stdin.isTTY || !process.stderr.isTTY) throw usageError(opts.needYes);
  const rl = promptInterface({ input: process.stdin, output: process.stderr });
  try {
    if (isYes(await rl.question(`${question}${text[opts.locale].suffix}`))) return true;
    opts.note(text[opts.locale].no);
    return false;
  } finally {
    rl.close();
  }
}
