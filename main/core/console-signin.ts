/**
 * Console sign-in for a role profile chained off an aws-mfa-tray session: the role (and any role
 * before it, through source_profile) is assumed with the MFA session, the federation endpoint of
 * the role's partition turns that role session into a sign-in token, and the login URL carries it
 * to the console. The plain GetSessionToken session cannot do this: AWS's federation endpoint
 * accepts only role sessions (and GetFederationToken, which needs long-term keys).
 */
import { loadSharedConfigFiles } from '@smithy/core/config';
import { readSourceProfileConfig } from './aws-config';
import type { ConsoleApi, TempCredentials } from './console-gateway';
import { consoleDestination, consolePartition, federationUrl, loginUrl, signinTokenUrl } from './console-url';
import { usageError } from './errors';
import { arnPartition } from './partitions';
import type { Paths } from './paths';
import type { CredentialProcessOutput } from './types';
import { validateProfileName } from './validate';

export interface ConsoleDeps {
  paths: Paths;
  env: NodeJS.ProcessEnv;
  /** Whether aws-mfa-tray writes sessions to this profile (a target). */
  isTarget(profile: string): boolean;
  /** The valid session of a target, renewed through the code sources when needed. */
  session(target: string): Promise<CredentialProcessOutput>;
  api(): ConsoleApi;
  now?: () => number;
}

interface RoleStep {
  profile: string;
  roleArn: string;
  sessionName?: string;
  externalId?: string;
}

type Profiles = Record<string, Record<string, string | undefined> | undefined>;

export function plainSessionError(profile: string): Error {
  return usageError({
    en: `Profile ${profile} holds the GetSessionToken session, which AWS refuses for console sign-in; the console needs a role: add a profile with role_arn and source_profile = ${profile} and sign in with that.`,
    ja: `プロファイル ${profile} は GetSessionToken のセッションで、AWS はこれでのコンソールへのサインインを受け付けません。コンソールにはロールが必要です。role_arn と source_profile = ${profile} を持つプロファイルを追加し、それでサインインしてください。`,
  });
}

/** The role steps from `profile` down to the session target, nearest the target first. */
export function roleChain(profiles: Profiles, profile: string, isTarget: (p: string) => boolean): { target: string; steps: RoleStep[] } {
  const steps: RoleStep[] = [];
  const seen = new Set<string>();
  let name = profile;
  for (;;) {
    const v = profiles[name] ?? {};
    if (!v.role_arn) break;
    if (seen.has(name)) {
      throw usageError({
        en: `The source_profile settings starting at profile ${profile} form a loop at ${name}; fix source_profile in your AWS config file.`,
        ja: `プロファイル ${profile} から始まる source_profile の設定が ${name} でループしています。AWS 設定ファイルの source_profile を直してください。`,
      });
    }
    seen.add(name);
    if (!v.source_profile) {
      throw usageError({
        en: `Profile ${name} has role_arn but no source_profile; console sign-in needs a role chained off an aws-mfa-tray session, e.g. source_profile = mfa.`,
        ja: `プロファイル ${name} には role_arn はありますが source_profile がありません。コンソールへのサインインには aws-mfa-tray のセッションから連なるロールが必要です（例: source_profile = mfa）。`,
      });
    }
    steps.unshift({ profile: name, roleArn: v.role_arn, ...(v.role_session_name ? { sessionName: v.role_session_name } : {}), ...(v.external_id ? { externalId: v.external_id } : {}) });
    name = v.source_profile;
  }
  if (steps.length === 0) {
    if (isTarget(profile)) throw plainSessionError(profile);
    throw usageError({
      en: `Profile ${profile} is not a role profile chained off an aws-mfa-tray session; give a profile with role_arn and source_profile (aws-mfa-tray status lists them).`,
      ja: `プロファイル ${profile} は aws-mfa-tray のセッションから連なるロールのプロファイルではありません。role_arn と source_profile を持つプロファイルを指定してください（aws-mfa-tray status で一覧できます）。`,
    });
  }
  if (!isTarget(name)) {
    throw usageError({
      en: `The role chain of profile ${profile} ends at profile ${name}, which holds no aws-mfa-tray session; set source_profile to the profile aws-mfa-tray writes, e.g. mfa.`,
      ja: `プロファイル ${profile} のロールの連なりは、aws-mfa-tray のセッションがないプロファイル ${name} で終わっています。source_profile を aws-mfa-tray が書き込むプロファイル（例: mfa）にしてください。`,
    });
  }
  return { target: name, steps };
}

/** The sign-in URL for `profile` (bad input is refused before any prompt or request). */
export async function consoleSigninUrl(profileName: string, opts: { destination?: string }, deps: ConsoleDeps): Promise<{ url: string; roleArn: string; target: string }> {
  const profile = validateProfileName(profileName);
  const { configFile, credentialsFile } = deps.paths;
  const files = await loadSharedConfigFiles({ filepath: credentialsFile, configFilepath: configFile, ignoreCache: true });
  const merged: Profiles = {};
  for (const n of new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)])) merged[n] = { ...files.credentialsFile[n], ...files.configFile[n] };
  const { target, steps } = roleChain(merged, profile, (p) => deps.isTarget(p));
  const last = steps[steps.length - 1]!;
  const partition = consolePartition(arnPartition(last.roleArn) ?? 'aws', last.roleArn);
  const configs = await Promise.all(steps.map((s) => readSourceProfileConfig(configFile, credentialsFile, s.profile)));
  const targetRegion = (await readSourceProfileConfig(configFile, credentialsFile, target)).region;
  const regionOf = (i: number): string | undefined => configs[i]!.region ?? targetRegion ?? deps.env.AWS_REGION ?? deps.env.AWS_DEFAULT_REGION;
  const destination = consoleDestination(partition, opts.destination, regionOf(steps.length - 1));

  const session = await deps.session(target);
  let creds: TempCredentials = { accessKeyId: session.AccessKeyId, secretAccessKey: session.SecretAccessKey, sessionToken: session.SessionToken };
  const api = deps.api();
  const now = deps.now ?? Date.now;
  let from = target;
  for (const [i, step] of steps.entries()) {
    const c = configs[i]!;
    creds = await api.assumeRole(creds, {
      roleArn: step.roleArn,
      // botocore's default name is botocore-session-<seconds>; ours says who made it.
      sessionName: step.sessionName ?? `aws-mfa-tray-${Math.floor(now() / 1000)}`,
      ...(step.externalId ? { externalId: step.externalId } : {}),
      region: regionOf(i) ?? 'us-east-1',
      ...(c.endpoints ? { endpoints: c.endpoints } : {}),
      ...(c.network ? { network: c.network } : {}),
      from,
    });
    from = step.profile;
  }
  const base = federationUrl(partition, deps.env);
  const token = await api.signinToken(signinTokenUrl(base, creds), configs[steps.length - 1]!.network);
  return { url: loginUrl(base, token, destination), roleArn: last.roleArn, target };
}
