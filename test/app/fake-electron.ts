/**
 * A recording stand-in for the parts of the `electron` module that dist/main.js (main/app/* and the
 * bundled electron-store) use, so the real main process can run under plain Node. It records every
 * call, returns plausible values and lets a driver play the OS and the renderer: make the app ready,
 * invoke IPC handlers from a given frame, click tray menu items, emit app events, quit.
 * It imitates Electron's behaviour only as far as the app relies on it; nothing here is Electron.
 */
import { EventEmitter } from 'node:events';

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

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FakeOptions {
  userData: string;
  appPath: string;
  version: string;
  locale: string;
  singleInstanceLock: boolean;
  /** What app.quit() ends with, after 'quit' (Electron exits the process there). */
  onExit(code: number): void;
  /** The OS proxy settings / PAC script: the answer session.resolveProxy gives for a URL (default DIRECT). */
  systemProxy?: (url: string) => string;
}

type MenuTemplateItem = Record<string, unknown> & { label?: string; click?: (...a: unknown[]) => void; submenu?: MenuTemplateItem[] };

export class FakeElectron {
  readonly calls: Call[] = [];
  onCall: (c: Call) => void = () => undefined;
  readonly windows: FakeBrowserWindow[] = [];
  readonly trays: FakeTray[] = [];
  readonly notifications: FakeNotification[] = [];
  readonly handlers = new Map<string, (event: unknown, req: unknown) => unknown>();
  permissionRequestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((...a: unknown[]) => boolean) | null = null;
  applicationMenu: FakeMenu | null = null;
  readonly module: Record<string, unknown>;
  private isReady = false;
  private readyWaiters: (() => void)[] = [];
  quitting = false;
  private nextId = 1;

  constructor(readonly o: FakeOptions) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const fake = this;
    const record = (target: string, method: string, args: unknown[]) => {
      const c = { target, method, args };
      fake.calls.push(c);
      fake.onCall(c);
    };
    this.record = record;
    const paths = new Map<string, string>([['userData', o.userData]]);

    const app = Object.assign(new EventEmitter(), {
      isPackaged: false,
      // Linux has no Dock; main.ts uses app.dock?.hide().
      dock: undefined,
      whenReady: (): Promise<void> => {
        record('app', 'whenReady', []);
        return fake.isReady ? Promise.resolve() : new Promise<void>((resolve) => fake.readyWaiters.push(resolve));
      },
      isReady: () => fake.isReady,
      requestSingleInstanceLock: () => {
        record('app', 'requestSingleInstanceLock', []);
        return o.singleInstanceLock;
      },
      enableSandbox: () => record('app', 'enableSandbox', []),
      getLocale: () => o.locale,
      getVersion: () => o.version,
      getName: () => 'aws-mfa-tray',
      getAppPath: () => o.appPath,
      getPath: (name: string) => {
        const p = paths.get(name);
        if (p === undefined) throw new Error(`fake electron: app.getPath('${name}') is not faked`);
        return p;
      },
      setPath: (name: string, value: string) => {
        record('app', 'setPath', [name, value]);
        paths.set(name, value);
      },
      quit: () => {
        record('app', 'quit', []);
        fake.quit();
      },
    });
    const origOn = app.on.bind(app);
    app.on = (event: string, listener: (...a: unknown[]) => void) => {
      record('app', 'on', [event]);
      return origOn(event, listener);
    };
    this.app = app;

    const ipcMain = Object.assign(new EventEmitter(), {
      handle: (channel: string, fn: (event: unknown, req: unknown) => unknown) => {
        if (fake.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        record('ipcMain', 'handle', [channel]);
        fake.handlers.set(channel, fn);
      },
      removeHandler: (channel: string) => fake.handlers.delete(channel),
    });
    const origIpcOn = ipcMain.on.bind(ipcMain);
    ipcMain.on = (channel: string, listener: (...a: unknown[]) => void) => {
      record('ipcMain', 'on', [channel]);
      return origIpcOn(channel, listener);
    };

    class BrowserWindow extends FakeBrowserWindow {
      constructor(options: Record<string, unknown>) {
        super(fake, fake.nextId++, options);
      }
    }
    class Tray extends FakeTray {
      constructor(image: FakeNativeImage) {
        super(fake, image);
      }
    }
    class Notification extends FakeNotification {
      static isSupported() {
        return true;
      }
      constructor(options: Record<string, unknown>) {
        super(fake, options);
      }
    }

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
      nativeImage: { createEmpty: () => new FakeNativeImage() },
      screen: {
        getDisplayNearestPoint: (p: { x: number; y: number }) => {
          record('screen', 'getDisplayNearestPoint', [p]);
          return display;
        },
        getPrimaryDisplay: () => {
          record('screen', 'getPrimaryDisplay', []);
          return display;
        },
      },
      clipboard: {
        writeText(text: string): Promise<void> {
          record('clipboard', 'writeText', [text]);
          return Promise.resolve();
        },
      },
      powerMonitor: Object.assign(new EventEmitter()),
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
      shell: {},
    };
  }

  readonly app: EventEmitter & { quit(): void };
  readonly record: (target: string, method: string, args: unknown[]) => void;

  /** Electron's 'ready': after the main script has run. */
  ready(): void {
    this.isReady = true;
    this.app.emit('ready', fakeEvent(), {});
    for (const r of this.readyWaiters.splice(0)) r();
  }

  /** Electron's quit sequence: before-quit, close windows, will-quit (preventable), quit, exit. */
  quit(): void {
    if (this.quitting) return;
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
      setImmediate(() => this.o.onExit(0));
    } finally {
      this.quitting = false;
    }
  }

  /** Electron quits when the last window closes, unless the app listens to 'window-all-closed'. */
  windowClosed(): void {
    if (this.quitting || this.windows.some((w) => !w.isDestroyed())) return;
    if (this.app.listenerCount('window-all-closed') > 0) this.app.emit('window-all-closed', fakeEvent());
    else this.quit();
  }
}

const display = { id: 1, scaleFactor: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 27, width: 1920, height: 1053 } };

export class FakeNativeImage {
  readonly representations: { scaleFactor: number; bytes: number }[] = [];
  template = false;
  addRepresentation(r: { scaleFactor: number; buffer: Buffer }): void {
    this.representations.push({ scaleFactor: r.scaleFactor, bytes: r.buffer.length });
  }
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
  isEmpty(): boolean {
    return this.representations.length === 0;
  }
  describe() {
    return { image: this.representations, template: this.template };
  }
}

export class FakeMenu {
  constructor(readonly items: MenuTemplateItem[]) {}
  describe() {
    return { menu: describe(this.items) };
  }
}

export class FakeWebContents extends EventEmitter {
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

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  visible = false;
  destroyed = false;
  loadedFile: string | null = null;
  bounds: Rect;

  constructor(
    private readonly fake: FakeElectron,
    readonly id: number,
    readonly options: Record<string, unknown>,
  ) {
    super();
    this.webContents = new FakeWebContents(fake, id);
    this.webContents.zoomFactor = Number((options.webPreferences as { zoomFactor?: number } | undefined)?.zoomFactor ?? 1);
    this.bounds = { x: 0, y: 0, width: Number(options.width ?? 800), height: Number(options.height ?? 600) };
    fake.windows.push(this);
    fake.record('BrowserWindow', 'new', [{ id, ...options }]);
    // Electron announces every new WebContents to the app before anything loads in it.
    fake.app.emit('web-contents-created', fakeEvent(), this.webContents);
    if (options.show !== false) this.visible = true;
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
  show(): void {
    this.call('show');
    this.visible = true;
    this.emit('show', fakeEvent());
  }
  hide(): void {
    this.call('hide');
    this.visible = false;
    this.emit('hide', fakeEvent());
  }
  focus(): void {
    this.call('focus');
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setBounds(b: Partial<Rect>): void {
    this.call('setBounds', [b]);
    this.bounds = { ...this.bounds, ...b };
  }
  setPosition(x: number, y: number): void {
    this.call('setPosition', [x, y]);
    this.bounds = { ...this.bounds, x, y };
  }
  getBounds(): Rect {
    return { ...this.bounds };
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

export class FakeTray extends EventEmitter {
  image: FakeNativeImage;
  title = '';
  toolTip = '';
  contextMenu: FakeMenu | null = null;
  ignoreDoubleClick = false;
  destroyed = false;

  constructor(
    private readonly fake: FakeElectron,
    image: FakeNativeImage,
  ) {
    super();
    this.image = image;
    fake.trays.push(this);
    fake.record('Tray', 'new', [image]);
  }
  private call(method: string, args: unknown[]): void {
    this.fake.record('tray', method, args);
  }
  setImage(image: FakeNativeImage): void {
    this.call('setImage', [image]);
    this.image = image;
  }
  setTitle(title: string, options?: unknown): void {
    this.call('setTitle', [title, options]);
    this.title = title;
  }
  setToolTip(text: string): void {
    this.call('setToolTip', [text]);
    this.toolTip = text;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.call('setContextMenu', [menu]);
    this.contextMenu = menu;
  }
  popUpContextMenu(menu?: FakeMenu): void {
    this.call('popUpContextMenu', [menu]);
  }
  setIgnoreDoubleClickEvents(on: boolean): void {
    this.call('setIgnoreDoubleClickEvents', [on]);
    this.ignoreDoubleClick = on;
  }
  /** Linux trays report no position. */
  getBounds(): Rect {
    return { x: 0, y: 0, width: 0, height: 0 };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends EventEmitter {
  shown = false;
  constructor(
    private readonly fake: FakeElectron,
    readonly options: Record<string, unknown>,
  ) {
    super();
    fake.notifications.push(this);
    fake.record('Notification', 'new', [options]);
  }
  show(): void {
    this.shown = true;
    this.fake.record('Notification', 'show', [this.options]);
  }
  close(): void {
    this.emit('close', fakeEvent());
  }
  describe() {
    return { notification: describe(this.options), shown: this.shown };
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
