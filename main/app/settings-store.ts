/**
 * The app's settings store: electron-store over the same settings.json the CLI's
 * FileSettingsStore reads (cwd = settings folder, name 'settings'), validated by the core schema.
 */
import * as fs from 'node:fs';
import Store, { type Schema } from 'electron-store';
import { UserError } from '../core/errors';
import { defaultSettings, settingsSchema, SETTINGS_NAME, upsertProfile, validateSettings, type SettingsStore } from '../core/settings';
import type { ProfileEntry, Settings } from '../core/types';

export class ElectronSettingsStore implements SettingsStore {
  private readonly store: Store<Settings>;

  constructor(settingsDir: string) {
    fs.mkdirSync(settingsDir, { recursive: true, mode: 0o700 });
    this.store = new Store<Settings>({
      cwd: settingsDir,
      name: SETTINGS_NAME,
      schema: settingsSchema as unknown as Schema<Settings>,
      defaults: defaultSettings,
      // A hand-edited mistake should be reported, not silently wiped.
      clearInvalidConfig: false,
      configFileMode: 0o600,
      // No watch: conf would poll the file; main.ts watches the folder with fs.watch instead,
      // and conf re-reads the file on every access anyway.
      accessPropertiesByDotNotation: false,
    });
  }

  read(): Settings {
    try {
      return validateSettings(this.store.store);
    } catch {
      throw new UserError({ en: `The settings file ${this.store.path} is not valid; fix or delete it, then try again.`, ja: `設定ファイル ${this.store.path} の内容が正しくありません。直すか削除してからやり直してください。` }, 'SettingsUnusable');
    }
  }

  write(settings: Settings): void {
    this.store.store = validateSettings(settings);
  }

  saveProfile(entry: ProfileEntry): void {
    this.write(upsertProfile(this.read(), entry));
  }
}
