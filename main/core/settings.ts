/**
 * The settings file: settings.json in the settings folder. The app and the CLI both read and
 * write it through FileSettingsStore (validated, atomic, 0600). No secrets in it.
 */
import * as path from 'node:path';
import { UserError } from './errors';
import { assertSafeSettingsFolder } from './folder-safety';
import { readJsonFile, writeJsonFile } from './json-file';
import { homeDir } from './paths';
import type { Preferences, ProfileEntry, Settings } from './types';
import { validateDuration, validateMfaProcess, validateProfileName, validateSerial } from './validate';

export const SETTINGS_NAME = 'settings';
export const DEFAULT_TARGET = 'mfa';
/** The windows' zoom range (50 % to 300 %). */
export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 3;

export interface SettingsStore {
  read(): Settings;
  write(settings: Settings): void;
  /** Adds or replaces one source profile's entry, leaving everything else in the file as it is. */
  saveProfile(entry: ProfileEntry): void;
}

export const defaultPreferences: Preferences = {
  startAtLogin: true,
  warnMinutesBefore: 10,
  removeExpired: true,
  language: 'auto',
};

export const defaultSettings: Settings = {
  profiles: [],
  defaultTarget: DEFAULT_TARGET,
  preferences: defaultPreferences,
};

function unusable(file: string): UserError {
  return new UserError(
    { en: `The settings file ${file} is not valid; fix or delete it (your keys stay in the keychain), then try again.`, ja: `設定ファイル ${file} の内容が正しくありません。直すか削除してから（キーはキーチェーンに残ります）やり直してください。` },
    'SettingsUnusable',
  );
}

function validatePreferences(raw: unknown): Preferences {
  const p = (raw ?? {}) as Partial<Record<keyof Preferences, unknown>>;
  const out: Preferences = { ...defaultPreferences };
  if (p.startAtLogin !== undefined) {
    if (typeof p.startAtLogin !== 'boolean') throw new Error('startAtLogin');
    out.startAtLogin = p.startAtLogin;
  }
  if (p.warnMinutesBefore !== undefined) {
    const n = p.warnMinutesBefore;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 720) throw new Error('warnMinutesBefore');
    out.warnMinutesBefore = n;
  }
  if (p.removeExpired !== undefined) {
    if (typeof p.removeExpired !== 'boolean') throw new Error('removeExpired');
    out.removeExpired = p.removeExpired;
  }
  if (p.language !== undefined) {
    if (p.language !== 'auto' && p.language !== 'en' && p.language !== 'ja') throw new Error('language');
    out.language = p.language;
  }
  return out;
}

export function validateProfileEntry(raw: unknown): ProfileEntry {
  const e = raw as Partial<Record<keyof ProfileEntry, unknown>> | null;
  if (!e || typeof e !== 'object') throw new UserError({ en: 'A profile entry is missing its fields.', ja: 'プロファイルの項目が足りません。' }, 'BadInput', 'usage');
  const entry: ProfileEntry = {
    sourceProfile: validateProfileName(e.sourceProfile, 'source profile name'),
    target: validateProfileName(e.target, 'target profile name'),
  };
  if (e.serial !== undefined && e.serial !== null && e.serial !== '') entry.serial = validateSerial(e.serial);
  if (e.durationSeconds !== undefined && e.durationSeconds !== null) entry.durationSeconds = validateDuration(e.durationSeconds);
  if (e.mfaProcess !== undefined && e.mfaProcess !== null && e.mfaProcess !== '') entry.mfaProcess = validateMfaProcess(e.mfaProcess);
  if (entry.target === entry.sourceProfile) {
    throw new UserError(
      { en: 'The target profile must differ from the source profile, or the session would overwrite your long-term keys.', ja: '書き込み先はソースプロファイルと別にしてください（同じだとセッションが長期キーを上書きします）。' },
      'BadInput',
      'usage',
    );
  }
  return entry;
}

/** Validates a whole settings object, filling defaults; throws (plain Error) on any invalid value. */
export function validateSettings(raw: unknown): Settings {
  const s = (raw ?? {}) as Partial<Record<keyof Settings, unknown>>;
  if (typeof s !== 'object' || Array.isArray(s)) throw new Error('not an object');
  const profiles = s.profiles === undefined ? [] : s.profiles;
  if (!Array.isArray(profiles)) throw new Error('profiles');
  const entries = profiles.map(validateProfileEntry);
  const names = new Set(entries.map((e) => e.sourceProfile));
  if (names.size !== entries.length) throw new Error('duplicate profile');
  const out: Settings = {
    profiles: entries,
    defaultTarget: s.defaultTarget === undefined ? DEFAULT_TARGET : validateProfileName(s.defaultTarget),
    preferences: validatePreferences(s.preferences),
  };
  if (s.defaultDurationSeconds !== undefined) out.defaultDurationSeconds = validateDuration(s.defaultDurationSeconds);
  if (s.zoomFactor !== undefined) {
    const z = s.zoomFactor;
    if (typeof z !== 'number' || !Number.isFinite(z) || z < MIN_ZOOM || z > MAX_ZOOM) throw new Error('zoomFactor');
    out.zoomFactor = z;
  }
  if (s.keyAgeReminderDays !== undefined) {
    const d = s.keyAgeReminderDays;
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > 3650) throw new Error('keyAgeReminderDays');
    out.keyAgeReminderDays = d;
  }
  if (s.keychain !== undefined) {
    if (s.keychain !== 'os' && s.keychain !== 'file') throw new Error('keychain');
    out.keychain = s.keychain;
  }
  return out;
}

/** The one settings store, used by the app and the CLI. */
export class FileSettingsStore implements SettingsStore {
  readonly file: string;
  private checked = false;

  constructor(private readonly settingsDir: string) {
    this.file = path.join(settingsDir, `${SETTINGS_NAME}.json`);
  }

  /** Once per store: settings hold mfa_process commands (run by the shell), so no folder others can change. */
  private assertSafe(): void {
    if (this.checked) return;
    let home = path.parse(this.settingsDir).root;
    try {
      home = homeDir();
    } catch {
      // no home at all: the walk goes up to the root
    }
    assertSafeSettingsFolder(this.settingsDir, home);
    this.checked = true;
  }

  read(): Settings {
    this.assertSafe();
    let raw: unknown;
    try {
      raw = readJsonFile(this.file);
    } catch {
      throw unusable(this.file);
    }
    if (raw === undefined) return structuredClone(defaultSettings);
    try {
      return validateSettings(raw);
    } catch {
      throw unusable(this.file);
    }
  }

  write(settings: Settings): void {
    this.assertSafe();
    writeJsonFile(this.file, validateSettings(settings));
  }

  /**
   * The CLI records what a command used (a discovered MFA serial) and nothing else: the file keeps
   * only the keys it had, plus `profiles`; defaults it never held (startAtLogin, defaultTarget...)
   * are not written into it.
   */
  saveProfile(entry: ProfileEntry): void {
    const current = this.read(); // refuses an invalid file before changing it
    const raw = (readJsonFile(this.file) ?? {}) as Record<string, unknown>;
    writeJsonFile(this.file, { ...raw, profiles: upsertProfile(current, validateProfileEntry(entry)).profiles });
  }
}

/** Keeps one entry per source profile: replaces the entry named `original` (or adds). */
export function upsertProfile(settings: Settings, entry: ProfileEntry, original: string | null = entry.sourceProfile): Settings {
  const others = settings.profiles.filter((p) => p.sourceProfile !== original && p.sourceProfile !== entry.sourceProfile);
  const index = settings.profiles.findIndex((p) => p.sourceProfile === original);
  const profiles = [...others];
  profiles.splice(index < 0 ? profiles.length : Math.min(index, profiles.length), 0, entry);
  return { ...settings, profiles };
}
