/**
 * What the tray controller drives: a tray icon with title, image, tooltip and a context menu,
 * as plain data. main/app/tray.ts implements it over Electron's Tray; tests record it.
 */
import type { CountdownState } from '../core/countdown';

export interface TrayIconSpec {
  state: CountdownState;
  /** Drawn into the icon on Windows/Linux ("7h", "42m"); always '' on macOS (the title shows it). */
  text: string;
}

export type MenuAction =
  | { kind: 'enterCode' }
  | { kind: 'renew'; sourceProfile: string }
  | { kind: 'settings' }
  | { kind: 'toggleStartAtLogin' }
  /** For one profile's partition, or (no profile) for the configured profiles'. */
  | { kind: 'copyPolicy'; sourceProfile?: string }
  /** The profile's key rotation (the popup's rotation panel). */
  | { kind: 'rotateKey'; sourceProfile: string }
  /** The AWS console as this role profile (chained off a live session). */
  | { kind: 'console'; profile: string }
  | { kind: 'quit' };

export type MenuItemModel =
  | { type: 'separator' }
  | { type: 'item'; label: string; enabled: boolean; action?: MenuAction }
  | { type: 'checkbox'; label: string; checked: boolean; action: MenuAction }
  | { type: 'submenu'; label: string; items: MenuItemModel[] };

export interface TrayView {
  /** macOS status-bar text next to the icon (shown with monospaced digits). */
  setTitle(title: string): void;
  setImage(icon: TrayIconSpec): void;
  setToolTip(text: string): void;
  setMenu(menu: MenuItemModel[]): void;
}
