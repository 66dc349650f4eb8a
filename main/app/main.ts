/**
 * Electron entry point: a tray-only app. One instance (a second launch opens the first one's
 * popup), no Dock icon on macOS, the tray + popup + settings windows wired to the core.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { app, clipboard, powerMonitor, session } from 'electron';
import { applyFirstRunAutostart } from '../core/autostart';
import { messageFor } from '../core/errors';
import { CachingKeychain, KeytarKeychain } from '../core/keychain';
import { resolvePaths } from '../core/paths';
import { mfaPolicyJson } from '../core/policy';
import { MfaService } from '../core/session';
import { defaultSettings, FileSettingsStore, SETTINGS_NAME, type SettingsStore } from '../core/settings';
import { AwsGateway } from '../core/sts';
import { createIpcHandlers } from '../ipc/handlers';
import { ClockJumpDetector } from '../tray/clock-jump';
import { withAppHooks } from '../tray/handler-hooks';
import { ExpiryNotifications } from '../tray/notifications';
import { nodeTimers, systemClock } from '../tray/scheduler';
import { resolveLocale, trayStrings, type Locale } from '../tray/strings';
import { TrayApp } from '../tray/tray-app';
import { TrayController } from '../tray/tray-controller';
import { installAppMenu } from './app-menu';
import { registerIpc } from './ipc';
import { osNetwork } from './os-network';
import { createLoginItem } from './login-item';
import { ElectronNotifier } from './notifier';
import { installSecurityHandlers } from './security';
import { ElectronSettingsStore } from './settings-store';
import { ElectronTrayView } from './tray';
import { rendererPages } from './window-options';
import { Windows } from './windows';

const platform = process.platform;
const paths = resolvePaths();

/** Background failures: one sentence, never a secret (messageFor never includes key material). */
function report(e: unknown): void {
  console.error(`aws-mfa-tray: ${messageFor(e)}`);
}

function openSettingsStore(): SettingsStore {
  try {
    return new ElectronSettingsStore(paths.settingsDir);
  } catch (e) {
    // An invalid file: the core store reports it with a clear sentence on every read.
    report(e);
    return new FileSettingsStore(paths.settingsDir);
  }
}

/**
 * Refreshes when the CLI (or anything else) rewrites a file we show; fs.watch, no polling.
 * Returns `rearm`, which starts the watch if it is not running: the folder may not exist yet at
 * start-up (no ~/.aws before the first login), and a watch that was never started never fires,
 * so every refresh calls it.
 */
function watchFiles(dir: string, names: string[], onChange: () => void): () => void {
  let timer: NodeJS.Timeout | null = null;
  let watcher: fs.FSWatcher | null = null;
  const rearm = () => {
    if (watcher) return;
    try {
      // The folder, not the file: atomic writes replace the file, which would end a file watch.
      const w = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (name !== null && !names.includes(name)) return;
        if (timer) clearTimeout(timer);
        // Atomic rewrites come as several events; one refresh is enough.
        timer = setTimeout(onChange, 300);
      });
      // Without a listener a watcher error (Windows reports EPERM when the folder is deleted)
      // would be an uncaught exception; drop the watch instead and let the next refresh re-arm it.
      w.on('error', () => {
        w.close();
        if (watcher === w) watcher = null;
      });
      watcher = w;
    } catch {
      // No folder yet: the app refreshes after its own logins anyway, and re-arms then.
    }
  };
  rearm();
  return rearm;
}

async function ready(): Promise<void> {
  if (platform === 'win32') app.setAppUserModelId('io.github.aws-mfa-tray');
  installAppMenu(platform);

  const firstRun = !fs.existsSync(path.join(paths.settingsDir, `${SETTINGS_NAME}.json`));
  const settings = openSettingsStore();
  const readSettings = () => {
    try {
      return settings.read();
    } catch (e) {
      report(e);
      return structuredClone(defaultSettings);
    }
  };
  const service = new MfaService({ paths, keychain: new CachingKeychain(new KeytarKeychain()), aws: new AwsGateway({ env: process.env, platform: osNetwork(session.defaultSession) }), settings });
  const loginItem = createLoginItem(platform);
  const locale = (): Locale => resolveLocale(readSettings().preferences.language, app.getLocale());
  const notifier = new ElectronNotifier();

  const pages = rendererPages(__dirname);
  let view: ElectronTrayView | null = null;
  const windows = new Windows(
    { preload: path.join(__dirname, 'preload.js'), popupHtml: pages.popup, settingsHtml: pages.settings },
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
  );

  let trayApp: TrayApp | null = null;
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
      openPopup: (p) => windows.showPopup(p),
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
    () => windows.togglePopup(),
    platform,
  );

  trayApp = new TrayApp({
    source: {
      status: () => service.status(),
      removeExpiredSessions: () => service.removeExpiredSessions(),
      readSettings,
    },
    controller,
    notifications: new ExpiryNotifications(notifier, (p) => windows.showPopup(p)),
    loginItem,
    locale,
    onError: report,
  });

  const handlers = createIpcHandlers({
    service,
    settings,
    ui: { hideWindow: () => windows.hide(), openSettings: () => windows.openSettings(), closeSettings: () => windows.closeSettings(), onStateChanged: refresh },
    platform,
    locale,
  });
  registerIpc(withAppHooks(handlers, { popupVisible: () => windows.popupVisible(), notifier, locale, openPopup: (p) => windows.showPopup(p), loginItem, onError: report }), [
    pages.popup,
    pages.settings,
  ]);

  try {
    applyFirstRunAutostart(firstRun, readSettings().preferences.startAtLogin, loginItem);
  } catch (e) {
    report(e);
  }

  // Timers sleep with the machine and run on a monotonic clock: re-read the wall clock on wake-up
  // and when it is stepped.
  const app_ = trayApp;
  powerMonitor.on('resume', () => app_.recompute());
  powerMonitor.on('unlock-screen', () => app_.recompute());
  new ClockJumpDetector({ wall: systemClock, monotonic: () => performance.now(), timers: nodeTimers, onJump: () => app_.recompute() }).start();
  const watches = [
    watchFiles(path.dirname(paths.credentialsFile), [path.basename(paths.credentialsFile)], refresh),
    // Settings and the CLI's session records; Chromium's own files share this folder, so filter.
    watchFiles(paths.settingsDir, [`${SETTINGS_NAME}.json`, 'sessions.json'], refresh),
  ];
  rearmWatches = () => watches.forEach((rearm) => rearm());

  app.on('second-instance', () => windows.showPopup(null));
  app.on('before-quit', () => app_.stop());
  // Let the last login's background bookkeeping (sessions.json) land before the process ends.
  let flushed = false;
  app.on('will-quit', (e) => {
    if (flushed) return;
    e.preventDefault();
    void service.flush().finally(() => {
      flushed = true;
      app.quit();
    });
  });

  await trayApp.refresh().catch(report);
  // Nothing set up yet: go straight to the settings instead of an empty tray.
  if (readSettings().profiles.length === 0) windows.openSettings();
}

// Sandbox every renderer, whatever a window's options say.
app.enableSandbox();
installSecurityHandlers();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  if (process.env.AWS_MFA_TRAY_HOME) app.setPath('userData', paths.settingsDir);
  // A tray app: no Dock icon (LSUIElement in the packaged app; this covers `npm start`).
  if (platform === 'darwin') app.dock?.hide();
  // Closing the last window must not quit: the tray stays.
  app.on('window-all-closed', () => undefined);
  app
    .whenReady()
    .then(ready)
    .catch((e: unknown) => {
      report(e);
      app.quit();
    });
}
