/**
 * The tray: the Electron icon and menu, the controller that decides what they show, and the tray
 * app that keeps them current (scheduler, expiry notifications). Menu actions go to the windows,
 * the renewal agent, the login item and the clipboard.
 */
import * as path from 'node:path';
import { app, clipboard, session, shell } from 'electron';
import { ConsoleGateway } from '../core/console-gateway';
import { openConsoleAs } from '../core/console-open';
import { messageFor } from '../core/errors';
import { mfaPolicyJson } from '../core/policy';
import type { PlatformTraits } from '../platform/traits';
import { ExpiryNotifications } from '../tray/notifications';
import { trayStrings } from '../tray/strings';
import { TrayApp } from '../tray/tray-app';
import { TrayController, type TrayActions } from '../tray/tray-controller';
import type { AppCore } from './app-core';
import type { AppUi } from './app-ui';
import { osNetwork } from './os-network';
import { report } from './report';
import { ElectronTrayView } from './tray';

export interface TrayOptions {
  core: AppCore;
  ui: AppUi;
  traits: PlatformTraits;
  /** "Renew…" of a profile: its mfa_process when it has one (a touch of the key), else the popup. */
  renew(sourceProfile: string): void;
}

function trayActions(o: TrayOptions): TrayActions {
  const { core, ui } = o;
  return {
    openPopup: ui.openPopup,
    renew: (p) => o.renew(p),
    openSettings: () => ui.windows.openSettings(),
    setStartAtLogin: (on) => {
      try {
        core.loginItem.setEnabled(on);
        const s = core.settings.read();
        core.settings.write({ ...s, preferences: { ...s.preferences, startAtLogin: on } });
      } catch (e) {
        report(e);
      }
      ui.refresh();
    },
    copyPolicy: (sourceProfile) => {
      void core.service
        .policyPartition(sourceProfile ?? undefined, 'first')
        .then(async (partition) => {
          await clipboard.writeText(mfaPolicyJson({ partition }));
          ui.notifier.show({ title: 'aws-mfa-tray', body: trayStrings(core.locale()).policyCopied(partition) });
        })
        .catch(report);
    },
    rotateKey: (p) => ui.openRotation(p),
    // Console sign-in as a role profile; what goes wrong is said where the click was, in a notification.
    openConsole: (profile) => {
      const env = process.env;
      void openConsoleAs(profile, {
        service: core.service,
        settings: core.settings,
        env,
        api: () => new ConsoleGateway({ env, platform: osNetwork(session.defaultSession) }),
        opener: { open: (url) => shell.openExternal(url) },
      }).catch((e: unknown) => ui.notifier.show({ title: 'aws-mfa-tray', body: messageFor(e, core.locale()) }));
    },
    quit: () => app.quit(),
  };
}

/** Creates the icon (it shows at once) and the tray app behind it, and attaches both to the UI. */
export function createTray(o: TrayOptions): TrayApp {
  const { core, ui, traits } = o;
  let view: ElectronTrayView | null = null;
  const controller = new TrayController(
    {
      setTitle: (t) => view?.setTitle(t),
      setImage: (i) => view?.setImage(i),
      setToolTip: (t) => view?.setToolTip(t),
      setMenu: (m) => view?.setMenu(m),
    },
    trayActions(o),
    { platform: traits.platform },
  );
  view = new ElectronTrayView({
    onAction: (a) => controller.handle(a),
    onClick: ui.togglePopup,
    onDoubleClick: () => ui.openPopup(null),
    traits,
    iconDir: path.join(core.paths.settingsDir, 'tray-icons'),
  });
  const trayApp = new TrayApp({
    source: {
      status: () => core.service.status(),
      removeExpiredSessions: () => core.service.removeExpiredSessions(),
      readSettings: core.readSettings,
    },
    controller,
    notifications: new ExpiryNotifications(ui.notifier, ui.openPopup),
    loginItem: core.loginItem,
    locale: core.locale,
    onError: report,
  });
  ui.attachTray(view, trayApp);
  return trayApp;
}
