/**
 * Tray and app icons drawn in code, so the countdown can be drawn into the Windows/Linux icon
 * and every state exists at every size. A padlock: closed while a session is live, open when
 * there is none or it expired. macOS gets template images (black + alpha; the system tints them)
 * and shows the countdown as the tray title instead.
 */
import { circle, createBitmap, minus, paint, rect, roundedRect, union, type Bitmap, type Rgba, type Shape } from './icon/bitmap';
import { drawText, GLYPH_HEIGHT, textWidth } from './icon/font';
import type { CountdownState } from './countdown';

export type { Bitmap } from './icon/bitmap';

export const STATE_COLORS: Record<CountdownState, Rgba> = {
  none: [128, 134, 139, 255],
  active: [30, 142, 62, 255],
  'expiring-soon': [242, 153, 0, 255],
  expired: [217, 48, 37, 255],
};

const WHITE: Rgba = [255, 255, 255, 255];
const INK: Rgba = [32, 33, 36, 255];
const BLACK: Rgba = [0, 0, 0, 255];

export interface TrayIconOptions {
  state: CountdownState;
  /** Short countdown ("7h", "42m") drawn instead of the padlock; '' for the padlock. */
  text?: string;
  /** Pixel size: 16 (@1x) or 32 (@2x) for tray icons; any multiple of 16 works. */
  size: number;
  /** macOS template image: black with alpha only. */
  template?: boolean;
}

// The padlock in a 16x16 design space.
const body = roundedRect(2.5, 7, 13.5, 15, 1.5);
const keyhole = union(circle(8, 10.3, 1.3), rect(7.35, 10.3, 8.65, 12.8));
const ring = (cy: number): Shape => (x, y) => {
  const d = Math.hypot(x - 8, y - cy);
  return y <= cy && d >= 2.3 && d <= 4;
};
const closedShackle = union(ring(5), rect(4, 5, 5.7, 7.5), rect(10.3, 5, 12, 7.5));
// Open: lifted, with only the left leg reaching the body.
const openShackle = union(ring(4.2), rect(4, 4.2, 5.7, 7.5), rect(10.3, 4.2, 12, 5.2));
const bodyOutline = minus(body, roundedRect(4.2, 8.7, 11.8, 13.3, 0.5));

function padlock(state: CountdownState): Shape {
  switch (state) {
    case 'active':
      return union(closedShackle, minus(body, keyhole));
    case 'expiring-soon':
      // Closed, with the lower half of the body hollow: "running out".
      return union(closedShackle, minus(body, union(keyhole, roundedRect(4.2, 11, 11.8, 13.3, 0.5))));
    case 'expired':
      return union(openShackle, minus(body, keyhole));
    case 'none':
      return union(openShackle, bodyOutline);
  }
}

export function renderTrayIcon(o: TrayIconOptions): Bitmap {
  const b = createBitmap(o.size, o.size);
  const scale = o.size / 16;
  const place = { scale, offsetX: 0, offsetY: 0 };
  const text = o.text ?? '';
  const color = o.template ? BLACK : STATE_COLORS[o.state];
  if (!text) {
    paint(b, padlock(o.state), color, place);
    return b;
  }
  // A badge in the state colour with the countdown in crisp pixel text.
  const k = Math.max(1, Math.floor(scale));
  const w = textWidth(text) * k;
  const h = GLYPH_HEIGHT * k;
  const x = Math.floor((o.size - w) / 2);
  const y = Math.floor((o.size - h) / 2);
  if (o.template) {
    drawText(b, text, x, y, k, BLACK);
    return b;
  }
  paint(b, roundedRect(0, 1.5, 16, 14.5, 3), color, place);
  drawText(b, text, x, y, k, o.state === 'expiring-soon' ? INK : WHITE);
  return b;
}

/** The application icon: a white padlock on a dark rounded square with an amber keyhole. */
export function renderAppIcon(size: number): Bitmap {
  const b = createBitmap(size, size);
  const unit = size / 16;
  paint(b, roundedRect(0.6, 0.6, 15.4, 15.4, 3.4), [35, 47, 62, 255], { scale: unit, offsetX: 0, offsetY: 0 });
  // The padlock at 70% of the icon, centred.
  const s = unit * 0.7;
  const place = { scale: s, offsetX: (size - 16 * s) / 2, offsetY: (size - 16 * s) / 2 + unit * 0.3 };
  paint(b, union(closedShackle, minus(body, keyhole)), WHITE, place);
  paint(b, keyhole, [255, 153, 0, 255], place);
  return b;
}
