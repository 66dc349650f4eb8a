/** Linux desktops: a StatusNotifierItem, where a panel draws one (traits.ts says what each trait means). */
import type { OsTraits } from './traits';

export const linux: OsTraits = {
  // The menu only: many desktops never deliver tray clicks; its first item opens the popup.
  // 24 px: the panel size (panels draw 22-24 px).
  tray: { click: 'none', doubleClick: 'none', menu: 'context-menu', countdown: 'icon', icon: { kind: 'png', size: 24 }, hostMayBeMissing: true },
  popup: { placement: 'centred', movable: true, onAllSpaces: false },
  focus: { takeOnShow: false, returnOnDismiss: false, trayPressHidesPopup: false, foregroundLock: false },
  app: { menu: 'none', hideDock: false, reopenOnActivate: false, appUserModelId: null, shutdown: 'power-monitor', loginItem: 'xdg-autostart', shortcutModifier: 'control' },
};
