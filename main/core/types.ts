/** Domain types shared by the core, the CLI, the Electron adapters and (as data) the renderer. */

export interface LongTermKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** One configured identity: long-term keys of `sourceProfile` -> session written to `target`. */
export interface ProfileEntry {
  sourceProfile: string;
  target: string;
  serial?: string;
  durationSeconds?: number;
}

export type Language = 'auto' | 'en' | 'ja';

export interface Preferences {
  startAtLogin: boolean;
  warnMinutesBefore: number;
  removeExpired: boolean;
  language: Language;
}

/** The settings file (settings.json under the settings folder). Holds no secret. */
export interface Settings {
  profiles: ProfileEntry[];
  defaultTarget: string;
  defaultDurationSeconds?: number;
  preferences: Preferences;
  /** Zoom of the app's windows (Ctrl+plus/minus/0), 1 = 100 %. */
  zoomFactor?: number;
}

/** What `login` returns and `login --json` prints. */
export interface LoginResult {
  profile: string;
  target: string;
  serial: string;
  expiration: string;
}

/** One line of `status --json`. */
export interface SessionStatus {
  profile: string;
  target: string;
  expiration: string;
  secondsLeft: number;
}

export type MfaDeviceKind = 'virtual' | 'hardware' | 'u2f';

export interface MfaDevice {
  serial: string;
  kind: MfaDeviceKind;
  enableDate?: string;
}

/** AWS credential_process output, Version 1. */
export interface CredentialProcessOutput {
  Version: 1;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}
