/**
 * Where the popup goes: under the tray icon on macOS (menu bar on top), above it on Windows
 * (taskbar usually at the bottom, but any edge works), kept inside the work area; centred on
 * Linux, where tray bounds are not reported reliably.
 */
import { platformTraits } from '../platform/traits';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 4;

export function popupPosition(
  platform: NodeJS.Platform,
  size: { width: number; height: number },
  workArea: Rect,
  trayBounds: Rect | null,
): { x: number; y: number } {
  const clampX = (x: number) => Math.round(Math.min(Math.max(x, workArea.x + GAP), workArea.x + workArea.width - size.width - GAP));
  const clampY = (y: number) => Math.round(Math.min(Math.max(y, workArea.y + GAP), workArea.y + workArea.height - size.height - GAP));
  const usable = trayBounds && trayBounds.width > 0 && trayBounds.height > 0;
  if (platformTraits(platform).popup.placement === 'centred' || !usable) {
    return { x: clampX(workArea.x + (workArea.width - size.width) / 2), y: clampY(workArea.y + (workArea.height - size.height) / 2) };
  }
  const centreX = trayBounds.x + trayBounds.width / 2 - size.width / 2;
  const centreY = trayBounds.y + trayBounds.height / 2 - size.height / 2;
  // Which edge of the work area is the icon at? Open away from it.
  const above = trayBounds.y + trayBounds.height / 2 > workArea.y + workArea.height / 2;
  const left = trayBounds.x < workArea.x;
  const right = trayBounds.x >= workArea.x + workArea.width;
  if (left) return { x: clampX(workArea.x + GAP), y: clampY(centreY) };
  if (right) return { x: clampX(workArea.x + workArea.width - size.width - GAP), y: clampY(centreY) };
  return { x: clampX(centreX), y: clampY(above ? trayBounds.y - size.height - GAP : trayBounds.y + trayBounds.height + GAP) };
}
