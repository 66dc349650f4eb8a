/**
 * What several renderer tests set up the same way: a command's code request as they send it to the
 * broker, how the popup states its end, and the app's handlers over a world whose settings file
 * may be broken.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROTOCOL_VERSION, type RenewRequest } from '../../main/core/renew/protocol';
import { createIpcHandlers, type IpcHandlers } from '../../main/ipc/handlers';
import type { World } from '../helpers/world';

/** terraform's credential_process asking for `target`'s session from `profile`'s keys. */
export const terraformRequest = (profile: string, target: string): RenewRequest => ({
  v: PROTOCOL_VERSION,
  type: 'renew',
  profile,
  target,
  asker: { command: 'credential-process', program: 'terraform' },
});

/** The request's end as the line states it (24-hour clock, the page's time zone: UTC in the harness). */
export const hhmm = (ms: number): string =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(new Date(ms));

/**
 * The app's handlers over the world's files. The app's locale never fails on a broken settings file
 * (its preference then counts as "auto" and the system's language decides, main/app/app-ready.ts):
 * here the system is `system`. "Show the file in its folder" records the file in `revealed`.
 */
export function appHandlers(w: World, system: 'en' | 'ja', revealed: string[] = []): IpcHandlers {
  return createIpcHandlers({
    service: w.service,
    settings: w.settings,
    ui: { hideWindow: () => undefined, openSettings: () => undefined, closeSettings: () => undefined, onStateChanged: () => undefined, showInFolder: (f) => revealed.push(f) },
    platform: process.platform,
    locale: () => system,
  });
}

/** A settings.json as a hand edit leaves it: a trailing comma, so it is not JSON. */
export const BROKEN_SETTINGS = '{ "profiles": [ { "sourceProfile": "work", "target": "work-mfa" }, ], "preferences": {} }\n';

/** Writes BROKEN_SETTINGS as the world's settings file; returns its path. */
export function breakSettings(w: World): string {
  const file = path.join(w.paths.settingsDir, 'settings.json');
  mkdirSync(w.paths.settingsDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, BROKEN_SETTINGS, { mode: 0o600 });
  return file;
}
