/**
 * `BrowserWindow`: show() gives the focus (unless Windows' foreground lock refuses it), hiding a
 * focused window blurs it, loadFile finishes on the next turn, close() is preventable.
 */
import { EventEmitter } from 'node:events';
import type { BrowserWindow as ElectronBrowserWindow, Rectangle } from 'electron';
import type { FakeElectron } from '../fake-electron';
import { fakeEvent } from './common';
import { FakeWebContents } from './web-contents';

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

/** The class the module exports: `new BrowserWindow(options)` joins this stand-in. */
export function browserWindowClass(fake: FakeElectron) {
  return class BrowserWindow extends FakeBrowserWindow {
    constructor(options: Record<string, unknown>) {
      super(fake, fake.nextId++, options);
    }
  };
}
