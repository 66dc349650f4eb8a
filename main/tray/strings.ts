/** Tray menu and notification wording, English and Japanese. Countdown texts stay "7h 42m" in both. */
import type { Locale } from '../core/i18n/locale';

export type { Locale };
export { resolveLocale } from '../core/i18n/locale';

export interface TrayStrings {
  enterCode: string;
  renew: string;
  logIn: string;
  fromProfile(source: string): string;
  expiresAt(time: string): string;
  expiredAt(time: string): string;
  noProfiles: string;
  settings: string;
  startAtLogin: string;
  /** macOS: registered, waiting for the user's approval in System Settings. */
  startAtLoginApprove: string;
  /** macOS under `npm start`: the development build cannot register itself. */
  startAtLoginUnavailable: string;
  copyPolicy: string;
  copyPolicyFor: string;
  /** A profile's "Rotate access key…" (issue 20). */
  rotateKey: string;
  quit: string;
  /** A countdown line for a menu or tooltip; `text` is from core/countdown. */
  line(target: string, state: 'none' | 'active' | 'expiring-soon' | 'expired', text: string): string;
  /** A role profile chained off a target, with the target's countdown. */
  roleLine(profile: string, state: 'none' | 'active' | 'expiring-soon' | 'expired', text: string): string;
  openConsole(profile: string): string;
  warnTitle(target: string, minutes: number): string;
  warnBody: string;
  expiredTitle(target: string): string;
  expiredBody: string;
  loginOkTitle(target: string): string;
  loginOkBody(time: string): string;
  loginFailedTitle: string;
  policyCopied(partition: string): string;
  /** A command runs the profile's mfa_process without a terminal: say so (it may wait for a touch). */
  mfaProcessTitle(profile: string): string;
  mfaProcessBody: string;
  /** Tray tooltip and menu line: short, as Windows cuts a tooltip at 127 characters. */
  squatterNotice: string;
}

const en: TrayStrings = {
  enterCode: 'Enter MFA code…',
  renew: 'Renew…',
  logIn: 'Log in…',
  fromProfile: (s) => `Keys from profile ${s}`,
  expiresAt: (t) => `Expires at ${t}`,
  expiredAt: (t) => `Expired at ${t}`,
  noProfiles: 'No profile set up yet',
  settings: 'Settings…',
  startAtLogin: 'Start at login',
  startAtLoginApprove: 'Start at login (allow in System Settings…)',
  startAtLoginUnavailable: 'Start at login (installed app only)',
  copyPolicy: 'Copy MFA-enforcing IAM policy',
  copyPolicyFor: 'Copy IAM policy for this profile',
  rotateKey: 'Rotate access key…',
  quit: 'Quit',
  line: (target, state, text) =>
    state === 'none' ? `${target} — no session` : state === 'expired' ? `${target} — expired` : `${target} — ${text} left`,
  roleLine: (profile, state, text) =>
    state === 'none' || state === 'expired' ? `Role profile ${profile} — not usable` : `Role profile ${profile} — ${text} left`,
  openConsole: (profile) => `Open the AWS console as ${profile}`,
  warnTitle: (target, m) => `${target} session expires in ${m} minute${m === 1 ? '' : 's'}`,
  warnBody: 'Enter a new MFA code to keep working without interruption.',
  expiredTitle: (target) => `${target} session expired`,
  expiredBody: 'AWS commands using this profile will fail until you enter a new MFA code.',
  loginOkTitle: (target) => `${target} is ready`,
  loginOkBody: (t) => `Session valid until ${t}.`,
  loginFailedTitle: 'MFA login failed',
  policyCopied: (p) => `The IAM policy for the ${p} partition is on the clipboard.`,
  mfaProcessTitle: (p) => `Getting the MFA code for ${p}`,
  mfaProcessBody: 'Its mfa_process is running: touch your security key if it blinks.',
  squatterNotice: 'Another program held this app’s request pipe: tell your administrator',
};

const ja: TrayStrings = {
  enterCode: 'MFA コードを入力…',
  renew: '更新…',
  logIn: 'ログイン…',
  fromProfile: (s) => `キーのプロファイル: ${s}`,
  expiresAt: (t) => `有効期限 ${t}`,
  expiredAt: (t) => `${t} に期限切れ`,
  noProfiles: 'プロファイルが未設定です',
  settings: '設定…',
  startAtLogin: 'ログイン時に起動',
  startAtLoginApprove: 'ログイン時に起動（システム設定で許可…）',
  startAtLoginUnavailable: 'ログイン時に起動（インストール版のみ）',
  copyPolicy: 'MFA 必須の IAM ポリシーをコピー',
  copyPolicyFor: 'このプロファイル用の IAM ポリシーをコピー',
  rotateKey: 'アクセスキーをローテーション…',
  quit: '終了',
  line: (target, state, text) =>
    state === 'none' ? `${target} — セッションなし` : state === 'expired' ? `${target} — 期限切れ` : `${target} — 残り ${text}`,
  roleLine: (profile, state, text) =>
    state === 'none' || state === 'expired' ? `ロールプロファイル ${profile} — 使用不可` : `ロールプロファイル ${profile} — 残り ${text}`,
  openConsole: (profile) => `${profile} として AWS コンソールを開く`,
  warnTitle: (target, m) => `${target} のセッションはあと ${m} 分で期限切れです`,
  warnBody: '新しい MFA コードを入力すると、中断せずに作業を続けられます。',
  expiredTitle: (target) => `${target} のセッションが期限切れになりました`,
  expiredBody: '新しい MFA コードを入力するまで、このプロファイルの AWS コマンドは失敗します。',
  loginOkTitle: (target) => `${target} が使えます`,
  loginOkBody: (t) => `セッションは ${t} まで有効です。`,
  loginFailedTitle: 'MFA ログインに失敗しました',
  policyCopied: (p) => `${p} パーティション用の IAM ポリシーをクリップボードにコピーしました。`,
  mfaProcessTitle: (p) => `${p} の MFA コードを取得しています`,
  mfaProcessBody: 'mfa_process を実行中です。セキュリティキーが点滅したらタッチしてください。',
  squatterNotice: '別のプログラムがこのアプリの要求用パイプを使っていました。管理者に知らせてください',
};

export function trayStrings(locale: Locale): TrayStrings {
  return locale === 'ja' ? ja : en;
}

/** Local wall-clock time "18:42" for menus and notifications. */
export function formatClockTime(ms: number, locale: Locale): string {
  return new Date(ms).toLocaleTimeString(locale === 'ja' ? 'ja-JP' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}
