/**
 * Input validation: every value that reaches a file, the keychain or AWS passes here first.
 * Each check returns the normalised value or throws one usage sentence (exit 2, nothing changed).
 */
import { UserError, usageError } from './errors';
import { isProfileName } from './profile-name';

export const MIN_DURATION = 900;
export const MAX_DURATION = 129600;
export const DEFAULT_DURATION = 43200;

/** Accepts "123456" and a pasted "123 456" / "123-456"; refuses anything else, full-width digits included. */
export function validateCode(input: unknown): string {
  if (typeof input !== 'string') throw usageError({ en: 'Enter the 6-digit code from your MFA device.', ja: 'MFA デバイスに表示される 6 桁のコードを入力してください。' });
  const compact = input.replace(/[ \t-]/g, '');
  if (!/^[0-9]{6}$/.test(compact)) {
    throw usageError({ en: 'The MFA code must be exactly 6 digits (0-9); type the code your MFA device shows.', ja: 'MFA コードは 6 桁の数字（0〜9）です。MFA デバイスに表示されているコードを入力してください。' });
  }
  return compact;
}

const jaNames: Record<string, string> = {
  'profile name': 'プロファイル名',
  'source profile name': 'ソースプロファイル名',
  'target profile name': '書き込み先プロファイル名',
};
const jaWhat = (what: string): string => jaNames[what] ?? what;

export function validateProfileName(input: unknown, what = 'profile name'): string {
  if (!isProfileName(input)) {
    throw usageError(
      { en: `The ${what} must be 1 to 64 characters of letters, digits and . _ - + @ (no spaces, brackets, = or line breaks).`, ja: `${jaWhat(what)}は英数字と . _ - + @ の 1〜64 文字にしてください（空白、括弧、=、改行は使えません）。` },
    );
  }
  return input;
}

const PARTITIONS = 'aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc';
const MFA_ARN_RE = new RegExp(`^arn:(${PARTITIONS}):iam::[0-9]{12}:mfa/[\\w+=,.@/-]{1,512}$`);
const U2F_ARN_RE = new RegExp(`^arn:(${PARTITIONS}):iam::[0-9]{12}:u2f/`);

/** Virtual (TOTP) or hardware TOTP device ARN, or a hardware token serial number (GAHT...). */
export function validateSerial(input: unknown): string {
  if (typeof input !== 'string') throw usageError({ en: 'Give the MFA device ARN, like arn:aws:iam::123456789012:mfa/alice.', ja: 'MFA デバイスの ARN を指定してください（例: arn:aws:iam::123456789012:mfa/alice）。' });
  const s = input.trim();
  if (U2F_ARN_RE.test(s)) throw u2fError();
  if (MFA_ARN_RE.test(s) || /^[A-Z0-9]{9,64}$/.test(s)) return s;
  throw usageError(
    { en: 'The MFA serial must be a device ARN like arn:aws:iam::123456789012:mfa/alice (IAM console, Security credentials).', ja: 'MFA シリアルは arn:aws:iam::123456789012:mfa/alice のようなデバイス ARN です（IAM コンソールの「セキュリティ認証情報」）。' },
  );
}

export function u2fError(): UserError {
  return new UserError(
    { en: 'This is a FIDO security key, and AWS STS cannot take its codes on the command line; add a virtual or hardware TOTP MFA device to your IAM user and use that one.', ja: 'これは FIDO セキュリティキーで、AWS STS はそのコードをコマンドラインで受け付けません。IAM ユーザーに仮想またはハードウェア TOTP の MFA デバイスを追加して、そちらを使ってください。' },
    'U2fDevice',
    'usage',
  );
}

export function validateDuration(input: unknown): number {
  const n = typeof input === 'string' && /^\s*[0-9]+\s*$/.test(input) ? Number(input) : input;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < MIN_DURATION || n > MAX_DURATION) {
    throw usageError({ en: `The session duration must be a whole number of seconds from ${MIN_DURATION} to ${MAX_DURATION} (15 minutes to 36 hours).`, ja: `セッションの長さは ${MIN_DURATION} から ${MAX_DURATION} までの整数（秒）で指定してください（15 分から 36 時間）。` });
  }
  return n;
}

export function validateAccessKeyId(input: unknown): string {
  const s = typeof input === 'string' ? input.trim() : '';
  if (/^ASIA/.test(s)) {
    throw new UserError(
      { en: 'This access key ID starts with ASIA, so it is a temporary session key; give your long-term IAM user key (it starts with AKIA).', ja: 'このアクセスキー ID は ASIA で始まる一時的なセッションキーです。IAM ユーザーの長期キー（AKIA で始まる）を指定してください。' },
      'SessionKeys',
      'usage',
    );
  }
  if (!/^AKIA[A-Z0-9]{16}$/.test(s)) {
    throw usageError({ en: 'The access key ID must be 20 characters starting with AKIA, as shown in the IAM console.', ja: 'アクセスキー ID は AKIA で始まる 20 文字です（IAM コンソールに表示されます）。' });
  }
  return s;
}

/** Never echoes the value: the sentence must not leak a secret. */
export function validateSecretAccessKey(input: unknown): string {
  if (typeof input !== 'string' || !/^[A-Za-z0-9/+]{40}$/.test(input)) {
    throw usageError({ en: 'The secret access key must be the 40-character secret shown once when the access key was created.', ja: 'シークレットアクセスキーは、アクセスキー作成時に一度だけ表示される 40 文字です。' });
  }
  return input;
}

/** Masks an access key ID for display: AKIA…WXYZ. */
export function maskAccessKeyId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : '…';
}

/** Longer than any real code command (ykman, op, a script path with arguments). */
export const MAX_MFA_PROCESS = 1024;

/**
 * An mfa_process command: one line the shell runs (it is a command, so any shell syntax is fine;
 * line breaks and control characters are not, in a settings value or an INI line).
 */
export function validateMfaProcess(input: unknown): string {
  const s = typeof input === 'string' ? input.trim() : '';
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (s === '' || s.length > MAX_MFA_PROCESS || /[\x00-\x1f\x7f\u2028\u2029]/.test(s)) {
    throw usageError({
      en: `The code command (mfa_process) must be one line of up to ${MAX_MFA_PROCESS} characters, e.g. ykman oath accounts code --single "AWS:alice".`,
      ja: `コードを出すコマンド（mfa_process）は ${MAX_MFA_PROCESS} 文字以内の 1 行にしてください（例: ykman oath accounts code --single "AWS:alice"）。`,
    });
  }
  return s;
}
