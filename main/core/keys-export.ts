/**
 * `keys export <profile>`: the undo of `keys import`. The long-term keys go back into [<profile>]
 * of the credentials file (two keys added; every other byte kept, 0600, atomic, locked), and,
 * once the file provably holds them, leave the keychain unless asked to keep a copy there.
 * A section holding a session, or other long-term keys, is refused and left as it is.
 */
import { updateIniFile } from './credentials-file';
import { readCredentialsFile } from './credentials-read';
import { UserError, usageError } from './errors';
import type { Keychain } from './keychain';
import { maskAccessKeyId, validateProfileName } from './validate';

export interface ExportedKeys {
  accessKeyId: string;
  /** 'written': added to the file; 'already': the file held the same keys. */
  outcome: 'written' | 'already';
  removedFromKeychain: boolean;
}

export function noKeysFor(profile: string): UserError {
  return usageError({
    en: `There are no keys for profile ${profile} in the keychain; "aws-mfa-tray keys list" shows the profiles that have some.`,
    ja: `キーチェーンにプロファイル ${profile} のキーはありません。"aws-mfa-tray keys list" でキーのあるプロファイルを確認できます。`,
  });
}

export async function exportKeys(keychain: Keychain, credentialsFile: string, profileName: string, opts: { keepInKeychain: boolean }): Promise<ExportedKeys> {
  const profile = validateProfileName(profileName);
  const keys = await keychain.get(profile);
  if (!keys) throw noKeysFor(profile);
  let outcome: ExportedKeys['outcome'] = 'written';
  await updateIniFile(credentialsFile, (sections) => {
    const s = sections.get(profile);
    if (s?.aws_session_token) {
      throw usageError({
        en: `Profile ${profile} in the credentials file holds a session, so the long-term keys were not written there; log out of it first ("aws-mfa-tray logout ${profile}").`,
        ja: `認証情報ファイルのプロファイル ${profile} にはセッションがあるため、長期キーを書き込みませんでした。先にログアウトしてください（"aws-mfa-tray logout ${profile}"）。`,
      });
    }
    if (s?.aws_access_key_id || s?.aws_secret_access_key) {
      if (s.aws_access_key_id === keys.accessKeyId && s.aws_secret_access_key === keys.secretAccessKey) {
        outcome = 'already';
        return [];
      }
      const other = maskAccessKeyId(s.aws_access_key_id ?? '');
      throw usageError({
        en: `Profile ${profile} in the credentials file already holds other keys (${other}), so nothing was written; remove them by hand first if the keychain's are the ones to keep.`,
        ja: `認証情報ファイルのプロファイル ${profile} にはすでに別のキー（${other}）があるため、何も書き込みませんでした。キーチェーンのキーを残すなら、先に手で削除してください。`,
      });
    }
    return [{ profile, values: { aws_access_key_id: keys.accessKeyId, aws_secret_access_key: keys.secretAccessKey } }];
  });
  // The keychain's copy goes only once the file provably holds the same keys.
  const now = (await readCredentialsFile(credentialsFile))?.sections.get(profile);
  if (now?.aws_access_key_id !== keys.accessKeyId || now.aws_secret_access_key !== keys.secretAccessKey) {
    throw new UserError({ en: 'The credentials file did not keep the keys; the keychain still holds them.', ja: '認証情報ファイルにキーを書き込めませんでした。キーはキーチェーンに残っています。' }, 'CredentialsFileUnusable');
  }
  const removedFromKeychain = opts.keepInKeychain ? false : await keychain.remove(profile);
  return { accessKeyId: keys.accessKeyId, outcome, removedFromKeychain };
}
