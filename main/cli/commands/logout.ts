/** `logout <target>`: remove the session aws-mfa-tray wrote into <target>, every other byte kept (docs/cli.md). */
import type { Command } from 'commander';
import { pick, type CliContext } from '../context';
import { defineCommand } from '../help';

const text = {
  en: {
    description: 'remove the session aws-mfa-tray wrote into <target> (the rest of the file stays as it is)',
    targetArg: 'the profile holding the session, e.g. mfa',
    removed: (t: string) => `Removed the session from profile ${t}.`,
    none: (t: string) => `Profile ${t} holds no session; nothing was changed.`,
    examples: ['aws-mfa-tray logout mfa'],
    ok: 'the session is gone (or there was none)',
  },
  ja: {
    description: 'aws-mfa-tray が <target> に書き込んだセッションを削除する（ファイルのほかの部分はそのまま）',
    targetArg: 'セッションのあるプロファイル（例: mfa）',
    removed: (t: string) => `プロファイル ${t} のセッションを削除しました。`,
    none: (t: string) => `プロファイル ${t} にセッションはありません。何も変更していません。`,
    examples: ['aws-mfa-tray logout mfa'],
    ok: 'セッションを削除した（もともとなかった場合も 0）',
  },
};

export function registerLogout(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const cmd = defineCommand(program, ctx.locale, { name: 'logout', text, environment: ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_MFA_TRAY_HOME'] }).argument('<target>', t.targetArg);
  cmd.action(async (target: string) => {
    const outcome = await ctx.localService().logout(target);
    ctx.out(outcome === 'removed' ? t.removed(target) : t.none(target));
  });
}
