/**
 * What a credentials-file section holds, and the checks a login and a logout make on their target
 * before anything is written. One rule decides "session" versus "long-term keys" for every caller
 * (login, logout, import, the settings page's import offer): DESIGN.md, "Contracts".
 */
import { UserError, usageError } from './errors';
import type { SessionRecord } from './session-state';
import { defaultTargetFor, entryWritingTo } from './targets';
import type { Settings } from './types';

type Section = Record<string, string> | undefined;

/** A section with aws_session_token is a session, whatever its key prefix (moto hands out AKIA session keys). */
export function holdsSession(section: Section): boolean {
  return Boolean(section?.aws_session_token);
}

/**
 * Long-term keys: an access key without a session token (LocalStack's "test" keys included). The
 * one exception is an ASIA key without a token: the remains of a session, usable by nobody.
 */
export function holdsLongTermKeys(section: Section): boolean {
  const id = section?.aws_access_key_id;
  return Boolean(id) && !holdsSession(section) && !id!.startsWith('ASIA');
}

/**
 * Long-term keys the keychain can take from the file (`keys import`): a secret beside them, and an
 * IAM user's key ID (AKIA...; the keychain refuses anything else, see validateAccessKeyId).
 */
export function holdsImportableKeys(section: Section): boolean {
  return holdsLongTermKeys(section) && Boolean(section?.aws_secret_access_key) && section!.aws_access_key_id!.startsWith('AKIA');
}

/**
 * A login never silently replaces another source profile's session: the target belongs to another
 * source profile in the settings, or holds the session this tool wrote for one.
 */
export function assertNotOthersSession(profile: string, target: string, settings: Settings, record: SessionRecord | undefined, section: Section): void {
  const owner =
    entryWritingTo(settings, target, profile)?.sourceProfile ??
    (record && record.profile !== profile && section?.aws_access_key_id === record.accessKeyId ? record.profile : undefined);
  if (owner === undefined) return;
  const usual = defaultTargetFor(profile, settings.defaultTarget);
  const hint = usual === target ? '' : ` (${profile} writes to ${usual} by default)`;
  const jaHint = usual === target ? '' : `（${profile} の既定の書き込み先は ${usual}）`;
  throw new UserError(
    {
      en: `Profile ${target} holds the session of source profile ${owner}, so ${profile} cannot log in to it; choose another target with --target${hint}.`,
      ja: `プロファイル ${target} にはソースプロファイル ${owner} のセッションがあるため、${profile} ではログインできません。--target で別の書き込み先を選んでください${jaHint}。`,
    },
    'TargetTaken',
    'usage',
  );
}

export function assertTargetDiffers(profile: string, target: string): void {
  if (target === profile) {
    throw usageError({
      en: `The target profile must differ from the source profile ${profile}, or the session would overwrite your long-term keys; pick another with --target.`,
      ja: `書き込み先はソースプロファイル ${profile} と別にしてください（同じだとセッションが長期キーを上書きします）。--target で別の名前を指定してください。`,
    });
  }
}

/** Never overwrite long-term keys: a target section holding them is someone's real identity. */
export function assertTargetWritable(section: Section, target: string): void {
  if (holdsLongTermKeys(section)) {
    throw usageError({
      en: `Profile ${target} in the credentials file holds long-term keys; choose another target profile, or move them to the keychain first with "aws-mfa-tray keys import ${target}".`,
      ja: `認証情報ファイルのプロファイル ${target} には長期キーがあります。別の書き込み先を選ぶか、先に "aws-mfa-tray keys import ${target}" でキーチェーンに移してください。`,
    });
  }
}

/** logout's refusal of a section that holds long-term keys rather than a session. */
export function longTermKeysInTarget(target: string): UserError {
  return usageError({
    en: `Profile ${target} holds long-term keys, not a session, so it was left as it is; logout only removes sessions aws-mfa-tray wrote.`,
    ja: `プロファイル ${target} にはセッションではなく長期キーがあるため、そのままにしました。logout が削除するのは aws-mfa-tray が書き込んだセッションだけです。`,
  });
}
