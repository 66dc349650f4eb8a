import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pixel, type Bitmap } from '../../main/core/icon/bitmap';
import { GLYPH_HEIGHT, textWidth } from '../../main/core/icon/font';
import { decodeIco, encodeIco } from '../../main/core/icon/ico';
import { crc32, decodePng, encodePng } from '../../main/core/icon/png';
import { renderAppIcon, renderTrayIcon, STATE_COLORS } from '../../main/core/tray-icon';
import type { CountdownState } from '../../main/core/countdown';

const STATES: CountdownState[] = ['none', 'active', 'expiring-soon', 'expired'];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

function differs(a: Bitmap, b: Bitmap): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) if (a.data.slice(i, i + 4).join() !== b.data.slice(i, i + 4).join()) n++;
  return n;
}

test('sizes: 16 px @1x and 32 px @2x, RGBA', () => {
  for (const size of [16, 32]) {
    const b = renderTrayIcon({ state: 'active', size });
    assert.equal(b.width, size);
    assert.equal(b.height, size);
    assert.equal(b.data.length, size * size * 4);
  }
});

test('padlock pixels: solid body in the state colour, clear keyhole and corners', () => {
  for (const state of ['active', 'expired'] as const) {
    const b = renderTrayIcon({ state, size: 16 });
    assert.deepEqual(pixel(b, 3, 13), STATE_COLORS[state], `${state} body`);
    assert.deepEqual(pixel(b, 7, 10), CLEAR, `${state} keyhole`);
    assert.deepEqual(pixel(b, 0, 0), CLEAR);
    assert.deepEqual(pixel(b, 15, 15), CLEAR);
  }
  // "none" is an outline: its body is hollow where "active" is solid.
  assert.deepEqual(pixel(renderTrayIcon({ state: 'active', size: 16 }), 5, 11), STATE_COLORS.active);
  assert.deepEqual(pixel(renderTrayIcon({ state: 'none', size: 16 }), 5, 11), CLEAR);
  assert.deepEqual(pixel(renderTrayIcon({ state: 'none', size: 16 }), 3, 13), STATE_COLORS.none);
  // @2x is the same drawing at twice the resolution.
  assert.deepEqual(pixel(renderTrayIcon({ state: 'active', size: 32 }), 7, 27), STATE_COLORS.active);
  assert.deepEqual(pixel(renderTrayIcon({ state: 'active', size: 32 }), 15, 21), CLEAR);
});

test('closed shackle for live sessions, open (right leg lifted off the body) otherwise', () => {
  // Right leg just above the body at x=11, y=6.
  assert.equal(pixel(renderTrayIcon({ state: 'active', size: 16 }), 11, 6)[3], 255);
  assert.equal(pixel(renderTrayIcon({ state: 'expiring-soon', size: 16 }), 11, 6)[3], 255);
  assert.equal(pixel(renderTrayIcon({ state: 'expired', size: 16 }), 11, 6)[3], 0);
  assert.equal(pixel(renderTrayIcon({ state: 'none', size: 16 }), 11, 6)[3], 0);
});

test('every state looks different, in colour and as a macOS template', () => {
  for (const template of [false, true]) {
    const icons = STATES.map((state) => renderTrayIcon({ state, size: 16, template }));
    for (let i = 0; i < icons.length; i++)
      for (let j = i + 1; j < icons.length; j++) assert.ok(differs(icons[i]!, icons[j]!) >= 6, `${STATES[i]} vs ${STATES[j]} (template ${template})`);
  }
});

test('templates are black with alpha only', () => {
  for (const state of STATES) {
    const b = renderTrayIcon({ state, size: 32, template: true });
    let opaque = 0;
    for (let i = 0; i < b.data.length; i += 4) {
      assert.deepEqual([b.data[i], b.data[i + 1], b.data[i + 2]], [0, 0, 0]);
      if (b.data[i + 3] === 255) opaque++;
    }
    assert.ok(opaque > 100, `${state} has a shape`);
  }
});

test('countdown text: crisp white glyph pixels on the badge, exactly where the font puts them', () => {
  const b = renderTrayIcon({ state: 'active', text: '42m', size: 16 });
  assert.equal(textWidth('42m'), 13);
  // Text block at x=1..13, y=5..9. '4' first row is "#.#".
  assert.deepEqual(pixel(b, 1, 5), WHITE);
  assert.deepEqual(pixel(b, 2, 5), STATE_COLORS.active);
  assert.deepEqual(pixel(b, 3, 5), WHITE);
  // 'm' starts at x=9: empty top row, then "####.".
  assert.deepEqual(pixel(b, 9, 5), STATE_COLORS.active);
  assert.deepEqual([9, 10, 11, 12].map((x) => pixel(b, x, 6)), [WHITE, WHITE, WHITE, WHITE]);
  assert.deepEqual(pixel(b, 13, 6), STATE_COLORS.active);
  // Outside the text, badge colour; no white anywhere else.
  let white = 0;
  for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) if (pixel(b, x, y).join() === WHITE.join()) {
    white++;
    assert.ok(x >= 1 && x <= 13 && y >= 5 && y <= 9, `white at ${x},${y}`);
  }
  // 4 -> 9 pixels, 2 -> 11, m -> 13.
  assert.equal(white, 9 + 11 + 13);
});

test('different text changes only the glyph that differs; @2x doubles each font pixel', () => {
  const a = renderTrayIcon({ state: 'active', text: '42m', size: 16 });
  const b = renderTrayIcon({ state: 'active', text: '43m', size: 16 });
  for (let y = 0; y < 16; y++)
    for (let x = 0; x < 16; x++) if (pixel(a, x, y).join() !== pixel(b, x, y).join()) assert.ok(x >= 5 && x <= 7, `diff at ${x},${y}`);
  assert.ok(differs(a, b) > 0);
  const big = renderTrayIcon({ state: 'active', text: '42m', size: 32 });
  // Text block 26x10 at (3, 11): '4' top-left font pixel is 2x2 white.
  for (const [x, y] of [[3, 11], [4, 11], [3, 12], [4, 12]] as const) assert.deepEqual(pixel(big, x, y), WHITE);
  assert.deepEqual(pixel(big, 5, 11), STATE_COLORS.active);
});

test('expiring-soon text is dark on amber for contrast', () => {
  const b = renderTrayIcon({ state: 'expiring-soon', text: '9m', size: 16 });
  const x = Math.floor((16 - textWidth('9m')) / 2);
  assert.deepEqual(pixel(b, x, 5), [32, 33, 36, 255]);
});

test('PNG: round trip, valid CRCs, and the committed assets match the renderer', () => {
  assert.equal(crc32(Buffer.from('IEND')), 0xae426082);
  const b = renderTrayIcon({ state: 'expiring-soon', text: '9m', size: 32 });
  const png = encodePng(b);
  assert.deepEqual(png.subarray(0, 8), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  assert.deepEqual(decodePng(png), b);
  const assets = path.join(import.meta.dirname, '..', '..', 'assets');
  assert.deepEqual(decodePng(fs.readFileSync(path.join(assets, 'tray', 'active@2x.png'))), renderTrayIcon({ state: 'active', size: 32 }));
  assert.deepEqual(decodePng(fs.readFileSync(path.join(assets, 'tray', 'noneTemplate.png'))), renderTrayIcon({ state: 'none', size: 16, template: true }));
  const icon = decodePng(fs.readFileSync(path.join(assets, 'icon.png')));
  assert.equal(icon.width, 512);
  assert.deepEqual(icon, renderAppIcon(512));
});

/** Pixels inside the text block that are neither exactly the text colour nor exactly the badge colour. */
function blurredTextPixels(b: Bitmap, text: string, textColor: number[], badge: number[]): number {
  const k = Math.max(1, Math.floor(b.width / 16));
  const w = textWidth(text) * k;
  const h = GLYPH_HEIGHT * k;
  const x0 = Math.floor((b.width - w) / 2);
  const y0 = Math.floor((b.height - h) / 2);
  let blurred = 0;
  for (let y = y0; y < y0 + h; y++)
    for (let x = x0; x < x0 + w; x++) {
      const p = pixel(b, x, y).join();
      if (p !== textColor.join() && p !== badge.join()) blurred++;
    }
  return blurred;
}

test('the countdown is drawn crisp at every size a tray asks for: Windows 100-300 % (16-48 px), Linux panels (22-24 px), macOS @2x', () => {
  for (const size of [16, 20, 22, 24, 32, 40, 48]) {
    for (const [state, text, ink] of [
      ['active', '42m', WHITE],
      ['active', '7h', WHITE],
      ['expiring-soon', '9m', [32, 33, 36, 255]],
    ] as const) {
      const b = renderTrayIcon({ state, text, size });
      assert.equal(b.width, size);
      assert.equal(blurredTextPixels(b, text, [...ink], [...STATE_COLORS[state]]), 0, `${state} "${text}" at ${size} px: every text pixel is ink or badge`);
      const k = Math.max(1, Math.floor(size / 16));
      let inkPixels = 0;
      for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (pixel(b, x, y).join() === ink.join()) inkPixels++;
      const glyphPixels = text === '42m' ? 9 + 11 + 13 : text === '7h' ? 7 + 9 : 12 + 13;
      assert.equal(inkPixels, glyphPixels * k * k, `${text} at ${size} px: whole font pixels only`);
    }
  }
});

test('a Windows .ico carries each small-icon size as its own PNG', () => {
  const sizes = [16, 20, 24, 32, 40, 48];
  const ico = encodeIco(sizes.map((size) => ({ size, png: encodePng(renderTrayIcon({ state: 'active', text: '42m', size })) })));
  // ICONDIR: reserved 0, type 1 (icon), count.
  assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)], [0, 1, sizes.length]);
  const entries = decodeIco(ico);
  assert.deepEqual(
    entries.map((e) => e.size),
    sizes,
  );
  for (const e of entries) {
    const b = decodePng(e.png);
    assert.deepEqual([b.width, b.height], [e.size, e.size]);
    assert.deepEqual(b, renderTrayIcon({ state: 'active', text: '42m', size: e.size }));
  }
  assert.throws(() => encodeIco([{ size: 300, png: Buffer.alloc(0) }]), /1\.\.256/);
});
