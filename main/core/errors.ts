/**
 * Errors a user sees: one sentence that says what happened and what to do next.
 * `usage` errors are bad input (exit 2, nothing attempted); `failure` errors are operations
 * that were tried and failed (exit 1). `code` lets the UI translate and tests assert.
 */
export type ErrorKind = 'usage' | 'failure';

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

export class UserError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly kind: ErrorKind = 'failure',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const usageError = (message: string): UserError => new UserError(message, 'BadInput', 'usage');

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** Exit code of the command-line contract: 1 operation failed, 2 bad usage or input. */
export function exitCodeFor(e: unknown): 1 | 2 {
  return isUserError(e) && e.kind === 'usage' ? 2 : 1;
}

/** Message for anything thrown: a UserError's sentence, else a generic sentence (no stack, no secrets). */
export function messageFor(e: unknown): string {
  if (isUserError(e)) return e.message;
  return 'Something unexpected went wrong; try again, and report it if it happens again.';
}
