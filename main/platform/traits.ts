/**
 * What the desktop app does differently on each OS, in one table per OS (darwin.ts, win32.ts,
 * linux.ts). The Electron adapters (main/app), the tray controller and the popup placement read
 * these traits instead of testing the platform name, so a difference lives in one row and a new
 * one is a compile error until every OS states it. No Electron here: the table is unit-tested.
 */
import { darwin } from './darwin';
import { linux } from './linux';
import { win32 } from './win32';

export type DesktopPlatform = 'darwin' | 'win32' | 'linux';

export type TrayIconFormat =
  /** PNGs at @1x and @2x of `size` px, marked as a template (the system tints them). */
  | { kind: 'template'; size: number }
  /** An .ico holding every small-icon size, passed by path (Electron picks the size the OS asks for). */
  | { kind: 'ico'; sizes: readonly number[] }
  /** One PNG of `size` px (the 1x representation is all a tray host receives). */
  | { kind: 'png'; size: number };

export interface PlatformTraits {
  readonly platform: DesktopPlatform;
  tray: {
    /** What a left click on the icon does: toggle the popup, or nothing (the menu only, whose first item opens it). */
    readonly click: 'toggle-popup' | 'none';
    /**
     * A double click: Windows fires 'click' on the first press and only 'double-click' on the second
     * (WM_LBUTTONDBLCLK, electron shell/browser/ui/win/notify_icon_host.cc), whose press gives the
     * taskbar the focus and so hides the popup the first opened: there a double click opens it again.
     * Elsewhere 'none' (macOS: ignored, two clicks; Linux: the tray host's menu).
     */
    readonly doubleClick: 'open-popup' | 'none';
    /** How the menu is reached: a context menu set on the tray, or popped up on right click (a context menu would take the left click too). */
    readonly menu: 'context-menu' | 'right-click';
    /** Where the countdown shows: as a title beside the icon (menu bar), or drawn into the icon. */
    readonly countdown: 'title' | 'icon';
    readonly icon: TrayIconFormat;
    /** Whether the icon may be invisible (no panel draws it): the session bus is asked at start. */
    readonly hostMayBeMissing: boolean;
  };
  popup: {
    /** Next to the tray icon, or centred (where tray bounds are not reported reliably). */
    readonly placement: 'by-tray' | 'centred';
    /** Whether the user can drag it (centred, it may cover what they need to see). */
    readonly movable: boolean;
    /** On every Space and over full-screen apps, at the menu level. */
    readonly onAllSpaces: boolean;
  };
  focus: {
    /** A menu-bar app is not the active app when its icon is clicked: take the keyboard when the popup opens. */
    readonly takeOnShow: boolean;
    /** Give the keyboard back to the previous app when the popup is dismissed (a hidden window keeps the app active). */
    readonly returnOnDismiss: boolean;
    /** A press on the tray icon blurs (hides) an open popup before the click arrives: that click closes it. */
    readonly trayPressHidesPopup: boolean;
    /**
     * Windows refuses SetForegroundWindow to a process the user is not using (a command in a
     * terminal asked): the popup shows without the keyboard. Then it flashes and says to click it.
     */
    readonly foregroundLock: boolean;
  };
  app: {
    /** The application menu: an Edit menu (or Cmd+C/Cmd+V do nothing in fields), or none at all. */
    readonly menu: 'edit-menu' | 'none';
    /** Hide the Dock icon (a tray app; LSUIElement covers the packaged app, this covers `npm start`). */
    readonly hideDock: boolean;
    /** Opening the running app again (Finder, Spotlight) sends 'activate', not 'second-instance'. */
    readonly reopenOnActivate: boolean;
    /** The AppUserModelId notifications are attributed to, or null where there is none. */
    readonly appUserModelId: string | null;
    /**
     * How a log-off or shutdown reaches the app: powerMonitor's 'shutdown', or only windows'
     * 'session-end' (so a window is created at start to hear it).
     */
    readonly shutdown: 'power-monitor' | 'window-session-end';
    /** What "start at login" registers: the OS login item, the Run key, or an XDG autostart entry. */
    readonly loginItem: 'macos-login-item' | 'windows-run-key' | 'xdg-autostart';
    /** The modifier of window shortcuts (close, zoom). */
    readonly shortcutModifier: 'meta' | 'control';
  };
}

/** One OS's table, as darwin.ts, win32.ts and linux.ts write it (the name is added here). */
export type OsTraits = Omit<PlatformTraits, 'platform'>;

export const PLATFORM_TRAITS: Readonly<Record<DesktopPlatform, PlatformTraits>> = {
  darwin: { platform: 'darwin', ...darwin },
  win32: { platform: 'win32', ...win32 },
  linux: { platform: 'linux', ...linux },
};

/** The traits of `platform`; other Unix desktops (the BSDs) run the Linux desktop's ways. */
export function platformTraits(platform: NodeJS.Platform): PlatformTraits {
  return platform === 'darwin' || platform === 'win32' ? PLATFORM_TRAITS[platform] : PLATFORM_TRAITS.linux;
}
