/**
 * Turns what the AWS SDK throws into one UserError sentence that says what to do next.
 * Inputs are SDK errors (service errors carry `name`, `$metadata.httpStatusCode` and a hidden
 * `$response`), Node network errors (`code`), or our own deadline. No message built here contains
 * a secret: only the masked key ID, the serial, and AWS's own validation text.
 */
import { UserError } from './errors';
import { isNetworkFault } from './network/faults';
import { faultError } from './network/network-errors';
import { maskAccessKeyId } from './validate';

export type AwsOperation = 'GetSessionToken' | 'ListMFADevices';

export interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

export interface ErrorContext {
  operation: AwsOperation;
  accessKeyId: string;
  timeoutMs: number;
  /** Our overall deadline fired (the SDK then reports a generic abort). */
  deadlineHit: boolean;
}

const asSdk = (e: unknown): SdkErrorLike => (typeof e === 'object' && e !== null ? (e) : {});

// AWS's texts for the two MFA refusals of GetSessionToken (AccessDenied both).
export const isInvalidCodeError = (e: unknown): boolean =>
  asSdk(e).name === 'AccessDenied' && /invalid MFA one time pass code/i.test(asSdk(e).message ?? '');
export const isUnableToValidateError = (e: unknown): boolean =>
  asSdk(e).name === 'AccessDenied' && /unable to validate MFA code/i.test(asSdk(e).message ?? '');

const SKEW_ERRORS = new Set([
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'RequestExpired',
  'RequestInTheFuture',
  'RequestTimeTooSkewed',
  'AuthFailure',
]);
const SKEW_LIMIT_MS = 15 * 60 * 1000;

/** "20240101T120000Z" -> epoch ms, or NaN. */
function amzDate(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
}

/**
 * Server time minus local time when the error is AWS refusing our timestamp, else null.
 * The server's Date header is the primary source; AWS's message ("... (20240101T120000Z - 15 min.)")
 * names the server time too, for when a proxy strips the header.
 */
export function clockSkewMs(e: unknown, localNowMs = Date.now()): number | null {
  const err = asSdk(e);
  if (!err.name || !SKEW_ERRORS.has(err.name)) return null;
  const message = err.message ?? '';
  const timeRefusal = err.name !== 'SignatureDoesNotMatch' || /Signature (expired|not yet current)/i.test(message);
  const header = err.$response?.headers?.date ?? err.$response?.headers?.Date;
  let server = header ? Date.parse(header) : NaN;
  if (Number.isNaN(server)) {
    const m = /\((\d{8}T\d{6}Z) [-+] 15 min\.\)/.exec(message);
    server = m ? amzDate(m[1]!) : NaN;
  }
  if (Number.isNaN(server)) return null;
  const offset = server - localNowMs;
  // A plain signature mismatch is a clock problem only if the clocks really are that far apart.
  if (!timeRefusal && Math.abs(offset) < SKEW_LIMIT_MS) return null;
  return offset;
}

export function clockSkewError(offsetMs: number): UserError {
  const minutes = Math.max(1, Math.round(Math.abs(offsetMs) / 60_000));
  const side = offsetMs > 0 ? 'behind' : 'ahead of';
  return new UserError(
    { en: `Your computer's clock is ${minutes} minute${minutes === 1 ? '' : 's'} ${side} AWS time; turn on automatic time setting and try again.`, ja: `このコンピューターの時計は AWS の時刻より ${minutes} 分${offsetMs > 0 ? '遅れて' : '進んで'}います。時刻の自動設定をオンにしてからやり直してください。` },
    'ClockSkew',
  );
}

export const invalidCodeError = (): UserError =>
  new UserError(
    { en: 'AWS did not accept this MFA code; type the 6-digit code your MFA device shows now (if codes keep failing, check the device clock).', ja: 'AWS はこの MFA コードを受け付けませんでした。MFA デバイスに今表示されている 6 桁のコードを入力してください（失敗が続く場合はデバイスの時計を確認してください）。' },
    'InvalidCode',
  );

/**
 * A code used once already, whoever noticed (our own record or AWS): one sentence, exit 1 (the
 * input was a valid code; AWS just takes each code once).
 */
export const codeReusedError = (): UserError =>
  new UserError(
    {
      en: 'This MFA code was already used; wait for your MFA device to show the next code (up to 30 seconds) and enter that one.',
      ja: 'この MFA コードは使用済みです。MFA デバイスに次のコードが表示されるまで（最大 30 秒）待ち、そのコードを入力してください。',
    },
    'CodeReused',
  );

export function badSerialError(serial: string, ownSerials: string[]): UserError {
  const hint = ownSerials.length ? ` (this user has: ${ownSerials.join(', ')})` : '';
  const jaHint = ownSerials.length ? `（このユーザーのデバイス: ${ownSerials.join('、')}）` : '';
  return new UserError(
    { en: `The MFA device ${serial} is not assigned to this IAM user${hint}; use the device ARN shown under Security credentials in the IAM console.`, ja: `MFA デバイス ${serial} はこの IAM ユーザーに割り当てられていません${jaHint}。IAM コンソールの「セキュリティ認証情報」に表示されるデバイス ARN を使ってください。` },
    'BadSerial',
  );
}

/** When AWS's "unable to validate" cannot be narrowed down (device list not readable). */
export const reusedOrBadSerialError = (serial: string): UserError =>
  new UserError(
    { en: `AWS could not validate this code for MFA device ${serial}; if you just used this code, wait for the next one and try again, otherwise check that this device is assigned to your IAM user.`, ja: `AWS は MFA デバイス ${serial} でこのコードを検証できませんでした。このコードを使ったばかりなら次のコードを待ってやり直し、そうでなければこのデバイスが IAM ユーザーに割り当てられているか確認してください。` },
    'CodeReused',
  );

export const sessionKeysError = (): UserError =>
  new UserError(
    { en: 'This access key ID starts with ASIA, so it is a temporary session key; give your long-term IAM user key (it starts with AKIA).', ja: 'このアクセスキー ID は ASIA で始まる一時的なセッションキーです。IAM ユーザーの長期キー（AKIA で始まる）を指定してください。' },
    'SessionKeys',
    'usage',
  );

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ECONNABORTED',
  'EPROTO',
]);
const THROTTLE_NAMES = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);

const service = (op: AwsOperation): string => (op === 'GetSessionToken' ? 'AWS STS' : 'AWS IAM');
const action = (op: AwsOperation): string => (op === 'GetSessionToken' ? 'sts:GetSessionToken' : 'iam:ListMFADevices');

/** Everything except the MFA refusals of GetSessionToken, which need the device list (see sts.ts). */
export function mapAwsError(e: unknown, ctx: ErrorContext): UserError {
  if (e instanceof UserError) return e;
  const err = asSdk(e);
  const name = err.name ?? '';
  const status = err.$metadata?.httpStatusCode;
  const key = maskAccessKeyId(ctx.accessKeyId);
  const seconds = Math.max(1, Math.round(ctx.timeoutMs / 1000));

  // The road to AWS (proxy, TLS, DNS): known before any request was written.
  if (isNetworkFault(e)) return faultError(e.fault, service(ctx.operation));
  // The endpoint rules refused the settings (FIPS or dual-stack where the partition has none, or with a custom endpoint).
  if (name === 'EndpointError') {
    return new UserError(
      {
        en: `There is no ${service(ctx.operation)} endpoint for these settings (${(err.message ?? '').slice(0, 200)}); check AWS_USE_FIPS_ENDPOINT, AWS_USE_DUALSTACK_ENDPOINT, the region and the endpoint URL settings.`,
        ja: `この設定に合う ${service(ctx.operation)} のエンドポイントがありません（${(err.message ?? '').slice(0, 200)}）。AWS_USE_FIPS_ENDPOINT、AWS_USE_DUALSTACK_ENDPOINT、リージョン、エンドポイント URL の設定を確認してください。`,
      },
      'NetworkConfig',
      'usage',
    );
  }
  // An HTTP proxy in front of a plain-http endpoint answers 407 itself (HTTPS goes through CONNECT, above).
  if (status === 407) {
    return new UserError(
      {
        en: 'The proxy asks for a user name and password; set HTTP_PROXY to http://user:password@host:port (special characters percent-encoded) and try again.',
        ja: 'プロキシがユーザー名とパスワードを求めています。HTTP_PROXY を http://ユーザー名:パスワード@ホスト:ポート（特殊文字はパーセントエンコード）の形にしてやり直してください。',
      },
      'ProxyAuth',
    );
  }

  // The SDK names a reset connection TimeoutError (to retry it): the Node code says what happened.
  if (!ctx.deadlineHit && ((err.code && NETWORK_CODES.has(err.code)) || /socket hang up/i.test(err.message ?? ''))) {
    return new UserError(
      { en: `Could not connect to ${service(ctx.operation)}; check your internet connection (and any proxy or VPN) and try again.`, ja: `${service(ctx.operation)} に接続できませんでした。インターネット接続（プロキシや VPN も）を確認してからやり直してください。` },
      'Network',
    );
  }
  if (ctx.deadlineHit || name === 'TimeoutError' || name === 'AbortError' || err.code === 'ETIMEDOUT') {
    return new UserError(
      { en: `${service(ctx.operation)} did not answer within ${seconds} second${seconds === 1 ? '' : 's'}; check your internet connection (and any proxy or VPN) and try again.`, ja: `${service(ctx.operation)} から ${seconds} 秒以内に応答がありませんでした。インターネット接続（プロキシや VPN も）を確認してからやり直してください。` },
      'Timeout',
    );
  }
  const skew = clockSkewMs(e);
  if (skew !== null) return clockSkewError(skew);
  if (name === 'InvalidClientTokenId' || name === 'UnrecognizedClientException') {
    return new UserError(
      { en: `AWS does not recognise the access key ${key} (it may be deleted or inactive); create or activate an access key for your IAM user in the IAM console and save it in aws-mfa-tray again.`, ja: `AWS はアクセスキー ${key} を認識しません（削除済みか無効の可能性があります）。IAM コンソールで IAM ユーザーのアクセスキーを作成または有効化し、aws-mfa-tray に保存し直してください。` },
      'UnknownKey',
    );
  }
  if (name === 'SignatureDoesNotMatch' || name === 'InvalidSignatureException') {
    return new UserError(
      { en: `The secret access key saved for ${key} is not the right one; save the key again with its secret (shown once when the access key was created).`, ja: `${key} に保存されたシークレットアクセスキーが正しくありません。アクセスキー作成時に一度だけ表示されたシークレットと一緒に、キーを保存し直してください。` },
      'WrongSecret',
    );
  }
  if (name === 'AccessDenied' && /session credentials/i.test(err.message ?? '')) return sessionKeysError();
  if (name === 'ExpiredToken') return sessionKeysError();
  if (name === 'AccessDenied' || name === 'AccessDeniedException' || status === 403) {
    const next =
      ctx.operation === 'ListMFADevices'
        ? 'give the MFA device ARN yourself (--serial or the settings), or ask your administrator to allow iam:ListMFADevices on your own user'
        : 'ask your administrator to allow sts:GetSessionToken for your IAM user';
    const jaNext =
      ctx.operation === 'ListMFADevices'
        ? 'MFA デバイスの ARN を自分で指定するか（--serial または設定）、自分のユーザーへの iam:ListMFADevices の許可を管理者に依頼してください'
        : 'IAM ユーザーへの sts:GetSessionToken の許可を管理者に依頼してください';
    return new UserError({ en: `Your IAM user is not allowed to call ${action(ctx.operation)}; ${next}.`, ja: `この IAM ユーザーには ${action(ctx.operation)} を呼ぶ権限がありません。${jaNext}。` }, 'AccessDenied');
  }
  if (THROTTLE_NAMES.has(name) || status === 429) {
    return new UserError({ en: `${service(ctx.operation)} is limiting requests right now (throttled); wait a minute and try again.`, ja: `${service(ctx.operation)} が現在リクエストを制限しています（スロットリング）。1 分ほど待ってからやり直してください。` }, 'Throttled');
  }
  if (name === 'ValidationError' || name === 'MalformedInput' || name === 'InvalidParameterValue') {
    // AWS's own text names the parameter and the rule; it never contains a key.
    return new UserError(
      { en: `AWS refused the request as invalid (${(err.message ?? name).slice(0, 300)}); check the MFA serial and session duration and try again.`, ja: `AWS はリクエストを無効として拒否しました（${(err.message ?? name).slice(0, 300)}）。MFA シリアルとセッションの長さを確認してからやり直してください。` },
      'BadInput',
      'usage',
    );
  }
  if (status !== undefined && status >= 500) {
    return new UserError(
      { en: `${service(ctx.operation)} had an internal problem (HTTP ${status}${name ? ` ${name}` : ''}); wait a moment and try again.`, ja: `${service(ctx.operation)} で内部エラーが起きました（HTTP ${status}${name ? ` ${name}` : ''}）。少し待ってからやり直してください。` },
      'AwsError',
    );
  }
  if (/Deserialization error|XML parse|Unexpected end|Invalid XML|SyntaxError/i.test(`${name} ${err.message ?? ''}`)) {
    return new UserError({ en: `${service(ctx.operation)} sent an answer that could not be read; try again in a moment.`, ja: `${service(ctx.operation)} の応答を読み取れませんでした。少し待ってからやり直してください。` }, 'AwsError');
  }
  return new UserError(
    { en: `${service(ctx.operation)} answered with an unexpected error${name && name !== 'Error' ? ` (${name.slice(0, 80)})` : ''}; try again, and report it if it keeps happening.`, ja: `${service(ctx.operation)} が予期しないエラーを返しました${name && name !== 'Error' ? `（${name.slice(0, 80)}）` : ''}。やり直し、繰り返し起きる場合は報告してください。` },
    'AwsError',
  );
}
