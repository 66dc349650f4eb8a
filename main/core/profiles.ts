/**
 * The configured profiles as the settings page works with them: the rules for saving one (keys
 * first, a unique target, a command the config file can hold, the old keys removed on a rename),
 * importing plaintext keys into a new entry, removing one, and the view of each (no secret in it).
 * main/ipc/handlers.ts parses the renderer's input and calls these.
 */
import { readMfaProcesses } from './aws-config';
import { writeMfaProcess } from './config-file';
import { usageError } from './errors';
import type { MfaService } from './session';
import { upsertProfile, validateProfileEntry, type SettingsStore } from './settings';
import { defaultTargetFor, entryWritingTo, settingsEntry } from './targets';
import type { ProfileEntry, Settings } from './types';
import { maskAccessKeyId } from './validate';

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

export interface ProfilesDeps {
  service: MfaService;
  settings: SettingsStore;
}

/** A save from the settings page, its types already checked (main/ipc/handlers.ts). */
export interface ProfileSave {
  /** The source profile being edited, or null when adding. */
  original: string | null;
  entry: ProfileEntry;
  accessKeyId?: string;
  secretAccessKey?: string;
  writeMfaProcessToConfig: boolean;
}

/** Every configured profile's view, and the plaintext profiles not configured yet (offered for import). */
export async function profileViews({ service }: ProfilesDeps, s: Settings): Promise<{ profiles: ProfileView[]; importable: string[] }> {
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

async function viewOf(deps: ProfilesDeps, sourceProfile: string): Promise<ProfileView> {
  const v = (await profileViews(deps, deps.settings.read())).profiles.find((p) => p.sourceProfile === sourceProfile);
  if (!v) throw usageError({ en: `There is no profile ${sourceProfile} in the settings.`, ja: `設定にプロファイル ${sourceProfile} はありません。` });
  return v;
}

export async function saveProfile(deps: ProfilesDeps, req: ProfileSave): Promise<ProfileView> {
  const { service, settings } = deps;
  const { entry, original } = req;
  const s = settings.read();
  if (original === null && settingsEntry(s, entry.sourceProfile)) {
    throw usageError({ en: `Profile ${entry.sourceProfile} is already configured; edit it instead.`, ja: `プロファイル ${entry.sourceProfile} はすでに設定されています。そちらを編集してください。` });
  }
  if (entryWritingTo(s, entry.target, original ?? undefined)) {
    throw usageError({ en: `Another profile already writes to ${entry.target}; choose a different target profile.`, ja: `${entry.target} にはすでに別のプロファイルが書き込みます。別の書き込み先を選んでください。` });
  }
  const hasId = req.accessKeyId !== undefined && req.accessKeyId !== '';
  const hasSecret = req.secretAccessKey !== undefined && req.secretAccessKey !== '';
  if (hasId !== hasSecret) throw usageError({ en: 'Give both the access key ID and the secret access key, or neither.', ja: 'アクセスキー ID とシークレットアクセスキーを両方入力するか、両方とも空にしてください。' });
  const toConfig = req.writeMfaProcessToConfig && entry.mfaProcess !== undefined;
  // The config file would read " #" or " ;" as the start of a comment: refused before anything is saved.
  if (toConfig && /\s[#;]/.test(entry.mfaProcess!)) {
    throw usageError({
      en: 'The AWS config file would cut this command at " #" or " ;" (a comment there); keep it in the app only, or put it in a script and name the script.',
      ja: 'AWS の設定ファイルでは " #" や " ;" 以降がコメントとして切り捨てられます。アプリの設定だけに保存するか、スクリプトにしてそのスクリプトを指定してください。',
    });
  }
  // Keys first: a settings entry without keys is fine, keys stored but settings lost is not.
  if (hasId) await service.setKeys(entry.sourceProfile, req.accessKeyId!, req.secretAccessKey!);
  settings.write(upsertProfile(s, entry, original));
  if (original !== null && original !== entry.sourceProfile && hasId) await service.removeKeys(original).catch(() => false);
  // Only when the user asked: the config file is theirs, and other tools (aws-vault) read it too.
  if (toConfig) await writeMfaProcess(service.paths.configFile, entry.sourceProfile, entry.mfaProcess!);
  return viewOf(deps, entry.sourceProfile);
}

export async function removeProfile({ service, settings }: ProfilesDeps, name: string): Promise<void> {
  const s = settings.read();
  settings.write({ ...s, profiles: s.profiles.filter((p) => p.sourceProfile !== name) });
  await service.removeKeys(name);
}

/** Moves `name`'s plaintext keys into the keychain and, if it is not configured yet, adds its entry. */
export async function importProfile(deps: ProfilesDeps, name: string): Promise<ProfileView> {
  const { service, settings } = deps;
  const before = settings.read();
  let entry: ProfileEntry | null = null;
  if (!settingsEntry(before, name)) {
    const usual = defaultTargetFor(name, before.defaultTarget);
    const target = entryWritingTo(before, usual) ? `${name}-mfa` : usual;
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
  if (entry && !settingsEntry(s, name)) settings.write(upsertProfile(s, entry, null));
  return viewOf(deps, name);
}
