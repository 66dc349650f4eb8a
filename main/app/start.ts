/**
 * Process-level start-up of the tray app: the settings folder and userData path, the
 * single-instance lock, the lock-down that must precede any window, the quit sequence, then
 * onReady. Every OS-dependent decision takes `platform` from the caller.
 */
import * as fs from 'node:fs';
import { app } from 'electron';
import { resolveLocale, systemLocaleFromEnv } from '../core/i18n/locale';
import { resolvePaths, type Paths } from '../core/paths';
import type { TrayHost } from '../core/tray-host';
import { platformTraits } from '../platform/traits';
import { onReady, type RunningApp } from './app-ready';
import { cliArguments, runCli } from './cli-mode';
import { debugSwitchSentence, refusedDebugSwitch } from './debug-switches';
import { quitOnSignals } from './exit-paths';
import { appSentences, report, say, setReportLocale } from './report';
import { installSecurityHandlers } from './security';

export { trayShown } from './tray';

export interface StartOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** process.argv, and process.defaultApp (true under `npm start`: the app folder is an argument). */
  argv: readonly string[];
  defaultApp: boolean;
  /** The folder holding main.js, preload.js and renderer/ (dist/). */
  distDir: string;
  /** Linux: whether a panel draws the tray icon (by default the session bus is asked). */
  trayHost?: TrayHost;
}

function appPaths(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Paths {
  return resolvePaths(env, undefined, platform);
}

export function start(o: StartOptions): void {
  // dist/cli.js (package.json "main") hands over to the app only when nothing started it yet.
  (globalThis as Record<symbol, unknown>)[Symbol.for('aws-mfa-tray.app-started')] = true;
  const { platform } = o;
  // Before anything else, command line included: a debugging port in the installed app is refused.
  const refused = refusedDebugSwitch(o.argv, app.isPackaged, platform);
  if (refused) {
    say(debugSwitchSentence(refused));
    app.exit(2);
    return;
  }
  // `aws-mfa-tray <command>`: the command line, in this process, then exit.
  const args = cliArguments(o.argv, o.defaultApp);
  if (args) {
    runCli(o.distDir, args, o.env, (code) => app.exit(code));
    return;
  }

  const paths = appPaths(o.env, platform);
  // Before ready the system locale comes from the environment; onReady refines it with the settings.
  setReportLocale(() => resolveLocale(undefined, systemLocaleFromEnv(o.env)));

  // Sandbox every renderer, whatever a window's options say.
  app.enableSandbox();
  installSecurityHandlers();

  // AWS_MFA_TRAY_HOME (a demo, a second profile set) is this instance's userData. The folder must
  // exist before setPath (which throws otherwise), and the path must be set before the lock, which
  // is scoped to userData: else a demo would find the user's running app and quit.
  if (o.env.AWS_MFA_TRAY_HOME) {
    try {
      fs.mkdirSync(paths.settingsDir, { recursive: true, mode: 0o700 });
      app.setPath('userData', paths.settingsDir);
    } catch (e) {
      say(appSentences.settingsFolder(paths.settingsDir, (e as Error).message));
      app.exit(1);
      return;
    }
  }
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  quitOnSignals();
  // A tray app: no Dock icon (LSUIElement in the packaged app; this covers `npm start`).
  if (platformTraits(platform).app.hideDock) app.dock?.hide();
  // Closing the last window must not quit: the tray stays.
  app.on('window-all-closed', () => undefined);

  let running: RunningApp | null = null;
  app.on('before-quit', () => running?.trayApp.stop());
  // Let the last login's background bookkeeping (sessions.json) land before the process ends.
  let flushed = false;
  app.on('will-quit', (e) => {
    if (flushed || !running) return;
    e.preventDefault();
    void Promise.all([running.service.flush(), running.stopRenewals()]).finally(() => {
      flushed = true;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(async () => {
      running = await onReady({ platform, paths, env: o.env, distDir: o.distDir, trayHost: o.trayHost });
    })
    .catch((e: unknown) => {
      report(e);
      app.quit();
    });
}


