/**
 * The one IPC contract between renderer, preload and main. Main registers a handler per channel,
 * preload exposes one function per channel, the renderer calls only those. Errors cross as
 * result objects. No reply type carries a secret access key (requests may carry one, inbound only).
 */
import type { LoginItemState } from '../core/autostart';
import type { ErrorCode } from '../core/errors';
import type { ProfileView } from '../core/profiles';
import type { RequestView } from '../core/renew/broker';
import type { LoginResult, MfaDevice, Preferences, ProfileEntry } from '../core/types';
import type { RotateKeyReply, RotateKeyRequest } from './rotate-key';

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

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
  /**
   * The address where, at start, something that could not prove this app's key was already
   * listening (a pipe squatter on a shared Windows host): the windows say so. Null: none found.
   */
  endpointSquatter: string | null;
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

/** Where the settings file is, for a window that could not load the state because of it. */
export interface SettingsFileView {
  file: string;
  /** The UI language, known without the file (its preference then counts as "auto"). */
  locale: 'en' | 'ja';
  /** After a reset: where the unusable file was kept. */
  backup: string | null;
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
  /** A settings file that cannot be used: where it is, open its folder, or reset it (keeping a backup). */
  settingsFile: { req: { action: 'locate' | 'reveal' | 'reset' }; res: SettingsFileView };
  /** "Wait longer" on the command's request on screen: its full time again from now. */
  extendRequest: { req: { id: number }; res: RequestView };
}

export type Channel = keyof IpcContract;

/** Every channel, once: leaving one out of this object is a compile error (it would never be registered). */
const CHANNEL_SET = {
  getState: true,
  login: true,
  saveProfile: true,
  removeProfile: true,
  importKeys: true,
  discoverDevices: true,
  savePreferences: true,
  hideWindow: true,
  openSettings: true,
  closeSettings: true,
  rotateKey: true,
  settingsFile: true,
  extendRequest: true,
} as const satisfies Record<Channel, true>;

export const CHANNELS = Object.keys(CHANNEL_SET) as readonly Channel[];

export type { ProfileView, RequestView, RotateKeyReply, RotateKeyRequest };

/** main -> renderer notifications. */
export interface IpcEvents {
  /**
   * The popup was shown (again): reset and focus the code field; preselect this profile if given.
   * With `request`: a command (credential_process, exec, login) waits for this code; say which.
   * `clickToType`: the OS kept the keyboard elsewhere (the Windows foreground lock): say to click the popup.
   */
  popupShown: { sourceProfile: string | null; request?: RequestView; clickToType?: true; /** Open the key rotation of sourceProfile (tray item, age reminder). */ rotate?: boolean };
  /** Profiles, sessions or preferences changed elsewhere (CLI, tray, other window): reload state. */
  stateChanged: null;
}

export type EventName = keyof IpcEvents;
/** Every event, once: leaving one out is a compile error, as for CHANNEL_SET. */
const EVENT_SET = { popupShown: true, stateChanged: true } as const satisfies Record<EventName, true>;
export const EVENTS = Object.keys(EVENT_SET) as readonly EventName[];

export const ipcChannel = (name: Channel | EventName): string => `aws-mfa-tray:${name}`;

/** What preload exposes as `window.mfaTray`. */
export type Bridge = {
  [K in Channel]: (req: IpcContract[K]['req']) => Promise<IpcResult<IpcContract[K]['res']>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
};

export const BRIDGE_KEY = 'mfaTray';
