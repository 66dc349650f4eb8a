/**
 * The running app's life after the windows and tray exist: the first run's login item, the
 * clock (wake-up, unlock, a stepped wall clock), the file watches, opening the app again, the
 * OS's shutdown, and the first thing shown (the settings when nothing is set up, the window the
 * tray icon would open when no panel draws it).
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { app, powerMonitor } from 'electron';
import { applyFirstRunAutostart } from '../core/autostart';
import { SETTINGS_NAME } from '../core/settings';
import { dbusTrayHost, type TrayHost } from '../core/tray-host';
import type { PlatformTraits } from '../platform/traits';
import { ClockJumpDetector } from '../tray/clock-jump';
import { nodeTimers, systemClock } from '../tray/scheduler';
import type { TrayApp } from '../tray/tray-app';
import type { AppCore } from './app-core';
import type { AppUi } from './app-ui';
import { quitOnShutdown } from './exit-paths';
import { watchFiles } from './file-watch';
import { report } from './report';

/**
 * Whether no panel will draw the tray icon (stock GNOME): then the icon is invisible, so the app
 * shows its window at start and says why. Unknown counts as "a tray shows" (never nag where it may
 * well show). Asked first, so the session bus answers while the rest starts.
 */
export function trayHostMissing(traits: PlatformTraits, host: TrayHost | undefined, env: NodeJS.ProcessEnv): Promise<boolean> {
  if (!traits.tray.hostMayBeMissing) return Promise.resolve(false);
  return (host ?? dbusTrayHost(env)).present().then((p) => p === false, () => false);
}

export interface LifecycleOptions {
  core: AppCore;
  ui: AppUi;
  trayApp: TrayApp;
  traits: PlatformTraits;
  trayHostMissing: Promise<boolean>;
}

/** Wires the app's life and settles once the first state is shown. */
export async function startLifecycle(o: LifecycleOptions): Promise<void> {
  const { core, ui, trayApp, traits } = o;
  const { paths } = core;
  try {
    applyFirstRunAutostart(core.firstRun, app.isPackaged, core.readSettings().preferences.startAtLogin, core.loginItem);
    // Remember that the first run happened, or quitting before any setting is saved would make the
    // next start a first run again (and re-register what the user may have switched off since).
    if (core.firstRun) core.settings.write(core.readSettings());
  } catch (e) {
    report(e);
  }

  // Timers sleep with the machine and run on a monotonic clock: re-read the wall clock on wake-up
  // and when it is stepped.
  powerMonitor.on('resume', () => trayApp.recompute());
  powerMonitor.on('unlock-screen', () => trayApp.recompute());
  new ClockJumpDetector({ wall: systemClock, monotonic: () => performance.now(), timers: nodeTimers, onJump: () => trayApp.recompute() }).start();
  const watches = [
    watchFiles(path.dirname(paths.credentialsFile), [path.basename(paths.credentialsFile)], ui.refresh),
    // Settings and the CLI's session records; Chromium's own files share this folder, so filter.
    watchFiles(paths.settingsDir, [`${SETTINGS_NAME}.json`, 'sessions.json'], ui.refresh),
  ];
  ui.attachWatches(() => watches.forEach((rearm) => rearm()));

  // Opening the app again: a second launch from a terminal or the Start menu is 'second-instance';
  // from Finder, Spotlight or Launchpad macOS activates the running app instead ('activate'), which
  // is the only way in when the menu bar hides the icon.
  app.on('second-instance', ui.bringForward);
  if (traits.app.reopenOnActivate) app.on('activate', ui.bringForward);
  if (traits.app.shutdown === 'power-monitor') quitOnShutdown();
  // Where only windows hear the session end, one must exist; the popup is also ready at the first click.
  else ui.windows.preparePopup();

  await trayApp.refresh().catch(report);
  ui.trayHidden = await o.trayHostMissing;
  // No icon to click: the window the user would reach from it, as a second launch opens it.
  if (ui.trayHidden) ui.bringForward();
  // Nothing set up yet: go straight to the settings instead of an empty tray.
  else if (core.readSettings().profiles.length === 0) ui.windows.openSettings();
}
