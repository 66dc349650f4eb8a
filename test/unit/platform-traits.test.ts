import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLATFORM_TRAITS, platformTraits, type PlatformTraits } from '../../main/platform/traits';

const OSES = ['darwin', 'win32', 'linux'] as const;
/** One trait across the OSes, in the order of OSES: the table read row by row. */
const row = (trait: (t: PlatformTraits) => unknown) => OSES.map((p) => trait(platformTraits(p)));

test('one table per desktop OS, each naming its own platform; the BSDs run the Linux desktop ways', () => {
  assert.deepEqual(Object.keys(PLATFORM_TRAITS).sort(), [...OSES].sort());
  assert.deepEqual(row((t) => t.platform), [...OSES]);
  assert.equal(platformTraits('freebsd'), PLATFORM_TRAITS.linux);
  assert.equal(platformTraits('openbsd'), PLATFORM_TRAITS.linux);
});

test('the tray: who gets the click, where the menu and the countdown are, the icon format', () => {
  assert.deepEqual(row((t) => t.tray.click), ['toggle-popup', 'toggle-popup', 'none']);
  assert.deepEqual(row((t) => t.tray.doubleClick), ['none', 'open-popup', 'none']);
  assert.deepEqual(row((t) => t.tray.menu), ['right-click', 'context-menu', 'context-menu']);
  assert.deepEqual(row((t) => t.tray.countdown), ['title', 'icon', 'icon']);
  assert.deepEqual(row((t) => t.tray.icon), [{ kind: 'template', size: 16 }, { kind: 'ico', sizes: [16, 20, 24, 32, 40, 48] }, { kind: 'png', size: 24 }]);
  assert.deepEqual(row((t) => t.tray.hostMayBeMissing), [false, false, true]);
});

test('the popup and the focus: placement, Spaces, who takes and gives back the keyboard', () => {
  assert.deepEqual(row((t) => t.popup.placement), ['by-tray', 'by-tray', 'centred']);
  assert.deepEqual(row((t) => t.popup.movable), [false, false, true]);
  assert.deepEqual(row((t) => t.popup.onAllSpaces), [true, false, false]);
  assert.deepEqual(row((t) => t.focus.takeOnShow), [true, false, false]);
  assert.deepEqual(row((t) => t.focus.returnOnDismiss), [true, false, false]);
  assert.deepEqual(row((t) => t.focus.trayPressHidesPopup), [false, true, false]);
  assert.deepEqual(row((t) => t.focus.foregroundLock), [false, true, false]);
});

test('the app: menu, Dock, activate, AppUserModelId, shutdown, login item, shortcut modifier', () => {
  assert.deepEqual(row((t) => t.app.menu), ['edit-menu', 'none', 'none']);
  assert.deepEqual(row((t) => t.app.hideDock), [true, false, false]);
  assert.deepEqual(row((t) => t.app.reopenOnActivate), [true, false, false]);
  assert.deepEqual(row((t) => t.app.appUserModelId), [null, 'io.github.aws-mfa-tray', null]);
  assert.deepEqual(row((t) => t.app.shutdown), ['power-monitor', 'window-session-end', 'power-monitor']);
  assert.deepEqual(row((t) => t.app.loginItem), ['macos-login-item', 'windows-run-key', 'xdg-autostart']);
  assert.deepEqual(row((t) => t.app.shortcutModifier), ['meta', 'control', 'control']);
});

test('the rows agree with each other: every OS has a way to the popup', () => {
  for (const p of OSES) {
    const t = platformTraits(p);
    // Where a click goes nowhere, the context menu (whose first item opens the popup) is the way in.
    if (t.tray.click === 'none') assert.equal(t.tray.menu, 'context-menu', p);
    // A menu only on right click needs the left click to open the popup.
    if (t.tray.menu === 'right-click') assert.equal(t.tray.click, 'toggle-popup', p);
  }
});
