/**
 * Errors a user sees: one sentence that says what happened and what to do next.
 * `usage` errors are bad input (exit 2, nothing attempted); `failure` errors are operations
 * that were tried and failed (exit 1). `code` lets the UI translate and tests assert.
 */
import type { Locale } from './i18n/locale';

export type ErrorKind = 'usage' | 'failure';

/**
 * One sentence in both languages. Every error a user can see carries one, written where the error
 * is raised (the English and Japanese side by side, so neither drifts); the CLI prints the reader's,
 * the app sends it over IPC in the UI language.
 */
export interface Sentence {
  en: string;
  ja: string;
}

export type ErrorCode =
  | 'BadInput'
  | 'InvalidCode'
  | 'CodeReused'
  | 'BadSerial'
  | 'U2fDevice'
  | 'NoMfaDevice'
  | 'SeveralMfaDevices'
  | 'UnknownKey'
  | 'WrongSecret'
  | 'SessionKeys'
  | 'ClockSkew'
  | 'Throttled'
  | 'Network'
  | 'Timeout'
  | 'AwsError'
  | 'AccessDenied'
  | 'NoKeys'
  | 'KeychainUnavailable'
  | 'KeychainLocked'
  | 'KeychainCorrupt'
  | 'CredentialsFileUnusable'
  | 'ConfigFileUnusable'
  | 'SettingsUnusable'
  | 'NoSession'
  | 'SessionExpired'
  | 'Busy'
  | 'TargetTaken'
  | 'UnknownTarget'
  | 'NoCodeSource'
  | 'MfaProcessFailed'
  | 'CodeCancelled'
  | 'CodeTimeout'
  | 'PartitionMismatch'
  | 'ProxyUnreachable'
  | 'ProxyAuth'
  | 'ProxyRefused'
  | 'CertificateUntrusted'
  | 'HostNotFound'
  | 'NetworkConfig'
  | 'TwoKeys'
  | 'InactiveSecondKey'
  | 'PropagationTimeout'
  | 'RotationIncomplete';

const BRAND = Symbol.for('aws-mfa-tray.UserError');

export class UserError extends Error {
  /** The Japanese sentence of this very error (the English one is `message`). */
  readonly ja: string;
  readonly [BRAND] = true;

  /** Every error a user can see is written in both languages: the type system sees to it. */
  constructor(
    message: Sentence,
    readonly code: ErrorCode,
    readonly kind: ErrorKind = 'failure',
  ) {
    super(message.en);
    this.ja = message.ja;
    this.name = 'UserError';
  }

  /**
   * `instanceof` by brand, not by class identity: the CLI loads the AWS gateway from a second bundle
   * (so that commands which never call AWS do not parse the SDK), and that bundle has its own copy
   * of this class.
   */
  static override [Symbol.hasInstance](x: unknown): x is UserError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
  }
}

export const usageError = (message: Sentence): UserError => new UserError(message, 'BadInput', 'usage');

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** Exit code of the command-line contract: 1 operation failed, 2 bad usage or input. */
export function exitCodeFor(e: unknown): 1 | 2 {
  return isUserError(e) && e.kind === 'usage' ? 2 : 1;
}

/** For anything that is not a UserError (a bug): no stack, no secrets. */
const unexpected: Sentence = {
  en: 'Something unexpected went wrong; try again, and report it if it happens again.',
  ja: '予期しないエラーが起きました。もう一度試し、繰り返し起きる場合は報告してください。',
};

/** Message for anything thrown, in the reader's language: a UserError's own sentence, else a generic one. */
export function messageFor(e: unknown, locale: Locale = 'en'): string {
  if (isUserError(e)) return locale === 'ja' ? e.ja : e.message;
  return unexpected[locale];
}

/** The code a failure crosses with: a UserError's own, else AwsError (the UI shows the sentence). */
export function errorCodeOf(e: unknown): ErrorCode {
  return isUserError(e) ? e.code : 'AwsError';
}

/** A failure as it crosses IPC and the renew socket: its code and one sentence in the reader's language. */
export function toIpcError(e: unknown, locale: Locale): { code: ErrorCode; message: string } {
  return { code: errorCodeOf(e), message: messageFor(e, locale) };
}

/** A failure's sentence in both languages (the renew socket: the command prints its reader's). */
export function sentenceOf(e: unknown): Sentence {
  return { en: messageFor(e, 'en'), ja: messageFor(e, 'ja') };
}
