import { test } from 'node:test';
import assert from 'node:assert/strict';
import { popupPosition } from '../../main/tray/popup-position';

const size = { width: 360, height: 440 };
const work = { x: 0, y: 25, width: 1440, height: 875 };

test('macOS: under the menu-bar icon, centred on it, kept on screen', () => {
  assert.deepEqual(popupPosition('darwin', size, work, { x: 1000, y: 0, width: 22, height: 24 }), { x: 831, y: 29 });
  // Icon at the far right: pushed left to stay inside the work area.
  assert.deepEqual(popupPosition('darwin', size, work, { x: 1420, y: 0, width: 22, height: 24 }), { x: 1076, y: 29 });
});

test('Windows: above a bottom taskbar icon; beside a left or right taskbar', () => {
  const w = { x: 0, y: 0, width: 1920, height: 1040 };
  assert.deepEqual(popupPosition('win32', size, w, { x: 1700, y: 1044, width: 24, height: 32 }), { x: 1532, y: 596 });
  assert.deepEqual(popupPosition('win32', size, { x: 60, y: 0, width: 1860, height: 1080 }, { x: 14, y: 900, width: 32, height: 24 }), { x: 64, y: 636 });
  assert.deepEqual(popupPosition('win32', size, { x: 0, y: 0, width: 1860, height: 1080 }, { x: 1874, y: 900, width: 32, height: 24 }), { x: 1496, y: 636 });
});

test('Linux, or no usable tray bounds: centred in the work area', () => {
  assert.deepEqual(popupPosition('linux', size, work, { x: 1000, y: 0, width: 22, height: 24 }), { x: 540, y: 243 });
  assert.deepEqual(popupPosition('darwin', size, work, { x: 0, y: 0, width: 0, height: 0 }), { x: 540, y: 243 });
  assert.deepEqual(popupPosition('win32', size, work, null), { x: 540, y: 243 });
});
