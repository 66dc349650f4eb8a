/**
 * The popup (code entry) and settings windows. The popup is frameless and appears next to the
 * tray icon (centred on Linux); it hides when it loses focus, like a menu. Both use the shared
 * secure web preferences and load only our own pages, and both take the window keys (Ctrl+W,
 * zoom) and the saved zoom.
 *
 * Per OS: on macOS the popup joins every Space and floats over full-screen apps, the app takes the
 * focus when it opens and gives it back to the previous app when it is dismissed (Esc, Cancel, a
 * login done). On Windows a click on the tray icon first moves the focus to the taskbar, which
 * blurs (and so hides) an open popup just before the click arrives: that click closes it.
 */
import { app, BrowserWindow, screen, type BrowserWindowConstructorOptions, type Rectangle, type Tray } from 'electron';
import type { EventName, IpcEvents, RequestView } from '../ipc/contract';
import { ipcChannel } from '../ipc/contract';
import type { PlatformTraits } from '../platform/traits';
import { popupPosition } from '../tray/popup-position';
import { nextZoom, windowKeyAction } from './window-keys';
import { secureWebPreferences } from './window-options';

/**
 * The only place a window is created. The key flags are restated as literals on top of
 * secureWebPreferences() (same values) so static scanners such as Electronegativity, which read
 * only literals inside the BrowserWindow constructor call, can verify them too.
 */
function secureWindow(options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>, preload: string, zoomFactor: number): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: { ...secureWebPreferences(preload), zoomFactor, contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
}

const POPUP_SIZE = { width: 360, height: 440 };
const SETTINGS_SIZE = { width: 640, height: 600 };

export interface WindowPaths {
  preload: string;
  popupHtml: string;
  settingsHtml: string;
}

/** Where the windows' zoom factor is kept (the settings file), so it survives a restart. */
export interface ZoomSetting {
  get(): number;
  set(factor: number): void;
}

export interface WindowsOptions {
  paths: WindowPaths;
  /** The tray icon the popup opens next to (null before it exists). */
  tray: () => Tray | null;
  traits: PlatformTraits;
  zoom?: ZoomSetting;
  /** Called for every window created (Windows: session-end listeners). */
  onCreated?: (win: BrowserWindow) => void;
  now?: () => number;
}

/** How long after a blur over the tray icon a tray click still counts as "close" (Windows). */
const TRAY_CLICK_AFTER_BLUR_MS = 1000;

const inside = (p: { x: number; y: number }, r: Rectangle) => r.width > 0 && p.x >= r.x && p.x < r.x + r.width && p.y >= r.y && p.y < r.y + r.height;

export class Windows {
  private popup: BrowserWindow | null = null;
  private settings: BrowserWindow | null = null;
  /**
   * The code request a command is waiting on, if any: the popup shows it whenever it opens, and
   * does not hide on blur while it waits (the user may switch to the terminal to read what asked).
   */
  pendingRequest: () => RequestView | null = () => null;
  /** Windows: when a blur with the pointer on the tray icon hid the popup. */
  private hiddenByTrayPress: number | null = null;
  /** Windows: the popup flashes until it gets the focus (or hides). */
  private flashing = false;

  private readonly paths: WindowPaths;
  private readonly tray: () => Tray | null;
  private readonly traits: PlatformTraits;
  private readonly zoom: ZoomSetting;
  private readonly onCreated: (win: BrowserWindow) => void;
  private readonly now: () => number;

  constructor(o: WindowsOptions) {
    this.paths = o.paths;
    this.tray = o.tray;
    this.traits = o.traits;
    this.zoom = o.zoom ?? { get: () => 1, set: () => undefined };
    this.onCreated = o.onCreated ?? (() => undefined);
    this.now = o.now ?? Date.now;
  }

  /** Creates the popup hidden, so it is ready at the first click (and on Windows, a window exists to hear the session end). */
  preparePopup(): void {
    this.ensurePopup();
  }

  popupVisible(): boolean {
    return Boolean(this.popup && !this.popup.isDestroyed() && this.popup.isVisible());
  }

  /** `rotate`: the popup opens the key rotation of `sourceProfile` (tray item, age reminder). */
  showPopup(sourceProfile: string | null, request: RequestView | null = this.pendingRequest(), rotate = false): void {
    if (request) sourceProfile = request.profile;
    const win = this.ensurePopup();
    const bounds = this.tray()?.getBounds() ?? null;
    const display = bounds ? screen.getDisplayNearestPoint({ x: bounds.x, y: bounds.y }) : screen.getPrimaryDisplay();
    const { x, y } = popupPosition(this.traits.platform, POPUP_SIZE, display.workArea, bounds);
    win.setBounds({ x, y, ...POPUP_SIZE });
    const announce = () => {
      // A menu-bar app is not the active app when its icon is clicked: make it so, or the popup
      // would open without the keyboard.
      if (this.traits.focus.takeOnShow) app.focus({ steal: true });
      win.show();
      win.focus();
      // Windows: a command's request reaches a process the user is not using, and the OS keeps the
      // keyboard where it was (the terminal). Flash the popup until it has the focus and say to click it.
      const locked = Boolean(request) && this.traits.focus.foregroundLock && !win.isFocused();
      if (locked && !this.flashing) {
        this.flashing = true;
        win.flashFrame(true);
        const stop = () => {
          this.flashing = false;
          win.flashFrame(false);
          win.removeListener('focus', stop).removeListener('hide', stop);
        };
        win.on('focus', stop).on('hide', stop);
      }
      this.send(win, 'popupShown', request ? { sourceProfile, request, ...(locked ? { clickToType: true as const } : {}) } : rotate && sourceProfile ? { sourceProfile, rotate } : { sourceProfile });
    };
    if (win.webContents.isLoading()) win.webContents.once('did-finish-load', announce);
    else announce();
  }

  /** A click on the tray icon (macOS, Windows): opens the popup, or closes it if open. */
  togglePopup(): void {
    const pressed = this.hiddenByTrayPress;
    this.hiddenByTrayPress = null;
    if (this.popupVisible()) this.popup?.hide();
    // Windows: the press on the icon already hid the popup (blur); this click is the "close".
    else if (pressed !== null && this.now() - pressed < TRAY_CLICK_AFTER_BLUR_MS) return;
    else this.showPopup(null);
  }

  hidePopup(): void {
    if (this.popup && !this.popup.isDestroyed()) this.popup.hide();
  }

  /** Hides whichever of our windows asked (the popup's Cancel, Esc, a login done). */
  hide(): void {
    this.hidePopup();
    // macOS keeps a hidden window's app active: hand the keyboard back to the app the user was in,
    // unless the settings window is still open.
    if (this.traits.focus.returnOnDismiss && !(this.settings && !this.settings.isDestroyed() && this.settings.isVisible())) app.hide();
  }

  /** The settings page's Esc: Windows and Linux offer no other keyboard way to close it. */
  closeSettings(): void {
    if (this.settings && !this.settings.isDestroyed()) this.settings.close();
  }

  openSettings(): void {
    this.hidePopup();
    if (this.settings && !this.settings.isDestroyed()) {
      this.settings.show();
      this.settings.focus();
      return;
    }
    const win = secureWindow({
      ...SETTINGS_SIZE,
      minWidth: 480,
      minHeight: 420,
      show: false,
      title: 'aws-mfa-tray',
      autoHideMenuBar: true,
    }, this.paths.preload, this.zoom.get());
    this.handleKeys(win, () => win.close());
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => (this.settings = null));
    this.onCreated(win);
    void win.loadFile(this.paths.settingsHtml);
    this.settings = win;
  }

  /** Tells every open window that state changed (login, settings, files changed by the CLI). */
  broadcastStateChanged(): void {
    for (const win of [this.popup, this.settings]) if (win && !win.isDestroyed()) this.send(win, 'stateChanged', null);
  }

  private ensurePopup(): BrowserWindow {
    if (this.popup && !this.popup.isDestroyed()) return this.popup;
    const win = secureWindow({
      ...POPUP_SIZE,
      show: false,
      frame: false,
      resizable: false,
      movable: this.traits.popup.movable,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      transparent: false,
    }, this.paths.preload, this.zoom.get());
    // Ctrl+W as Esc: hidden, and on macOS the keyboard goes back to the previous app.
    this.handleKeys(win, () => this.hide());
    if (this.traits.popup.onAllSpaces) {
      // On the Space the user is in, also over a full-screen app; the process is a UI element
      // already (LSUIElement, or the hidden Dock under `npm start`), so no transform is needed.
      win.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
      win.setAlwaysOnTop(true, 'pop-up-menu');
    }
    // Like a menu: clicking elsewhere dismisses it (the code is not lost, it was never submitted).
    win.on('blur', () => {
      // A command waiting for this code keeps it open (the user may look at the terminal that asked).
      if (win.webContents.isDevToolsOpened() || this.pendingRequest()) return;
      if (this.traits.focus.trayPressHidesPopup) {
        const bounds = this.tray()?.getBounds();
        this.hiddenByTrayPress = bounds && win.isVisible() && inside(screen.getCursorScreenPoint(), bounds) ? this.now() : null;
      }
      win.hide();
    });
    win.on('closed', () => (this.popup = null));
    this.onCreated(win);
    void win.loadFile(this.paths.popupHtml);
    this.popup = win;
    return win;
  }

  /**
   * Ctrl+W (Cmd+W) closes, Ctrl+plus/minus/0 zoom every window of ours and save the zoom.
   * Chromium also remembers zoom per host; the saved factor is applied on every load so ours wins.
   */
  private handleKeys(win: BrowserWindow, close: () => void): void {
    win.webContents.on('before-input-event', (event, input) => {
      const action = windowKeyAction(input, this.traits.platform);
      if (!action) return;
      event.preventDefault();
      if (action === 'close') return close();
      const factor = nextZoom(this.zoom.get(), action);
      this.zoom.set(factor);
      for (const w of [this.popup, this.settings]) if (w && !w.isDestroyed()) w.webContents.setZoomFactor(factor);
    });
    win.webContents.on('did-finish-load', () => win.webContents.setZoomFactor(this.zoom.get()));
  }

  private send<E extends EventName>(win: BrowserWindow, event: E, payload: IpcEvents[E]): void {
    win.webContents.send(ipcChannel(event), payload);
  }
}
