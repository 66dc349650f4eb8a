/**
 * A 5-pixel-high bitmap font for the icon countdown ("7h", "42m", "59s"): digits 3 wide,
 * 'm' 5 wide so it cannot be mistaken for 'n'. At 16 px "42m" is 13 px wide.
 */
import { fillRect, type Bitmap, type Rgba } from './bitmap';

const GLYPHS: Record<string, string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  h: ['#..', '#..', '###', '#.#', '#.#'],
  m: ['.....', '####.', '#.#.#', '#.#.#', '#.#.#'],
  s: ['...', '.##', '##.', '..#', '##.'],
  '!': ['#', '#', '#', '.', '#'],
};

export const GLYPH_HEIGHT = 5;

export function hasGlyph(ch: string): boolean {
  return ch in GLYPHS;
}

/** Width in font pixels (1 pixel of spacing between glyphs); unknown characters are skipped. */
export function textWidth(text: string): number {
  const widths = [...text].filter(hasGlyph).map((c) => GLYPHS[c]![0]!.length);
  return widths.length ? widths.reduce((a, b) => a + b, 0) + widths.length - 1 : 0;
}

/** Draws `text` with its top-left at (x, y), each font pixel a `scale` x `scale` block. */
export function drawText(b: Bitmap, text: string, x: number, y: number, scale: number, color: Rgba): void {
  let cx = x;
  for (const ch of text) {
    const rows = GLYPHS[ch];
    if (!rows) continue;
    rows.forEach((row, ry) => {
      [...row].forEach((cell, rx) => {
        if (cell === '#') fillRect(b, cx + rx * scale, y + ry * scale, scale, scale, color);
      });
    });
    cx += (rows[0]!.length + 1) * scale;
  }
}
