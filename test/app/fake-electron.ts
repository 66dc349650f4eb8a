/**
 * A recording stand-in for the parts of the `electron` module that dist/app.js (main/app/*) uses,
 * so the real built main process can run under plain Node, as each OS's Electron would run it.
 * It records every call and lets a driver play the user, the OS and the renderer.
 *
 * It models Electron 45's documented behaviour where the app depends on it (electron.d.ts is the
 * reference; each model says which part of the documentation it follows):
 * - per platform: which methods exist (app.dock, app.hide, app.setAppUserModelId), tray clicks
 *   and menus, tray bounds, login items, notification failures;
 * - app.setPath throws for a folder that does not exist; the single-instance lock lives in the
 *   userData folder at the time of the call (so setPath must come first);
 * - login items persist in an "OS state" file across processes, like the registry or SMAppService;
 * - window focus: focusing one window blurs the other, hiding a focused window blurs it, and on
 *   Windows a click on the tray icon blurs the focused window before `click` arrives;
 * - Windows' foreground lock: show()/focus() reach ::SetForegroundWindow (Chromium's
 *   HWNDMessageHandler::Activate), which Windows refuses unless the process received the user's
 *   last input (the tray icon, its menu, a window of ours), so a popup a command asked for opens
 *   without the keyboard.
 * The method shapes are checked against electron.d.ts (the `satisfies`/`implements` clauses in each
 * file), so a change in Electron's API is a compile error there. Nothing here is Electron.
 *
 * One file per Electron object under electron/ (as electron/fiddle's tests/mocks): app, BrowserWindow
 * (and its webContents), Tray, Menu, nativeImage, ipcMain, Notification, screen, session, clipboard,
 * shell; desktop.ts plays the user and the OS around them. This module holds the shared state and
 * assembles `module`, what `require('electron')` returns to dist/main.js (main-child.ts).
 */
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import type { Point } from 'electron';
import { createApp, type FakeApp } from './electron/app';
import { browserWindowClass, type FakeBrowserWindow } from './electron/browser-window';
import { createClipboard } from './electron/clipboard';
import { fakeEvent, type Call, type FakePlatform } from './electron/common';
import * as desktop from './electron/desktop';
import { createIpcMain } from './electron/ipc-main';
import { bundleOf, loginItemSettings, setLoginItem } from './electron/login-items';
import { createMenu, type FakeMenu } from './electron/menu';
import { createNativeImage } from './electron/native-image';
import { notificationClass, type FakeNotification } from './electron/notification';
import { createScreen, displayOf } from './electron/screen';
import { createSession } from './electron/session';
import { createShell } from './electron/shell';
import { SingleInstanceLock } from './electron/single-instance-lock';
import { trayClass, type FakeTray } from './electron/tray';

export { FakeBrowserWindow } from './electron/browser-window';
export { describe, fakeEvent, type Call, type FakePlatform } from './electron/common';
export { readOsState, writeOsState, type OsState } from './electron/login-items';
export { FakeMenu, findMenuItem } from './electron/menu';
export { FakeNativeImage } from './electron/native-image';
export { FakeNotification } from './electron/notification';
export { FakeTray } from './electron/tray';
export { FakeWebContents } from './electron/web-contents';

export interface FakeOptions {
  platform: FakePlatform;
  /** Electron's default userData folder for this app (appData + app name). */
  userData: string;
  appPath: string;
  /** process.execPath as Electron reports it: the packaged app binary or the electron binary. */
  execPath: string;
  isPackaged: boolean;
  version: string;
  locale: string;
  /** Persistent OS state (login items) shared by every run in one test world. */
  osStateFile: string;
  /** 'fail': show() emits `failed` (macOS, Windows); 'unsupported': Notification.isSupported() is false. */
  notifications: 'ok' | 'fail' | 'unsupported';
  /** What app.quit()/app.exit() end with (Electron exits the process there). */
  onExit(code: number): void;
  /** The OS proxy settings / PAC script: the answer session.resolveProxy gives for a URL (default DIRECT). */
  systemProxy?: (url: string) => string;
}

export class FakeElectron {
  readonly calls: Call[] = [];
  onCall: (c: Call) => void = () => undefined;
  readonly windows: FakeBrowserWindow[] = [];
  readonly trays: FakeTray[] = [];
  readonly notifications: FakeNotification[] = [];
  readonly handlers = new Map<string, (event: unknown, req: unknown) => unknown>();
  /** Channels with ipcMain.on listeners (synchronous or fire-and-forget messages). */
  readonly listeners = new Set<string>();
  permissionRequestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((...a: unknown[]) => boolean) | null = null;
  applicationMenu: FakeMenu | null = null;
  readonly module: Record<string, unknown>;
  readonly platform: FakePlatform;
  readonly powerMonitor = new EventEmitter();
  /** Which app has the keyboard: ours, or the one the user was in before (macOS app activation). */
  activeApp: 'self' | 'previous' = 'previous';
  focusedWindow: FakeBrowserWindow | null = null;
  /**
   * Windows' foreground lock (SetForegroundWindow's rules): whose process the user last gave input
   * to. Ours ('self') after a click on the tray icon, its menu or a window of ours; 'other' once the
   * user works in another app (a terminal). While 'other', show()/focus() cannot take the
   * keyboard on win32 (Electron's Activate calls ::SetForegroundWindow, which Windows refuses).
   */
  foreground: 'self' | 'other' = 'self';
  cursor: Point = { x: 960, y: 540 };
  /** The single-instance lock (a file in the userData folder of the moment). */
  readonly lock = new SingleInstanceLock(() => this.paths);
  /** Whether 'ready' has been emitted (app.isReady()). */
  readyNow = false;
  readonly readyWaiters: (() => void)[] = [];
  quitting = false;
  exited = false;
  /** The next window's id. */
  nextId = 1;
  /** Electron's default AppUserModelID for an app that never set one. */
  appUserModelId = `electron.app.${'aws-mfa-tray'}`;
  readonly paths = new Map<string, string>();
  readonly app: FakeApp;
  readonly record: (target: string, method: string, args: unknown[]) => void;

  constructor(readonly o: FakeOptions) {
    this.platform = o.platform;
    this.record = (target, method, args) => {
      const c = { target, method, args };
      this.calls.push(c);
      this.onCall(c);
    };
    this.paths.set('userData', o.userData);
    this.paths.set('temp', path.join(path.dirname(o.userData), '.tmp'));
    this.app = createApp(this);
    this.module = {
      app: this.app,
      ipcMain: createIpcMain(this),
      BrowserWindow: browserWindowClass(this),
      Tray: trayClass(this),
      Notification: notificationClass(this),
      Menu: createMenu(this),
      nativeImage: createNativeImage(),
      screen: createScreen(this),
      clipboard: createClipboard(this),
      powerMonitor: this.powerMonitor,
      session: createSession(this),
      shell: createShell(this),
    };
  }

  display() {
    return displayOf(this.platform);
  }

  /** Electron's 'ready': after the main script has run. */
  ready(): void {
    this.readyNow = true;
    this.app.emit('ready', fakeEvent(), {});
    for (const r of this.readyWaiters.splice(0)) r();
  }

  releaseLock(): void {
    this.lock.release();
  }

  /** app.getLoginItemSettings as documented per OS (electron/login-items.ts). */
  loginItemSettings(options: Parameters<typeof loginItemSettings>[1]) {
    return loginItemSettings(this, options);
  }

  setLoginItem(settings: Parameters<typeof setLoginItem>[1]): void {
    setLoginItem(this, settings);
  }

  /** The .app bundle macOS registers: the one holding the running executable (Electron.app under `npm start`). */
  bundle(): string {
    return bundleOf(this);
  }

  /** Electron's quit sequence: before-quit, close windows, will-quit (preventable), quit, exit. */
  quit(): void {
    if (this.quitting || this.exited) return;
    this.quitting = true;
    try {
      const before = fakeEvent();
      this.app.emit('before-quit', before);
      if (before.defaultPrevented) return;
      for (const w of this.windows) if (!w.isDestroyed()) w.close();
      const will = fakeEvent();
      this.app.emit('will-quit', will);
      if (will.defaultPrevented) return;
      this.app.emit('quit', fakeEvent(), 0);
      // Electron ends the process from its message loop, not inside quit().
      setImmediate(() => this.exit(0));
    } finally {
      this.quitting = false;
    }
  }

  exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.lock.release();
    this.o.onExit(code);
  }

  /** Electron quits when the last window closes, unless the app listens to 'window-all-closed'. */
  windowClosed(): void {
    if (this.quitting || this.windows.some((w) => !w.isDestroyed())) return;
    if (this.app.listenerCount('window-all-closed') > 0) this.app.emit('window-all-closed', fakeEvent());
    else this.quit();
  }

  /** Whether a window of ours may take the keyboard now: everywhere but under Windows' foreground lock. */
  mayTakeForeground(): boolean {
    return this.platform !== 'win32' || this.foreground === 'self';
  }

  /** The user clicks another app's window and types there (a terminal): our windows lose the focus. */
  userWorksElsewhere(): void {
    desktop.userWorksElsewhere(this);
  }

  /** The user clicks a visible window of ours: Windows gives that process the foreground. */
  clickWindow(w: FakeBrowserWindow): void {
    desktop.clickWindow(this, w);
  }

  /** Keyboard focus moves to `w` (or away from every window of ours): the old one gets 'blur'. */
  setFocus(w: FakeBrowserWindow | null): void {
    const old = this.focusedWindow;
    if (old === w) return;
    this.focusedWindow = w;
    if (w) this.activeApp = 'self';
    if (old && !old.isDestroyed()) old.emit('blur', fakeEvent());
    if (w) w.emit('focus', fakeEvent());
  }

  /** The user clicks the tray icon, as each OS delivers it (electron/desktop.ts). */
  clickTray(button: 'left' | 'right'): 'event' | 'menu' | 'nothing' {
    return desktop.clickTray(this, button);
  }

  /** A double click on the icon, as each OS delivers it (electron/desktop.ts). */
  doubleClickTray(): 'event' | 'menu' | 'nothing' {
    return desktop.doubleClickTray(this);
  }
}
