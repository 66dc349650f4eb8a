import { messageFor } from '../core/errors';

/** Background failures: one sentence on stderr, never a secret (messageFor never includes key material). */
export function report(e: unknown): void {
  console.error(`aws-mfa-tray: ${messageFor(e)}`);
}
