/** The real tray: Electron's Tray implementing TrayView, with icons drawn by core/tray-icon. */
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { encodePng } from '../core/icon/png';
import { renderTrayIcon } from '../core/tray-icon';
import type { MenuAction, MenuItemModel, TrayIconSpec, TrayView } from '../tray/tray-view';

/** @1x and @2x representations in one image, so HiDPI trays stay sharp. */
export function trayImage(spec: TrayIconSpec, template: boolean): NativeImage {
  const image = nativeImage.createEmpty();
  for (const scaleFactor of [1, 2]) {
    const bitmap = renderTrayIcon({ state: spec.state, text: spec.text, size: 16 * scaleFactor, template });
    image.addRepresentation({ scaleFactor, buffer: encodePng(bitmap) });
  }
  if (template) image.setTemplateImage(true);
  return image;
}

export class ElectronTrayView implements TrayView {
  readonly tray: Tray;
  private readonly mac: boolean;
  private menu: Menu | null = null;

  /**
   * macOS and Windows: a click opens the popup (onClick) and the menu is on right click.
   * Linux: the menu only, since many desktops never deliver tray clicks; it starts with "Enter MFA code…".
   */
  constructor(
    private readonly onAction: (action: MenuAction) => void,
    onClick: () => void,
    platform: NodeJS.Platform = process.platform,
  ) {
    this.mac = platform === 'darwin';
    this.tray = new Tray(trayImage({ state: 'none', text: '' }, this.mac));
    this.tray.setIgnoreDoubleClickEvents(true);
    if (platform === 'darwin' || platform === 'win32') this.tray.on('click', onClick);
    // On macOS a context menu set with setContextMenu would take over the left click too.
    if (this.mac) this.tray.on('right-click', () => this.menu && this.tray.popUpContextMenu(this.menu));
  }

  setTitle(title: string): void {
    // Monospaced digits keep the status bar from jiggling as the minutes change.
    if (this.mac) this.tray.setTitle(title, { fontType: 'monospacedDigit' });
  }

  setImage(icon: TrayIconSpec): void {
    this.tray.setImage(trayImage(icon, this.mac));
  }

  setToolTip(text: string): void {
    this.tray.setToolTip(text);
  }

  setMenu(menu: MenuItemModel[]): void {
    this.menu = Menu.buildFromTemplate(menu.map((i) => this.item(i)));
    if (!this.mac) this.tray.setContextMenu(this.menu);
  }

  private item(i: MenuItemModel): MenuItemConstructorOptions {
    switch (i.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { label: i.label, submenu: i.items.map((x) => this.item(x)) };
      case 'checkbox': {
        const action = i.action;
        return { type: 'checkbox', label: i.label, checked: i.checked, click: () => this.onAction(action) };
      }
      case 'item': {
        const action = i.action;
        return { label: i.label, enabled: i.enabled, click: action ? () => this.onAction(action) : undefined };
      }
    }
  }
}
