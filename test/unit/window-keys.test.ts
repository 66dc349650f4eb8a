/** Window keys: which key presses close a window or zoom, per platform and keyboard layout; zoom steps. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextZoom, windowKeyAction, ZOOM_FACTORS, type KeyInput } from '../../main/app/window-keys';
import { MAX_ZOOM, MIN_ZOOM } from '../../main/core/settings';

const key = (k: string, code: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  code,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});
const ctrl = { control: true };
const cmd = { meta: true };

test('Ctrl (Cmd on macOS) + W closes; + = NumpadAdd zoom in; - _ NumpadSubtract zoom out; 0 resets', () => {
  for (const [platform, mod] of [['linux', ctrl], ['win32', ctrl], ['darwin', cmd]] as const) {
    assert.equal(windowKeyAction(key('w', 'KeyW', mod), platform), 'close', platform);
    assert.equal(windowKeyAction(key('W', 'KeyW', { ...mod, shift: false }), platform), 'close', `${platform} caps lock`);
    assert.equal(windowKeyAction(key('=', 'Equal', mod), platform), 'zoomIn');
    assert.equal(windowKeyAction(key('+', 'Equal', { ...mod, shift: true }), platform), 'zoomIn');
    assert.equal(windowKeyAction(key('+', 'Semicolon', { ...mod, shift: true }), platform), 'zoomIn', 'Japanese keyboard');
    assert.equal(windowKeyAction(key('+', 'NumpadAdd', mod), platform), 'zoomIn');
    assert.equal(windowKeyAction(key('-', 'Minus', mod), platform), 'zoomOut');
    assert.equal(windowKeyAction(key('_', 'Minus', { ...mod, shift: true }), platform), 'zoomOut');
    assert.equal(windowKeyAction(key('-', 'NumpadSubtract', mod), platform), 'zoomOut');
    assert.equal(windowKeyAction(key('0', 'Digit0', mod), platform), 'zoomReset');
    assert.equal(windowKeyAction(key('0', 'Numpad0', mod), platform), 'zoomReset');
  }
});

test('other keys, other modifiers and key-ups are left to the page', () => {
  for (const input of [
    key('w', 'KeyW'),
    key('w', 'KeyW', { meta: true }),
    key('w', 'KeyW', { control: true, alt: true }),
    key('w', 'KeyW', { control: true, shift: true }),
    key('w', 'KeyW', { control: true, meta: true }),
    key('w', 'KeyW', { control: true, type: 'keyUp' }),
    key('w', 'KeyW', { control: true, isAutoRepeat: true }),
    key('a', 'KeyA', ctrl),
    key('v', 'KeyV', ctrl),
    key('Escape', 'Escape'),
    key(')', 'Digit0', { control: true, shift: true }),
    key('=', 'Equal'),
  ]) {
    assert.equal(windowKeyAction(input, 'linux'), null, JSON.stringify(input));
  }
  assert.equal(windowKeyAction(key('w', 'KeyW', ctrl), 'darwin'), null, 'Ctrl+W is not a macOS shortcut');
});

test('the letter follows the layout, and its US position on non-Latin layouts', () => {
  // AZERTY: the key at the US W position types "z"; Ctrl+Z is undo, not close.
  assert.equal(windowKeyAction(key('z', 'KeyW', ctrl), 'linux'), null);
  assert.equal(windowKeyAction(key('w', 'KeyZ', ctrl), 'linux'), 'close');
  // Russian: the W position types "ц"; Chromium's shortcuts follow the position there.
  assert.equal(windowKeyAction(key('ц', 'KeyW', ctrl), 'linux'), 'close');
});

test('zoom walks Chromium\'s steps within the saved range and resets to 100 %', () => {
  assert.equal(ZOOM_FACTORS[0], MIN_ZOOM);
  assert.equal(ZOOM_FACTORS.at(-1), MAX_ZOOM);
  assert.deepEqual([...ZOOM_FACTORS].sort((a, b) => a - b), [...ZOOM_FACTORS]);
  assert.equal(nextZoom(1, 'zoomIn'), 1.1);
  assert.equal(nextZoom(1.1, 'zoomIn'), 1.25);
  assert.equal(nextZoom(1.75, 'zoomIn'), 2);
  assert.equal(nextZoom(2, 'zoomOut'), 1.75);
  assert.equal(nextZoom(1, 'zoomOut'), 0.9);
  assert.equal(nextZoom(1.2, 'zoomIn'), 1.25, 'a value between steps goes to the next step');
  assert.equal(nextZoom(1.2, 'zoomOut'), 1.1);
  assert.equal(nextZoom(MAX_ZOOM, 'zoomIn'), MAX_ZOOM);
  assert.equal(nextZoom(MIN_ZOOM, 'zoomOut'), MIN_ZOOM);
  assert.equal(nextZoom(2.5, 'zoomReset'), 1);
});
