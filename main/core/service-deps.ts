/**
 * What the use cases of main/core (login, sessions, keys, policy) are built from, and the small
 * rules they share. Tests hand in the real parts (keychain, emulator-backed AwsApi, temp paths).
 */
import type { ConfiguredEndpoints } from './aws-config';
import type { Keychain } from './keychain';
import type { ProfileNetwork } from './network/network-config';
import type { Paths } from './paths';
import type { SettingsStore } from './settings';
import type { LongTermKeys, MfaDevice, SessionCredentials } from './types';

export interface AwsApi {
  getSessionToken(
    keys: LongTermKeys,
    req: { region: string; serial: string; code: string; durationSeconds: number; endpoints?: ConfiguredEndpoints; network?: ProfileNetwork },
  ): Promise<SessionCredentials>;
  listMfaDevices(keys: LongTermKeys, region: string, endpoints?: ConfiguredEndpoints, network?: ProfileNetwork): Promise<MfaDevice[]>;
}

export interface MfaServiceDeps {
  paths: Paths;
  keychain: Keychain;
  aws: AwsApi;
  settings: SettingsStore;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

/** The SDK's order: AWS_REGION, then the profile's region; the CLI also reads AWS_DEFAULT_REGION. */
export function regionFor(env: NodeJS.ProcessEnv, configRegion: string | undefined): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || configRegion || 'us-east-1';
}

/** The value of a read made with others in parallel; its error, in the caller's fixed order. */
export function settled<T>(r: PromiseSettledResult<T>): T {
  if (r.status === 'rejected') throw r.reason;
  return r.value;
}
