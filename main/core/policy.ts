/**
 * The users' MFA-enforcing IAM policy: their own document (seed-policy.json, AWS's "manage your own
 * credentials, but only with MFA" policy), printed whole, for the partition the account lives in.
 *
 * Variants:
 * - `document`: the document as it is.
 * - `current`: the same, except that a virtual MFA device may be created under any name. AWS now
 *   lets users name devices freely (and have several); the document's `mfa/${aws:username}` refuses
 *   every other name. Enabling a device stays limited to the user's own user (AllowManageOwnUserMFA),
 *   and deleting stays limited to the device named after the user, so nobody gains power over
 *   another user's device.
 */
import { readSourceProfileConfig } from './aws-config';
import { usageError } from './errors';
import { arnPartition, isPartition, PARTITIONS, type Partition } from './partitions';
import type { Paths } from './paths';
import type { SettingsStore } from './settings';
import { settingsEntry } from './targets';
import { validateProfileName } from './validate';
import seed from './seed-policy.json';

export const POLICY_VARIANTS = ['document', 'current'] as const;
export type PolicyVariant = (typeof POLICY_VARIANTS)[number];

/**
 * What this tool calls with the long-term keys, so before any MFA: login (sts:GetSessionToken) and
 * device discovery (iam:ListMFADevices); iam:GetUser is what the console's MFA set-up and
 * `aws iam get-user` need to find the user. All three must stay in the policy's NotAction list.
 */
export const ACTIONS_WITHOUT_MFA = ['sts:GetSessionToken', 'iam:ListMFADevices', 'iam:GetUser'] as const;

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

const document = seed as PolicyDocument;

/** The policy for a partition and variant (a fresh object each time). */
export function mfaPolicy(opts: { partition?: Partition; variant?: PolicyVariant } = {}): PolicyDocument {
  const partition = opts.partition ?? 'aws';
  const policy = structuredClone(document);
  if (opts.variant === 'current') {
    policy.Statement = policy.Statement.flatMap((s) => (s.Sid === 'AllowManageOwnVirtualMFADevice' ? anyDeviceName(s) : [s]));
  }
  const inPartition = (r: string) => r.replace(/^arn:aws:/, `arn:${partition}:`);
  for (const s of policy.Statement) s.Resource = Array.isArray(s.Resource) ? s.Resource.map(inPartition) : inPartition(s.Resource);
  return policy;
}

/** Create under any name; delete only the device named after the user, as the document does. */
function anyDeviceName(s: PolicyStatement): PolicyStatement[] {
  const others = (s.Action ?? []).filter((a) => a !== 'iam:CreateVirtualMFADevice');
  return [
    { ...s, Action: ['iam:CreateVirtualMFADevice'], Resource: 'arn:aws:iam::*:mfa/*' },
    ...(others.length ? [{ ...s, Sid: 'AllowDeleteOwnVirtualMFADevice', Action: others }] : []),
  ];
}

/** The JSON text users paste or pass to `aws iam create-policy --policy-document`. */
export function mfaPolicyJson(opts: { partition?: Partition; variant?: PolicyVariant } = {}): string {
  return `${JSON.stringify(mfaPolicy(opts), null, 2)}\n`;
}

export function parsePolicyPartition(input: string): Partition {
  const p = input.trim();
  if (!isPartition(p)) {
    throw usageError({
      en: `The partition must be one of ${PARTITIONS.join(', ')} (usually aws, aws-cn or aws-us-gov), not "${p.slice(0, 40)}".`,
      ja: `パーティションは ${PARTITIONS.join('、')} のいずれかで指定してください（ふつうは aws、aws-cn、aws-us-gov。"${p.slice(0, 40)}" は使えません）。`,
    });
  }
  return p;
}

export function parsePolicyVariant(input: string): PolicyVariant {
  const v = input.trim();
  if (!(POLICY_VARIANTS as readonly string[]).includes(v)) {
    throw usageError({
      en: `The policy variant must be "document" (as AWS's IAM User Guide prints it: each virtual MFA device named after its user) or "current" (virtual MFA devices under any name), not "${v.slice(0, 40)}".`,
      ja: `ポリシーの種類は "document"（AWS の IAM ユーザーガイドに載っている形: 仮想 MFA デバイスはユーザー名で命名）か "current"（任意の名前の仮想 MFA デバイス）で指定してください（"${v.slice(0, 40)}" は使えません）。`,
    });
  }
  return v as PolicyVariant;
}

/**
 * The partition whose policy a user needs: of the profile's MFA serial (settings, else mfa_serial),
 * else aws. Without a profile, of every configured profile (none yet: AWS_PROFILE, else default): one partition is
 * the answer; several are refused with one sentence, or (`onConflict: 'first'`, the tray) the
 * first configured profile's wins.
 */
export async function policyPartition(
  deps: { paths: Paths; settings: SettingsStore; env: NodeJS.ProcessEnv },
  profile?: string,
  onConflict: 'error' | 'first' = 'error',
): Promise<Partition> {
  const settings = deps.settings.read();
  const configured = settings.profiles.map((p) => p.sourceProfile);
  // Nothing set up in aws-mfa-tray yet: the profile the AWS CLI would use (AWS_PROFILE, else default).
  const fallback = [deps.env.AWS_PROFILE || 'default'].filter((n) => {
    try {
      return validateProfileName(n) === n;
    } catch {
      return false; // an AWS_PROFILE we could not use anyway
    }
  });
  const names = profile !== undefined ? [validateProfileName(profile)] : configured.length ? configured : fallback;
  const found = new Map<Partition, string[]>();
  for (const name of names) {
    const config = await readSourceProfileConfig(deps.paths.configFile, deps.paths.credentialsFile, name).catch((): { mfaSerial?: string } => ({}));
    const serial = settingsEntry(settings, name)?.serial ?? config.mfaSerial;
    const partition = serial ? arnPartition(serial) : null;
    if (partition) found.set(partition, [...(found.get(partition) ?? []), name]);
  }
  const [first, ...others] = [...found.keys()];
  if (others.length > 0 && onConflict === 'error') {
    const list = [...found].map(([p, profiles]) => `${p}: ${profiles.join(', ')}`).join('; ');
    throw usageError({
      en: `Your profiles are in several AWS partitions (${list}); choose one with --partition or --profile.`,
      ja: `プロファイルが複数の AWS パーティションにまたがっています（${list}）。--partition か --profile で 1 つ選んでください。`,
    });
  }
  return first ?? 'aws';
}
