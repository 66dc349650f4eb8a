/**
 * The CLI's side of renewal: the code sources in their one order (mfa_process, the running tray
 * app, the controlling terminal), what the user is told while mfa_process runs, and the sentence
 * when none of them is available. Built per command; nothing here loads the AWS SDK.
 */
import { readSourceProfileConfig } from '../core/aws-config';
import { UserError } from '../core/errors';
import type { Paths } from '../core/paths';
import { agentEndpoint } from '../core/renew/endpoint';
import type { CodeRequest, CodeSource } from '../core/renew/code-source';
import type { AskingCommand, Asker } from '../core/renew/protocol';
import type { RenewalDeps } from '../core/renew/renewal';
import { mfaProcessSource } from '../core/renew/sources/mfa-process';
import { terminalSource, type PromptLanguage } from '../core/renew/sources/terminal';
import { announceToApp, trayAppSource, type ReplyError } from '../core/renew/sources/tray-app';
import { openTerminal } from '../core/renew/sources/tty-input';
import type { MfaService } from '../core/session';
import type { SettingsStore } from '../core/settings';

/** Japanese when LC_ALL / LC_MESSAGES / LANG (first one set) is ja*, as for error sentences. */
export function promptLanguage(env: NodeJS.ProcessEnv): PromptLanguage {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ja/i.test(tag) ? 'ja' : 'en';
}

const JA_REPLIES: Partial<Record<string, string>> = {
  CodeCancelled: 'トレイで MFA コードの入力が取り消されました。もう一度コマンドを実行してください。',
  CodeTimeout: 'トレイで 5 分以内に MFA コードが入力されませんでした。もう一度コマンドを実行してください。',
};

function announceText(profile: string, lang: PromptLanguage): string {
  return lang === 'ja'
    ? `プロファイル ${profile} の MFA コードを mfa_process で取得しています（セキュリティキーが点滅したらタッチしてください）…\n`
    : `Getting the MFA code for profile ${profile} from its mfa_process (touch your security key if it blinks)…\n`;
}

export function noCodeSource(command: AskingCommand, req: CodeRequest): UserError {
  if (command === 'login') {
    return new UserError(
      `Give the MFA code with --code: profile ${req.profile} has no mfa_process, no aws-mfa-tray app is running and there is no terminal to ask on.`,
      'NoCodeSource',
      'usage',
    );
  }
  return new UserError(
    `Profile ${req.target} needs a new session and there is nowhere to ask for an MFA code: start the aws-mfa-tray app, set mfa_process for profile ${req.profile} in the AWS config file, or run "aws-mfa-tray login ${req.profile}" in a terminal.`,
    'NoCodeSource',
  );
}

export interface RenewContextOptions {
  paths: Paths;
  settings: SettingsStore;
  service(): MfaService;
  env: NodeJS.ProcessEnv;
  command: AskingCommand;
  /** Where the user is told things when there is no terminal (stderr, captured by credential_process callers). */
  stderr?: (s: string) => void;
}

export function codeSources(o: RenewContextOptions): CodeSource[] {
  const lang = promptLanguage(o.env);
  const endpoint = agentEndpoint(o.paths.settingsDir);
  const stderr = o.stderr ?? ((s: string) => void process.stderr.write(s));
  // Whatever would make the login fail is found before anyone touches a key or types a code.
  const keysFirst = (req: CodeRequest): Promise<void> => o.service().preflight(req.profile, req.target);
  const announce = async (profile: string, asker: Asker): Promise<void> => {
    const text = announceText(profile, lang);
    if (process.stderr.isTTY) return stderr(text);
    const tty = openTerminal();
    if (tty) {
      tty.write(text);
      tty.close();
      return;
    }
    if (!(await announceToApp(endpoint, profile, asker))) stderr(text);
  };
  return [
    mfaProcessSource({
      commandFor: async (profile) => (await readSourceProfileConfig(o.paths.configFile, o.paths.credentialsFile, profile)).mfaProcess,
      announce,
      beforeRun: keysFirst,
      env: o.env,
    }),
    trayAppSource(endpoint, (e: ReplyError) => (lang === 'ja' ? (JA_REPLIES[e.code] ?? e.message) : e.message)),
    terminalSource({ lang, beforePrompt: keysFirst }),
  ];
}

export function renewalDeps(o: RenewContextOptions): RenewalDeps {
  let sources: CodeSource[] | null = null;
  return {
    paths: o.paths,
    settings: o.settings,
    service: () => o.service(),
    sources: () => (sources ??= codeSources(o)),
    none: (req) => noCodeSource(o.command, req),
    warn: (m) => void (o.stderr ?? ((s: string) => process.stderr.write(s)))(`${m}\n`),
  };
}
