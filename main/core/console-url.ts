/**
 * The AWS console sign-in URLs of each partition (the federation endpoint, as in AWS's "custom
 * identity broker" guide): getSigninToken with a role session's three values, then the login URL
 * that carries the token to the console page asked for. Pure: no network here.
 */
import { usageError } from './errors';
import type { Partition } from './partitions';

export type ConsolePartition = 'aws' | 'aws-cn' | 'aws-us-gov';

const HOSTS: Record<ConsolePartition, { signin: string; console: string }> = {
  aws: { signin: 'signin.aws.amazon.com', console: 'console.aws.amazon.com' },
  'aws-cn': { signin: 'signin.amazonaws.cn', console: 'console.amazonaws.cn' },
  'aws-us-gov': { signin: 'signin.amazonaws-us-gov.com', console: 'console.amazonaws-us-gov.com' },
};

export function consolePartition(partition: Partition, roleArn: string): ConsolePartition {
  if (partition === 'aws' || partition === 'aws-cn' || partition === 'aws-us-gov') return partition;
  throw usageError({
    en: `The role ${roleArn} is in the ${partition} partition, whose console aws-mfa-tray cannot sign in to; it supports aws, aws-cn and aws-us-gov.`,
    ja: `ロール ${roleArn} は ${partition} パーティションにあり、aws-mfa-tray はそのコンソールにはサインインできません。対応しているのは aws、aws-cn、aws-us-gov です。`,
  });
}

/** The federation endpoint; AWS_MFA_TRAY_FEDERATION_URL replaces it (the emulator in tests, a private endpoint). */
export function federationUrl(partition: ConsolePartition, env: NodeJS.ProcessEnv): string {
  return env.AWS_MFA_TRAY_FEDERATION_URL?.trim() || `https://${HOSTS[partition].signin}/federation`;
}

/**
 * Where the browser lands: the console home, a service's page ("s3", "ec2"), or a console URL of
 * the same partition. Another site is refused: the sign-in would hand it a logged-in console.
 */
export function consoleDestination(partition: ConsolePartition, destination: string | undefined, region: string | undefined): string {
  const host = HOSTS[partition].console;
  const query = region ? `?region=${encodeURIComponent(region)}` : '';
  if (destination === undefined || destination === '') return `https://${host}/console/home${query}`;
  if (/^[a-z][a-z0-9-]{0,62}$/.test(destination)) return `https://${host}/${destination}/home${query}`;
  let url: URL | null = null;
  try {
    url = new URL(destination);
  } catch {
    url = null;
  }
  if (url && url.protocol === 'https:' && (url.hostname === host || url.hostname.endsWith(`.${host}`))) return url.href;
  throw usageError({
    en: `--destination must be a service name such as s3, or an https URL on ${host}; "${destination.slice(0, 80)}" is neither.`,
    ja: `--destination には s3 のようなサービス名か、${host} の https URL を指定してください。"${destination.slice(0, 80)}" はどちらでもありません。`,
  });
}

/** The getSigninToken request for a role session (no SessionDuration: see console-signin.ts). */
export function signinTokenUrl(base: string, creds: { accessKeyId: string; secretAccessKey: string; sessionToken: string }): string {
  const session = JSON.stringify({ sessionId: creds.accessKeyId, sessionKey: creds.secretAccessKey, sessionToken: creds.sessionToken });
  return `${base}?Action=getSigninToken&Session=${encodeURIComponent(session)}`;
}

/** The URL that signs the browser in and opens `destination`. A bearer credential for 15 minutes. */
export function loginUrl(base: string, signinToken: string, destination: string): string {
  return `${base}?Action=login&Issuer=aws-mfa-tray&Destination=${encodeURIComponent(destination)}&SigninToken=${encodeURIComponent(signinToken)}`;
}
