/**
 * Window-level keys, decided without Electron (so tests can load this file): close with
 * Ctrl+W (Cmd+W on macOS), zoom with Ctrl+plus / Ctrl+minus / Ctrl+0. Windows and Linux have no
 * menu bar here, so no menu accelerator would do it; main/app/windows.ts applies these from
 * webContents' before-input-event. Esc is the page's business: in settings it first closes the
 * profile editor.
 */

import { MAX_ZOOM, MIN_ZOOM } from '../core/settings';
import { platformTraits } from '../platform/traits';

/** The fields of Electron's `Input` (before-input-event) that matter here. */
export interface KeyInput {
  type: string;
  key: string;
  code: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
  isAutoRepeat?: boolean;
}

export type WindowKeyAction = 'close' | 'zoomIn' | 'zoomOut' | 'zoomReset';

/** Chromium's own zoom steps, from MIN_ZOOM to MAX_ZOOM (the popup scrolls beyond 200 %). */
export const ZOOM_FACTORS: readonly number[] = [MIN_ZOOM, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, MAX_ZOOM];

/**
 * The letter a key stands for: the layout's own (AZERTY's Ctrl+Z is not Ctrl+W), except on
 * non-Latin layouts (Russian, Greek), where shortcuts follow the key's US position as in Chromium.
 */
function letter(input: KeyInput): string {
  const key = input.key.toLowerCase();
  if (/^[a-z]$/.test(key)) return key;
  const m = /^Key([A-Z])$/.exec(input.code);
  return key.length === 1 && m ? m[1]!.toLowerCase() : key;
}

export function windowKeyAction(input: KeyInput, platform: NodeJS.Platform): WindowKeyAction | null {
  if (input.type !== 'keyDown' || input.alt) return null;
  // The platform's shortcut modifier only: Cmd on macOS, Ctrl elsewhere.
  const mod = platformTraits(platform).app.shortcutModifier === 'meta' ? input.meta && !input.control : input.control && !input.meta;
  if (!mod) return null;
  if (letter(input) === 'w' && !input.shift) return input.isAutoRepeat ? null : 'close';
  if (input.key === '+' || input.key === '=' || input.code === 'NumpadAdd') return 'zoomIn';
  if (input.key === '-' || input.key === '_' || input.code === 'NumpadSubtract') return 'zoomOut';
  if ((input.key === '0' || input.code === 'Numpad0') && !input.shift) return 'zoomReset';
  return null;
}

/** The next zoom factor for a zoom action: one Chromium step in, out, or back to 100 %. */
export function nextZoom(current: number, action: 'zoomIn' | 'zoomOut' | 'zoomReset'): number {
  if (action === 'zoomReset') return 1;
  const eps = 0.001;
  if (action === 'zoomIn') return ZOOM_FACTORS.find((f) => f > current + eps) ?? MAX_ZOOM;
  return [...ZOOM_FACTORS].reverse().find((f) => f < current - eps) ?? MIN_ZOOM;
}
