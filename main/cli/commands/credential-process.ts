/**
 * `credential-process <target>`: the session as AWS credential_process JSON, Version 1 (docs/cli.md),
 * and nothing else on stdout. A valid session is answered from the credentials file alone (no SDK,
 * no keychain); one that is missing, expired or has under 5 minutes left is renewed first through
 * the code sources: mfa_process, the tray app, the terminal.
 */
import type { Command } from 'commander';
import { parentProgram } from '../../core/process-info';
import { sessionForTarget } from '../../core/renew/renewal';
import { pick, type CliContext } from '../context';
import { defineCommand } from '../help';
import { renewalDeps } from '../renew-context';
import { selfCommandHere, selfCommandWithNodeHere } from '../self-command';

const text = {
  en: {
    description: 'print the session in <target> as AWS credential_process JSON (Version 1), renewed first when needed',
    targetArg: 'the profile aws-mfa-tray writes the session to, e.g. mfa',
    examples: (self: string, withNode: string | null) => [
      'aws-mfa-tray credential-process mfa',
      '# in ~/.aws/config (the full path: IDEs started from the desktop lack npm’s folder on their PATH):',
      '[profile work]',
      `credential_process = ${self} credential-process mfa`,
      ...(withNode ? ['# where the tool’s PATH lacks node too (Node from nvm, fnm or volta):', `credential_process = ${withNode} credential-process mfa`] : []),
    ],
    ok: 'the JSON is on stdout (and nothing else)',
  },
  ja: {
    description: '<target> のセッションを AWS の credential_process 形式の JSON（Version 1）で出力する（必要なら先に更新）',
    targetArg: 'aws-mfa-tray がセッションを書き込むプロファイル（例: mfa）',
    examples: (self: string, withNode: string | null) => [
      'aws-mfa-tray credential-process mfa',
      '# ~/.aws/config に（フルパスで。デスクトップから起動した IDE の PATH には npm のフォルダーがありません）:',
      '[profile work]',
      `credential_process = ${self} credential-process mfa`,
      ...(withNode ? ['# ツールの PATH に node もない場合（nvm・fnm・volta の Node）:', `credential_process = ${withNode} credential-process mfa`] : []),
    ],
    ok: 'JSON を標準出力に出した（それ以外は出さない）',
  },
};

export function registerCredentialProcess(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const self = selfCommandHere(ctx.env);
  const withNode = selfCommandWithNodeHere();
  // The examples give the line as this installation must write it (on Windows with .cmd, or the app's full path).
  const here = { en: { ...text.en, examples: text.en.examples(self, withNode) }, ja: { ...text.ja, examples: text.ja.examples(self, withNode) } };
  const environment = ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_MFA_TRAY_HOME'];
  const cmd = defineCommand(program, ctx.locale, { name: 'credential-process', text: here, environment }).argument('<target>', t.targetArg);
  cmd.action(async (target: string) => {
    const program = (): string | undefined => parentProgram(process.platform, process.ppid);
    const creds = await sessionForTarget(
      target,
      () => {
        const name = program();
        return name ? { command: 'credential-process', program: name } : { command: 'credential-process' };
      },
      renewalDeps(ctx, 'credential-process'),
    );
    ctx.out(JSON.stringify(creds));
  });
}
