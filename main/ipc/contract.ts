/**
 * The one IPC contract between renderer, preload and main. Main registers a handler per channel,
 * preload exposes one function per channel, the renderer calls only those. Errors cross as
 * result objects. No reply type carries a secret access key (requests may carry one, inbound only).
 */
import type { LoginItemState } from '../core/autostart';
import type { ErrorCode } from '../core/errors';
import type { RequestView } from '../core/renew/broker';
import type { LoginResult, MfaDevice, Preferences, ProfileEntry } from '../core/types';
import type { RotateKeyReply, RotateKeyRequest } from './rotate-key';

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** A configured profile as the UI sees it: no secret, the access key ID masked. */
export interface ProfileView {
  sourceProfile: string;
  target: string;
  serial: string | null;
  durationSeconds: number | null;
  hasKeys: boolean;
  accessKeyIdMasked: string | null;
  /** The credentials file still holds plaintext long-term keys for this profile (offer Import). */
  plaintextKeysInFile: boolean;
  /** ISO-8601 expiry of the session last written to `target`, if any. */
  expiration: string | null;
  /** The code command kept in the settings, if any. */
  mfaProcess: string | null;
  /** The profile's mfa_process in the AWS config file, if any (it is used first). */
  mfaProcessInConfig: string | null;
}

export interface AppState {
  profiles: ProfileView[];
  /** Source profiles in the credentials file that hold plaintext keys and are not configured yet. */
  importable: string[];
  defaultTarget: string;
  defaultDurationSeconds: number;
  preferences: Preferences;
  /**
   * What the OS will do at the next login, which `preferences.startAtLogin` alone cannot say:
   * macOS needs the user's approval once they switched it off in System Settings, and a development
   * run cannot register itself there.
   */
  loginItem: LoginItemState;
  /** Resolved UI language. */
  locale: 'en' | 'ja';
  platform: NodeJS.Platform;
  /** No panel draws the tray icon (Linux without a StatusNotifierWatcher): say how to get back in. */
  trayHidden: boolean;
}

export interface SaveProfileRequest {
  /** The source profile being edited, or null when adding. */
  original: string | null;
  entry: ProfileEntry;
  /** Both or neither: new long-term keys to store in the keychain. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Also write entry.mfaProcess into the AWS config file (only when the user asks). */
  writeMfaProcessToConfig?: boolean;
}

/** channel -> request and reply. Names are identifiers so preload can expose them as methods. */
export interface IpcContract {
  getState: { req: null; res: AppState };
  login: { req: { sourceProfile: string; code: string }; res: LoginResult };
  saveProfile: { req: SaveProfileRequest; res: ProfileView };
  removeProfile: { req: { sourceProfile: string }; res: null };
  importKeys: { req: { sourceProfile: string }; res: ProfileView };
  discoverDevices: { req: { sourceProfile: string }; res: MfaDevice[] };
  savePreferences: { req: Preferences; res: Preferences };
  /** Esc or Cancel on a popup that a command's request opened passes its id: the waiting commands are told. */
  hideWindow: { req: { cancelRequest?: number } | null; res: null };
  openSettings: { req: null; res: null };
  /** The settings page's Esc closes its window. */
  closeSettings: { req: null; res: null };
  /** A new access key through the MFA session (main/ipc/rotate-key.ts); replies what the panel does next. */
  rotateKey: { req: RotateKeyRequest; res: RotateKeyReply };
}

export type Channel = keyof IpcContract;

export const CHANNELS: readonly Channel[] = [
  'getState',
  'login',
  'saveProfile',
  'removeProfile',
  'importKeys',
  'discoverDevices',
  'savePreferences',
  'hideWindow',
  'openSettings',
  'closeSettings',
  'rotateKey',
] as const;

export type { RequestView, RotateKeyReply, RotateKeyRequest };

/** main -> renderer notifications. */
export interface IpcEvents {
  /**
   * The popup was shown (again): reset and focus the code field; preselect this profile if given.
   * With `request`: a command (credential_process, exec, login) waits for this code; say which.
   */
  popupShown: { sourceProfile: string | null; request?: RequestView; /** Open the key rotation of sourceProfile (tray item, age reminder). */ rotate?: boolean };
  /** Profiles, sessions or preferences changed elsewhere (CLI, tray, other window): reload state. */
  stateChanged: null;
}

export type EventName = keyof IpcEvents;
export const EVENTS: readonly EventName[] = ['popupShown', 'stateChanged'] as const;

export const ipcChannel = (name: Channel | EventName): string => `aws-mfa-tray:${name}`;

/** What preload exposes as `window.mfaTray`. */
export type Bridge = {
  [K in Channel]: (req: IpcContract[K]['req']) => Promise<IpcResult<IpcContract[K]['res']>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
};

export const BRIDGE_KEY = 'mfaTray';
