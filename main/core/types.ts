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
  /** A command printing the MFA code (used when the AWS config file has no mfa_process for the profile). */
  mfaProcess?: string;
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
  /** The tray reminds once a week of a key older than this many days (default 90; 0: never). */
  keyAgeReminderDays?: number;
  /** Where long-term keys live: the OS keychain (default) or an encrypted file (machines without one). */
  keychain?: 'os' | 'file';
}

/** What `login` returns and `login --json` prints. */
export interface LoginResult {
  profile: string;
  target: string;
  serial: string;
  expiration: string;
  /** The source profile's region, written into the target's config section by this login (it had none). */
  regionAdded?: string;
}

/** A role profile (role_arn + source_profile) that chains off a target: it works while the target's session does. */
export interface ChainedRole {
  profile: string;
  roleArn: string;
  /** The profile it assumes the role from: the target, or another chained role profile. */
  sourceProfile: string;
}

/** One line of `status --json`. */
export interface SessionStatus {
  profile: string;
  target: string;
  expiration: string;
  secondsLeft: number;
  /** Role profiles chained off `target` (status() always fills it). */
  roles?: ChainedRole[];
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
