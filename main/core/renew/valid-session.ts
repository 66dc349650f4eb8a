/**
 * Whether a target holds a session good enough to hand out as it is: read from the credentials
 * file alone, with nothing for locking, writing, the keychain or AWS loaded (credential-process on
 * a valid session is the command run before every AWS call).
 */
import { readCredentialsFile } from '../credentials-read';
import type { CredentialProcessOutput } from '../types';

/** A session with less than this left is renewed first (the 5 minutes). */
export const RENEW_WITHIN_SECONDS = 300;

/** The section as credential_process output, if it is a session. */
export function sessionOf(section: Record<string, string> | undefined): CredentialProcessOutput | null {
  const s = section;
  if (!s?.aws_access_key_id || !s.aws_secret_access_key || !s.aws_session_token || !s.aws_credential_expiration) return null;
  if (Number.isNaN(Date.parse(s.aws_credential_expiration))) return null;
  return {
    Version: 1,
    AccessKeyId: s.aws_access_key_id,
    SecretAccessKey: s.aws_secret_access_key,
    SessionToken: s.aws_session_token,
    Expiration: s.aws_credential_expiration,
  };
}

export const secondsLeft = (c: CredentialProcessOutput, now: number): number => Math.floor((Date.parse(c.Expiration) - now) / 1000);

/** The session in `target`, whatever its time left; null when there is none. Throws CredentialsFileUnusable. */
export async function currentSession(credentialsFile: string, target: string): Promise<CredentialProcessOutput | null> {
  const file = await readCredentialsFile(credentialsFile);
  return sessionOf(file?.sections.get(target));
}

/** The session in `target` if it has at least RENEW_WITHIN_SECONDS left, else null. */
export async function validSession(credentialsFile: string, target: string, now: number): Promise<CredentialProcessOutput | null> {
  const s = await currentSession(credentialsFile, target);
  return s && secondsLeft(s, now) >= RENEW_WITHIN_SECONDS ? s : null;
}
