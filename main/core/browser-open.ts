/**
 * Opens a URL in the user's browser: $BROWSER when set (the convention of Python's webbrowser and
 * git: a command, `%s` standing for the URL), else the platform's opener (open on macOS,
 * xdg-open elsewhere, the URL handler of rundll32 on Windows: `start` would go through cmd, whose
 * quoting breaks on the `&` of every sign-in URL). Behind an interface so callers can be tested.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { UserError } from './errors';
import { HOST_PLATFORM } from './host';

export interface BrowserOpener {
  open(url: string): Promise<void>;
}

/** An opener that fails within this time failed; one still running is the browser itself. */
const FAIL_WINDOW_MS = 3000;

export function openerCommand(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): [string, string[]] {
  const browser = env.BROWSER?.split(path.delimiter)[0]?.trim();
  if (browser) {
    const words = browser.split(/\s+/);
    const args = words.slice(1);
    return [words[0]!, args.some((a) => a.includes('%s')) ? args.map((a) => a.replace('%s', url)) : [...args, url]];
  }
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

export function systemOpener(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = HOST_PLATFORM): BrowserOpener {
  return {
    open: (url) =>
      new Promise<void>((resolve, reject) => {
        const [cmd, args] = openerCommand(url, env, platform);
        const fail = (why: string): void =>
          reject(
            new UserError(
              { en: `Could not open a browser (${cmd}: ${why}); run the command again with --print and open the URL yourself.`, ja: `ブラウザーを開けませんでした（${cmd}: ${why}）。--print を付けてもう一度実行し、URL を自分で開いてください。` },
              'BadInput',
            ),
          );
        const child = spawn(cmd, args, { stdio: 'ignore', detached: platform !== 'win32', windowsHide: true, env });
        const timer = setTimeout(() => {
          child.unref();
          resolve();
        }, FAIL_WINDOW_MS);
        child.on('error', (e: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          fail(e.code ?? 'error');
        });
        child.on('exit', (code) => {
          clearTimeout(timer);
          if (code === 0) resolve();
          else fail(`exit status ${code ?? 'signal'}`);
        });
      }),
  };
}
