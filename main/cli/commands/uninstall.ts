/**
 * `uninstall [--dry-run] [--yes]`: lists what aws-mfa-tray put on this machine, then (after a yes)
 * removes it and nothing else (main/core/uninstall.ts). The command itself goes with npm.
 */
import * as os from 'node:os';
import type { Command } from 'commander';
import { maskAccessKeyId } from '../../core/validate';
import { applyUninstall, planIsEmpty, planUninstall, type UninstallPlan } from '../../core/uninstall';
import type { Locale } from '../../core/i18n/locale';
import { confirm } from '../confirm';
import { pick, type CliContext } from '../context';
import { defineCommand } from '../help';

const text = {
  en: {
    description: 'remove what aws-mfa-tray put on this machine (keychain entries, the sessions it wrote, its settings and cache folders, its login item), nothing else',
    dryRun: 'only list what would be removed',
    yes: 'do not ask (needed when there is no terminal)',
    would: 'aws-mfa-tray would remove:',
    will: 'aws-mfa-tray will remove:',
    nothing: 'aws-mfa-tray has left nothing on this machine to remove.',
    keys: (list: string) => `  keychain entries: ${list}`,
    keychainProblem: (why: string) => `  keychain entries: not looked at (${why})`,
    session: (t: string, f: string) => `  the session in [${t}] of ${f}`,
    folder: (p: string) => `  the settings folder ${p}`,
    files: (p: string, f: string) => `  in ${p}: ${f} (the rest of the folder stays)`,
    loginItem: (p: string) => `  the login item ${p}`,
    cache: (p: string) => `  the cache folder ${p} (compiled code and zone names; made again when needed)`,
    otherLoginItem: '  the login item on macOS and Windows: turn off "Start at login" in the app\'s settings before you remove the app',
    keeps: 'It keeps everything else: your credentials and config files apart from those sessions, and files it did not write.',
    onlyHere: (list: string) => `The keys of ${list} are only in the keychain and would be lost: "aws-mfa-tray keys export <profile>" writes them back into the credentials file first.`,
    question: 'Remove all of this?',
    needYes: 'Uninstalling needs a yes: run "aws-mfa-tray uninstall" in a terminal, or add --yes (see first what it removes with --dry-run).',
    done: 'Removed. Remove the command itself with "npm rm -g aws-mfa-tray" (or uninstall the app).',
    examples: ['aws-mfa-tray uninstall --dry-run', 'aws-mfa-tray uninstall', 'npm rm -g aws-mfa-tray'],
    ok: 'removed (or listed, with --dry-run; or you answered no)',
  },
  ja: {
    description: 'aws-mfa-tray がこのマシンに置いたもの（キーチェーンの項目、書き込んだセッション、設定フォルダーとキャッシュフォルダー、ログイン項目）を削除する。それ以外には触れない',
    dryRun: '削除するものの一覧だけを表示する',
    yes: '確認しない（端末がないときは必須）',
    would: 'aws-mfa-tray が削除するもの（--dry-run のため削除はしません）:',
    will: 'aws-mfa-tray が削除するもの:',
    nothing: 'aws-mfa-tray がこのマシンに残したものはありません。',
    keys: (list: string) => `  キーチェーンの項目: ${list}`,
    keychainProblem: (why: string) => `  キーチェーンの項目: 確認できませんでした（${why}）`,
    session: (t: string, f: string) => `  ${f} の [${t}] のセッション`,
    folder: (p: string) => `  設定フォルダー ${p}`,
    files: (p: string, f: string) => `  ${p} の中の ${f}（フォルダーのほかの部分は残す）`,
    loginItem: (p: string) => `  ログイン項目 ${p}`,
    cache: (p: string) => `  キャッシュフォルダー ${p}（コンパイル済みのコードとタイムゾーン名。必要になればまた作られます）`,
    otherLoginItem: '  macOS と Windows のログイン項目: アプリを削除する前に、アプリの設定で「ログイン時に起動」をオフにしてください',
    keeps: 'それ以外はすべて残します。認証情報ファイルと設定ファイルは上記のセッション以外そのまま、aws-mfa-tray が書いていないファイルもそのままです。',
    onlyHere: (list: string) => `${list} のキーはキーチェーンにしかなく、失われます。先に "aws-mfa-tray keys export <profile>" で認証情報ファイルへ書き戻せます。`,
    question: 'これらをすべて削除しますか？',
    needYes: 'アンインストールには確認が必要です。端末で "aws-mfa-tray uninstall" を実行するか、--yes を付けてください（削除するものは --dry-run で確認できます）。',
    done: '削除しました。コマンド自体は "npm rm -g aws-mfa-tray" で削除してください（アプリの場合はアプリをアンインストール）。',
    examples: ['aws-mfa-tray uninstall --dry-run', 'aws-mfa-tray uninstall', 'npm rm -g aws-mfa-tray'],
    ok: '削除した（--dry-run なら一覧を表示した。「いいえ」と答えたときは何もしていない）',
  },
};

function describe(plan: UninstallPlan, locale: Locale, platform: NodeJS.Platform): string[] {
  const t = text[locale];
  const lines: string[] = [];
  if (plan.keychain.length) lines.push(t.keys(plan.keychain.map((k) => `${k.profile} (${maskAccessKeyId(k.accessKeyId)})`).join(', ')));
  if (plan.keychainProblem) lines.push(t.keychainProblem(plan.keychainProblem[locale].replace(/[.\u3002]$/, '')));
  for (const s of plan.sessions) lines.push(t.session(s.target, s.file));
  if (plan.settingsDir?.whole) lines.push(t.folder(plan.settingsDir.path));
  else if (plan.settingsDir?.files.length) lines.push(t.files(plan.settingsDir.path, plan.settingsDir.files.join(', ')));
  if (plan.cacheDir) lines.push(t.cache(plan.cacheDir));
  if (plan.loginItem) lines.push(t.loginItem(plan.loginItem));
  if (platform === 'darwin' || platform === 'win32') lines.push(t.otherLoginItem);
  return lines;
}

export function registerUninstall(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const cmd = defineCommand(program, ctx.locale, { name: 'uninstall', text, environment: ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_MFA_TRAY_HOME'] }).option('--dry-run', t.dryRun).option('--yes', t.yes);
  cmd.action(async (opts: { dryRun?: boolean; yes?: boolean }) => {
    const u = { paths: ctx.paths, keychain: ctx.keychain(), env: ctx.env, home: os.homedir(), platform: process.platform };
    const plan = await planUninstall(u);
    if (planIsEmpty(plan) && !plan.keychainProblem) return ctx.out(t.nothing);
    ctx.out([opts.dryRun ? t.would : t.will, ...describe(plan, ctx.locale, process.platform), t.keeps].join('\n'));
    if (plan.onlyInKeychain.length) ctx.out(t.onlyHere(plan.onlyInKeychain.join(', ')));
    if (opts.dryRun) return;
    if (!(await confirm(t.question, { yes: opts.yes === true, locale: ctx.locale, needYes: { en: text.en.needYes, ja: text.ja.needYes }, note: (s) => ctx.note(s) }))) return;
    await applyUninstall(u, plan);
    ctx.out(t.done);
  });
}
