/**
 * The user and the desktop around the app: clicks on the tray icon as each OS delivers them, and
 * moving between our windows and another app's (which, on Windows, decides the foreground lock).
 */
import type { FakeElectron } from '../fake-electron';
import type { FakeBrowserWindow } from './browser-window';
import { fakeEvent } from './common';

/** The user clicks another app's window and types there (a terminal): our windows lose the focus. */
export function userWorksElsewhere(fake: FakeElectron): void {
  fake.foreground = 'other';
  fake.cursor = { x: 200, y: 200 };
  fake.setFocus(null);
}

/** The user clicks a visible window of ours: Windows gives that process the foreground. */
export function clickWindow(fake: FakeElectron, w: FakeBrowserWindow): void {
  if (!w.visible) throw new Error(`window #${w.id} is not visible`);
  fake.foreground = 'self';
  fake.cursor = { x: w.bounds.x + 10, y: w.bounds.y + 10 };
  fake.setFocus(w);
}

/**
 * The user clicks the tray icon. macOS: 'click' (left) or 'right-click'. Windows: the taskbar
 * takes the focus first, so a focused window of ours gets 'blur', then the click event comes.
 * Linux: the desktop's tray host shows the context menu; no click event reaches the app.
 * Returns what the desktop did.
 */
export function clickTray(fake: FakeElectron, button: 'left' | 'right'): 'event' | 'menu' | 'nothing' {
  const tray = fake.trays[0];
  if (!tray) throw new Error('no tray');
  const bounds = tray.getBounds();
  fake.cursor = { x: bounds.x + Math.floor(bounds.width / 2), y: bounds.y + Math.floor(bounds.height / 2) };
  if (fake.platform === 'linux') {
    if (tray.contextMenu) {
      fake.record('desktop', 'showTrayMenu', []);
      return 'menu';
    }
    return 'nothing';
  }
  if (fake.platform === 'win32') {
    fake.setFocus(null);
    fake.activeApp = 'previous';
    // The notification icon's process received the input: it may take the foreground.
    fake.foreground = 'self';
  }
  const event = button === 'left' ? 'click' : 'right-click';
  if (button === 'right' && tray.contextMenu && fake.platform === 'win32') {
    fake.record('desktop', 'showTrayMenu', []);
    return 'menu';
  }
  tray.emit(event, fakeEvent({ altKey: false, shiftKey: false, ctrlKey: false, metaKey: false }), bounds, { ...fake.cursor });
  return 'event';
}

/**
 * A double click on the icon. Windows (electron shell/browser/ui/win/notify_icon_host.cc): the first
 * press is WM_LBUTTONDOWN, 'click'; the second comes as WM_LBUTTONDBLCLK, 'double-click' and no
 * 'click'; each press gives the taskbar the focus first. macOS (setIgnoreDoubleClickEvents(true)):
 * two 'click's. Linux: the tray host's menu.
 */
export function doubleClickTray(fake: FakeElectron): 'event' | 'menu' | 'nothing' {
  const first = clickTray(fake, 'left');
  if (first !== 'event' || fake.platform !== 'win32') return first === 'event' ? clickTray(fake, 'left') : first;
  const tray = fake.trays[0]!;
  fake.setFocus(null);
  fake.activeApp = 'previous';
  tray.emit('double-click', fakeEvent({ altKey: false, shiftKey: false, ctrlKey: false, metaKey: false }), tray.getBounds());
  return 'event';
}
