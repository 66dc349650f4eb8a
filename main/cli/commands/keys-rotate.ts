/**
 * `keys rotate <profile> [--code <6 digits>] [--keep-old]`: a new access key through the MFA session,
 * the old one deleted (or deactivated). At most one MFA code: a valid session of the profile's
 * target is reused, else the code comes from --code or the usual sources (mfa_process, the tray app,
 * the terminal). The new secret goes to the keychain only: never stdout, stderr or a file.
 */
import type { Command } from 'commander';
import { UserError } from '../../core/errors';
import { rotate, type RotateResult } from '../../core/keys/rotate';
import { rotationDeps } from '../../core/keys/rotation-session';
import { KeytarKeychain } from '../../core/keychain';
import { renewLocked } from '../../core/renew/renewal';
import { maskAccessKeyId, validateCode, validateProfileName } from '../../core/validate';
import { pick, type CliContext } from '../context';
import { isYes, promptInterface } from '../confirm';
import { openControllingTerminal } from '../controlling-terminal';
import { defineCommand } from '../help';
import { cliKeyApi } from '../key-api';
import { renewalDeps } from '../renew-context';

const m = maskAccessKeyId;

const text = {
  en: {
    description: "replace <profile>'s access key with a new one through the MFA session; the old key is deleted (or deactivated)",
    profileArg: 'the source profile whose long-term keys are in the keychain, e.g. default',
    code: 'the 6-digit code from the MFA device, when there is no valid session to reuse (default: mfa_process, the tray app, or a prompt on the terminal)',
    keepOld: 'deactivate the old key instead of deleting it (it stays listed in IAM; delete it later)',
    checking: 'Created a new access key; checking that AWS accepts it (IAM can take a few seconds)…',
    rotated: (p: string, n: string, o: string, kept: boolean) =>
      `Rotated the access key of profile ${p}: ${n} is in the keychain and works; the old key ${o} was ${kept ? 'deactivated (delete it in IAM when nothing uses it)' : 'deleted'}.`,
    resumed: (p: string, n: string) => `Finished the interrupted rotation of profile ${p}: ${n} is in the keychain and works.`,
    sessions: (t: string) => `Your current session in profile ${t} stays valid until it expires (AWS cannot revoke temporary credentials); the next renewal uses the new key.`,
    confirm: (k: string) => `Delete the inactive access key ${k} to make room for the new one? [y/N] `,
    noCode: (p: string) =>
      `Give the 6-digit code from your MFA device with --code, e.g. "aws-mfa-tray keys rotate ${p} --code 123456" (there is no valid session to reuse, no mfa_process, no aws-mfa-tray app running and no terminal to ask on).`,
    examples: ['aws-mfa-tray keys rotate default', 'aws-mfa-tray keys rotate work --code 123456', 'aws-mfa-tray keys rotate default --keep-old'],
    ok: 'the new key is in the keychain and the old key is deleted (or deactivated)',
  },
  ja: {
    description: 'MFA セッションで <profile> のアクセスキーを新しいものに替え、古いキーを削除（または無効化）する',
    profileArg: '長期キーがキーチェーンにあるソースプロファイル（例: default）',
    code: '再利用できる有効なセッションがないときの MFA デバイスの 6 桁のコード（省略時: mfa_process、トレイアプリ、端末での入力の順）',
    keepOld: '古いキーを削除せずに無効化する（IAM には残るので後で削除する）',
    checking: '新しいアクセスキーを作成しました。AWS で使えるか確認しています（IAM では数秒かかることがあります）…',
    rotated: (p: string, n: string, o: string, kept: boolean) =>
      `プロファイル ${p} のアクセスキーをローテーションしました。${n} がキーチェーンにあり使えます。古いキー ${o} は${kept ? '無効化しました（使われなくなったら IAM で削除してください）' : '削除しました'}。`,
    resumed: (p: string, n: string) => `中断していたプロファイル ${p} のローテーションを完了しました。${n} がキーチェーンにあり使えます。`,
    sessions: (t: string) => `プロファイル ${t} の今のセッションは期限まで有効です（AWS では一時的な認証情報を取り消せません）。次の更新から新しいキーを使います。`,
    confirm: (k: string) => `新しいキーのために無効なアクセスキー ${k} を削除しますか？ [y/N] `,
    noCode: (p: string) =>
      `MFA デバイスの 6 桁のコードを --code で指定してください（例: "aws-mfa-tray keys rotate ${p} --code 123456"）。再利用できる有効なセッションも、mfa_process も、起動中の aws-mfa-tray アプリも、尋ねられる端末もありません。`,
    examples: ['aws-mfa-tray keys rotate default', 'aws-mfa-tray keys rotate work --code 123456', 'aws-mfa-tray keys rotate default --keep-old'],
    ok: '新しいキーがキーチェーンに入り、古いキーは削除（または無効化）された',
  },
};

/** y/N on the controlling terminal; false when there is none (nothing is deleted without a yes). */
async function confirmOnTerminal(question: string): Promise<boolean> {
  const tty = openControllingTerminal();
  if (!tty) return false;
  const rl = promptInterface({ input: tty.input, output: tty.output, terminal: true });
  try {
    return isYes(await rl.question(question));
  } finally {
    rl.close();
    tty.close();
  }
}

export function registerKeysRotate(keys: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const of = (l: typeof text.en | typeof text.ja) => ({ description: l.description, examples: l.examples, ok: l.ok });
  const cmd = defineCommand(keys, ctx.locale, {
    name: 'rotate',
    text: { en: of(text.en), ja: of(text.ja) },
    environment: ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_REGION', 'AWS_ENDPOINT_URL', 'HTTPS_PROXY', 'AWS_CA_BUNDLE', 'AWS_MFA_TRAY_TIMEOUT_MS', 'AWS_MFA_TRAY_HOME'],
  })
    .argument('<profile>', t.profileArg)
    .option('--code <digits>', t.code)
    .option('--keep-old', t.keepOld);
  cmd.action(async (profileArg: string, opts: { code?: string; keepOld?: boolean }) => {
    // Bad input is refused before the keychain, a file or AWS is touched.
    const profile = validateProfileName(profileArg);
    const code = opts.code === undefined ? undefined : validateCode(opts.code);
    const service = ctx.renewalService();
    const api = cliKeyApi(ctx.env);
    const renewal = renewalDeps(ctx, 'login');
    const deps = {
      ...rotationDeps({
        paths: ctx.paths,
        env: ctx.env,
        keychain: new KeytarKeychain(),
        settings: ctx.settings,
        service,
        api,
        renew: (req: { profile: string; target: string }) =>
          renewLocked({ ...req, asker: { command: 'login' } }, { ...renewal, none: () => new UserError({ en: text.en.noCode(profile), ja: text.ja.noCode(profile) }, 'NoCodeSource', 'usage') }),
      }),
      tell: (s: { en: string; ja: string }) => ctx.note(s[ctx.locale]),
      onStep: (step: string) => void (step === 'created' && ctx.note(t.checking)),
    };
    let r: RotateResult;
    try {
      try {
        r = await rotate(profile, { ...(code ? { code } : {}), keepOld: opts.keepOld ?? false }, deps);
      } catch (e) {
        // IAM's two keys: an inactive second key may go, if the person at the terminal says so.
        const second = e as UserError & { keyId?: string };
        if (second.code !== 'InactiveSecondKey' || !second.keyId || !(await confirmOnTerminal(t.confirm(m(second.keyId))))) throw e;
        r = await rotate(profile, { keepOld: opts.keepOld ?? false, deleteInactiveKeyId: second.keyId }, deps);
      }
    } finally {
      api.destroy();
      await service.flush();
    }
    ctx.out(r.resumed ? t.resumed(profile, m(r.newAccessKeyId)) : t.rotated(profile, m(r.newAccessKeyId), m(r.oldAccessKeyId), r.oldKey === 'deactivated'));
    ctx.out(t.sessions(service.targetFor(profile)));
  });
}
