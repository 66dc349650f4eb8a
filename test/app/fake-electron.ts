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
 * The method shapes are checked against electron.d.ts (the `satisfies`/`implements` clauses below),
 * so a change in Electron's API is a compile error here. Nothing here is Electron.
 */
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  App,
  BrowserWindow as ElectronBrowserWindow,
  Dock,
  FocusOptions,
  LoginItemSettings,
  LoginItemSettingsOptions,
  NativeImage,
  Point,
  Rectangle,
  Settings as LoginSettings,
  Tray as ElectronTray,
  Notification as ElectronNotification,
  WebContents,
  Screen,
  IpcMain,
  IpcMainInvokeEvent,
  Clipboard,
  Shell,
} from 'electron';

export type FakePlatform = 'darwin' | 'win32' | 'linux';

export interface Call {
  target: string;
  method: string;
  args: unknown[];
}

/** A JSON-safe picture of a value: functions and native objects become short tags. */
export function describe(v: unknown, depth = 0): unknown {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v ?? null;
  if (typeof v === 'function') return '[function]';
  if (Buffer.isBuffer(v)) return `[Buffer ${v.length}]`;
  if (depth > 6) return '[deep]';
  if (Array.isArray(v)) return v.map((x) => describe(x, depth + 1));
  if (typeof v === 'object') {
    const d = (v as { describe?: () => unknown }).describe;
    if (typeof d === 'function') return d.call(v);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, describe(x, depth + 1)]));
  }
  return `[${typeof v}]`;
}

/** Electron-style event object: preventDefault() is remembered. */
export function fakeEvent<T extends object>(extra?: T): { defaultPrevented: boolean; preventDefault(): void } & T {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
    ...(extra as T),
  };
  return e;
}

/** What the OS remembers between runs: login items (macOS SMAppService, the Windows Run key). */
export interface OsState {
  /** macOS: SMAppService status per app bundle; 'requires-approval' when the user switched it off in System Settings. */
  macLoginItems: Record<string, LoginItemSettings['status']>;
  /** macOS: bundles the user disabled in System Settings > Login Items (registering again needs approval). */
  macUserDisabled: string[];
  /** Windows: HKCU\...\Run values (name -> command line) and StartupApproved (Task Manager) flags. */
  winRun: Record<string, { command: string; enabled: boolean }>;
}

export function readOsState(file: string): OsState {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as OsState;
  } catch {
    return { macLoginItems: {}, macUserDisabled: [], winRun: {} };
  }
}

export function writeOsState(file: string, s: OsState): void {
  fs.writeFileSync(file, JSON.stringify(s, null, 2));
}

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

type MenuTemplateItem = Record<string, unknown> & { label?: string; click?: (...a: unknown[]) => void; submenu?: MenuTemplateItem[] };

/** Screen geometry per OS: a 1920x1080 display with the menu bar on top (macOS) or the taskbar below (Windows). */
const DISPLAYS: Record<FakePlatform, { bounds: Rectangle; workArea: Rectangle }> = {
  darwin: { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 25, width: 1920, height: 1055 } },
  win32: { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1032 } },
  linux: { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 27, width: 1920, height: 1053 } },
};

/**
 * tray.getBounds() (documented for macOS and Windows): the status item in the menu bar (its width
 * grows with the title), or the notification-area button in the taskbar. On Linux Electron
 * reports no position (zeros).
 */
function trayBounds(platform: FakePlatform, title: string): Rectangle {
  if (platform === 'darwin') {
    const width = 22 + (title ? 7 * title.length + 4 : 0);
    return { x: 1500, y: 0, width, height: 24 };
  }
  if (platform === 'win32') return { x: 1736, y: 1032, width: 24, height: 48 };
  return { x: 0, y: 0, width: 0, height: 0 };
}

/** The login-item command line Electron writes to the Run key: the quoted path, then the args as given. */
const winCommand = (exe: string, args: readonly string[]) => [`"${exe}"`, ...args].join(' ');
const winExeOf = (command: string): string => /^"([^"]*)"/.exec(command)?.[1] ?? command.split(' ')[0] ?? '';

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
  /** The single-instance lock file this process holds, if any. */
  private lockFile: string | null = null;
  private isReady = false;
  private readyWaiters: (() => void)[] = [];
  quitting = false;
  exited = false;
  private nextId = 1;
  private appUserModelId: string;
  readonly paths = new Map<string, string>();
  readonly app: EventEmitter & { quit(): void };
  readonly record: (target: string, method: string, args: unknown[]) => void;

  constructor(readonly o: FakeOptions) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const fake = this;
    this.platform = o.platform;
    const record = (target: string, method: string, args: unknown[]) => {
      const c = { target, method, args };
      fake.calls.push(c);
      fake.onCall(c);
    };
    this.record = record;
    this.paths.set('userData', o.userData);
    this.paths.set('temp', path.join(path.dirname(o.userData), '.tmp'));
    // Electron's default AppUserModelID for an app that never set one.
    this.appUserModelId = `electron.app.${'aws-mfa-tray'}`;

    const common = {
      isPackaged: o.isPackaged,
      whenReady: (): Promise<void> => {
        record('app', 'whenReady', []);
        return fake.isReady ? Promise.resolve() : new Promise<void>((resolve) => fake.readyWaiters.push(resolve));
      },
      isReady: () => fake.isReady,
      requestSingleInstanceLock: (): boolean => {
        record('app', 'requestSingleInstanceLock', [fake.paths.get('userData')]);
        return fake.takeLock();
      },
      enableSandbox: () => record('app', 'enableSandbox', []),
      getLocale: () => o.locale,
      getVersion: () => o.version,
      getName: () => 'aws-mfa-tray',
      getAppPath: () => o.appPath,
      getPath: (name: Parameters<App['getPath']>[0]): string => {
        const p = fake.paths.get(name);
        if (p === undefined) throw new Error(`fake electron: app.getPath('${name}') is not modelled`);
        return p;
      },
      // "If the path specifies a directory that does not exist, an Error is thrown."
      setPath: (name: string, value: string): void => {
        record('app', 'setPath', [name, value]);
        if (!path.isAbsolute(value)) throw new Error('Path must be absolute');
        if (!fs.existsSync(value) || !fs.statSync(value).isDirectory()) throw new Error(`Failed to set path`);
        fake.paths.set(name, value);
      },
      quit: (): void => {
        record('app', 'quit', []);
        fake.quit();
      },
      // "Exits immediately with exitCode ... without asking the user, 'before-quit' and 'will-quit' are not emitted."
      exit: (exitCode?: number): void => {
        record('app', 'exit', [exitCode ?? 0]);
        fake.exit(exitCode ?? 0);
      },
      focus: (options?: FocusOptions): void => {
        record('app', 'focus', [options ?? null]);
        fake.activeApp = 'self';
      },
      getLoginItemSettings: (options?: LoginItemSettingsOptions): LoginItemSettings => {
        record('app', 'getLoginItemSettings', [options ?? null]);
        return fake.loginItemSettings(options ?? {});
      },
      setLoginItemSettings: (settings: LoginSettings): void => {
        record('app', 'setLoginItemSettings', [settings]);
        fake.setLoginItem(settings);
      },
    } satisfies Partial<App>;

    // Methods Electron only defines on one platform are absent elsewhere, as in Electron's bindings.
    const darwinOnly = {
      // "Hides all application windows without minimizing them": the previous app becomes active.
      hide: (): void => {
        record('app', 'hide', []);
        fake.activeApp = 'previous';
        for (const w of fake.windows) if (w.visible) w.hideForApp();
      },
      show: (): void => record('app', 'show', []),
      dock: {
        hide: () => record('dock', 'hide', []),
        show: () => {
          record('dock', 'show', []);
          return Promise.resolve();
        },
        isVisible: () => false,
      } satisfies Pick<Dock, 'hide' | 'show' | 'isVisible'>,
    } satisfies Partial<Omit<App, 'dock'>> & { dock: Pick<Dock, 'hide' | 'show' | 'isVisible'> };
    const win32Only = {
      setAppUserModelId: (id: string): void => {
        record('app', 'setAppUserModelId', [id]);
        fake.appUserModelId = id;
      },
    } satisfies Partial<App>;

    const app = Object.assign(new EventEmitter(), common, o.platform === 'darwin' ? darwinOnly : {}, o.platform === 'win32' ? win32Only : {});
    const origOn = app.on.bind(app);
    app.on = (event: string, listener: (...a: unknown[]) => void) => {
      record('app', 'on', [event]);
      return origOn(event, listener);
    };
    this.app = app;

    const ipcMain = Object.assign(new EventEmitter(), {
      handle: (channel: string, fn: (event: IpcMainInvokeEvent, ...args: never[]) => unknown): void => {
        if (fake.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        record('ipcMain', 'handle', [channel]);
        fake.handlers.set(channel, fn as unknown as (event: unknown, req: unknown) => unknown);
      },
      removeHandler: (channel: string): void => void fake.handlers.delete(channel),
    } satisfies Partial<IpcMain>);
    const origIpcOn = ipcMain.on.bind(ipcMain);
    ipcMain.on = (channel: string, listener: (...a: unknown[]) => void) => {
      record('ipcMain', 'on', [channel]);
      fake.listeners.add(channel);
      return origIpcOn(channel, listener);
    };

    class BrowserWindow extends FakeBrowserWindow {
      constructor(options: Record<string, unknown>) {
        super(fake, fake.nextId++, options);
      }
    }
    class Tray extends FakeTray {
      constructor(image: FakeNativeImage | string) {
        super(fake, image);
      }
    }
    class Notification extends FakeNotification {
      static isSupported() {
        return o.notifications !== 'unsupported';
      }
      constructor(options: Record<string, unknown>) {
        super(fake, options);
      }
    }

    const screen = {
      getDisplayNearestPoint: (p: Point) => {
        record('screen', 'getDisplayNearestPoint', [p]);
        return fake.display();
      },
      getPrimaryDisplay: () => {
        record('screen', 'getPrimaryDisplay', []);
        return fake.display();
      },
      getCursorScreenPoint: (): Point => ({ ...fake.cursor }),
    } satisfies Partial<Record<keyof Screen, unknown>> & Pick<Screen, 'getCursorScreenPoint'>;

    this.module = {
      app,
      ipcMain,
      BrowserWindow,
      Tray,
      Notification,
      Menu: {
        buildFromTemplate: (template: MenuTemplateItem[]) => {
          record('Menu', 'buildFromTemplate', [template]);
          return new FakeMenu(template);
        },
        setApplicationMenu: (menu: FakeMenu | null) => {
          record('Menu', 'setApplicationMenu', [menu]);
          fake.applicationMenu = menu;
        },
      },
      nativeImage: {
        createEmpty: () => new FakeNativeImage(),
        createFromPath: (p: string) => FakeNativeImage.fromPath(p),
        createFromBuffer: (buffer: Buffer, options?: { scaleFactor?: number }) => {
          const i = new FakeNativeImage();
          i.addRepresentation({ scaleFactor: options?.scaleFactor ?? 1, buffer });
          return i;
        },
      },
      screen,
      clipboard: {
        writeText(text: string): Promise<void> {
          record('clipboard', 'writeText', [text]);
          return Promise.resolve();
        },
      } satisfies Partial<Clipboard>,
      powerMonitor: this.powerMonitor,
      session: {
        defaultSession: {
          setPermissionRequestHandler: (h: FakeElectron['permissionRequestHandler']) => {
            record('session', 'setPermissionRequestHandler', [h]);
            fake.permissionRequestHandler = h;
          },
          setPermissionCheckHandler: (h: FakeElectron['permissionCheckHandler']) => {
            record('session', 'setPermissionCheckHandler', [h]);
            fake.permissionCheckHandler = h;
          },
          // Chromium's proxy decision for a URL in PAC result form ("PROXY host:port;DIRECT"), as
          // ProxyInfo::ToPacString writes it; the driver plays the OS settings / PAC script.
          resolveProxy: (url: string): Promise<string> => {
            record('session', 'resolveProxy', [url]);
            return Promise.resolve(o.systemProxy?.(url) ?? 'DIRECT');
          },
        },
      },
      shell: {
        openExternal: (url: string): Promise<void> => {
          record('shell', 'openExternal', [url]);
          return Promise.resolve();
        },
      } satisfies Pick<Shell, 'openExternal'>,
    };
  }

  display() {
    const d = DISPLAYS[this.platform];
    return { id: 1, scaleFactor: 1, bounds: { ...d.bounds }, workArea: { ...d.workArea } };
  }

  /** Electron's 'ready': after the main script has run. */
  ready(): void {
    this.isReady = true;
    this.app.emit('ready', fakeEvent(), {});
    for (const r of this.readyWaiters.splice(0)) r();
  }

  /** The lock: a file in the userData folder of the moment, held until the process ends. */
  private takeLock(): boolean {
    const dir = this.paths.get('userData')!;
    const file = path.join(dir, 'SingletonLock');
    fs.mkdirSync(dir, { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
        this.lockFile = file;
        process.on('exit', () => this.releaseLock());
        return true;
      } catch {
        const pid = Number(fs.readFileSync(file, 'utf8'));
        if (pid === process.pid) return true;
        if (pidAlive(pid)) return false;
        fs.rmSync(file, { force: true }); // a stale lock from a process that died
      }
    }
    return false;
  }

  releaseLock(): void {
    if (this.lockFile) fs.rmSync(this.lockFile, { force: true });
    this.lockFile = null;
  }

  /** app.getLoginItemSettings as documented per OS. */
  loginItemSettings(options: LoginItemSettingsOptions): LoginItemSettings {
    const base: LoginItemSettings = { openAtLogin: false, wasOpenedAtLogin: false, status: 'not-registered', executableWillLaunchAtLogin: false, launchItems: [] };
    const state = readOsState(this.o.osStateFile);
    if (this.platform === 'darwin') {
      // macOS 13+ (SMAppService.mainApp): the running bundle is the login item; path/args do not exist here.
      const status = state.macLoginItems[this.bundle()] ?? 'not-registered';
      return { ...base, status, openAtLogin: status === 'enabled' };
    }
    if (this.platform === 'win32') {
      const exe = options.path ?? this.o.execPath;
      const command = winCommand(exe, options.args ?? []);
      const launchItems = Object.entries(state.winRun).map(([name, v]) => ({
        name,
        path: winExeOf(v.command),
        args: v.command.slice(winExeOf(v.command).length + 2).split(' ').filter(Boolean),
        scope: 'user' as const,
        enabled: v.enabled,
      }));
      const mine = state.winRun[this.appUserModelId];
      return {
        ...base,
        // openAtLogin: a Run value for this app with exactly this path and args (the StartupApproved flag is not read).
        openAtLogin: mine?.command === command,
        // "true if app is set to open at login and its run key is not deactivated ... ignores the args option".
        executableWillLaunchAtLogin: launchItems.some((i) => i.path === exe && i.enabled),
        launchItems,
      };
    }
    throw new Error('fake electron: app.getLoginItemSettings is documented for macOS and Windows only; Linux uses the XDG autostart entry');
  }

  setLoginItem(settings: LoginSettings): void {
    const state = readOsState(this.o.osStateFile);
    if (this.platform === 'darwin') {
      const bundle = this.bundle();
      if (settings.openAtLogin) {
        // Registering again after the user disabled it in System Settings leaves it waiting for approval.
        state.macLoginItems[bundle] = state.macUserDisabled.includes(bundle) ? 'requires-approval' : 'enabled';
      } else {
        state.macLoginItems[bundle] = 'not-registered';
      }
    } else if (this.platform === 'win32') {
      const name = settings.name ?? this.appUserModelId;
      if (settings.openAtLogin) state.winRun[name] = { command: winCommand(settings.path ?? this.o.execPath, settings.args ?? []), enabled: settings.enabled ?? true };
      else delete state.winRun[name];
    } else {
      throw new Error('fake electron: app.setLoginItemSettings is documented for macOS and Windows only; Linux uses the XDG autostart entry');
    }
    writeOsState(this.o.osStateFile, state);
  }

  /** The .app bundle macOS registers: the one holding the running executable (Electron.app under `npm start`). */
  bundle(): string {
    const i = this.o.execPath.indexOf('.app/');
    return i >= 0 ? this.o.execPath.slice(0, i + 4) : this.o.execPath;
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
    this.releaseLock();
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
    this.foreground = 'other';
    this.cursor = { x: 200, y: 200 };
    this.setFocus(null);
  }

  /** The user clicks a visible window of ours: Windows gives that process the foreground. */
  clickWindow(w: FakeBrowserWindow): void {
    if (!w.visible) throw new Error(`window #${w.id} is not visible`);
    this.foreground = 'self';
    this.cursor = { x: w.bounds.x + 10, y: w.bounds.y + 10 };
    this.setFocus(w);
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

  /**
   * The user clicks the tray icon. macOS: 'click' (left) or 'right-click'. Windows: the taskbar
   * takes the focus first, so a focused window of ours gets 'blur', then the click event comes.
   * Linux: the desktop's tray host shows the context menu; no click event reaches the app.
   * Returns what the desktop did.
   */
  clickTray(button: 'left' | 'right'): 'event' | 'menu' | 'nothing' {
    const tray = this.trays[0];
    if (!tray) throw new Error('no tray');
    const bounds = tray.getBounds();
    this.cursor = { x: bounds.x + Math.floor(bounds.width / 2), y: bounds.y + Math.floor(bounds.height / 2) };
    if (this.platform === 'linux') {
      if (tray.contextMenu) {
        this.record('desktop', 'showTrayMenu', []);
        return 'menu';
      }
      return 'nothing';
    }
    if (this.platform === 'win32') {
      this.setFocus(null);
      this.activeApp = 'previous';
      // The notification icon's process received the input: it may take the foreground.
      this.foreground = 'self';
    }
    const event = button === 'left' ? 'click' : 'right-click';
    if (button === 'right' && tray.contextMenu && this.platform === 'win32') {
      this.record('desktop', 'showTrayMenu', []);
      return 'menu';
    }
    tray.emit(event, fakeEvent({ altKey: false, shiftKey: false, ctrlKey: false, metaKey: false }), bounds, { ...this.cursor });
    return 'event';
  }

  /**
   * A double click on the icon. Windows (electron shell/browser/ui/win/notify_icon_host.cc): the first
   * press is WM_LBUTTONDOWN, 'click'; the second comes as WM_LBUTTONDBLCLK, 'double-click' and no
   * 'click'; each press gives the taskbar the focus first. macOS (setIgnoreDoubleClickEvents(true)):
   * two 'click's. Linux: the tray host's menu.
   */
  doubleClickTray(): 'event' | 'menu' | 'nothing' {
    const first = this.clickTray('left');
    if (first !== 'event' || this.platform !== 'win32') return first === 'event' ? this.clickTray('left') : first;
    const tray = this.trays[0]!;
    this.setFocus(null);
    this.activeApp = 'previous';
    tray.emit('double-click', fakeEvent({ altKey: false, shiftKey: false, ctrlKey: false, metaKey: false }), tray.getBounds());
    return 'event';
  }
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

type ImageRep = { scaleFactor: number; width: number; height: number; bytes: number };

/** PNG width/height from the IHDR chunk. */
function pngSize(buffer: Buffer): { width: number; height: number } {
  if (buffer.length < 24 || buffer.readUInt32BE(12) !== 0x49484452) throw new Error('fake electron: not a PNG');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

export class FakeNativeImage implements Pick<NativeImage, 'isEmpty' | 'setTemplateImage' | 'isTemplateImage' | 'getScaleFactors'> {
  readonly representations: ImageRep[] = [];
  template = false;
  /** createFromPath: the file the image was read from (on Windows an .ico keeps every size). */
  file: string | null = null;

  static fromPath(p: string): FakeNativeImage {
    const i = new FakeNativeImage();
    i.file = p;
    const buffer = fs.readFileSync(p);
    if (p.endsWith('.png')) i.addRepresentation({ scaleFactor: 1, buffer });
    return i;
  }

  addRepresentation(r: { scaleFactor: number; buffer?: Buffer; width?: number; height?: number }): void {
    if (!r.buffer) throw new Error('fake electron: only buffer representations are modelled');
    const size = pngSize(r.buffer);
    this.representations.push({ scaleFactor: r.scaleFactor, ...size, bytes: r.buffer.length });
  }
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  getScaleFactors(): number[] {
    return this.representations.map((r) => r.scaleFactor);
  }
  isEmpty(): boolean {
    return this.representations.length === 0 && this.file === null;
  }
  describe() {
    return { image: this.representations, template: this.template, file: this.file };
  }
}

export class FakeMenu {
  constructor(readonly items: MenuTemplateItem[]) {}
  describe() {
    return { menu: describe(this.items) };
  }
}

export class FakeWebContents extends EventEmitter implements Pick<WebContents, 'send' | 'isLoading' | 'isDevToolsOpened'> {
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  loading = false;
  devTools = false;
  /** Starts at webPreferences.zoomFactor, as Electron documents. */
  zoomFactor = 1;
  constructor(
    private readonly fake: FakeElectron,
    readonly id: number,
  ) {
    super();
  }
  setZoomFactor(factor: number): void {
    this.fake.record(`webContents#${this.id}`, 'setZoomFactor', [factor]);
    this.zoomFactor = factor;
  }
  getZoomFactor(): number {
    return this.zoomFactor;
  }
  send(channel: string, payload: unknown): void {
    this.fake.record(`webContents#${this.id}`, 'send', [channel, payload]);
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(h: FakeWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = h;
  }
  isLoading(): boolean {
    return this.loading;
  }
  isDevToolsOpened(): boolean {
    return this.devTools;
  }
  describe() {
    return `[webContents#${this.id}]`;
  }
}

type WindowModel = Pick<
  ElectronBrowserWindow,
  'show' | 'hide' | 'focus' | 'isVisible' | 'isFocused' | 'isDestroyed' | 'getBounds' | 'setBounds' | 'close' | 'destroy' | 'setVisibleOnAllWorkspaces' | 'setAlwaysOnTop' | 'flashFrame'
>;

export class FakeBrowserWindow extends EventEmitter implements WindowModel {
  readonly webContents: FakeWebContents;
  visible = false;
  destroyed = false;
  loadedFile: string | null = null;
  bounds: Rectangle;
  allWorkspaces: { visible: boolean; options: unknown } | null = null;
  alwaysOnTopLevel: string | null = null;
  flashing = false;

  constructor(
    private readonly fake: FakeElectron,
    readonly id: number,
    readonly options: Record<string, unknown>,
  ) {
    super();
    this.webContents = new FakeWebContents(fake, id);
    this.webContents.zoomFactor = Number((options.webPreferences as { zoomFactor?: number } | undefined)?.zoomFactor ?? 1);
    this.bounds = { x: 0, y: 0, width: Number(options.width ?? 800), height: Number(options.height ?? 600) };
    if (options.alwaysOnTop === true) this.alwaysOnTopLevel = 'floating';
    fake.windows.push(this);
    fake.record('BrowserWindow', 'new', [{ id, ...options }]);
    // Electron announces every new WebContents to the app before anything loads in it.
    fake.app.emit('web-contents-created', fakeEvent(), this.webContents);
    if (options.show !== false) this.show();
  }

  private call(method: string, args: unknown[] = []): void {
    this.fake.record(`window#${this.id}`, method, args);
  }

  loadFile(file: string): Promise<void> {
    this.call('loadFile', [file]);
    this.loadedFile = file;
    this.webContents.loading = true;
    return new Promise((resolve) =>
      setImmediate(() => {
        if (this.destroyed) return resolve();
        this.webContents.loading = false;
        this.webContents.emit('did-finish-load', fakeEvent());
        this.emit('ready-to-show', fakeEvent());
        resolve();
      }),
    );
  }
  /** "Shows and gives focus to the window." (Windows: only when the process may take the foreground.) */
  show(): void {
    this.call('show');
    this.visible = true;
    this.emit('show', fakeEvent());
    if (this.fake.mayTakeForeground()) this.fake.setFocus(this);
  }
  /** Hiding a focused window takes the focus away from it ('blur'). */
  hide(): void {
    this.call('hide');
    if (!this.visible) return;
    this.visible = false;
    this.emit('hide', fakeEvent());
    if (this.fake.focusedWindow === this) this.fake.setFocus(null);
  }
  /** app.hide() on macOS: hidden without the app's own hide() call being recorded per window. */
  hideForApp(): void {
    this.visible = false;
    this.emit('hide', fakeEvent());
    if (this.fake.focusedWindow === this) this.fake.setFocus(null);
  }
  /** Windows: refused under the foreground lock (the taskbar button flashes instead, which Electron does not report). */
  focus(): void {
    this.call('focus');
    if (this.fake.mayTakeForeground()) this.fake.setFocus(this);
  }
  /** "Starts or stops flashing the window to attract user's attention." */
  flashFrame(flag: boolean): void {
    this.call('flashFrame', [flag]);
    this.flashing = flag;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.fake.focusedWindow === this;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setBounds(b: Partial<Rectangle>): void {
    this.call('setBounds', [b]);
    this.bounds = { ...this.bounds, ...b };
  }
  getBounds(): Rectangle {
    return { ...this.bounds };
  }
  /** Documented for macOS and Linux; "does nothing on Windows". */
  setVisibleOnAllWorkspaces(visible: boolean, options?: { visibleOnFullScreen?: boolean; skipTransformProcessType?: boolean }): void {
    this.call('setVisibleOnAllWorkspaces', [visible, options ?? null]);
    if (this.fake.platform !== 'win32') this.allWorkspaces = { visible, options: options ?? null };
  }
  setAlwaysOnTop(flag: boolean, level?: Parameters<ElectronBrowserWindow['setAlwaysOnTop']>[1]): void {
    this.call('setAlwaysOnTop', [flag, level ?? null]);
    this.alwaysOnTopLevel = flag ? (level ?? 'floating') : null;
  }
  close(): void {
    this.call('close');
    const e = fakeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return;
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    if (this.fake.focusedWindow === this) this.fake.setFocus(null);
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
    this.webContents.emit('destroyed');
    this.fake.windowClosed();
  }
  describe() {
    return `[window#${this.id}]`;
  }
}

type TrayModel = Pick<ElectronTray, 'setTitle' | 'setToolTip' | 'popUpContextMenu' | 'setIgnoreDoubleClickEvents' | 'getBounds' | 'isDestroyed' | 'destroy'>;

export class FakeTray extends EventEmitter implements TrayModel {
  image: FakeNativeImage | string;
  title = '';
  toolTip = '';
  contextMenu: FakeMenu | null = null;
  ignoreDoubleClick = false;
  destroyed = false;

  constructor(
    private readonly fake: FakeElectron,
    image: FakeNativeImage | string,
  ) {
    super();
    this.image = image;
    fake.trays.push(this);
    fake.record('Tray', 'new', [image]);
  }
  private call(method: string, args: unknown[]): void {
    this.fake.record('tray', method, args);
  }
  /** Accepts a NativeImage or a path, as Electron does (a path to an .ico on Windows keeps every size). */
  setImage(image: FakeNativeImage | string): void {
    if (typeof image === 'string' && !fs.existsSync(image)) throw new Error(`fake electron: no image at ${image}`);
    this.call('setImage', [image]);
    this.image = image;
  }
  /** macOS only: the text beside the icon in the menu bar. */
  setTitle(title: string, options?: unknown): void {
    this.call('setTitle', [title, options]);
    if (this.fake.platform === 'darwin') this.title = title;
  }
  setToolTip(text: string): void {
    this.call('setToolTip', [text]);
    this.toolTip = text;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.call('setContextMenu', [menu]);
    this.contextMenu = menu;
  }
  /** The menu last shown with popUpContextMenu (macOS, Windows), or null. */
  popped: FakeMenu | null = null;
  popUpContextMenu(menu?: unknown): void {
    this.call('popUpContextMenu', [menu]);
    if (this.fake.platform === 'linux') return; // documented for macOS and Windows only
    this.popped = menu instanceof FakeMenu ? menu : this.contextMenu;
  }
  /** The menu a user sees: the context menu, or on macOS the one popped up on right click. */
  get shownMenu(): FakeMenu | null {
    return this.contextMenu ?? this.popped;
  }
  setIgnoreDoubleClickEvents(on: boolean): void {
    this.call('setIgnoreDoubleClickEvents', [on]);
    this.ignoreDoubleClick = on;
  }
  getBounds(): Rectangle {
    return trayBounds(this.fake.platform, this.title);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

type NotificationModel = Pick<ElectronNotification, 'show' | 'close'>;

export class FakeNotification extends EventEmitter implements NotificationModel {
  shown = false;
  failed: string | null = null;
  constructor(
    private readonly fake: FakeElectron,
    readonly options: Record<string, unknown>,
  ) {
    super();
    fake.notifications.push(this);
    fake.record('Notification', 'new', [options]);
  }
  /**
   * macOS and Windows report a notification the system refused with 'failed' (event, error)
   * (an unsigned app without permission, a missing Start-menu shortcut/AppUserModelID); Linux has
   * no such event.
   */
  show(): void {
    this.fake.record('Notification', 'show', [this.options]);
    if (this.fake.o.notifications === 'fail' && this.fake.platform !== 'linux') {
      setImmediate(() => {
        this.failed = 'The notification could not be delivered (fake)';
        this.emit('failed', fakeEvent(), this.failed);
      });
      return;
    }
    this.shown = true;
    setImmediate(() => this.emit('show', fakeEvent()));
  }
  close(): void {
    this.emit('close', fakeEvent());
  }
  describe() {
    return { notification: describe(this.options), shown: this.shown, failed: this.failed };
  }
}

/** The template item at a path of labels ('Enter MFA code…', or a submenu label then an item label). */
export function findMenuItem(menu: FakeMenu, labels: string[]): MenuTemplateItem {
  let items = menu.items;
  let found: MenuTemplateItem | undefined;
  for (const label of labels) {
    found = items.find((i) => i.label === label);
    if (!found) throw new Error(`no menu item "${label}" among ${JSON.stringify(items.map((i) => i.label ?? i.type))}`);
    items = found.submenu ?? [];
  }
  if (!found) throw new Error('empty menu path');
  return found;
}
