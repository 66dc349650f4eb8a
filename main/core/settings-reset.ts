/**
 * The way out of a settings file that cannot be used (bad JSON, a value no version wrote): the
 * windows offer to reset it. The broken file is never deleted: it is renamed beside itself
 * (settings.json.broken-<time>, same folder, so the rename is atomic and keeps every byte), and a
 * fresh default file takes its place. Keys stay in the keychain; the backup's path is returned
 * so the window can say where it went.
 */
import { chmodSync, existsSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import { UserError, usageError } from './errors';
import { writeJsonFile } from './json-file';
import { defaultSettings, SETTINGS_NAME, type SettingsStore } from './settings';

export function settingsFileIn(settingsDir: string): string {
  return path.join(settingsDir, `${SETTINGS_NAME}.json`);
}

/** Moves the unusable `file` aside and writes defaults; returns the backup's path. Refuses a usable file. */
export function resetSettingsFile(store: SettingsStore, file: string, now: Date = new Date()): string {
  try {
    store.read();
  } catch (e) {
    if (!(e instanceof UserError) || e.code !== 'SettingsUnusable') throw e;
    return moveAsideAndReset(file, now);
  }
  throw usageError({
    en: 'The settings file can be read, so nothing was reset; close and reopen this window.',
    ja: '設定ファイルは読み込めるため、リセットしませんでした。このウィンドウを開き直してください。',
  });
}

function moveAsideAndReset(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  let backup = `${file}.broken-${stamp}`;
  for (let n = 2; existsSync(backup); n++) backup = `${file}.broken-${stamp}-${n}`;
  try {
    renameSync(file, backup);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(
      {
        en: `The settings file ${file} could not be moved aside (${why}), so nothing was reset; close other programs that use it and try again.`,
        ja: `設定ファイル ${file} を退避できなかったため（${why}）、リセットしていません。このファイルを使っているほかのプログラムを閉じてから、もう一度試してください。`,
      },
      'SettingsUnusable',
    );
  }
  // Files we write are 0600; the backup holds the same (non-secret) settings as before.
  chmodSync(backup, 0o600);
  writeJsonFile(file, defaultSettings);
  return backup;
}
