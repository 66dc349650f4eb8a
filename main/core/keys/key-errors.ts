/**
 * The sentences of key rotation, each in English and Japanese. No secret in any of them: key IDs
 * are masked, AWS's own texts are not repeated (they name the user's ARN, which is not secret, but
 * say nothing the sentence does not).
 */
import { UserError, type Sentence } from '../errors';
import { maskAccessKeyId } from '../validate';

const m = maskAccessKeyId;

/** The policy does not allow `action` even from the MFA session. */
export const actionDeniedError = (action: string): UserError =>
  new UserError(
    {
      en: `Your IAM user's policy does not allow ${action}, even with the MFA session; ask your administrator to allow ${action} on your own user (the policy "aws-mfa-tray policy" prints does).`,
      ja: `この IAM ユーザーのポリシーでは、MFA セッションでも ${action} が許可されていません。自分のユーザーに対する ${action} の許可を管理者に依頼してください（"aws-mfa-tray policy" が出力するポリシーは許可しています）。`,
    },
    'AccessDenied',
  );

/** The other key is active: nothing can be done without the user deciding which key goes. */
export const twoActiveKeysError = (other: string): UserError =>
  new UserError(
    {
      en: `Your IAM user already has two access keys (the other one, ${m(other)}, is active and may be in use elsewhere), and IAM allows only two; delete or deactivate it in the IAM console, then rotate again.`,
      ja: `この IAM ユーザーにはすでにアクセスキーが 2 つあり（もう一方の ${m(other)} は有効で、ほかで使われている可能性があります）、IAM では 2 つまでです。IAM コンソールで削除または無効化してから、もう一度ローテーションしてください。`,
    },
    'TwoKeys',
  );

/** The other key is inactive: it may be deleted, once the user says so. */
export const inactiveSecondKeyError = (other: string): UserError =>
  new UserError(
    {
      en: `Your IAM user already has a second access key, ${m(other)}, which is inactive, and IAM allows only two; confirm that it may be deleted (the CLI asks on a terminal) to rotate.`,
      ja: `この IAM ユーザーにはすでに 2 つ目のアクセスキー ${m(other)}（無効）があり、IAM では 2 つまでです。ローテーションするには、そのキーを削除してよいことを確認してください（CLI は端末で尋ねます）。`,
    },
    'InactiveSecondKey',
  );

export const propagationError = (created: string, seconds: number): UserError =>
  new UserError(
    {
      en: `AWS did not accept the new access key ${m(created)} within ${seconds} seconds, so it was deleted again and your old key is kept; wait a minute and rotate again.`,
      ja: `新しいアクセスキー ${m(created)} が ${seconds} 秒以内に AWS で使えるようにならなかったため、削除して古いキーをそのまま使います。1 分ほど待ってから、もう一度ローテーションしてください。`,
    },
    'PropagationTimeout',
  );

export const keychainWriteError = (old: string): UserError =>
  new UserError(
    {
      en: `The keychain could not store the new access key, so it was deleted again and your old key ${m(old)} is kept; unlock the keychain, then rotate again.`,
      ja: `新しいアクセスキーをキーチェーンに保存できなかったため削除し、古いキー ${m(old)} をそのまま使います。キーチェーンのロックを解除してから、もう一度ローテーションしてください。`,
    },
    'KeychainUnavailable',
  );

/** The new key is stored and works, but the old one could not be removed: the next rotate finishes. */
export const oldKeyLeftError = (old: string, why: Sentence): UserError =>
  new UserError(
    {
      en: `The new access key is stored and works, but the old key ${m(old)} could not be removed (${why.en}); run "aws-mfa-tray keys rotate" again to finish.`,
      ja: `新しいアクセスキーは保存され使えますが、古いキー ${m(old)} を削除できませんでした（${why.ja}）。もう一度 "aws-mfa-tray keys rotate" を実行して完了させてください。`,
    },
    'RotationIncomplete',
  );

export const notAnIamUserError = (arn: string): UserError =>
  new UserError(
    {
      en: `The keys of this profile belong to ${arn}, not to an IAM user, so they cannot be rotated here; rotate them where they were issued.`,
      ja: `このプロファイルのキーは IAM ユーザーではなく ${arn} のものなので、ここではローテーションできません。発行元でローテーションしてください。`,
    },
    'BadInput',
    'usage',
  );

/** "arn:aws:iam::123456789012:user/path/alice" -> "alice"; null for roles, federated users, root. */
export function userNameFromArn(arn: string): string | null {
  const m = /^arn:aws[\w-]*:iam::\d{12}:user\/(?:.*\/)?([\w+=,.@-]+)$/.exec(arn);
  return m ? m[1]! : null;
}

/** An AWS refusal of a key call, as the caller needs to tell it apart. */
export class KeyApiError extends UserError {
  constructor(
    sentence: UserError,
    /** The SDK's error name (InvalidClientTokenId, LimitExceededException, NoSuchEntityException...). */
    readonly awsName: string,
  ) {
    super({ en: sentence.message, ja: sentence.ja }, sentence.code, sentence.kind);
  }
}

// By field, not instanceof: UserError's brand check would match every UserError (and bundles copy classes).
export const isAwsRefusal = (e: unknown, ...names: string[]): boolean => {
  const name = (e as { awsName?: unknown } | null)?.awsName;
  return typeof name === 'string' && names.includes(name);
};
