/**
 * IPC handlers for every channel of the contract, free of Electron: main/app/ipc.ts registers them
 * on ipcMain after checking the sender frame; renderer tests serve them to Chromium directly.
 * Each validates its input; every failure becomes an error result with one sentence.
 */
import { isUserError, messageFor, usageError, type ErrorCode } from '../core/errors';
import { readMfaProcesses } from '../core/aws-config';
import { writeMfaProcess } from '../core/config-file';
import type { MfaService } from '../core/session';
import { upsertProfile, validateProfileEntry, validateSettings, type SettingsStore } from '../core/settings';
import { defaultTargetFor } from '../core/targets';
import type { Preferences, ProfileEntry, Settings } from '../core/types';
import { DEFAULT_DURATION, maskAccessKeyId, validateProfileName } from '../core/validate';
import type { AppState, Channel, IpcContract, IpcResult, ProfileView, RotateKeyReply, SaveProfileRequest } from './contract';

export type IpcHandlers = { [K in Channel]: (req: unknown) => Promise<IpcResult<IpcContract[K]['res']>> };

export interface HandlerDeps {
  service: MfaService;
  settings: SettingsStore;
  ui: { hideWindow(): void; openSettings(): void; closeSettings(): void; onStateChanged(): void };
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
    const code: ErrorCode = isUserError(e) ? e.code : 'AwsError';
    return { ok: false, error: { code, message: messageFor(e, locale) } };
  }
}

function record(req: unknown): Record<string, unknown> {
  if (!req || typeof req !== 'object' || Array.isArray(req)) throw usageError({ en: 'The request is malformed.', ja: 'リクエストの形式が正しくありません。' });
  return req as Record<string, unknown>;
}

function sourceProfileOf(req: unknown): string {
  return validateProfileName(record(req).sourceProfile, 'source profile name');
}

const PREFERENCE_KEYS = ['language', 'removeExpired', 'startAtLogin', 'warnMinutesBefore'].join();

export function createIpcHandlers(deps: HandlerDeps): IpcHandlers {
  const { service, settings } = deps;
  const result = <T>(work: () => Promise<T> | T): Promise<IpcResult<T>> => settle(work, deps.locale());

  async function views(s: Settings): Promise<{ profiles: ProfileView[]; importable: string[] }> {
    const [keys, sessions, plaintext, commands] = await Promise.all([
      service.listKeys().catch(() => [] as { profile: string; accessKeyId: string }[]),
      service.status().catch(() => []),
      service.plaintextProfiles(),
      readMfaProcesses(service.paths.configFile, service.paths.credentialsFile).catch((): Record<string, string> => ({})),
    ]);
    const profiles = s.profiles.map((p): ProfileView => {
      const k = keys.find((x) => x.profile === p.sourceProfile);
      const session = sessions.find((x) => x.target === p.target && x.profile === p.sourceProfile);
      return {
        sourceProfile: p.sourceProfile,
        target: p.target,
        serial: p.serial ?? null,
        durationSeconds: p.durationSeconds ?? null,
        hasKeys: Boolean(k),
        accessKeyIdMasked: k?.accessKeyId ? maskAccessKeyId(k.accessKeyId) : null,
        plaintextKeysInFile: plaintext.includes(p.sourceProfile),
        expiration: session?.expiration ?? null,
        mfaProcess: p.mfaProcess ?? null,
        mfaProcessInConfig: commands[p.sourceProfile] ?? null,
      };
    });
    const configured = new Set(s.profiles.map((p) => p.sourceProfile));
    return { profiles, importable: plaintext.filter((p) => !configured.has(p)) };
  }

  async function viewOf(sourceProfile: string): Promise<ProfileView> {
    const v = (await views(settings.read())).profiles.find((p) => p.sourceProfile === sourceProfile);
    if (!v) throw usageError({ en: `There is no profile ${sourceProfile} in the settings.`, ja: `設定にプロファイル ${sourceProfile} はありません。` });
    return v;
  }

  const changed = <T>(value: T): T => {
    deps.ui.onStateChanged();
    return value;
  };

  return {
    getState: () =>
      result(async (): Promise<AppState> => {
        const s = settings.read();
        return {
          ...(await views(s)),
          defaultTarget: s.defaultTarget,
          defaultDurationSeconds: s.defaultDurationSeconds ?? DEFAULT_DURATION,
          preferences: s.preferences,
          // Without an OS login item (the app adds it: main/tray/handler-hooks.ts) the preference is all there is.
          loginItem: s.preferences.startAtLogin ? 'on' : 'off',
          locale: deps.locale(),
          platform: deps.platform,
          // The app knows (main/app/app-ready.ts, through main/tray/handler-hooks.ts); the core cannot.
          trayHidden: false,
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
        const s = settings.read();
        if (original === null && s.profiles.some((p) => p.sourceProfile === entry.sourceProfile)) {
          throw usageError({ en: `Profile ${entry.sourceProfile} is already configured; edit it instead.`, ja: `プロファイル ${entry.sourceProfile} はすでに設定されています。そちらを編集してください。` });
        }
        if (s.profiles.some((p) => p.sourceProfile !== original && p.target === entry.target)) {
          throw usageError({ en: `Another profile already writes to ${entry.target}; choose a different target profile.`, ja: `${entry.target} にはすでに別のプロファイルが書き込みます。別の書き込み先を選んでください。` });
        }
        const hasId = typeof r.accessKeyId === 'string' && r.accessKeyId !== '';
        const hasSecret = typeof r.secretAccessKey === 'string' && r.secretAccessKey !== '';
        if (hasId !== hasSecret) throw usageError({ en: 'Give both the access key ID and the secret access key, or neither.', ja: 'アクセスキー ID とシークレットアクセスキーを両方入力するか、両方とも空にしてください。' });
        // Keys first: a settings entry without keys is fine, keys stored but settings lost is not.
        if (hasId) await service.setKeys(entry.sourceProfile, r.accessKeyId as string, r.secretAccessKey as string);
        const toConfig = r.writeMfaProcessToConfig === true && entry.mfaProcess !== undefined;
        // The config file would read " #" or " ;" as the start of a comment: refused before anything is saved.
        if (toConfig && /\s[#;]/.test(entry.mfaProcess!)) {
          throw usageError({
            en: 'The AWS config file would cut this command at " #" or " ;" (a comment there); keep it in the app only, or put it in a script and name the script.',
            ja: 'AWS の設定ファイルでは " #" や " ;" 以降がコメントとして切り捨てられます。アプリの設定だけに保存するか、スクリプトにしてそのスクリプトを指定してください。',
          });
        }
        settings.write(upsertProfile(s, entry, original));
        if (original !== null && original !== entry.sourceProfile && hasId) await service.removeKeys(original).catch(() => false);
        // Only when the user asked: the config file is theirs, and other tools (aws-vault) read it too.
        if (toConfig) await writeMfaProcess(service.paths.configFile, entry.sourceProfile, entry.mfaProcess!);
        return changed(await viewOf(entry.sourceProfile));
      }),

    removeProfile: (req) =>
      result(async () => {
        const name = sourceProfileOf(req);
        const s = settings.read();
        settings.write({ ...s, profiles: s.profiles.filter((p) => p.sourceProfile !== name) });
        await service.removeKeys(name);
        return changed(null);
      }),

    importKeys: (req) =>
      result(async () => {
        const name = sourceProfileOf(req);
        const before = settings.read();
        let entry: ProfileEntry | null = null;
        if (!before.profiles.some((p) => p.sourceProfile === name)) {
          const usual = defaultTargetFor(name, before.defaultTarget);
          const target = before.profiles.some((p) => p.target === usual) ? `${name}-mfa` : usual;
          // Checked before the keys move, so a name the entry cannot hold changes nothing.
          try {
            entry = validateProfileEntry({ sourceProfile: name, target });
          } catch {
            throw usageError({
              en: `Profile ${name} is too long to name its session profile ${target} (64 characters at most); nothing was changed. Use Add profile with a shorter target instead.`,
              ja: `プロファイル ${name} は長すぎて、セッションの書き込み先 ${target} を作れません（64 文字まで）。何も変更していません。代わりに「プロファイルを追加」で短い書き込み先を指定してください。`,
            });
          }
        }
        await service.importKeys(name);
        const s = settings.read();
        if (entry && !s.profiles.some((p) => p.sourceProfile === name)) settings.write(upsertProfile(s, entry, null));
        return changed(await viewOf(name));
      }),

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
  };
}
