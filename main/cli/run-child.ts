/**
 * Runs exec's command as a child with the terminal shared, and ends as it ends: its exit status,
 * or the same signal. Signals sent to us reach it once: Ctrl+C at a terminal already goes to the
 * whole foreground process group (the child included), so SIGINT and SIGQUIT are forwarded only
 * when we are not that group (e.g. `kill -INT <pid>` from a script); forwarding them again would
 * make tools such as Terraform take a second Ctrl+C as "stop now".
 */
import { constants } from 'node:os';
import spawn from 'cross-spawn';
import { UserError } from '../core/errors';
import { inForeground } from '../core/process-info';

const ALWAYS_FORWARDED: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'];
const TERMINAL_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGQUIT'];

/** Resolves with the exit code to end with; a child killed by a signal is re-raised on us first. */
export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const handlers = new Map<NodeJS.Signals, () => void>();
    const listen = (signal: NodeJS.Signals, forward: boolean): void => {
      const h = (): void => {
        // Not forwarded: the terminal delivered it to the child too; we only stay alive to report its status.
        if (forward || !inForeground(process.platform, process.pid)) child.kill(signal);
      };
      handlers.set(signal, h);
      process.on(signal, h);
    };
    if (process.platform !== 'win32') {
      for (const s of ALWAYS_FORWARDED) listen(s, true);
      for (const s of TERMINAL_SIGNALS) listen(s, false);
    } else {
      // Windows delivers Ctrl+C to every process of the console; Node only needs not to die of it.
      listen('SIGINT', false);
    }
    const unlisten = (): void => {
      for (const [s, h] of handlers) process.off(s, h);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      unlisten();
      reject(
        e.code === 'ENOENT'
          ? new UserError(
              {
                en: `There is no command ${command} on your PATH; check its name, or give its full path after --.`,
                ja: `PATH にコマンド ${command} がありません。名前を確認するか、-- の後にフルパスで指定してください。`,
              },
              'BadInput',
              'usage',
            )
          : new UserError(
              { en: `Could not run ${command} (${e.code ?? 'error'}); check that it is executable.`, ja: `${command} を実行できませんでした（${e.code ?? 'error'}）。実行できるファイルか確認してください。` },
              'BadInput',
              'usage',
            ),
      );
    });
    child.on('exit', (code, signal) => {
      unlisten();
      if (signal) {
        // End the way the child ended, so a shell or CI sees "killed by SIGINT", not a plain failure.
        // Later, not now: our signal watchers close asynchronously and would swallow it until then.
        setTimeout(() => {
          process.kill(process.pid, signal);
          // Still here (the signal is ignored in this process): the shell's convention instead.
          setTimeout(() => resolve(128 + (constants.signals[signal] ?? 0)), 100);
        }, 10);
        return;
      }
      resolve(code ?? 1);
    });
  });
}
