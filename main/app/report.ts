/**
 * What the app says on stderr (the log a user or a bug report sees): one sentence, in the user's
 * language, never a secret (messageFor never includes key material).
 */
import { messageFor } from '../core/errors';
import type { Locale } from '../core/i18n/locale';

let locale: () => Locale = () => 'en';

/** The app's language, once settings and the system locale are known. */
export function setReportLocale(get: () => Locale): void {
  locale = get;
}

export function say(sentence: { en: string; ja: string }): void {
  console.error(`aws-mfa-tray: ${sentence[locale()]}`);
}

/** Background failures. */
export function report(e: unknown): void {
  console.error(`aws-mfa-tray: ${messageFor(e, locale())}`);
}

/** The app's own sentences (errors of the core carry theirs). */
export const appSentences = {
  settingsFolder: (dir: string, reason: string) => ({
    en: `Cannot use ${dir} as the settings folder (${reason}); point AWS_MFA_TRAY_HOME at a folder you can write, or unset it.`,
    ja: `${dir} を設定フォルダーとして使えません（${reason}）。AWS_MFA_TRAY_HOME に書き込めるフォルダーを指定するか、設定を外してください。`,
  }),
  notificationFailed: (title: string, reason: string) => ({
    en: `A notification could not be shown (${reason}); "${title}" is in the tray instead. Allow notifications for aws-mfa-tray in the system settings.`,
    ja: `通知を表示できませんでした（${reason}）。「${title}」はトレイに表示しています。システム設定で aws-mfa-tray の通知を許可してください。`,
  }),
  loginItemDevelopment: {
    en: 'Start at login works from the installed app; under npm start macOS would start Electron itself at login.',
    ja: 'ログイン時の起動はインストール版でのみ使えます。npm start で起動した場合、macOS は Electron 本体をログイン時に起動してしまいます。',
  },
};
