/** `login <profile>`: an MFA code -> a session written into the target profile (docs/cli.md). */
import type { Command } from 'commander';
import { validateProfileName } from '../../core/validate';
import { pick, type CliContext } from '../context';
import { localTime } from '../local-time';
import { codeFromStdin } from '../code-from-stdin';
import { loginWithoutCode } from './login-prompt';
import { defineCommand } from '../help';
import { learnKeyAge } from '../key-age-refresh';

const text = {
  en: {
    description: 'get an MFA session with the keys of <profile> and write it into the target profile',
    profileArg: 'the source profile whose long-term keys are in the keychain, e.g. default',
    code: 'the 6-digit code from the MFA device; "-" reads it from standard input, off the command line (default: mfa_process, the tray app, or a prompt on the terminal)',
    target: 'profile to write the session to (default: settings, else "mfa" for default and "<profile>-mfa" for others)',
    serial: 'MFA device ARN (default: settings, then mfa_serial in the config, then discovered)',
    duration: 'session length, 900-129600 seconds (default: settings, then duration_seconds, then 43200)',
    json: 'print JSON: {"profile","target","serial","expiration"}',
    ready: (t: string, exp: string, serial: string) => `Profile ${t} is ready until ${exp} (MFA device ${serial}): use --profile ${t} (or AWS_PROFILE=${t}).`,
    region: (r: string, t: string, f: string) => `Added region = ${r} (the source profile's) to [profile ${t}] in ${f}, so commands with --profile ${t} know the region.`,
    examples: ['aws-mfa-tray login default --code 123456', 'aws-mfa-tray login work --code 123456 --target work-mfa --duration 3600', 'AWS_PROFILE=mfa aws s3 ls'],
    ok: 'the session is in the target profile',
  },
  ja: {
    description: '<profile> のキーで MFA セッションを取得し、書き込み先プロファイルに書き込む',
    profileArg: '長期キーがキーチェーンにあるソースプロファイル（例: default）',
    code: 'MFA デバイスに表示される 6 桁のコード。"-" なら標準入力から読む（コマンドラインに残らない）（省略時: mfa_process、トレイアプリ、端末での入力の順）',
    target: 'セッションを書き込むプロファイル（既定: 設定、なければ default は "mfa"、それ以外は "<profile>-mfa"）',
    serial: 'MFA デバイスの ARN（既定: 設定、次に設定ファイルの mfa_serial、なければ自動検出）',
    duration: 'セッションの長さ、900〜129600 秒（既定: 設定、次に duration_seconds、なければ 43200）',
    json: 'JSON で出力: {"profile","target","serial","expiration"}',
    ready: (t: string, exp: string, serial: string) => `プロファイル ${t} は ${exp} まで使えます（MFA デバイス ${serial}）。--profile ${t}（または AWS_PROFILE=${t}）で使ってください。`,
    region: (r: string, t: string, f: string) => `${f} の [profile ${t}] にソースプロファイルのリージョン region = ${r} を追加しました。--profile ${t} のコマンドもリージョンがわかります。`,
    examples: ['aws-mfa-tray login default --code 123456', 'aws-mfa-tray login work --code 123456 --target work-mfa --duration 3600', 'AWS_PROFILE=mfa aws s3 ls'],
    ok: 'セッションを書き込み先プロファイルに書き込んだ',
  },
};

export function registerLogin(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const environment = ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_REGION', 'AWS_ENDPOINT_URL', 'HTTPS_PROXY', 'AWS_CA_BUNDLE', 'AWS_USE_FIPS_ENDPOINT', 'AWS_MFA_TRAY_TIMEOUT_MS', 'AWS_MFA_TRAY_HOME'];
  const cmd = defineCommand(program, ctx.locale, { name: 'login', text, environment })
    .argument('<profile>', t.profileArg)
    // Not a required option: commander would complain about it before a missing <profile>.
    .option('--code <digits>', t.code)
    .option('--target <name>', t.target)
    .option('--serial <arn>', t.serial)
    .option('--duration <seconds>', t.duration)
    .option('--json', t.json);
  cmd.action(async (profile: string, opts: { code?: string; target?: string; serial?: string; duration?: string; json?: boolean }) => {
    validateProfileName(profile);
    const req = { profile, target: opts.target, serial: opts.serial, durationSeconds: opts.duration };
    // Without --code the code comes from mfa_process, the tray app or a prompt on the terminal.
    const svc = opts.code === undefined ? ctx.renewalService() : ctx.awsService();
    let learning: Promise<void> = Promise.resolve();
    try {
      // `--code -`: from stdin, so a script's code never shows in `ps`.
      const code = opts.code === '-' ? await codeFromStdin(process.stdin, process.stderr, ctx.locale) : opts.code;
      const r = code === undefined ? await loginWithoutCode(req, ctx) : await svc.login({ ...req, code });
      // Started now, awaited last: the key's date, while the result is printed and the bookkeeping written.
      learning = learnKeyAge(ctx, r.profile, r.target);
      if (opts.json) ctx.out(JSON.stringify({ profile: r.profile, target: r.target, serial: r.serial, expiration: r.expiration }));
      else ctx.out(t.ready(r.target, localTime(r.expiration, ctx.locale), r.serial));
      // Said once: the next login finds the region there.
      if (r.regionAdded) {
        const said = t.region(r.regionAdded, r.target, ctx.paths.configFile);
        if (opts.json) ctx.note(said);
        else ctx.out(said);
      }
    } finally {
      await svc.flush();
      await learning;
    }
  });
}
