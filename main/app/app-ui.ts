/**
 * The user interface's shared parts: the notifier, the popup and settings windows, and the links
 * between them and the tray (a notice the notifier could not deliver is kept in the tray; the popup
 * opens next to the tray icon). The tray itself is attached once created (app-tray.ts).
 */
import * as path from 'node:path';
import type { PlatformTraits } from '../platform/traits';
import type { TrayApp } from '../tray/tray-app';
import type { AppCore } from './app-core';
import { quitOnSessionEnd } from './exit-paths';
import { ElectronNotifier } from './notifier';
import { appSentences, report, say } from './report';
import type { ElectronTrayView } from './tray';
import { rendererPages } from './window-options';
import { Windows } from './windows';

export interface UiOptions {
  core: AppCore;
  traits: PlatformTraits;
  /** The folder holding preload.js and renderer/ (dist/). */
  distDir: string;
}

export class AppUi {
  readonly pages: { popup: string; settings: string };
  readonly notifier: ElectronNotifier;
  readonly windows: Windows;
  /** No panel draws the tray icon (Linux without a StatusNotifierWatcher): the windows say so. */
  trayHidden = false;
  private tray: { view: ElectronTrayView; app: TrayApp } | null = null;
  private rearmWatches: () => void = () => undefined;

  constructor(private readonly o: UiOptions) {
    const { core, traits } = o;
    this.pages = rendererPages(o.distDir);
    // The tray carries what a notification could not: one sentence on stderr, the title in the tray.
    this.notifier = new ElectronNotifier((spec, reason) => {
      say(appSentences.notificationFailed(spec.title, reason));
      this.tray?.app.setNotice(spec.title);
    });
    this.windows = new Windows({
      paths: { preload: path.join(o.distDir, 'preload.js'), popupHtml: this.pages.popup, settingsHtml: this.pages.settings },
      tray: () => this.tray?.view.tray ?? null,
      traits,
      zoom: core.zoom,
      // Log-off and shutdown reach windows only: every window listens.
      onCreated: traits.app.shutdown === 'window-session-end' ? (win) => quitOnSessionEnd(win, core.service) : undefined,
    });
  }

  attachTray(view: ElectronTrayView, app: TrayApp): void {
    this.tray = { view, app };
    if (this.warning) app.setNotice(this.warning);
  }

  private warning: string | null = null;

  /** Something the user must know (a squatter at the request pipe): the tray's ⚠ line, and the windows re-read the state. */
  warn = (text: string): void => {
    this.warning = text;
    this.tray?.app.setNotice(text);
    this.windows.broadcastStateChanged();
  };

  /** The file watches to re-arm on every refresh (a watched file replaced by a rename needs a new watch). */
  attachWatches(rearm: () => void): void {
    this.rearmWatches = rearm;
  }

  /** The user is looking now: a notice kept in the tray has done its job. */
  openPopup = (sourceProfile: string | null): void => {
    this.tray?.app.setNotice(null);
    this.windows.showPopup(sourceProfile);
  };

  /** The popup with the key rotation of the profile (no command is waiting then: a request would win). */
  openRotation = (sourceProfile: string): void => {
    this.tray?.app.setNotice(null);
    this.windows.showPopup(sourceProfile, null, true);
  };

  /** A click on the tray icon: opens the popup, or closes it when open. */
  togglePopup = (): void => {
    this.tray?.app.setNotice(null);
    this.windows.togglePopup();
  };

  /** State changed (a login, the settings, files the CLI wrote): the tray and every window re-read it. */
  refresh = (): void => {
    this.rearmWatches();
    this.tray?.app.refresh().catch(report);
    this.windows.broadcastStateChanged();
  };

  /** Opening the app again: the popup, or the settings when nothing is set up. */
  bringForward = (): void => (this.o.core.readSettings().profiles.length ? this.openPopup(null) : this.windows.openSettings());
}
