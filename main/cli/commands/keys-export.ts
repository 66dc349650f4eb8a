/**
 * `keys export <profile> [--yes] [--keep-in-keychain]`: the undo of `keys import` (docs/cli.md).
 * Writes plaintext secrets, so it asks first on a terminal and needs --yes anywhere else.
 */
import type { Command } from 'commander';
import { exportKeys } from '../../core/keys-export';
import { maskAccessKeyId, validateProfileName } from '../../core/validate';
import { confirm } from '../confirm';
import { pick, type CliContext } from '../context';
import { defineCommand } from '../help';

const text = {
  en: {
    description: "the undo of import: write <profile>'s keys from the keychain back into the credentials file (in plaintext), then remove them from the keychain",
    profileArg: 'the source profile name, e.g. default',
    yes: 'do not ask (needed when there is no terminal)',
    keep: 'keep a copy in the keychain too',
    question: (p: string, f: string) => `Write the long-term keys of profile ${p} into ${f} in plaintext?`,
    needYes: (p: string) => `Writing plaintext keys needs a yes: run "aws-mfa-tray keys export ${p}" in a terminal, or add --yes.`,
    written: (p: string, k: string, f: string) => `Wrote the keys of profile ${p} (${k}) into [${p}] of ${f}.`,
    already: (p: string, k: string, f: string) => `[${p}] of ${f} already holds the keys of profile ${p} (${k}); the file was not changed.`,
    removed: 'Removed them from the keychain; plain aws commands find them in the file again.',
    kept: 'The keychain keeps a copy too.',
    examples: ['aws-mfa-tray keys export default', 'aws-mfa-tray keys export default --yes --keep-in-keychain'],
    ok: 'the keys are in the credentials file (or you answered no: nothing changed)',
  },
  ja: {
    description: 'import の取り消し: <profile> のキーをキーチェーンから認証情報ファイルへ（平文で）書き戻し、キーチェーンから削除する',
    profileArg: 'ソースプロファイル名（例: default）',
    yes: '確認しない（端末がないときは必須）',
    keep: 'キーチェーンにもコピーを残す',
    question: (p: string, f: string) => `プロファイル ${p} の長期キーを ${f} に平文で書き込みますか？`,
    needYes: (p: string) => `平文のキーを書き込むには確認が必要です。端末で "aws-mfa-tray keys export ${p}" を実行するか、--yes を付けてください。`,
    written: (p: string, k: string, f: string) => `プロファイル ${p} のキー（${k}）を ${f} の [${p}] に書き込みました。`,
    already: (p: string, k: string, f: string) => `${f} の [${p}] にはすでにプロファイル ${p} のキー（${k}）があります。ファイルは変更していません。`,
    removed: 'キーチェーンからは削除しました。オプションなしの aws コマンドは再びファイルのキーを使います。',
    kept: 'キーチェーンにもコピーが残っています。',
    examples: ['aws-mfa-tray keys export default', 'aws-mfa-tray keys export default --yes --keep-in-keychain'],
    ok: 'キーが認証情報ファイルにある（「いいえ」と答えたときは何も変更していない）',
  },
};

export function registerKeysExport(keys: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const cmd = defineCommand(keys, ctx.locale, { name: 'export', text, environment: ['AWS_SHARED_CREDENTIALS_FILE'] }).argument('<profile>', t.profileArg).option('--yes', t.yes).option('--keep-in-keychain', t.keep);
  cmd.action(async (profileName: string, opts: { yes?: boolean; keepInKeychain?: boolean }) => {
    const profile = validateProfileName(profileName);
    const file = ctx.paths.credentialsFile;
    const go = await confirm(t.question(profile, file), { yes: opts.yes === true, locale: ctx.locale, needYes: { en: text.en.needYes(profile), ja: text.ja.needYes(profile) }, note: (s) => ctx.note(s) });
    if (!go) return;
    const r = await exportKeys(ctx.keychain(), file, profile, { keepInKeychain: opts.keepInKeychain === true });
    const masked = maskAccessKeyId(r.accessKeyId);
    ctx.out(r.outcome === 'written' ? t.written(profile, masked, file) : t.already(profile, masked, file));
    ctx.out(r.removedFromKeychain ? t.removed : t.kept);
  });
}
