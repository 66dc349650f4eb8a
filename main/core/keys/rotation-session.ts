/**
 * The two things rotation needs from the rest of the tool: where the profile's AWS calls go, and
 * the MFA session of the profile's target (a valid session this tool wrote for the profile is
 * reused; otherwise one login, with the given code or a code from the usual sources).
 */
import { readSourceProfileConfig } from '../aws-config';
import type { Paths } from '../paths';
import type { Renewed } from '../renew/code-source';
import { validSession } from '../renew/valid-session';
import type { SettingsStore } from '../settings';
import { targetFor } from '../targets';
import type { CredentialProcessOutput } from '../types';
import type { Keychain } from '../keychain';
import { KeyAgeStore } from './key-age';
import type { Credentials, KeyApi, KeyApiTarget } from './key-gateway';
import type { RotateDeps } from './rotate';

/** The parts of the login use case rotation uses (structural: whichever file holds it). */
export interface LoginService {
  flush(): Promise<void>;
  sessionRecords(): Record<string, { profile: string; accessKeyId: string }>;
  loginWithSession(req: { profile: string; code: string; target?: string }): Promise<Renewed>;
}

export async function keyApiTarget(paths: Paths, env: NodeJS.ProcessEnv, profile: string): Promise<KeyApiTarget> {
  const config = await readSourceProfileConfig(paths.configFile, paths.credentialsFile, profile);
  // The SDK's order, as for login: AWS_REGION, then the profile's region (the CLI also reads AWS_DEFAULT_REGION).
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || config.region || 'us-east-1';
  return { region, ...(config.endpoints ? { endpoints: config.endpoints } : {}), ...(config.network ? { network: config.network } : {}) };
}

const asCredentials = (c: CredentialProcessOutput): Credentials => ({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken });

/**
 * The MFA session for `profile`: the target's session when this tool wrote it for this profile and
 * it has at least 5 minutes left; else a login with `code`; else `renew` (the code sources).
 */
export async function mfaSessionFor(
  profile: string,
  code: string | undefined,
  deps: {
    paths: Paths;
    settings: SettingsStore;
    service: LoginService;
    renew(req: { profile: string; target: string }): Promise<Renewed>;
    now?: () => number;
  },
): Promise<Credentials> {
  const target = targetFor(profile, deps.settings.read());
  await deps.service.flush();
  const record = deps.service.sessionRecords()[target];
  const current = await validSession(deps.paths.credentialsFile, target, (deps.now ?? Date.now)());
  if (current && record?.profile === profile && record.accessKeyId === current.AccessKeyId) return asCredentials(current);
  const renewed = code !== undefined ? await deps.service.loginWithSession({ profile, code, target }) : await deps.renew({ profile, target });
  await deps.service.flush();
  return asCredentials(renewed.credentials);
}

/** Rotation's dependencies from the tool's parts, the same for the CLI, the app and the tests. */
export function rotationDeps(o: {
  paths: Paths;
  env: NodeJS.ProcessEnv;
  keychain: Keychain;
  settings: SettingsStore;
  service: LoginService;
  api: KeyApi;
  renew(req: { profile: string; target: string }): Promise<Renewed>;
  now?: () => number;
}): RotateDeps {
  return {
    keychain: o.keychain,
    settingsDir: o.paths.settingsDir,
    api: o.api,
    ages: new KeyAgeStore(o.paths.settingsDir),
    target: (profile) => keyApiTarget(o.paths, o.env, profile),
    session: (profile, code) => mfaSessionFor(profile, code, o),
    ...(o.now ? { now: o.now } : {}),
  };
}
