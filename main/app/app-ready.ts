/**
 * Everything that needs a ready app, in the order each part needs the one before: the core, the
 * windows, the renewal agent, the tray, IPC, then the app's lifecycle. `platform` is a parameter so
 * each OS's path runs in tests against the Electron stand-in; what differs by OS is read from its
 * traits (main/platform).
 */
import { app } from 'electron';
import type { Paths } from '../core/paths';
import type { MfaService } from '../core/session';
import type { TrayHost } from '../core/tray-host';
import { platformTraits } from '../platform/traits';
import type { TrayApp } from '../tray/tray-app';
import { installAppMenu } from './app-menu';
import { adoptLoginShellPath } from './login-shell-path';
import { createCore } from './app-core';
import { createAppRotation } from './app-rotation';
import { registerAppIpc, startRenewal } from './app-ipc';
import { startLifecycle, trayHostMissing } from './app-lifecycle';
import { createTray } from './app-tray';
import { AppUi } from './app-ui';
import { report } from './report';
import type { Windows } from './windows';

export interface ReadyOptions {
  platform: NodeJS.Platform;
  paths: Paths;
  env: NodeJS.ProcessEnv;
  /** The folder holding preload.js and renderer/ (dist/). */
  distDir: string;
  /** Linux: whether a panel will draw the tray icon (the session bus's StatusNotifierWatcher by default). */
  trayHost?: TrayHost;
}

/** What the process-level start-up needs from the running app. */
export interface RunningApp {
  service: MfaService;
  windows: Windows;
  trayApp: TrayApp;
  /** Answers the commands still waiting for a code and closes the socket (quit). */
  stopRenewals(): Promise<void>;
}

export async function onReady(o: ReadyOptions): Promise<RunningApp> {
  const { platform } = o;
  const traits = platformTraits(platform);
  const hostMissing = trayHostMissing(traits, o.trayHost, o.env);
  if (traits.app.appUserModelId) app.setAppUserModelId(traits.app.appUserModelId);
  // The installed app started from the Dock, Finder or a desktop file has a minimal PATH: the tray's
  // mfa_process gets the login shell's instead (asked once, in the background).
  if (app.isPackaged) void adoptLoginShellPath(o.env, platform);
  installAppMenu(traits);

  const core = createCore({ paths: o.paths, env: o.env, traits });
  const ui = new AppUi({ core, traits, distDir: o.distDir });
  const agent = startRenewal({ core, ui, platform });
  const trayApp = createTray({ core, ui, traits, renew: (p) => void agent.renew(p).catch(report) });
  const rotation = createAppRotation({
    paths: core.paths,
    env: o.env,
    settings: core.settings,
    service: core.service,
    keychain: core.keychain,
    platform: core.network,
    notifier: ui.notifier,
    locale: core.locale,
    showRotation: ui.openRotation,
    onStateChanged: ui.refresh,
  });
  registerAppIpc({ core, ui, platform, agent, rotation });
  await startLifecycle({ core, ui, trayApp, traits, trayHostMissing: hostMissing });
  // Old keys: a reminder once a week (settings keyAgeReminderDays), checked now and every few hours.
  rotation.reminders.start();
  return { service: core.service, windows: ui.windows, trayApp, stopRenewals: () => agent.stop() };
}
