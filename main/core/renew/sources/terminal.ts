/**
 * Code source c: the controlling terminal. Prompts there, naming the profile and the command that
 * asked, reads the code without echo and asks again after a refused code (three tries). Nothing
 * goes to stdout, which carries only credential_process JSON.
 */
import { UserError } from '../../errors';
import type { CodeAnswer, CodeRequest, CodeSource } from '../code-source';
import type { Asker } from '../protocol';
import { openTerminal, type Terminal } from './tty-input';

const TRIES = 3;

export type PromptLanguage = 'en' | 'ja';

function askerText(asker: Asker, target: string, lang: PromptLanguage): string {
  const by = asker.program ? (lang === 'ja' ? `、${asker.program} から` : `, run by ${asker.program}`) : '';
  switch (asker.command) {
    case 'credential-process':
      return lang === 'ja' ? `プロファイル ${target} の credential_process${by}` : `credential_process for profile ${target}${by}`;
    case 'exec':
      return lang === 'ja' ? `プロファイル ${target} で exec${by}` : `exec with profile ${target}${by}`;
    case 'login':
      return lang === 'ja' ? `プロファイル ${target} へのログイン` : `login to profile ${target}`;
  }
}

export function promptText(req: CodeRequest, lang: PromptLanguage): string {
  return lang === 'ja'
    ? `MFA コード（ソースプロファイル ${req.profile}、${askerText(req.asker, req.target, lang)}）: `
    : `MFA code for profile ${req.profile} (${askerText(req.asker, req.target, lang)}): `;
}

const cancelled = (lang: PromptLanguage): UserError =>
  new UserError(
    lang === 'ja' ? 'MFA コードの入力が端末で取り消されました。' : 'The MFA code prompt was cancelled at the terminal; run the command again to get a new prompt.',
    'CodeCancelled',
  );

export interface TerminalSourceOptions {
  lang: PromptLanguage;
  open?: () => Terminal | null;
  /** Checked before prompting (e.g. that the keys exist): nobody types a code that cannot be used. */
  beforePrompt?(req: CodeRequest): Promise<void>;
}

export function terminalSource(opts: TerminalSourceOptions): CodeSource {
  const open = opts.open ?? (() => openTerminal());
  /** One code from the terminal (opened for just this prompt, so nothing keeps the process alive). */
  const ask = async (tty: Terminal, req: CodeRequest, tries: number, before?: string): Promise<CodeAnswer> => {
    let code: string;
    try {
      if (before) tty.write(`${before}\n`);
      for (;;) {
        tty.write(promptText(req, opts.lang));
        const typed = await tty.readHidden(32);
        if (typed === null) throw cancelled(opts.lang);
        const compact = typed.replace(/[ \t-]/g, '');
        if (/^[0-9]{6}$/.test(compact)) {
          code = compact;
          break;
        }
        if (typed !== '') tty.write(opts.lang === 'ja' ? 'MFA コードは 6 桁の数字です。\n' : 'The MFA code is 6 digits (0-9).\n');
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
        return again ? ask(again, req, tries + 1, e.message) : null;
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
