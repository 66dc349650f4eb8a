/**
 * Errors a user sees: one sentence that says what happened and what to do next.
 * `usage` errors are bad input (exit 2, nothing attempted); `failure` errors are operations
 * that were tried and failed (exit 1). `code` lets the UI translate and tests assert.
 */
import { jaErrorSentences, unexpectedSentence } from './i18n/error-sentences';
import type { Locale } from './i18n/locale';

export type ErrorKind = 'usage' | 'failure';

/** One sentence in both languages (see ./i18n/messages.ts). */
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
  | 'PartitionMismatch'
  | 'ProxyUnreachable'
  | 'ProxyAuth'
  | 'ProxyRefused'
  | 'CertificateUntrusted'
  | 'HostNotFound'
  | 'NetworkConfig';

const BRAND = Symbol.for('aws-mfa-tray.UserError');

export class UserError extends Error {
  /** The Japanese sentence of this very error, when it has one; else the sentence for its code is used. */
  readonly ja: string | undefined;
  readonly [BRAND] = true;

  constructor(
    message: string | Sentence,
    readonly code: ErrorCode,
    readonly kind: ErrorKind = 'failure',
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.ja = typeof message === 'string' ? undefined : message.ja;
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

export const usageError = (message: string | Sentence): UserError => new UserError(message, 'BadInput', 'usage');

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** Exit code of the command-line contract: 1 operation failed, 2 bad usage or input. */
export function exitCodeFor(e: unknown): 1 | 2 {
  return isUserError(e) && e.kind === 'usage' ? 2 : 1;
}

/**
 * Message for anything thrown, in the reader's language: a UserError's own sentence (in Japanese
 * its Japanese sentence, else the one for its code), else a generic sentence (no stack, no secrets).
 */
export function messageFor(e: unknown, locale: Locale = 'en'): string {
  if (isUserError(e)) return locale === 'ja' ? (e.ja ?? jaErrorSentences[e.code]) : e.message;
  return unexpectedSentence[locale];
}
