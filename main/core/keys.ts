/**
 * The long-term keys: set, import from the credentials file, list, remove, and which profiles of
 * the file still hold them in plaintext. The secret goes to the keychain only (never to argv, a
 * log, the settings or the renderer).
 */
import { readCredentialsFile } from './credentials-read';
import { updateIniFile } from './credentials-file';
import { UserError } from './errors';
import type { Keychain } from './keychain';
import type { Paths } from './paths';
import { holdsImportableKeys, holdsSession } from './target-rules';
import type { LongTermKeys } from './types';
import { validateAccessKeyId, validateProfileName, validateSecretAccessKey } from './validate';

/** What `keys import` did; `previousAccessKeyId` only when other keys were replaced. */
export interface ImportResult {
  accessKeyId: string;
  outcome: 'moved' | 'same' | 'replaced' | 'already';
  previousAccessKeyId?: string;
}

export interface KeysDeps {
  paths: Paths;
  keychain: Keychain;
}

const same = (a: LongTermKeys | null | undefined, b: LongTermKeys): boolean => a?.accessKeyId === b.accessKeyId && a.secretAccessKey === b.secretAccessKey;

/** The keys of `profile`, or the sentence that says how to add them. */
export async function keysFor(keychain: Keychain, profile: string): Promise<LongTermKeys> {
  const keys = await keychain.get(profile);
  if (!keys) {
    throw new UserError(
      {
        en: `No long-term keys for profile ${profile} in the keychain; add them with "aws-mfa-tray keys set ${profile} --access-key-id AKIA..." or "aws-mfa-tray keys import ${profile}".`,
        ja: `キーチェーンにプロファイル ${profile} の長期キーがありません。"aws-mfa-tray keys set ${profile} --access-key-id AKIA..." または "aws-mfa-tray keys import ${profile}" で追加してください。`,
      },
      'NoKeys',
    );
  }
  return keys;
}

export async function setKeys(deps: KeysDeps, profileName: string, accessKeyId: string, secretAccessKey: string): Promise<void> {
  const profile = validateProfileName(profileName);
  const keys = { accessKeyId: validateAccessKeyId(accessKeyId), secretAccessKey: validateSecretAccessKey(secretAccessKey) };
  await deps.keychain.set(profile, keys);
}

/**
 * Moves [profile]'s long-term keys from the credentials file into the keychain, then deletes just
 * those lines. Says what the keychain held before: nothing, the same keys, other keys; or, with
 * nothing left in the file, that the keychain already has keys for the profile.
 */
export async function importKeys(deps: KeysDeps, profileName: string): Promise<ImportResult> {
  const profile = validateProfileName(profileName);
  const { keychain, paths } = deps;
  const file = await readCredentialsFile(paths.credentialsFile);
  const s = file?.sections.get(profile);
  if (!s?.aws_access_key_id || !s.aws_secret_access_key) {
    const held = holdsSession(s) ? null : await keychain.get(profile).catch(() => null);
    if (held) return { accessKeyId: held.accessKeyId, outcome: 'already' };
    throw new UserError(
      {
        en: `The credentials file has no long-term keys under [${profile}]; store them with "aws-mfa-tray keys set ${profile} --access-key-id AKIA..." instead.`,
        ja: `認証情報ファイルの [${profile}] に長期キーがありません。代わりに "aws-mfa-tray keys set ${profile} --access-key-id AKIA..." で保存してください。`,
      },
      'NoKeys',
    );
  }
  if (holdsSession(s)) {
    throw new UserError(
      {
        en: `Profile ${profile} holds temporary session keys, not long-term keys; import the profile that holds your IAM user's access key (AKIA...).`,
        ja: `プロファイル ${profile} にあるのは長期キーではなく一時的なセッションキーです。IAM ユーザーのアクセスキー（AKIA...）があるプロファイルを取り込んでください。`,
      },
      'SessionKeys',
      'usage',
    );
  }
  const keys = { accessKeyId: validateAccessKeyId(s.aws_access_key_id), secretAccessKey: validateSecretAccessKey(s.aws_secret_access_key) };
  const before = await keychain.get(profile).catch(() => null);
  await keychain.set(profile, keys);
  // Only delete the plaintext copy once the keychain provably holds the same keys.
  if (!same(await keychain.get(profile), keys)) {
    throw new UserError({ en: 'The keychain did not keep the keys; the credentials file was left as it was.', ja: 'キーチェーンにキーを保存できませんでした。認証情報ファイルはそのままです。' }, 'KeychainUnavailable');
  }
  await updateIniFile(paths.credentialsFile, (sections) => {
    const now = sections.get(profile);
    if (now?.aws_access_key_id !== keys.accessKeyId || now.aws_secret_access_key !== keys.secretAccessKey) return [];
    return [{ profile, values: { aws_access_key_id: null, aws_secret_access_key: null } }];
  });
  if (!before) return { accessKeyId: keys.accessKeyId, outcome: 'moved' };
  if (same(before, keys)) return { accessKeyId: keys.accessKeyId, outcome: 'same' };
  return { accessKeyId: keys.accessKeyId, outcome: 'replaced', previousAccessKeyId: before.accessKeyId };
}

/** Source profiles in the credentials file that still hold plaintext long-term keys the keychain can take. */
export async function plaintextProfiles(paths: Paths): Promise<string[]> {
  const file = await readCredentialsFile(paths.credentialsFile).catch(() => null);
  if (!file) return [];
  return [...file.sections.entries()].filter(([, v]) => holdsImportableKeys(v)).map(([k]) => k);
}

export function listKeys(keychain: Keychain): Promise<{ profile: string; accessKeyId: string }[]> {
  return keychain.list();
}

export function removeKeys(keychain: Keychain, profileName: string): Promise<boolean> {
  return keychain.remove(validateProfileName(profileName));
}
