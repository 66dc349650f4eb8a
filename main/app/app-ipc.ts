/**
 * Renewal and IPC: the renewal agent (code requests from credential-process, exec and login over
 * the per-user socket open the popup), and the windows' IPC handlers, wrapped with the agent's
 * request hooks and the app's own effects, registered for our two pages only.
 */
import { shell } from 'electron';
import { createIpcHandlers } from '../ipc/handlers';
import { withAppHooks } from '../tray/handler-hooks';
import { trayStrings } from '../tray/strings';
import { startRenewAgent, type RenewAgent } from '../renewal-agent/agent';
import type { AppCore } from './app-core';
import type { AppRotation } from './app-rotation';
import type { AppUi } from './app-ui';
import { registerIpc } from './ipc';
import { report } from './report';

export interface RenewalOptions {
  core: AppCore;
  ui: AppUi;
  platform: NodeJS.Platform;
}

/** The broker and the popup hooks at once; the socket listens in the background. */
export function startRenewal(o: RenewalOptions): RenewAgent {
  const { core, ui } = o;
  const agent = startRenewAgent({
    paths: core.paths,
    settings: core.settings,
    service: core.service,
    showPopup: (r) => ui.windows.showPopup(r.profile, r),
    hidePopup: () => ui.windows.hidePopup(),
    openPopup: (p) => ui.openPopup(p),
    notifier: ui.notifier,
    locale: core.locale,
    onStateChanged: ui.refresh,
    onError: report,
    // Someone else held the name (the app listens at another): the tray and the windows say so, not only stderr.
    onSquatter: (address) => {
      report(new Error(`something that cannot prove this app's key listens at ${address}`));
      ui.warn(trayStrings(core.locale()).squatterNotice);
    },
    platform: o.platform,
  });
  ui.windows.pendingRequest = () => agent.broker.shown();
  return agent;
}

export function registerAppIpc(o: RenewalOptions & { agent: RenewAgent; rotation: AppRotation }): void {
  const { core, ui } = o;
  const { windows } = ui;
  const handlers = createIpcHandlers({
    service: core.service,
    settings: core.settings,
    ui: {
      hideWindow: () => windows.hide(),
      openSettings: () => windows.openSettings(),
      closeSettings: () => windows.closeSettings(),
      onStateChanged: ui.refresh,
      // "Show the file in its folder" for a settings file that cannot be used.
      showInFolder: (file) => shell.showItemInFolder(file),
    },
    platform: o.platform,
    locale: core.locale,
    rotateKey: o.rotation.rotateKey,
  });
  const hooked = withAppHooks(o.agent.wrap(o.rotation.withAgeRefresh(handlers)), {
    popupVisible: () => windows.popupVisible(),
    notifier: ui.notifier,
    locale: core.locale,
    openPopup: ui.openPopup,
    loginItem: core.loginItem,
    onError: report,
    trayHidden: () => ui.trayHidden,
    endpointSquatter: () => o.agent.squatted(),
  });
  registerIpc(hooked, [ui.pages.popup, ui.pages.settings]);
}
