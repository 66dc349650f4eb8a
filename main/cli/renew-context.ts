/**
 * The CLI's side of renewal: the code sources in their one order (mfa_process, the running tray
 * app, the controlling terminal), what the user is told while mfa_process runs, and the sentence
 * when none of them is available. Nothing here loads the AWS SDK.
 */
import { messageFor, UserError } from '../core/errors';
import type { CodeRequest, CodeSource } from '../core/renew/code-source';
import { agentEndpoint } from '../core/renew/endpoint';
import type { AskingCommand, Asker } from '../core/renew/protocol';
import type { RenewalDeps } from '../core/renew/renewal';
import { mfaProcessFor, mfaProcessSource } from '../core/renew/sources/mfa-process';
import { terminalSource } from '../core/renew/sources/terminal';
import { announceToApp, trayAppSource } from '../core/renew/sources/tray-app';
import type { CliContext } from './context';
import { localTime } from './local-time';
import { openControllingTerminal, promptTerminal } from './controlling-terminal';

const text = {
  en: {
    announce: (p: string) => `Getting the MFA code for profile ${p} from its mfa_process (touch your security key if it blinks)…`,
    giveCode: (p: string) =>
      `Give the 6-digit code from your MFA device with --code, e.g. "aws-mfa-tray login ${p} --code 123456" (profile ${p} has no mfa_process, no aws-mfa-tray app is running and there is no terminal to ask on).`,
    nowhere: (t: string, p: string) =>
      `Profile ${t} needs a new session and there is nowhere to ask for an MFA code: start the aws-mfa-tray app, set mfa_process for profile ${p} in the AWS config file, or run "aws-mfa-tray login ${p}" in a terminal.`,
    stillValid: (t: string, exp: string) => `Until then the session in profile ${t} is used; it expires at ${exp}.`,
  },
  ja: {
    announce: (p: string) => `プロファイル ${p} の MFA コードを mfa_process で取得しています（セキュリティキーが点滅したらタッチしてください）…`,
    giveCode: (p: string) =>
      `MFA デバイスの 6 桁のコードを --code で指定してください（例: "aws-mfa-tray login ${p} --code 123456"）。プロファイル ${p} には mfa_process がなく、aws-mfa-tray アプリも起動しておらず、尋ねられる端末もありません。`,
    nowhere: (t: string, p: string) =>
      `プロファイル ${t} には新しいセッションが必要ですが、MFA コードを尋ねる方法がありません。aws-mfa-tray アプリを起動するか、AWS の設定ファイルでプロファイル ${p} に mfa_process を設定するか、端末で "aws-mfa-tray login ${p}" を実行してください。`,
    stillValid: (t: string, exp: string) => `それまではプロファイル ${t} の今のセッション（${exp} に期限切れ）を使います。`,
  },
};

export function noCodeSource(command: AskingCommand, req: CodeRequest): UserError {
  if (command === 'login') return new UserError({ en: text.en.giveCode(req.profile), ja: text.ja.giveCode(req.profile) }, 'NoCodeSource', 'usage');
  return new UserError({ en: text.en.nowhere(req.target, req.profile), ja: text.ja.nowhere(req.target, req.profile) }, 'NoCodeSource');
}

export function codeSources(ctx: CliContext): CodeSource[] {
  const endpoint = agentEndpoint(ctx.paths.settingsDir);
  // Whatever would make the login fail is found before anyone touches a key or types a code.
  const preflight = (req: CodeRequest): Promise<void> => ctx.renewalService().preflight(req.profile, req.target);
  const announce = async (profile: string, asker: Asker): Promise<void> => {
    const line = `${text[ctx.locale].announce(profile)}\n`;
    if (process.stderr.isTTY) return void process.stderr.write(line);
    const tty = openControllingTerminal();
    if (tty) {
      tty.output.write(line);
      tty.close();
      return;
    }
    // No terminal (an IDE, kubectl from a GUI): the tray says it; else stderr, where the caller may log it.
    if (!(await announceToApp(endpoint, profile, asker))) process.stderr.write(line);
  };
  return [
    mfaProcessSource({
      commandFor: (profile) => mfaProcessFor(ctx, profile),
      announce,
      beforeRun: preflight,
      env: ctx.env,
    }),
    trayAppSource(endpoint, (why) => ctx.note(why[ctx.locale])),
    terminalSource({ locale: ctx.locale, open: () => promptTerminal(), beforePrompt: preflight, describe: (e) => messageFor(e, ctx.locale) }),
  ];
}

export function renewalDeps(ctx: CliContext, command: AskingCommand): RenewalDeps {
  let sources: CodeSource[] | null = null;
  return {
    paths: ctx.paths,
    settings: ctx.settings,
    service: () => ctx.renewalService(),
    sources: () => (sources ??= codeSources(ctx)),
    none: (req) => noCodeSource(command, req),
    warnStale: (why, target, expiration) => ctx.note(`${messageFor(why, ctx.locale)} ${text[ctx.locale].stillValid(target, localTime(expiration, ctx.locale))}`),
  };
}
