/**
 * `export <target> [--format env|fish|powershell|json|ini]`: the session of <target> for the
 * current shell (aws-vault's export, Granted's assume), renewed first exactly as credential-process
 * renews it; stdout carries only the output. The region is the target's, else its source profile's.
 */
import type { Command } from 'commander';
import { usageError } from '../../core/errors';
import { parentProgram } from '../../core/process-info';
import { sessionForTarget } from '../../core/renew/renewal';
import { regionForTarget } from '../../core/session-region';
import { pick, type CliContext } from '../context';
import { EXPORT_FORMATS, formatExport, type ExportFormat } from '../export-formats';
import { defineCommand } from '../help';
import { renewalDeps } from '../renew-context';

const text = {
  en: {
    description: 'print the session of <target> for the current shell (renewed first when needed), e.g. for eval "$(aws-mfa-tray export mfa)"',
    targetArg: 'the profile aws-mfa-tray writes the session to, e.g. mfa',
    format: 'env (sh, bash, zsh), fish, powershell, json (credential_process) or ini',
    badFormat: (f: string) => `There is no format "${f}"; give env, fish, powershell, json or ini, e.g. "aws-mfa-tray export mfa --format fish".`,
    examples: [
      'eval "$(aws-mfa-tray export mfa)"                              # bash, zsh',
      'aws-mfa-tray export mfa --format fish | source',
      'aws-mfa-tray export mfa --format powershell | Invoke-Expression',
    ],
    ok: 'the session is on stdout (AWS_CREDENTIAL_EXPIRATION says until when)',
  },
  ja: {
    description: '<target> のセッションを今のシェル用に出力する（必要なら先に更新）。例: eval "$(aws-mfa-tray export mfa)"',
    targetArg: 'aws-mfa-tray がセッションを書き込むプロファイル（例: mfa）',
    format: 'env（sh・bash・zsh）、fish、powershell、json（credential_process 形式）、ini のいずれか',
    badFormat: (f: string) => `"${f}" という形式はありません。env、fish、powershell、json、ini のいずれかを指定してください（例: "aws-mfa-tray export mfa --format fish"）。`,
    examples: [
      'eval "$(aws-mfa-tray export mfa)"                              # bash、zsh',
      'aws-mfa-tray export mfa --format fish | source',
      'aws-mfa-tray export mfa --format powershell | Invoke-Expression',
    ],
    ok: 'セッションを標準出力に出した（期限は AWS_CREDENTIAL_EXPIRATION）',
  },
};

export function registerExport(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const cmd = defineCommand(program, ctx.locale, { name: 'export', text, environment: ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_MFA_TRAY_HOME'] }).argument('<target>', t.targetArg).option('--format <format>', t.format, 'env');
  cmd.action(async (target: string, opts: { format: string }) => {
    if (!EXPORT_FORMATS.includes(opts.format as ExportFormat)) throw usageError({ en: text.en.badFormat(opts.format), ja: text.ja.badFormat(opts.format) });
    const creds = await sessionForTarget(
      target,
      () => {
        const name = parentProgram(process.platform, process.ppid);
        return name ? { command: 'export' as const, program: name } : { command: 'export' as const };
      },
      renewalDeps(ctx, 'export'),
    );
    const region = await regionForTarget(ctx.paths, target, ctx.settings, ctx.localService().sessionRecords());
    process.stdout.write(formatExport(opts.format as ExportFormat, target, creds, region));
  });
}
