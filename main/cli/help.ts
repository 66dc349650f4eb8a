/**
 * --help in the reader's language: commander's own headings translated, and after each command's
 * options the three things a newcomer looks for: an example, the environment it honours, and what
 * its exit codes mean (docs/cli.md is the full contract).
 */
import type { Command } from 'commander';
import type { Locale } from '../core/i18n/locale';
import { displayWidth, wrap } from './text-width';

type Bilingual = { en: string; ja: string };

const headings: Record<string, Bilingual> = {
  'Usage:': { en: 'Usage:', ja: '使い方:' },
  'Arguments:': { en: 'Arguments:', ja: '引数:' },
  'Options:': { en: 'Options:', ja: 'オプション:' },
  'Commands:': { en: 'Commands:', ja: 'コマンド:' },
  'Global Options:': { en: 'Global Options:', ja: '共通オプション:' },
};

const more = {
  examples: { en: 'Examples:', ja: '例:' },
  environment: { en: 'Environment:', ja: '環境変数:' },
  exitCodes: { en: 'Exit codes:', ja: '終了コード:' },
  helpOption: { en: 'show this help', ja: 'このヘルプを表示' },
  helpCommand: { en: 'show help for a command', ja: 'コマンドのヘルプを表示' },
  version: { en: 'print the version', ja: 'バージョンを表示' },
};

/** Environment variables, described once; commands list the names they honour. */
export const ENVIRONMENT: Record<string, Bilingual> = {
  AWS_SHARED_CREDENTIALS_FILE: { en: 'the credentials file (default ~/.aws/credentials)', ja: '認証情報ファイル（既定は ~/.aws/credentials）' },
  AWS_CONFIG_FILE: { en: 'the config file with mfa_serial, region, duration_seconds (default ~/.aws/config)', ja: 'mfa_serial・region・duration_seconds を読む設定ファイル（既定は ~/.aws/config）' },
  AWS_REGION: { en: 'region for STS and IAM (also AWS_DEFAULT_REGION; else the profile’s region, else us-east-1)', ja: 'STS と IAM のリージョン（AWS_DEFAULT_REGION も可。なければプロファイルの region、それもなければ us-east-1）' },
  AWS_ENDPOINT_URL: { en: 'endpoint for every service (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_IAM for one)', ja: '全サービスのエンドポイント（個別には AWS_ENDPOINT_URL_STS、AWS_ENDPOINT_URL_IAM）' },
  HTTPS_PROXY: {
    en: 'proxy for HTTPS, like http://user:password@proxy:8080 (also https_proxy; HTTP_PROXY for http endpoints; NO_PROXY: hosts and domains to reach directly)',
    ja: 'HTTPS 用プロキシ（例 http://user:password@proxy:8080。https_proxy も可。http のエンドポイントには HTTP_PROXY、直接つなぐホストとドメインは NO_PROXY）',
  },
  AWS_CA_BUNDLE: { en: 'extra CA certificates (PEM) to trust, e.g. your company proxy’s (also ca_bundle in the config)', ja: '追加で信頼する CA 証明書（PEM）。社内プロキシの CA など（設定ファイルの ca_bundle も可）' },
  AWS_USE_FIPS_ENDPOINT: {
    en: 'true: FIPS endpoints (also use_fips_endpoint; AWS_USE_DUALSTACK_ENDPOINT / use_dualstack_endpoint for dual-stack)',
    ja: 'true で FIPS エンドポイント（use_fips_endpoint も可。デュアルスタックは AWS_USE_DUALSTACK_ENDPOINT / use_dualstack_endpoint）',
  },
  AWS_MFA_TRAY_TIMEOUT_MS: { en: 'how long to wait for AWS, in milliseconds', ja: 'AWS の応答を待つ時間（ミリ秒）' },
  AWS_MFA_TRAY_HOME: { en: 'the settings folder (settings.json, sessions.json)', ja: '設定フォルダー（settings.json、sessions.json）' },
  LANG: { en: 'messages in Japanese when LC_ALL, LC_MESSAGES or LANG is ja* (the settings’ language wins)', ja: 'LC_ALL・LC_MESSAGES・LANG が ja* なら日本語で表示（設定の言語が優先）' },
};

export interface CommandHelp {
  examples: { en: string[]; ja: string[] };
  environment: string[];
  /** Exit code -> what it means for this command. */
  exitCodes: Record<0 | 1 | 2, Bilingual>;
}

const columns = (): number => process.stdout.columns || 80;

/** A titled list laid out as commander lays out options: terms in a column, descriptions wrapped beside them. */
function section(title: string, rows: [string, string][]): string {
  const termWidth = Math.max(...rows.map(([k]) => displayWidth(k)));
  const descWidth = Math.max(columns() - termWidth - 4, 30);
  const indent = ' '.repeat(termWidth + 4);
  const lines = rows.map(([k, v]) => {
    if (!v) return `  ${k}`;
    const [first, ...rest] = wrap(v, descWidth).split('\n');
    return [`  ${k}${' '.repeat(termWidth - displayWidth(k))}  ${first}`, ...rest.map((l) => indent + l)].join('\n');
  });
  return `${title}\n${lines.join('\n')}`;
}

/** The text after a command's options. */
export function helpAfter(help: CommandHelp, locale: Locale): string {
  const env = [...help.environment, 'LANG'];
  return [
    '',
    section(more.examples[locale], help.examples[locale].map((e) => [e, ''])),
    '',
    section(more.environment[locale], env.map((name) => [name, ENVIRONMENT[name]?.[locale] ?? ''])),
    '',
    section(more.exitCodes[locale], ([0, 1, 2] as const).map((c) => [String(c), help.exitCodes[c][locale]])),
  ].join('\n');
}

/** Applies the language to commander's own help texts; subcommands created afterwards inherit it. */
export function localizeHelp(program: Command, locale: Locale): void {
  program.configureHelp({
    styleTitle: (title) => headings[title]?.[locale] ?? title,
    displayWidth,
    boxWrap: (str, width) => wrap(str, width),
  });
  program.helpOption('-h, --help', more.helpOption[locale]);
  program.helpCommand('help [command]', more.helpCommand[locale]);
}

export const versionDescription = (locale: Locale): string => more.version[locale];

/** Adds the examples, environment and exit codes to a command's --help. */
export function withHelp(cmd: Command, help: CommandHelp, locale: Locale): Command {
  // Made when shown: wrapping it costs a login (which builds its command, never shows help) 3 ms.
  return cmd.addHelpText('after', () => helpAfter(help, locale));
}

/** Exit codes 1 and 2 mean the same for every command (docs/cli.md). */
export const FAILED: Bilingual = {
  en: 'the operation failed (AWS said no, keychain unavailable, file unusable, network); nothing was changed',
  ja: '処理に失敗した（AWS の拒否、キーチェーン・ファイル・ネットワークの問題）。何も変更していない',
};
export const BAD_USAGE: Bilingual = {
  en: 'bad usage or bad input; nothing was changed',
  ja: '使い方または入力の誤り。何も変更していない',
};

/** What every command says about itself, in each language. `failed`: exit 1's meaning, if not FAILED. */
export interface CommandTexts {
  description: string;
  examples: string[];
  ok: string;
  failed?: string;
}

/**
 * `parent.command(name)` with its description in the reader's language and, after its options in
 * --help, the examples, the environment it honours and its exit codes. The caller adds the
 * arguments, options and action.
 */
export function defineCommand(parent: Command, locale: Locale, spec: { name: string; text: { en: CommandTexts; ja: CommandTexts }; environment: string[] }): Command {
  const { en, ja } = spec.text;
  const failed = en.failed !== undefined && ja.failed !== undefined ? { en: en.failed, ja: ja.failed } : FAILED;
  const cmd = parent.command(spec.name).description(spec.text[locale].description);
  return withHelp(cmd, { examples: { en: en.examples, ja: ja.examples }, environment: spec.environment, exitCodes: { 0: { en: en.ok, ja: ja.ok }, 1: failed, 2: BAD_USAGE } }, locale);
}
