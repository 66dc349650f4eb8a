/**
 * A tiny RGBA rasteriser: shapes are predicates in a 16-unit design space, painted with 4x4
 * supersampling for anti-aliased edges, blended source-over. Enough for tray and app icons
 * without a native canvas dependency.
 */

export interface Bitmap {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, not premultiplied, row-major from the top-left. */
  data: Uint8Array;
}

export type Rgba = readonly [number, number, number, number];

/** A shape: true when the design-space point (x, y) is inside. */
export type Shape = (x: number, y: number) => boolean;

/** Design space -> pixels: pixel = offset + unit * scale. */
export interface Placement {
  scale: number;
  offsetX: number;
  offsetY: number;
}

export function createBitmap(width: number, height: number): Bitmap {
  return { width, height, data: new Uint8Array(width * height * 4) };
}

export function pixel(b: Bitmap, x: number, y: number): Rgba {
  const i = (y * b.width + x) * 4;
  return [b.data[i]!, b.data[i + 1]!, b.data[i + 2]!, b.data[i + 3]!];
}

/** Source-over blend of `color` at `coverage` (0..1) onto one pixel. */
export function blend(b: Bitmap, x: number, y: number, color: Rgba, coverage: number): void {
  if (coverage <= 0 || x < 0 || y < 0 || x >= b.width || y >= b.height) return;
  const i = (y * b.width + x) * 4;
  const sa = (color[3] / 255) * Math.min(1, coverage);
  const da = b.data[i + 3]! / 255;
  const oa = sa + da * (1 - sa);
  if (oa === 0) return;
  for (let c = 0; c < 3; c++) {
    b.data[i + c] = Math.round((color[c]! * sa + b.data[i + c]! * da * (1 - sa)) / oa);
  }
  b.data[i + 3] = Math.round(oa * 255);
}

const SAMPLES = 4;

/** Paints `shape` (design units) at `place` with anti-aliasing. */
export function paint(b: Bitmap, shape: Shape, color: Rgba, place: Placement): void {
  for (let py = 0; py < b.height; py++) {
    for (let px = 0; px < b.width; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const u = (px + (sx + 0.5) / SAMPLES - place.offsetX) / place.scale;
          const v = (py + (sy + 0.5) / SAMPLES - place.offsetY) / place.scale;
          if (shape(u, v)) hits++;
        }
      }
      blend(b, px, py, color, hits / (SAMPLES * SAMPLES));
    }
  }
}

/** Sets whole pixels (for the bitmap font, which must stay crisp). */
export function fillRect(b: Bitmap, x: number, y: number, w: number, h: number, color: Rgba): void {
  for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) blend(b, xx, yy, color, 1);
}

// Shape helpers, all in design units.
export const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };

export const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

export const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;

export const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

export const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);
