/** `status`: the sessions aws-mfa-tray wrote, with expiry and time left (docs/cli.md). */
import type { Command } from 'commander';
import { pick, type CliContext } from '../context';
import { formatStatusTable } from '../format';
import { defineCommand } from '../help';

const text = {
  en: {
    description: 'sessions written by aws-mfa-tray, with expiry and time left',
    json: 'print JSON: [{"profile","target","expiration","secondsLeft"}]',
    examples: ['aws-mfa-tray status', 'aws-mfa-tray status --json'],
    ok: 'listed (also when there are no sessions)',
  },
  ja: {
    description: 'aws-mfa-tray が書き込んだセッションと有効期限・残り時間',
    json: 'JSON で出力: [{"profile","target","expiration","secondsLeft"}]',
    examples: ['aws-mfa-tray status', 'aws-mfa-tray status --json'],
    ok: '一覧を表示した（セッションがなくても 0）',
  },
};

export function registerStatus(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const cmd = defineCommand(program, ctx.locale, { name: 'status', text, environment: ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_MFA_TRAY_HOME'] }).option('--json', t.json);
  cmd.action(async (opts: { json?: boolean }) => {
    const list = await ctx.localService().status();
    ctx.out(opts.json ? JSON.stringify(list) : formatStatusTable(list, ctx.locale));
  });
}
