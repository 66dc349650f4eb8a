/**
 * Everything that needs a ready app: the tray, popup and settings windows, IPC, notifications,
 * the login item, timers and file watches, all wired to the core. `platform` is a parameter so
 * each OS's path runs in tests against the Electron stand-in.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { app, clipboard, powerMonitor, session } from 'electron';
import { applyFirstRunAutostart } from '../core/autostart';
import { CachingKeychain, KeytarKeychain } from '../core/keychain';
import type { Paths } from '../core/paths';
import { mfaPolicyJson } from '../core/policy';
import { MfaService } from '../core/session';
import { defaultSettings, FileSettingsStore, SETTINGS_NAME } from '../core/settings';
import { AwsGateway } from '../core/sts';
import { dbusTrayHost, type TrayHost } from '../core/tray-host';
import { createIpcHandlers } from '../ipc/handlers';
import { ClockJumpDetector } from '../tray/clock-jump';
import { withAppHooks } from '../tray/handler-hooks';
import { ExpiryNotifications } from '../tray/notifications';
import { nodeTimers, systemClock } from '../tray/scheduler';
import { resolveLocale, trayStrings, type Locale } from '../tray/strings';
import { startRenewAgent } from '../tray/renew-agent';
import { TrayApp } from '../tray/tray-app';
import { TrayController } from '../tray/tray-controller';
import { installAppMenu } from './app-menu';
import { quitOnSessionEnd, quitOnShutdown } from './exit-paths';
import { watchFiles } from './file-watch';
import { registerIpc } from './ipc';
import { osNetwork } from './os-network';
import { createLoginItem } from './login-item';
import { ElectronNotifier } from './notifier';
import { appSentences, report, say, setReportLocale } from './report';
import { ElectronTrayView } from './tray';
import { rendererPages } from './window-options';
import { Windows } from './windows';

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
  const { platform, paths } = o;
  // Linux only: with no tray host (stock GNOME) the icon is invisible, so the app shows its window
  // at start and says why. Unknown counts as "a tray shows" (never nag where it may well show).
  const noTrayHost = platform === 'linux' ? (o.trayHost ?? dbusTrayHost(o.env)).present().then((p) => p === false, () => false) : Promise.resolve(false);
  let trayHidden = false;
  if (platform === 'win32') app.setAppUserModelId('io.github.aws-mfa-tray');
  installAppMenu(platform);

  const firstRun = !fs.existsSync(path.join(paths.settingsDir, `${SETTINGS_NAME}.json`));
  const settings = new FileSettingsStore(paths.settingsDir);
  const readSettings = () => {
    try {
      return settings.read();
    } catch (e) {
      report(e);
      return structuredClone(defaultSettings);
    }
  };
  const service = new MfaService({
    paths,
    keychain: new CachingKeychain(new KeytarKeychain()),
    aws: new AwsGateway({ env: o.env, platform: osNetwork(session.defaultSession) }),
    settings,
  });
  const loginItem = createLoginItem(platform);
  const locale = (): Locale => resolveLocale(readSettings().preferences.language, app.getLocale());
  // Not through readSettings(): its failure is reported, and the report asks for the locale.
  setReportLocale(() => {
    try {
      return resolveLocale(settings.read().preferences.language, app.getLocale());
    } catch {
      return resolveLocale('auto', app.getLocale());
    }
  });
  let trayApp: TrayApp | null = null;
  // The tray carries what a notification could not: one sentence on stderr, the title in the tray.
  const notifier = new ElectronNotifier((spec, reason) => {
    say(appSentences.notificationFailed(spec.title, reason));
    trayApp?.setNotice(spec.title);
  });

  const pages = rendererPages(o.distDir);
  let view: ElectronTrayView | null = null;
  const windows = new Windows(
    { preload: path.join(o.distDir, 'preload.js'), popupHtml: pages.popup, settingsHtml: pages.settings },
    () => view?.tray ?? null,
    platform,
    {
      get: () => readSettings().zoomFactor ?? 1,
      set: (zoomFactor) => {
        try {
          settings.write({ ...settings.read(), zoomFactor });
        } catch (e) {
          report(e);
        }
      },
    },
    platform === 'win32' ? (win) => quitOnSessionEnd(win, service) : undefined,
  );

  // The user is looking now: a notice kept in the tray has done its job.
  const openPopup = (sourceProfile: string | null) => {
    trayApp?.setNotice(null);
    windows.showPopup(sourceProfile);
  };
  let rearmWatches = (): void => undefined;
  const refresh = () => {
    rearmWatches();
    trayApp?.refresh().catch(report);
    windows.broadcastStateChanged();
  };

  const controller = new TrayController(
    {
      setTitle: (t) => view?.setTitle(t),
      setImage: (i) => view?.setImage(i),
      setToolTip: (t) => view?.setToolTip(t),
      setMenu: (m) => view?.setMenu(m),
    },
    {
      openPopup,
      // The profile's mfa_process when it has one (a touch of the key), else the popup.
      renew: (p) => void agent.renew(p).catch(report),
      openSettings: () => windows.openSettings(),
      setStartAtLogin: (on) => {
        try {
          loginItem.setEnabled(on);
          const s = settings.read();
          settings.write({ ...s, preferences: { ...s.preferences, startAtLogin: on } });
        } catch (e) {
          report(e);
        }
        refresh();
      },
      copyPolicy: (sourceProfile) => {
        void service
          .policyPartition(sourceProfile ?? undefined, 'first')
          .then(async (partition) => {
            await clipboard.writeText(mfaPolicyJson({ partition }));
            notifier.show({ title: 'aws-mfa-tray', body: trayStrings(locale()).policyCopied(partition) });
          })
          .catch(report);
      },
      quit: () => app.quit(),
    },
    { platform },
  );
  view = new ElectronTrayView(
    (a) => controller.handle(a),
    () => {
      trayApp?.setNotice(null);
      windows.togglePopup();
    },
    platform,
    path.join(paths.settingsDir, 'tray-icons'),
  );

  const trayApp_ = new TrayApp({
    source: {
      status: () => service.status(),
      removeExpiredSessions: () => service.removeExpiredSessions(),
      readSettings,
    },
    controller,
    notifications: new ExpiryNotifications(notifier, openPopup),
    loginItem,
    locale,
    onError: report,
  });
  trayApp = trayApp_;

  const handlers = createIpcHandlers({
    service,
    settings,
    ui: { hideWindow: () => windows.hide(), openSettings: () => windows.openSettings(), closeSettings: () => windows.closeSettings(), onStateChanged: refresh },
    platform,
    locale,
  });
  // Code requests from credential-process, exec and login over the per-user socket: they open the popup.
  const agent = startRenewAgent({
    paths,
    settings,
    service,
    showPopup: (r) => windows.showPopup(r.profile, r),
    hidePopup: () => windows.hidePopup(),
    openPopup: (p) => openPopup(p),
    notifier,
    locale,
    onStateChanged: refresh,
    onError: report,
    // Someone else held the name (the app listens at another): the tray and the windows say so, not only stderr.
    onSquatter: (address) => {
      report(new Error(`something that cannot prove this app's key listens at ${address}`));
      trayApp?.setNotice(trayStrings(locale()).squatterNotice);
      windows.broadcastStateChanged();
    },
    platform,
  });
  windows.pendingRequest = () => agent.broker.shown();
  registerIpc(withAppHooks(agent.wrap(handlers), { popupVisible: () => windows.popupVisible(), notifier, locale, openPopup, loginItem, onError: report, trayHidden: () => trayHidden, endpointSquatter: () => agent.squatted() }), [
    pages.popup,
    pages.settings,
  ]);

  try {
    applyFirstRunAutostart(firstRun, app.isPackaged, readSettings().preferences.startAtLogin, loginItem);
    // Remember that the first run happened, or quitting before any setting is saved would make the
    // next start a first run again (and re-register what the user may have switched off since).
    if (firstRun) settings.write(readSettings());
  } catch (e) {
    report(e);
  }

  // Timers sleep with the machine and run on a monotonic clock: re-read the wall clock on wake-up
  // and when it is stepped.
  powerMonitor.on('resume', () => trayApp_.recompute());
  powerMonitor.on('unlock-screen', () => trayApp_.recompute());
  new ClockJumpDetector({ wall: systemClock, monotonic: () => performance.now(), timers: nodeTimers, onJump: () => trayApp_.recompute() }).start();
  const watches = [
    watchFiles(path.dirname(paths.credentialsFile), [path.basename(paths.credentialsFile)], refresh),
    // Settings and the CLI's session records; Chromium's own files share this folder, so filter.
    watchFiles(paths.settingsDir, [`${SETTINGS_NAME}.json`, 'sessions.json'], refresh),
  ];
  rearmWatches = () => watches.forEach((rearm) => rearm());

  // Opening the app again: the popup (or the settings, when nothing is set up). A second launch
  // from a terminal or the Start menu is 'second-instance'; from Finder, Spotlight or Launchpad
  // macOS activates the running app instead ('activate'), which is the only way in when the menu
  // bar hides the icon.
  const bringForward = () => (readSettings().profiles.length ? openPopup(null) : windows.openSettings());
  app.on('second-instance', bringForward);
  if (platform === 'darwin') app.on('activate', bringForward);
  if (platform === 'linux' || platform === 'darwin') quitOnShutdown();
  // Windows: a window must exist to hear the session end; the popup is also ready at the first click.
  if (platform === 'win32') windows.preparePopup();

  await trayApp_.refresh().catch(report);
  trayHidden = await noTrayHost;
  // No icon to click: the window the user would reach from it, as a second launch opens it.
  if (trayHidden) bringForward();
  // Nothing set up yet: go straight to the settings instead of an empty tray.
  else if (readSettings().profiles.length === 0) windows.openSettings();
  return { service, windows, trayApp: trayApp_, stopRenewals: () => agent.stop() };
}
