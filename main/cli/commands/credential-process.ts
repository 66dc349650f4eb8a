/** `credential-process <target>`: the session as AWS credential_process JSON, Version 1 (docs/cli.md). */
import type { Command } from 'commander';
import { pick, type CliContext } from '../context';
import { BAD_USAGE, FAILED, withHelp } from '../help';

const text = {
  en: {
    description: 'print the session in <target> as AWS credential_process JSON (Version 1)',
    targetArg: 'the profile aws-mfa-tray wrote the session to, e.g. mfa',
    examples: ['aws-mfa-tray credential-process mfa', '# in ~/.aws/config:', '[profile work]', 'credential_process = aws-mfa-tray credential-process mfa'],
    ok: 'the JSON is on stdout (and nothing else)',
  },
  ja: {
    description: '<target> のセッションを AWS の credential_process 形式の JSON（Version 1）で出力する',
    targetArg: 'aws-mfa-tray がセッションを書き込んだプロファイル（例: mfa）',
    examples: ['aws-mfa-tray credential-process mfa', '# ~/.aws/config に:', '[profile work]', 'credential_process = aws-mfa-tray credential-process mfa'],
    ok: 'JSON を標準出力に出した（それ以外は出さない）',
  },
};

export function registerCredentialProcess(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const cmd = program.command('credential-process').argument('<target>', t.targetArg).description(t.description);
  withHelp(
    cmd,
    {
      examples: { en: text.en.examples, ja: text.ja.examples },
      environment: ['AWS_SHARED_CREDENTIALS_FILE'],
      exitCodes: { 0: { en: text.en.ok, ja: text.ja.ok }, 1: FAILED, 2: BAD_USAGE },
    },
    ctx.locale,
  );
  cmd.action(async (target: string) => {
    ctx.out(JSON.stringify(await ctx.localService().credentialProcess(target)));
  });
}
