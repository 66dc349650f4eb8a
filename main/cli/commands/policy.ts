/** `policy`: the users' MFA-enforcing IAM policy as JSON, for their partition (docs/cli.md). */
import type { Command } from 'commander';
import { mfaPolicyJson, parsePolicyPartition, parsePolicyVariant } from '../../core/policy';
import { pick, type CliContext } from '../context';
import { defineCommand } from '../help';

const text = {
  en: {
    description: 'print the MFA-enforcing IAM policy JSON (your document’s policy, for your partition)',
    partition: 'aws, aws-cn or aws-us-gov (default: the partition of the configured MFA device, else aws)',
    profile: 'take the partition from this source profile only',
    variant: '"document" (default: as your document has it) or "current" (virtual MFA devices under any name, as AWS allows today)',
    examples: [
      'aws-mfa-tray policy > mfa-policy.json',
      'aws-mfa-tray policy --partition aws-us-gov --variant current',
      'aws iam create-policy --policy-name RequireMFA --policy-document file://mfa-policy.json',
    ],
    ok: 'the policy is on stdout',
    failed: 'the policy could not be written to stdout',
  },
  ja: {
    description: 'MFA を必須にする IAM ポリシーの JSON を出力する（利用者の文書どおり、パーティションに合わせて）',
    partition: 'aws・aws-cn・aws-us-gov（既定: 設定済みの MFA デバイスのパーティション、なければ aws）',
    profile: 'このソースプロファイルだけからパーティションを決める',
    variant: '"document"（既定: 文書どおり）または "current"（仮想 MFA デバイスに任意の名前を付けられる、現在の AWS の形）',
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
    const partition = opts.partition !== undefined ? parsePolicyPartition(opts.partition) : await ctx.localService().policyPartition(opts.profile);
    ctx.out(mfaPolicyJson({ partition, variant }));
  });
}
