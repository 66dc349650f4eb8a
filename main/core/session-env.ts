/**
 * The environment `exec` gives its command: the session as the four variables every AWS SDK and
 * CLI reads first, and nothing that would send them to a profile instead.
 */
import type { CredentialProcessOutput } from './types';

/** Variables removed: a profile would take precedence in some tools, and a stale token would be sent along. */
export const REMOVED = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SECURITY_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'];

export function sessionEnv(base: NodeJS.ProcessEnv, creds: CredentialProcessOutput, region?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const k of REMOVED) delete env[k];
  env.AWS_ACCESS_KEY_ID = creds.AccessKeyId;
  env.AWS_SECRET_ACCESS_KEY = creds.SecretAccessKey;
  env.AWS_SESSION_TOKEN = creds.SessionToken;
  env.AWS_CREDENTIAL_EXPIRATION = creds.Expiration;
  passRegion(env, region);
  return env;
}

/** Without AWS_PROFILE the target profile's region would be lost; keep it unless one is set already. */
export function passRegion(env: NodeJS.ProcessEnv, region: string | undefined): void {
  if (region && !env.AWS_REGION && !env.AWS_DEFAULT_REGION) {
    env.AWS_REGION = region;
    env.AWS_DEFAULT_REGION = region;
  }
}
