/**
 * `console <profile> [--destination <service|url>] [--print]`: the AWS console in the browser as
 * a role profile chained off an aws-mfa-tray session (the session is renewed first when needed).
 * The sign-in URL is a credential for 15 minutes: --print writes it to stdout only.
 */
import type { Command } from 'commander';
import { systemOpener, type BrowserOpener } from '../../core/browser-open';
import { consoleSigninUrl } from '../../core/console-signin';
import { sessionForTarget } from '../../core/renew/renewal';
import { sourceForTarget } from '../../core/targets';
import { consoleApi } from '../console-api';
import { pick, type CliContext } from '../context';
import { defineCommand } from '../help';
import { renewalDeps } from '../renew-context';

const text = {
  en: {
    description: 'open the AWS console in your browser as a role profile chained off the session (or print the sign-in URL)',
    profileArg: 'a profile with role_arn and source_profile leading to the session, e.g. admin',
    destination: 'the console page to open: a service such as s3 or ec2, or an https console URL (default: the console home)',
    print: 'print the sign-in URL (good for 15 minutes) instead of opening the browser',
    examples: ['aws-mfa-tray console admin', 'aws-mfa-tray console admin --destination s3', 'aws-mfa-tray console admin --print'],
    opened: (p: string, role: string) => `Opened the AWS console in your browser as profile ${p} (${role}).`,
    ok: 'the browser was asked to open the console, or the URL was printed',
  },
  ja: {
    description: 'セッションから連なるロールのプロファイルで AWS コンソールをブラウザーで開く（またはサインイン URL を出力する）',
    profileArg: 'role_arn と、セッションに至る source_profile を持つプロファイル（例: admin）',
    destination: '開くコンソールのページ: s3 や ec2 のようなサービス名、またはコンソールの https URL（既定: コンソールのホーム）',
    print: 'ブラウザーを開かずに、サインイン URL（15 分間有効）を出力する',
    examples: ['aws-mfa-tray console admin', 'aws-mfa-tray console admin --destination s3', 'aws-mfa-tray console admin --print'],
    opened: (p: string, role: string) => `プロファイル ${p}（${role}）として AWS コンソールをブラウザーで開きました。`,
    ok: 'ブラウザーにコンソールを開かせた、または URL を出力した',
  },
};

export function registerConsole(program: Command, ctx: CliContext, opener: BrowserOpener = systemOpener(ctx.env)): void {
  const t = pick(ctx.locale, text);
  const cmd = defineCommand(program, ctx.locale, { name: 'console', text, environment: ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_MFA_TRAY_HOME', 'BROWSER'] })
    .argument('<profile>', t.profileArg)
    .option('--destination <service|url>', t.destination)
    .option('--print', t.print);
  cmd.action(async (profile: string, opts: { destination?: string; print?: boolean }) => {
    const deps = renewalDeps(ctx, 'console');
    const svc = ctx.renewalService();
    await svc.flush();
    const records = svc.sessionRecords();
    const { url, roleArn } = await consoleSigninUrl(profile, opts.destination === undefined ? {} : { destination: opts.destination }, {
      paths: ctx.paths,
      env: ctx.env,
      isTarget: (p) => sourceForTarget(p, ctx.settings.read(), records) !== null,
      session: (target) => sessionForTarget(target, () => ({ command: 'console' }), deps),
      api: () => consoleApi(ctx.env),
    });
    if (opts.print) return void ctx.out(url);
    await opener.open(url);
    ctx.note(t.opened(profile, roleArn));
  });
}
