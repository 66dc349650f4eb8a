/**
 * The real tray: Electron's Tray implementing TrayView, with icons drawn by core/tray-icon at the
 * sizes each OS's tray really uses, so the pixel-font countdown is drawn, never rescaled:
 * - macOS: template images at @1x and @2x (16/32 px; the system tints them).
 * - Windows: an .ico file with every small-icon size (16/20/24/32/40/48 px: 100-300 % scaling),
 *   passed by path; Electron reads the size Windows asks for from it.
 * - Linux: one image at 24 px, the panel size: Chromium sends the tray host only the 1x
 *   representation (StatusNotifierItem IconPixmap), and panels draw 22-24 px.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { encodeIco } from '../core/icon/ico';
import { encodePng } from '../core/icon/png';
import { renderTrayIcon } from '../core/tray-icon';
import type { MenuAction, MenuItemModel, TrayIconSpec, TrayView } from '../tray/tray-view';

export const WINDOWS_ICON_SIZES = [16, 20, 24, 32, 40, 48] as const;
export const LINUX_ICON_SIZE = 24;

function png(spec: TrayIconSpec, size: number, template = false): Buffer {
  return encodePng(renderTrayIcon({ state: spec.state, text: spec.text, size, template }));
}

/** The image for this platform: a NativeImage, or on Windows the path of an .ico written to `iconDir`. */
export function trayImage(spec: TrayIconSpec, platform: NodeJS.Platform, iconDir: string): NativeImage | string {
  if (platform === 'win32') {
    const name = `${spec.state}-${spec.text.replace(/[^a-z0-9]/gi, '_') || 'lock'}.ico`;
    const file = path.join(iconDir, name);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(iconDir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, encodeIco(WINDOWS_ICON_SIZES.map((size) => ({ size, png: png(spec, size) }))), { mode: 0o600 });
      fs.renameSync(tmp, file);
    }
    return file;
  }
  const image = nativeImage.createEmpty();
  if (platform === 'darwin') {
    for (const scaleFactor of [1, 2]) image.addRepresentation({ scaleFactor, buffer: png(spec, 16 * scaleFactor, true) });
    image.setTemplateImage(true);
  } else {
    image.addRepresentation({ scaleFactor: 1, buffer: png(spec, LINUX_ICON_SIZE) });
  }
  return image;
}

/**
 * What the tray shows now. Electron's Tray has no getters for its tooltip (nor its title outside
 * macOS); dist/app.js exports this for diagnostics and the real-Electron smoke test. No secrets in it.
 */
const shown = { title: '', toolTip: '' };
export function trayShown(): { title: string; toolTip: string } {
  return { ...shown };
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
    private readonly platform: NodeJS.Platform,
    /** Windows: where the .ico files go. */
    private readonly iconDir: string,
    /** Windows: a double click, which opens the popup (see below). */
    onDoubleClick: () => void = onClick,
  ) {
    this.mac = platform === 'darwin';
    this.tray = new Tray(trayImage({ state: 'none', text: '' }, platform, iconDir));
    this.tray.setIgnoreDoubleClickEvents(true);
    if (platform === 'darwin' || platform === 'win32') this.tray.on('click', onClick);
    // Windows fires 'click' on the first press and, for the second, 'double-click' alone
    // (WM_LBUTTONDBLCLK, electron shell/browser/ui/win/notify_icon_host.cc); that press also gives the
    // taskbar the focus, which hides the popup the first press opened. A double click means "open".
    if (platform === 'win32') this.tray.on('double-click', onDoubleClick);
    // On macOS a context menu set with setContextMenu would take over the left click too.
    if (this.mac) this.tray.on('right-click', () => this.menu && this.tray.popUpContextMenu(this.menu));
  }

  setTitle(title: string): void {
    // Monospaced digits keep the status bar from jiggling as the minutes change.
    if (this.mac) this.tray.setTitle(title, { fontType: 'monospacedDigit' });
    shown.title = this.mac ? title : '';
  }

  setImage(icon: TrayIconSpec): void {
    this.tray.setImage(trayImage(icon, this.platform, this.iconDir));
  }

  setToolTip(text: string): void {
    this.tray.setToolTip(text);
    shown.toolTip = text;
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
