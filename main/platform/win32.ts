/** Windows: the notification area (traits.ts says what each trait means). */
import type { OsTraits } from './traits';

export const win32: OsTraits = {
  // 16-48 px: the small-icon sizes at 100-300 % scaling.
  tray: { click: 'toggle-popup', doubleClick: 'open-popup', menu: 'context-menu', countdown: 'icon', icon: { kind: 'ico', sizes: [16, 20, 24, 32, 40, 48] }, hostMayBeMissing: false },
  popup: { placement: 'by-tray', movable: false, onAllSpaces: false },
  focus: { takeOnShow: false, returnOnDismiss: false, trayPressHidesPopup: true, foregroundLock: true },
  app: { menu: 'none', hideDock: false, reopenOnActivate: false, appUserModelId: 'io.github.aws-mfa-tray', shutdown: 'window-session-end', loginItem: 'windows-run-key', shortcutModifier: 'control' },
};
