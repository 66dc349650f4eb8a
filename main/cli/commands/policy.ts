/** `policy`: the users' MFA-enforcing IAM policy as JSON, for their partition (docs/cli.md). */
import type { Command } from 'commander';
import { readSourceProfileConfig } from '../../core/aws-config';
import { usageError } from '../../core/errors';
import { mfaPolicyJson, parsePolicyPartition, parsePolicyVariant } from '../../core/policy';
import { validateProfileName } from '../../core/validate';
import { profileNames } from '../complete-words';
import { pick, type CliContext } from '../context';
import { defineCommand } from '../help';

const text = {
  en: {
    description: 'print the MFA-enforcing IAM policy JSON (AWS’s "manage your own credentials, only with MFA" policy, for your partition)',
    partition: 'aws, aws-cn or aws-us-gov (default: the partition of the configured MFA device, else aws)',
    profile: 'take the partition from this source profile only',
    variant: '"document" (default: as AWS’s IAM User Guide prints it, where each virtual MFA device is named after its user) or "current" (virtual MFA devices under any name, as AWS allows today)',
    noProfile: (p: string) => `There is no profile ${p} in the config file, the credentials file or the settings; give a profile that exists, e.g. "aws-mfa-tray policy --profile default", or --partition.`,
    noDevice: (p: string) => `Profile ${p} has no MFA device configured (mfa_serial or the settings), so this is the aws partition's policy; give --partition for another.`,
    examples: [
      'aws-mfa-tray policy > mfa-policy.json',
      'aws-mfa-tray policy --partition aws-us-gov --variant current',
      'aws iam create-policy --policy-name RequireMFA --policy-document file://mfa-policy.json',
    ],
    ok: 'the policy is on stdout',
    failed: 'the policy could not be written to stdout',
  },
  ja: {
    description: 'MFA を必須にする IAM ポリシーの JSON を出力する（AWS の「自分の認証情報の管理は MFA ありのときだけ」ポリシー、パーティションに合わせて）',
    partition: 'aws・aws-cn・aws-us-gov（既定: 設定済みの MFA デバイスのパーティション、なければ aws）',
    profile: 'このソースプロファイルだけからパーティションを決める',
    variant: '"document"（既定: AWS の IAM ユーザーガイドに載っている形。仮想 MFA デバイスはユーザー名で命名）または "current"（仮想 MFA デバイスに任意の名前を付けられる、現在の AWS の形）',
    noProfile: (p: string) => `設定ファイル・認証情報ファイル・設定のどこにもプロファイル ${p} はありません。存在するプロファイルを指定するか（例: "aws-mfa-tray policy --profile default"）、--partition を指定してください。`,
    noDevice: (p: string) => `プロファイル ${p} には MFA デバイスが設定されていない（mfa_serial も設定もない）ため、aws パーティションのポリシーを出力しました。ほかのパーティションは --partition で指定してください。`,
    examples: [
      'aws-mfa-tray policy > mfa-policy.json',
      'aws-mfa-tray policy --partition aws-us-gov --variant current',
      'aws iam create-policy --policy-name RequireMFA --policy-document file://mfa-policy.json',
    ],
    ok: 'ポリシーを標準出力に出した',
    failed: 'ポリシーを標準出力に書き出せなかった',
  },
};

export function registerPolicy(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const cmd = defineCommand(program, ctx.locale, { name: 'policy', text, environment: ['AWS_CONFIG_FILE', 'AWS_MFA_TRAY_HOME'] })
    .option('--partition <name>', t.partition)
    .option('--profile <name>', t.profile)
    .option('--variant <name>', t.variant);
  cmd.action(async (opts: { partition?: string; profile?: string; variant?: string }) => {
    const variant = parsePolicyVariant(opts.variant ?? 'document');
    if (opts.profile !== undefined && opts.partition === undefined) {
      // A misspelt profile must not silently give the default partition's policy.
      const name = validateProfileName(opts.profile);
      const settings = ctx.settings.read().profiles.find((p) => p.sourceProfile === name);
      if (!settings && !profileNames(ctx.paths).includes(name)) throw usageError({ en: text.en.noProfile(name), ja: text.ja.noProfile(name) });
      if (!settings?.serial && !(await readSourceProfileConfig(ctx.paths.configFile, ctx.paths.credentialsFile, name)).mfaSerial) ctx.note(t.noDevice(name));
    }
    const partition = opts.partition !== undefined ? parsePolicyPartition(opts.partition) : await ctx.localService().policyPartition(opts.profile);
    ctx.out(mfaPolicyJson({ partition, variant }));
  });
}
