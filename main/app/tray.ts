/**
 * The real tray: Electron's Tray implementing TrayView, with icons drawn by core/tray-icon at the
 * sizes each OS's tray really uses (traits.tray.icon, main/platform), so the pixel-font countdown
 * is drawn, never rescaled:
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
import type { PlatformTraits, TrayIconFormat } from '../platform/traits';
import type { MenuAction, MenuItemModel, TrayIconSpec, TrayView } from '../tray/tray-view';

function png(spec: TrayIconSpec, size: number, template = false): Buffer {
  return encodePng(renderTrayIcon({ state: spec.state, text: spec.text, size, template }));
}

/** The image in this platform's format: a NativeImage, or for an .ico the path of the file written to `iconDir`. */
export function trayImage(spec: TrayIconSpec, format: TrayIconFormat, iconDir: string): NativeImage | string {
  if (format.kind === 'ico') {
    const name = `${spec.state}-${spec.text.replace(/[^a-z0-9]/gi, '_') || 'lock'}.ico`;
    const file = path.join(iconDir, name);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(iconDir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, encodeIco(format.sizes.map((size) => ({ size, png: png(spec, size) }))), { mode: 0o600 });
      fs.renameSync(tmp, file);
    }
    return file;
  }
  const image = nativeImage.createEmpty();
  if (format.kind === 'template') {
    for (const scaleFactor of [1, 2]) image.addRepresentation({ scaleFactor, buffer: png(spec, format.size * scaleFactor, true) });
    image.setTemplateImage(true);
  } else {
    image.addRepresentation({ scaleFactor: 1, buffer: png(spec, format.size) });
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

export interface TrayViewOptions {
  onAction(action: MenuAction): void;
  /** A left click, where the platform's click opens the popup (traits.tray.click). */
  onClick(): void;
  /** A double click, where the platform's opens the popup (traits.tray.doubleClick). */
  onDoubleClick(): void;
  traits: PlatformTraits;
  /** Where .ico files go (traits.tray.icon of kind 'ico'). */
  iconDir: string;
}

export class ElectronTrayView implements TrayView {
  readonly tray: Tray;
  private readonly traits: PlatformTraits['tray'];
  private menu: Menu | null = null;

  /**
   * macOS and Windows: a click opens the popup (onClick) and the menu is on right click.
   * Linux: the menu only, since many desktops never deliver tray clicks; it starts with "Enter MFA code…".
   */
  constructor(private readonly o: TrayViewOptions) {
    this.traits = o.traits.tray;
    this.tray = new Tray(trayImage({ state: 'none', text: '' }, this.traits.icon, o.iconDir));
    this.tray.setIgnoreDoubleClickEvents(true);
    if (this.traits.click === 'toggle-popup') this.tray.on('click', () => o.onClick());
    if (this.traits.doubleClick === 'open-popup') this.tray.on('double-click', () => o.onDoubleClick());
    // On macOS a context menu set with setContextMenu would take over the left click too.
    if (this.traits.menu === 'right-click') this.tray.on('right-click', () => this.menu && this.tray.popUpContextMenu(this.menu));
  }

  setTitle(title: string): void {
    const inTitle = this.traits.countdown === 'title';
    // Monospaced digits keep the status bar from jiggling as the minutes change.
    if (inTitle) this.tray.setTitle(title, { fontType: 'monospacedDigit' });
    shown.title = inTitle ? title : '';
  }

  setImage(icon: TrayIconSpec): void {
    this.tray.setImage(trayImage(icon, this.traits.icon, this.o.iconDir));
  }

  setToolTip(text: string): void {
    this.tray.setToolTip(text);
    shown.toolTip = text;
  }

  setMenu(menu: MenuItemModel[]): void {
    this.menu = Menu.buildFromTemplate(menu.map((i) => this.item(i)));
    if (this.traits.menu === 'context-menu') this.tray.setContextMenu(this.menu);
  }

  private item(i: MenuItemModel): MenuItemConstructorOptions {
    switch (i.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { label: i.label, submenu: i.items.map((x) => this.item(x)) };
      case 'checkbox': {
        const action = i.action;
        return { type: 'checkbox', label: i.label, checked: i.checked, click: () => this.o.onAction(action) };
      }
      case 'item': {
        const action = i.action;
        return { label: i.label, enabled: i.enabled, click: action ? () => this.o.onAction(action) : undefined };
      }
    }
  }
}
