/**
 * IPC handlers for every channel of the contract, free of Electron: main/app/ipc.ts registers them
 * on ipcMain after checking the sender frame; renderer tests serve them to Chromium directly.
 * Each parses its input and delegates to the core (main/core/profiles.ts, the MfaService); every
 * failure becomes an error result with one sentence (toIpcError).
 */
import * as path from 'node:path';
import type { LoginItemState } from '../core/autostart';
import { toIpcError, usageError } from '../core/errors';
import { importProfile, profileViews, removeProfile, saveProfile } from '../core/profiles';
import type { MfaService } from '../core/session';
import { validateProfileEntry, validateSettings, type SettingsStore } from '../core/settings';
import { resetSettingsFile, settingsFileIn } from '../core/settings-reset';
import type { Preferences } from '../core/types';
import { DEFAULT_DURATION, validateProfileName } from '../core/validate';
import type { AppState, Channel, IpcContract, IpcResult, RotateKeyReply, SaveProfileRequest } from './contract';

/** What only the app knows about itself, passed in by main/tray/handler-hooks.ts. */
export interface AppFacts {
  loginItem: LoginItemState;
  trayHidden: boolean;
  endpointSquatter: string | null;
}

type Handler<K extends Channel> = (req: unknown) => Promise<IpcResult<IpcContract[K]['res']>>;
/** getState also takes the app's facts (main/tray/handler-hooks.ts passes them). */
export type IpcHandlers = { [K in Channel]: K extends 'getState' ? (req: unknown, app?: AppFacts) => ReturnType<Handler<K>> : Handler<K> };

export interface HandlerDeps {
  service: MfaService;
  settings: SettingsStore;
  ui: {
    hideWindow(): void;
    openSettings(): void;
    closeSettings(): void;
    onStateChanged(): void;
    /** Opens the file manager at this file (the app: shell.showItemInFolder); absent where there is none. */
    showInFolder?(file: string): void;
  };
  platform: NodeJS.Platform;
  locale(): 'en' | 'ja';
  /** Key rotation (main/ipc/rotate-key.ts), where the app provides it. */
  rotateKey?: (req: unknown) => Promise<RotateKeyReply>;
}

/** Runs a handler's work; a failure crosses as its sentence in the UI language (the renderer shows it as is). */
async function settle<T>(work: () => Promise<T> | T, locale: 'en' | 'ja'): Promise<IpcResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, error: toIpcError(e, locale) };
  }
}

function record(req: unknown): Record<string, unknown> {
  if (!req || typeof req !== 'object' || Array.isArray(req)) throw usageError({ en: 'The request is malformed.', ja: 'リクエストの形式が正しくありません。' });
  return req as Record<string, unknown>;
}

function sourceProfileOf(req: unknown): string {
  return validateProfileName(record(req).sourceProfile, 'source profile name');
}

const optionalString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The app wraps extendRequest with the broker (main/renewal-agent/renew-requests.ts); without a request on screen this is the answer. */
export const NO_REQUEST = { en: 'No command is waiting for a code any more; run it again if it still needs one.', ja: 'コードを待っているコマンドはもうありません。必要なら、もう一度実行してください。' };

const PREFERENCE_KEYS = ['language', 'removeExpired', 'startAtLogin', 'warnMinutesBefore'].join();

export function createIpcHandlers(deps: HandlerDeps): IpcHandlers {
  const { service, settings } = deps;
  const profiles = { service, settings };
  const result = <T>(work: () => Promise<T> | T): Promise<IpcResult<T>> => settle(work, deps.locale());

  const changed = <T>(value: T): T => {
    deps.ui.onStateChanged();
    return value;
  };

  return {
    getState: (_req, app) =>
      result(async (): Promise<AppState> => {
        const s = settings.read();
        // No app around the handlers: no OS login item, so the preference is all there is, and no tray to miss.
        const { loginItem, trayHidden, endpointSquatter } = app ?? { loginItem: s.preferences.startAtLogin ? 'on' : 'off', trayHidden: false, endpointSquatter: null };
        return {
          ...(await profileViews(profiles, s)),
          defaultTarget: s.defaultTarget,
          defaultDurationSeconds: s.defaultDurationSeconds ?? DEFAULT_DURATION,
          // The box shows what the OS will do at the next login, not only what was asked for.
          preferences: { ...s.preferences, startAtLogin: loginItem === 'on' },
          loginItem,
          locale: deps.locale(),
          platform: deps.platform,
          trayHidden,
          endpointSquatter,
        };
      }),

    login: (req) =>
      result(async () => {
        const r = record(req);
        const sourceProfile = sourceProfileOf(req);
        if (typeof r.code !== 'string') throw usageError({ en: 'Enter the 6-digit code from your MFA device.', ja: 'MFA デバイスに表示される 6 桁のコードを入力してください。' });
        return changed(await service.login({ profile: sourceProfile, code: r.code }));
      }),

    saveProfile: (req) =>
      result(async () => {
        const r = record(req) as Partial<Record<keyof SaveProfileRequest, unknown>>;
        const entry = validateProfileEntry(r.entry);
        const original = r.original === null || r.original === undefined ? null : validateProfileName(r.original, 'source profile name');
        const save = { original, entry, accessKeyId: optionalString(r.accessKeyId), secretAccessKey: optionalString(r.secretAccessKey), writeMfaProcessToConfig: r.writeMfaProcessToConfig === true };
        return changed(await saveProfile(profiles, save));
      }),

    removeProfile: (req) =>
      result(async () => {
        await removeProfile(profiles, sourceProfileOf(req));
        return changed(null);
      }),

    importKeys: (req) => result(async () => changed(await importProfile(profiles, sourceProfileOf(req)))),

    discoverDevices: (req) => result(() => service.discoverDevices(sourceProfileOf(req))),

    savePreferences: (req) =>
      result(() => {
        const s = settings.read();
        const r = record(req);
        let preferences: Preferences;
        try {
          if (Object.keys(r).sort().join() !== PREFERENCE_KEYS) throw new Error('shape');
          preferences = validateSettings({ ...s, preferences: r }).preferences;
        } catch {
          throw usageError({ en: 'These preferences are not valid; warn time must be 0 to 720 minutes.', ja: '環境設定の値が正しくありません。通知のタイミングは 0〜720 分にしてください。' });
        }
        settings.write({ ...s, preferences });
        return changed(preferences);
      }),

    hideWindow: () =>
      result(() => {
        deps.ui.hideWindow();
        return null;
      }),

    openSettings: () =>
      result(() => {
        deps.ui.openSettings();
        return null;
      }),

    closeSettings: () =>
      result(() => {
        deps.ui.closeSettings();
        return null;
      }),

    rotateKey: (req) =>
      result(() => {
        if (!deps.rotateKey) throw usageError({ en: 'Key rotation is not available here; use "aws-mfa-tray keys rotate" in a terminal.', ja: 'ここではキーのローテーションを使えません。端末で "aws-mfa-tray keys rotate" を使ってください。' });
        return deps.rotateKey(req);
      }),

    settingsFile: (req) =>
      result(() => {
        const action = record(req).action;
        const file = settingsFileIn(service.paths.settingsDir);
        let backup: string | null = null;
        if (action === 'reveal') {
          if (!deps.ui.showInFolder) throw usageError({ en: `Open the folder ${path.dirname(file)} in your file manager.`, ja: `ファイルマネージャーでフォルダ ${path.dirname(file)} を開いてください。` });
          deps.ui.showInFolder(file);
        } else if (action === 'reset') {
          backup = changed(resetSettingsFile(settings, file));
        } else if (action !== 'locate') {
          throw usageError({ en: 'The request is malformed.', ja: 'リクエストの形式が正しくありません。' });
        }
        return { file, locale: deps.locale(), backup };
      }),

    extendRequest: () => result(() => Promise.reject(usageError(NO_REQUEST))),
  };
}
