/** `policy`: the users' MFA-enforcing IAM policy as JSON (docs/cli.md). */
import type { Command } from 'commander';
import { mfaPolicyJson } from '../../core/policy';
import { pick, type CliContext } from '../context';
import { BAD_USAGE, withHelp } from '../help';

const text = {
  en: {
    description: 'print the MFA-enforcing IAM policy JSON',
    examples: ['aws-mfa-tray policy > mfa-policy.json', 'aws iam create-policy --policy-name RequireMFA --policy-document file://mfa-policy.json'],
    ok: 'the policy is on stdout',
    failed: 'the policy could not be written to stdout',
  },
  ja: {
    description: 'MFA を必須にする IAM ポリシーの JSON を出力する',
    examples: ['aws-mfa-tray policy > mfa-policy.json', 'aws iam create-policy --policy-name RequireMFA --policy-document file://mfa-policy.json'],
    ok: 'ポリシーを標準出力に出した',
    failed: 'ポリシーを標準出力に書き出せなかった',
  },
};

export function registerPolicy(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const cmd = program.command('policy').description(t.description);
  withHelp(
    cmd,
    {
      examples: { en: text.en.examples, ja: text.ja.examples },
      environment: [],
      exitCodes: { 0: { en: text.en.ok, ja: text.ja.ok }, 1: { en: text.en.failed, ja: text.ja.failed }, 2: BAD_USAGE },
    },
    ctx.locale,
  );
  cmd.action(() => {
    ctx.out(mfaPolicyJson());
  });
}
