/**
 * Settings of a source profile from the AWS config file, read with the SDK's own loader so we see
 * exactly what the SDK sees: `[profile x]` (and `[default]`) in the config file, merged with the
 * same profile of the credentials file the way the SDK merges them: for region the config file
 * wins (node-config-provider prefers it); for mfa_serial the credentials file wins (parseKnownFiles,
 * used by fromIni); duration_seconds, which the SDK ignores, follows parseKnownFiles too.
 */
import { devNull } from 'node:os';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { readCredentialsFile, type Sections } from './credentials-read';
import { UserError, type Sentence } from './errors';
import type { ProfileNetwork } from './network/network-config';
import { validateDuration, validateProfileName, validateSerial } from './validate';

/** Endpoint URLs configured in the config file, as the SDK reads them (service-specific first). */
export interface ConfiguredEndpoints {
  /** `sts = endpoint_url = ...` in the profile's `[services x]` section. */
  sts?: string;
  iam?: string;
  /** The profile's own `endpoint_url`, for every service. */
  global?: string;
  /** `ignore_configured_endpoint_urls = true` in the profile. */
  ignore?: boolean;
}

export interface SourceProfileConfig {
  mfaSerial?: string;
  /** A shell command printing the MFA code (aws-vault's key), run when a code is needed. */
  mfaProcess?: string;
  region?: string;
  durationSeconds?: number;
  endpoints?: ConfiguredEndpoints;
  /** ca_bundle, use_fips_endpoint, use_dualstack_endpoint, sts_regional_endpoints (checked when used). */
  network?: ProfileNetwork;
}

const HTTP_URL: Sentence = { en: 'an http(s) URL', ja: ' http(s) の URL ' };
const REGION_RE = /^[a-z]{2}(-[a-z0-9]+){1,4}$/;

const NETWORK_KEYS = [
  ['ca_bundle', 'caBundle'],
  ['use_fips_endpoint', 'useFipsEndpoint'],
  ['use_dualstack_endpoint', 'useDualstackEndpoint'],
  ['sts_regional_endpoints', 'stsRegionalEndpoints'],
] as const;

/** The config file as the SDK reads it: profile name (without "profile ") or "services.x" -> settings. */
export type ConfigData = Record<string, Record<string, string | undefined> | undefined>;

/**
 * The config file through the SDK's own loader; a missing or unreadable file reads as empty (the
 * SDK swallows read errors too). Only the config file: the credentials file, which can hold
 * thousands of profiles, is read once per command by our own scanner (credentials-file.ts), and the
 * SDK's loader gets the null device in its place.
 */
export async function loadConfigFile(configFile: string): Promise<ConfigData> {
  // ignoreCache: the app is long-running and the user edits these files while it runs.
  const { configFile: config } = await loadSharedConfigFiles({ filepath: devNull, configFilepath: configFile, ignoreCache: true });
  return config;
}

/** Reads both files and merges the source profile's settings; see sourceProfileConfig. */
export async function readSourceProfileConfig(configFile: string, credentialsFile: string, profile: string): Promise<SourceProfileConfig> {
  validateProfileName(profile);
  const [config, credentials] = await Promise.all([loadConfigFile(configFile), readCredentialsFile(credentialsFile)]);
  return sourceProfileConfig({ configFile, config, credentialsFile, credentials: credentials?.sections ?? null }, profile);
}

/**
 * The source profile's settings from the config file (as the SDK loaded it) and the credentials
 * file (as our scanner read it: the same values the SDK's parser gives, nested ones as parent.child).
 */
export function sourceProfileConfig(
  files: { configFile: string; config: ConfigData; credentialsFile: string; credentials: Sections | null },
  profile: string,
): SourceProfileConfig {
  validateProfileName(profile);
  const { configFile, config, credentialsFile } = files;
  const fromConfig = config[profile] ?? {};
  const fromCredentials: Record<string, string | undefined> = files.credentials?.get(profile) ?? {};
  const pick = (key: string, prefer: 'config' | 'credentials' = 'credentials'): { value: string; file: string } | undefined => {
    const sources: [Record<string, string | undefined>, string][] = [
      [fromCredentials, credentialsFile],
      [fromConfig, configFile],
    ];
    if (prefer === 'config') sources.reverse();
    for (const [values, file] of sources) {
      const value = values[key];
      if (value !== undefined) return { value, file };
    }
    return undefined;
  };
  const bad = (key: string, file: string, what: Sentence): UserError =>
    new UserError({ en: `The ${key} setting of profile ${profile} in ${file} is not ${what.en}; fix it there or remove it.`, ja: `${file} のプロファイル ${profile} の ${key} が${what.ja}ではありません。そこで直すか削除してください。` }, 'ConfigFileUnusable');

  const out: SourceProfileConfig = {};
  const serial = pick('mfa_serial');
  if (serial) {
    try {
      out.mfaSerial = validateSerial(serial.value);
    } catch (e) {
      if (e instanceof UserError && e.code === 'U2fDevice') throw e;
      throw bad('mfa_serial', serial.file, { en: 'an MFA device ARN like arn:aws:iam::123456789012:mfa/alice', ja: ' arn:aws:iam::123456789012:mfa/alice のような MFA デバイスの ARN ' });
    }
  }
  // Config file only, as aws-vault reads it: a command to run does not belong in the credentials file.
  const mfaProcess = fromConfig.mfa_process?.trim();
  if (mfaProcess) out.mfaProcess = mfaProcess;
  const region = pick('region', 'config');
  if (region) {
    if (!REGION_RE.test(region.value)) throw bad('region', region.file, { en: 'a region name like eu-west-1', ja: ' eu-west-1 のようなリージョン名' });
    out.region = region.value;
  }
  const duration = pick('duration_seconds');
  if (duration) {
    try {
      out.durationSeconds = validateDuration(duration.value);
    } catch {
      throw bad('duration_seconds', duration.file, { en: 'a whole number of seconds from 900 to 129600', ja: ' 900〜129600 の整数（秒）' });
    }
  }
  const endpoints = readEndpoints(config, fromConfig, configFile, bad);
  if (endpoints) out.endpoints = endpoints;
  const network: ProfileNetwork = {};
  for (const [key, field] of NETWORK_KEYS) {
    const v = pick(key, 'config');
    if (v) {
      network[field] = v.value;
      network.file = v.file;
    }
  }
  if (Object.keys(network).length > 0) out.network = network;
  return out;
}

function readEndpoints(
  config: Record<string, Record<string, string | undefined> | undefined>,
  profileValues: Record<string, string | undefined>,
  configFile: string,
  bad: (key: string, file: string, what: Sentence) => UserError,
): ConfiguredEndpoints | undefined {
  const url = (key: string, value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      throw bad(key, configFile, HTTP_URL);
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw bad(key, configFile, HTTP_URL);
    return value;
  };
  const out: ConfiguredEndpoints = {};
  if (/^true$/i.test(profileValues.ignore_configured_endpoint_urls ?? '')) out.ignore = true;
  const global = url('endpoint_url', profileValues.endpoint_url);
  if (global) out.global = global;
  const servicesName = profileValues.services;
  const services = servicesName ? config[`services.${servicesName}`] : undefined;
  const sts = url('sts endpoint_url', services?.['sts.endpoint_url']);
  if (sts) out.sts = sts;
  const iamUrl = url('iam endpoint_url', services?.['iam.endpoint_url']);
  if (iamUrl) out.iam = iamUrl;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Every profile's mfa_process in the config file, read leniently (for display: a profile with an
 * unusable setting elsewhere still shows its command). Missing files read as empty.
 */
export async function readMfaProcesses(configFile: string, credentialsFile: string): Promise<Record<string, string>> {
  const { configFile: config } = await loadSharedConfigFiles({ filepath: credentialsFile, configFilepath: configFile, ignoreCache: true });
  const out: Record<string, string> = {};
  for (const [name, values] of Object.entries(config)) {
    const cmd = values?.mfa_process?.trim();
    if (cmd && !name.includes('.')) out[name] = cmd;
  }
  return out;
}
