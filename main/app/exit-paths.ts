/**
 * Every way the app can end goes through app.quit(), whose will-quit handler (start.ts) waits for
 * the last login's bookkeeping (sessions.json):
 * - SIGINT, SIGTERM, SIGHUP (Ctrl+C under `npm start`, `kill`, the session ending on Linux).
 *   proper-lockfile hooks these through signal-exit, which re-raises the
 *   signal, and the process dies at once, unless another listener exists. Ours quits properly; a
 *   second signal while quitting ends the process at once.
 * - powerMonitor 'shutdown' (Linux, macOS): delay the shutdown (preventDefault), then quit.
 * - Windows log-off and shutdown reach windows only: 'query-session-end' may be delayed while a
 *   write is pending; 'session-end' cannot be, so the flush starts there and the app quits.
 * macOS log-off asks the app to quit: the ordinary quit sequence.
 */
import type { BrowserWindow } from 'electron';
import { app, powerMonitor } from 'electron';

export const QUIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface Flushable {
  readonly hasPendingWrites: boolean;
  flush(): Promise<void>;
}

/** Before ready: signals. */
export function quitOnSignals(): void {
  let signalled = false;
  for (const sig of QUIT_SIGNALS) {
    process.on(sig, () => {
      // 128 + signal number, as a shell reports a process ended by that signal.
      if (signalled) app.exit(sig === 'SIGINT' ? 130 : sig === 'SIGHUP' ? 129 : 143);
      signalled = true;
      app.quit();
    });
  }
}

/** After ready: system shutdown. */
export function quitOnShutdown(): void {
  powerMonitor.on('shutdown', (e?: { preventDefault?: () => void }) => {
    e?.preventDefault?.();
    app.quit();
  });
}

/** Windows: every window we create listens for the end of the user's session. */
export function quitOnSessionEnd(win: BrowserWindow, work: Flushable): void {
  win.on('query-session-end', (e) => {
    if (!work.hasPendingWrites) return;
    e.preventDefault();
    void work.flush().finally(() => app.quit());
  });
  win.on('session-end', () => {
    void work.flush().finally(() => app.quit());
  });
}
