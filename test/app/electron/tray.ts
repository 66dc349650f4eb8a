/** `Tray`: title (macOS only), tooltip, menus, bounds per OS. The user's clicks are played by desktop.ts. */
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import type { Rectangle, Tray as ElectronTray } from 'electron';
import type { FakeElectron } from '../fake-electron';
import type { FakePlatform } from './common';
import { FakeMenu } from './menu';
import type { FakeNativeImage } from './native-image';

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

/** The class the module exports: `new Tray(image)` joins this stand-in. */
export function trayClass(fake: FakeElectron) {
  return class Tray extends FakeTray {
    constructor(image: FakeNativeImage | string) {
      super(fake, image);
    }
  };
}
