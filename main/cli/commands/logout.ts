/** `logout <target>`: remove the session aws-mfa-tray wrote into <target>, every other byte kept (docs/cli.md). */
import type { Command } from 'commander';
import { UserError } from '../../core/errors';
import { pick, type CliContext } from '../context';
import { defineCommand } from '../help';

const text = {
  en: {
    description: 'remove the session aws-mfa-tray wrote into <target> (the rest of the file stays as it is)',
    targetArg: 'the profile holding the session, e.g. mfa',
    removed: (t: string) => `Removed the session from profile ${t}.`,
    none: (t: string) => `Profile ${t} holds no session, so there was nothing to log out of; "aws-mfa-tray status" lists the sessions there are.`,
    examples: ['aws-mfa-tray logout mfa'],
    ok: 'the session is gone',
    failed: 'there was no session in <target>, or the file could not be changed; nothing was changed',
  },
  ja: {
    description: 'aws-mfa-tray が <target> に書き込んだセッションを削除する（ファイルのほかの部分はそのまま）',
    targetArg: 'セッションのあるプロファイル（例: mfa）',
    removed: (t: string) => `プロファイル ${t} のセッションを削除しました。`,
    none: (t: string) => `プロファイル ${t} にセッションがないため、ログアウトするものはありません。セッションの一覧は "aws-mfa-tray status" で確認できます。`,
    examples: ['aws-mfa-tray logout mfa'],
    ok: 'セッションを削除した',
    failed: '<target> にセッションがなかった、またはファイルを変更できなかった。何も変更していない',
  },
};

export function registerLogout(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const cmd = defineCommand(program, ctx.locale, { name: 'logout', text, environment: ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_MFA_TRAY_HOME'] }).argument('<target>', t.targetArg);
  cmd.action(async (target: string) => {
    const outcome = await ctx.localService().logout(target);
    // Nothing to log out of is a failure a script should see (exit 1): usually a typo in the target.
    if (outcome === 'none') throw new UserError({ en: text.en.none(target), ja: text.ja.none(target) }, 'NoSession');
    ctx.out(t.removed(target));
  });
}
