/** `keys set|import|list|remove`: long-term keys in the OS keychain (docs/cli.md). */
import type { Command } from 'commander';
import { usageError } from '../../core/errors';
import { maskAccessKeyId, validateAccessKeyId, validateProfileName } from '../../core/validate';
import { pick, type CliContext } from '../context';
import { defineCommand } from '../help';
import { readSecretLine } from '../stdin';
import { KeyAgeStore, keyAges } from '../../core/keys/key-age';
import { formatKeyTable } from '../key-age-text';
import { registerKeysExport } from './keys-export';
import { registerKeysRotate } from './keys-rotate';

const text = {
  en: {
    keys: 'manage long-term keys in the keychain',
    set: 'store long-term keys for <profile>; the secret access key is typed (hidden) or read from the first line of stdin',
    import: "move [<profile>]'s long-term keys from the credentials file into the keychain",
    list: 'profiles that have keys in the keychain, with each key\'s creation date and age (never the secrets)',
    remove: "delete <profile>'s keys from the keychain",
    profileArg: 'the source profile name, e.g. default',
    accessKeyId: 'the access key ID (AKIA...)',
    json: 'print JSON: [{"profile","accessKeyId" (masked),"created","ageDays"}] (created: ISO 8601 UTC or null)',
    prompt: 'Secret access key (typing is hidden): ',
    needAccessKeyId: (p: string) => `Give the access key ID with --access-key-id, e.g. "aws-mfa-tray keys set ${p} --access-key-id AKIA..."; see "aws-mfa-tray keys set --help".`,
    needSecret: 'Give the secret access key as the first line of standard input, e.g. from your password manager, or type it at the prompt.',
    stored: (p: string, k: string) => `Stored the keys of profile ${p} (${k}) in the keychain.`,
    next: (p: string, t: string) => `Next: "aws-mfa-tray login ${p} --code <6 digits>", then use the session with AWS_PROFILE=${t} or --profile ${t}.`,
    nextAfterImport: (p: string, t: string) =>
      `Next: "aws-mfa-tray login ${p} --code <6 digits>", then use the session with AWS_PROFILE=${t} or --profile ${t} (plain aws commands no longer find keys under [${p}]).`,
    moved: (p: string, k: string) => `Moved the keys of profile ${p} (${k}) into the keychain and removed them from the credentials file.`,
    movedSame: (p: string, k: string) => `The keys of profile ${p} (${k}) were already in the keychain; removed the plaintext copy from the credentials file.`,
    movedReplaced: (p: string, old: string, k: string) =>
      `Replaced the keys of profile ${p} in the keychain (${old} before, ${k} now) and removed them from the credentials file.`,
    alreadyIn: (p: string, k: string) => `The keys of profile ${p} (${k}) are already in the keychain and none are left in the credentials file; nothing to import.`,
    none: 'No keys in the keychain yet; add some with "aws-mfa-tray keys set <profile> --access-key-id AKIA...".',
    noneFor: (p: string) => `There are no keys for profile ${p} in the keychain; "aws-mfa-tray keys list" shows the profiles that have some.`,
    removed: (p: string) => `Removed the keys of profile ${p} from the keychain.`,
    examples: {
      set: ['aws-mfa-tray keys set default --access-key-id AKIAIOSFODNN7EXAMPLE', 'pass show aws/default | aws-mfa-tray keys set default --access-key-id AKIAIOSFODNN7EXAMPLE'],
      import: ['aws-mfa-tray keys import default'],
      list: ['aws-mfa-tray keys list', 'aws-mfa-tray keys list --json'],
      remove: ['aws-mfa-tray keys remove default'],
    },
    ok: { set: 'the keys are stored', import: 'the keys are in the keychain and no longer in the file', list: 'listed', remove: 'the keys are removed' },
  },
  ja: {
    keys: 'キーチェーンの長期キーを管理する',
    set: '<profile> の長期キーを保存する。シークレットアクセスキーは入力（非表示）か標準入力の 1 行目から読む',
    import: '認証情報ファイルの [<profile>] の長期キーをキーチェーンに移す',
    list: 'キーチェーンにキーがあるプロファイルと、各キーの作成日・経過日数（シークレットは表示しない）',
    remove: '<profile> のキーをキーチェーンから削除する',
    profileArg: 'ソースプロファイル名（例: default）',
    accessKeyId: 'アクセスキー ID（AKIA...）',
    json: 'JSON で出力: [{"profile","accessKeyId"（マスク済み）,"created","ageDays"}]（created は ISO 8601 UTC または null）',
    prompt: 'シークレットアクセスキー（入力は表示されません）: ',
    needAccessKeyId: (p: string) => `アクセスキー ID を --access-key-id で指定してください（例: "aws-mfa-tray keys set ${p} --access-key-id AKIA..."）。"aws-mfa-tray keys set --help" を参照してください。`,
    needSecret: 'シークレットアクセスキーを標準入力の 1 行目で渡すか（パスワードマネージャーから等）、プロンプトで入力してください。',
    stored: (p: string, k: string) => `プロファイル ${p} のキー（${k}）をキーチェーンに保存しました。`,
    next: (p: string, t: string) => `次に "aws-mfa-tray login ${p} --code <6 桁>" を実行し、AWS_PROFILE=${t} または --profile ${t} でセッションを使ってください。`,
    nextAfterImport: (p: string, t: string) =>
      `次に "aws-mfa-tray login ${p} --code <6 桁>" を実行し、AWS_PROFILE=${t} または --profile ${t} でセッションを使ってください（[${p}] にキーがなくなったため、オプションなしの aws コマンドはキーを見つけられません）。`,
    moved: (p: string, k: string) => `プロファイル ${p} のキー（${k}）をキーチェーンに移し、認証情報ファイルから削除しました。`,
    movedSame: (p: string, k: string) => `プロファイル ${p} のキー（${k}）はすでにキーチェーンにありました。認証情報ファイルの平文のコピーを削除しました。`,
    movedReplaced: (p: string, old: string, k: string) =>
      `キーチェーンのプロファイル ${p} のキーを置き換え（以前は ${old}、今は ${k}）、認証情報ファイルから削除しました。`,
    alreadyIn: (p: string, k: string) => `プロファイル ${p} のキー（${k}）はすでにキーチェーンにあり、認証情報ファイルには残っていません。取り込むものはありません。`,
    none: 'キーチェーンにキーはまだありません。"aws-mfa-tray keys set <profile> --access-key-id AKIA..." で追加してください。',
    noneFor: (p: string) => `キーチェーンにプロファイル ${p} のキーはありません。"aws-mfa-tray keys list" でキーのあるプロファイルを確認できます。`,
    removed: (p: string) => `プロファイル ${p} のキーをキーチェーンから削除しました。`,
    examples: {
      set: ['aws-mfa-tray keys set default --access-key-id AKIAIOSFODNN7EXAMPLE', 'pass show aws/default | aws-mfa-tray keys set default --access-key-id AKIAIOSFODNN7EXAMPLE'],
      import: ['aws-mfa-tray keys import default'],
      list: ['aws-mfa-tray keys list', 'aws-mfa-tray keys list --json'],
      remove: ['aws-mfa-tray keys remove default'],
    },
    ok: { set: 'キーを保存した', import: 'キーがキーチェーンに入り、ファイルからは消えた', list: '一覧を表示した', remove: 'キーを削除した' },
  },
};

export function registerKeys(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const keys = program.command('keys').description(t.keys);
  const sub = (name: keyof typeof t.examples, environment: string[] = []) => {
    const of = (l: typeof text.en | typeof text.ja) => ({ description: l[name], examples: l.examples[name], ok: l.ok[name] });
    return defineCommand(keys, ctx.locale, { name, text: { en: of(text.en), ja: of(text.ja) }, environment });
  };

  sub('set').argument('<profile>', t.profileArg).option('--access-key-id <id>', t.accessKeyId).action(
    async (profile: string, opts: { accessKeyId?: string }) => {
      const svc = ctx.localService();
      // Everything on the command line is checked before the secret is asked for.
      validateProfileName(profile);
      if (opts.accessKeyId === undefined) throw usageError({ en: text.en.needAccessKeyId(profile), ja: text.ja.needAccessKeyId(profile) });
      validateAccessKeyId(opts.accessKeyId);
      const secret = await readSecretLine(process.stdin, process.stderr, t.prompt);
      if (secret === '') throw usageError({ en: text.en.needSecret, ja: text.ja.needSecret });
      await svc.setKeys(profile, opts.accessKeyId, secret);
      ctx.out(t.stored(profile, maskAccessKeyId(opts.accessKeyId)));
      ctx.out(t.next(profile, svc.targetFor(profile)));
    },
  );

  sub('import', ['AWS_SHARED_CREDENTIALS_FILE']).argument('<profile>', t.profileArg).action(
    async (profile: string) => {
      const svc = ctx.localService();
      const r = await svc.importKeys(profile);
      const masked = maskAccessKeyId(r.accessKeyId);
      if (r.outcome === 'already') ctx.out(t.alreadyIn(profile, masked));
      else if (r.outcome === 'same') ctx.out(t.movedSame(profile, masked));
      else if (r.outcome === 'replaced') ctx.out(t.movedReplaced(profile, maskAccessKeyId(r.previousAccessKeyId ?? ''), masked));
      else ctx.out(t.moved(profile, masked));
      ctx.out(t.nextAfterImport(profile, svc.targetFor(profile)));
    },
  );

  sub('list').option('--json', t.json).action(async (opts: { json?: boolean }) => {
    const ages = keyAges(await ctx.localService().listKeys(), new KeyAgeStore(ctx.paths.settingsDir), Date.now());
    if (opts.json) ctx.out(JSON.stringify(ages.map((k) => ({ profile: k.profile, accessKeyId: maskAccessKeyId(k.accessKeyId), created: k.created, ageDays: k.ageDays }))));
    else if (ages.length === 0) ctx.out(t.none);
    else ctx.out(formatKeyTable(ages, ctx.locale));
  });

  registerKeysRotate(keys, ctx);

  sub('remove').argument('<profile>', t.profileArg).action(async (profile: string) => {
    const removed = await ctx.localService().removeKeys(profile);
    if (!removed) throw usageError({ en: text.en.noneFor(profile), ja: text.ja.noneFor(profile) });
    ctx.out(t.removed(profile));
  });

  registerKeysExport(keys, ctx);
}
