/** macOS: a menu-bar app (traits.ts says what each trait means). */
import type { OsTraits } from './traits';

export const darwin: OsTraits = {
  tray: { click: 'toggle-popup', doubleClick: 'none', menu: 'right-click', countdown: 'title', icon: { kind: 'template', size: 16 }, hostMayBeMissing: false },
  popup: { placement: 'by-tray', movable: false, onAllSpaces: true },
  focus: { takeOnShow: true, returnOnDismiss: true, trayPressHidesPopup: false, foregroundLock: false },
  app: { menu: 'edit-menu', hideDock: true, reopenOnActivate: true, appUserModelId: null, shutdown: 'power-monitor', loginItem: 'macos-login-item', shortcutModifier: 'meta' },
};
