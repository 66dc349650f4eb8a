/**
 * Security-relevant window settings in one Electron-free place, so tests can load them:
 * every BrowserWindow gets secureWebPreferences(), and IPC accepts only frames showing one of
 * our own renderer pages. (No `electron` import here on purpose; the shape is checked where
 * main/app/windows.ts hands it to BrowserWindow.)
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

/** Our renderer pages, as absolute file paths. */
export function rendererPages(distDir: string): { popup: string; settings: string } {
  return { popup: path.join(distDir, 'renderer', 'popup.html'), settings: path.join(distDir, 'renderer', 'settings.html') };
}

/**
 * True only for a file:// URL of exactly one of `pages` (query and hash allowed, nothing else):
 * not another file, not http(s), not a data: or about: page.
 */
export function isOwnPageUrl(url: string | undefined | null, pages: readonly string[]): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'file:' || (u.host !== '' && u.host !== 'localhost')) return false;
  let file: string;
  try {
    file = path.normalize(fileURLToPath(`file://${u.pathname}`));
  } catch {
    return false;
  }
  return pages.some((p) => path.normalize(p) === file);
}
