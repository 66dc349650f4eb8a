/**
 * Code source c: the terminal. Prompts there, naming the profile and the command that asked, reads
 * the code without echo and asks again after a refused code (three tries). The terminal is handed
 * in (the CLI's controlling terminal: main/cli/controlling-terminal.ts), so nothing here opens a
 * device. Nothing goes to stdout, which carries only credential_process JSON. Ctrl+C at the prompt
 * ends the command with 130, as a shell reports an interrupt.
 */
import { UserError } from '../../errors';
import type { Locale } from '../../i18n/locale';
import { askerText } from '../asker-text';
import type { CodeAnswer, CodeRequest, CodeSource } from '../code-source';

/** A terminal opened for one prompt. */
export interface PromptTerminal {
  /** Shows `prompt` and reads one line with echo off (rejects when the person cancels). */
  readHidden(prompt: string): Promise<string>;
  write(text: string): void;
  close(): void;
}

const TRIES = 3;

const text = {
  en: {
    prompt: (profile: string, asker: string) => `MFA code for profile ${profile} (${asker}): `,
    notSix: 'The MFA code is 6 digits (0-9).',
    gaveUp: 'No MFA code was typed at the terminal; run the command again when you have one.',
  },
  ja: {
    prompt: (profile: string, asker: string) => `MFA コード（プロファイル ${profile}、${asker}）: `,
    notSix: 'MFA コードは 6 桁の数字です。',
    gaveUp: '端末で MFA コードが入力されませんでした。コードを用意してからもう一度コマンドを実行してください。',
  },
};

export function promptText(req: CodeRequest, locale: Locale): string {
  return text[locale].prompt(req.profile, askerText(req.asker, req.target, locale));
}

export interface TerminalSourceOptions {
  locale: Locale;
  /** The terminal for one prompt, or null when there is none this process may use. */
  open: () => PromptTerminal | null;
  /** Checked before prompting (keys, target): nobody types a code that cannot be used. */
  beforePrompt?(req: CodeRequest): Promise<void>;
  /** The sentence to show for a refused code, in the reader's language. */
  describe?(e: Error): string;
}

export function terminalSource(opts: TerminalSourceOptions): CodeSource {
  const { open } = opts;
  const t = text[opts.locale];
  /** One code from the terminal, opened for just this prompt so nothing keeps the process alive. */
  const ask = async (tty: PromptTerminal, req: CodeRequest, tries: number, before?: string): Promise<CodeAnswer> => {
    let code: string;
    try {
      if (before) tty.write(`${before}\n`);
      for (let wrong = 0; ; wrong++) {
        // Three lines that are not a code (or Ctrl+D) in a row: the person does not mean to answer.
        if (wrong === TRIES) throw new UserError({ en: text.en.gaveUp, ja: text.ja.gaveUp }, 'CodeCancelled');
        const typed = await tty.readHidden(promptText(req, opts.locale));
        const compact = typed.replace(/[ \t-]/g, '');
        if (/^[0-9]{6}$/.test(compact)) {
          code = compact;
          break;
        }
        tty.write(`${t.notSix}\n`);
      }
    } finally {
      tty.close();
    }
    return {
      kind: 'code',
      code,
      // AWS refused it (a typo, or a code already used): say why and ask again, three tries in all.
      retry: async (e) => {
        const again = tries + 1 < TRIES ? open() : null;
        return again ? ask(again, req, tries + 1, opts.describe ? opts.describe(e) : e.message) : null;
      },
    };
  };
  return {
    name: 'terminal',
    async obtain(req) {
      const tty = open();
      if (!tty) return null;
      try {
        await opts.beforePrompt?.(req);
      } catch (e) {
        tty.close();
        throw e;
      }
      return ask(tty, req, 0);
    },
  };
}
