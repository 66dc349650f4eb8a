/**
 * Every string of the popup and settings, in English and Japanese. Error sentences are not here:
 * each is written in both languages where the error is raised (a `Sentence` in main/core/errors.ts
 * and beside it). Errors from main arrive already in the UI language; errors of the renderer's own
 * validation (the core's validators, run here) are put into it by errorText().
 */
import { isUserError, messageFor, type ErrorCode } from '../main/core/errors';
import type { Locale } from '../main/core/i18n/locale';

export type { Locale };

const en = {
  popupTitle: 'AWS MFA',
  profileLabel: 'Profile',
  codeLabel: 'MFA code',
  codeHint: '6 digits from your authenticator app; the sixth digit sends the code.',
  signingIn: 'Getting a session…',
  ready: 'Profile {target} is ready until {time} ({left}).',
  closingSoon: 'This window closes in a few seconds; any key closes it now.',
  noProfileTitle: 'No profile is set up yet',
  noProfileBody: 'Add your AWS access keys and MFA device in Settings, then come back here.',
  openSettings: 'Open settings',
  settingsButton: 'Settings',
  sessionLeft: '{target}: {left} left',
  sessionExpired: '{target}: session expired',
  sessionNone: '{target}: no session yet',
  singleProfile: '{source} → {target}',
  codeIncomplete: 'The MFA code must be exactly 6 digits (0-9); type the code your MFA device shows.',
  closeHint: 'Esc to close',
  requestWaiting: '{asker} is waiting for this code until {time} (Esc cancels it).',
  clickToType: 'Windows kept the keyboard in the other window: click this window, then type the code.',
  requestEnding: 'The command stops waiting at {time}, in less than a minute: choose "Wait {minutes} more minutes" above the code field to keep it open.',
  extendRequest: 'Wait {minutes} more minutes',
  problemHeading: 'The settings cannot be read',
  revealSettings: 'Show the file in its folder',
  resetSettings: 'Reset the settings…',
  resetConfirm: 'Reset the settings? The current file is kept beside it as a backup, and your keys stay in the keychain; profiles must then be added again. ({file})',
  settingsReset: 'The settings were reset. The old file is kept as {backup}.',
  settingsRevealed: 'Opened the folder of {file}: fix or remove the file there, and this window follows.',
  hoursMinutes: '{h}h {m}m',
  minutesOnly: '{m}m',
  lessThanMinute: 'less than a minute',

  settingsTitle: 'aws-mfa-tray settings',
  profilesHeading: 'Profiles',
  noProfiles: 'No profile yet. Add one with your long-term IAM access key.',
  addProfile: 'Add profile',
  edit: 'Edit',
  remove: 'Remove',
  confirmRemove: 'Remove {source}? Its keys are deleted from the keychain.',
  keysStored: 'Keys in keychain: {masked}',
  noKeysStored: 'No keys stored',
  plaintextWarning: 'Plaintext keys are still in ~/.aws/credentials.',
  serialAuto: 'MFA device: found automatically',
  serialShown: 'MFA device: {serial}',
  writesTo: 'Writes session to [{target}]',
  importableHeading: 'Keys found in ~/.aws/credentials',
  importableBody: 'These profiles keep long-term keys in plaintext. Import moves them into the OS keychain and removes those lines from the file.',
  importButton: 'Import from ~/.aws/credentials',
  importOne: 'Import {source}',
  imported: 'Moved the keys of {source} into the keychain.',
  formAddHeading: 'Add profile',
  formEditHeading: 'Edit {source}',
  sourceLabel: 'Source profile',
  sourceHelp: 'The name of the profile that holds your long-term keys, e.g. default.',
  accessKeyLabel: 'Access key ID',
  accessKeyHelpKeep: 'Leave both key fields empty to keep the stored keys ({masked}).',
  accessKeyHelpNew: 'Starts with AKIA. Stored in the OS keychain, never in a file.',
  secretLabel: 'Secret access key',
  serialLabel: 'MFA device (serial or ARN)',
  serialHelp: 'Leave empty to look it up from ~/.aws/config or IAM when you log in.',
  discover: 'Discover',
  discovering: 'Looking up MFA devices…',
  discoverPick: 'Several MFA devices: choose one.',
  discoverNone: 'This IAM user has no MFA device.',
  discoverFound: 'Found {serial}.',
  u2fExplain: 'FIDO security key: AWS STS cannot take its codes.',
  deviceVirtual: 'virtual',
  deviceHardware: 'hardware TOTP',
  deviceU2f: 'FIDO',
  targetLabel: 'Target profile',
  targetHelp: 'The session is written to this profile; use it with --profile {target}.',
  durationLabel: 'Session duration',
  durationHours: 'hours',
  durationMinutes: 'minutes',
  durationHelp: 'From 15 minutes to 36 hours. Empty: {default}.',
  mfaProcessLabel: 'Code command (mfa_process)',
  mfaProcessHelp:
    'Optional: a command that prints the 6-digit code, run when a code is needed, e.g. ykman oath accounts code --single "AWS:alice" for a YubiKey. Empty: you type the code.',
  mfaProcessInConfig: '~/.aws/config already has one for this profile, and it is used first: {command}',
  mfaProcessToConfig: 'Also write it to ~/.aws/config',
  mfaProcessToConfigHelp: 'Only if you want aws-vault and other tools to use it too; the rest of the file stays as it is.',
  fieldMfaProcess: 'The code command must be one line of up to 1024 characters.',
  save: 'Save',
  cancel: 'Cancel',
  saved: 'Saved {source}.',
  removed: 'Removed {source}.',
  prefsHeading: 'Preferences',
  startAtLogin: 'Start at login',
  loginItemApprove: 'Switched off in System Settings › General › Login Items: tick this and save to open that page, then allow aws-mfa-tray there.',
  loginItemUnavailable: 'Only the installed app can start at login; a development run (npm start) cannot register itself.',
  warnBefore: 'Warn before a session expires',
  warnMinutes: 'minutes before',
  removeExpired: 'Remove expired sessions from ~/.aws/credentials',
  languageLabel: 'Language',
  langAuto: 'Automatic',
  langEn: 'English',
  langJa: '日本語',
  savePrefs: 'Save preferences',
  prefsSaved: 'Preferences saved.',
  discardPrefs: 'Close without saving the changed preferences?',
  warnInvalid: 'Enter a whole number of minutes from 0 to 720.',
  keysBothOrNeither: 'Give both the access key ID and the secret access key, or leave both empty.',
  discoverNeedsKeys: 'Save the profile with its keys first; then Discover can ask IAM.',
  sourceTaken: 'A profile named {source} is already configured.',
  fieldProfileName: 'The {what} must be 1 to 64 characters of letters, digits and . _ - + @ (no spaces, brackets, = or line breaks).',
  fieldSerial: 'The MFA serial must be a device ARN like arn:aws:iam::123456789012:mfa/alice (IAM console, Security credentials).',
  fieldDuration: 'The session duration must be from 15 minutes to 36 hours.',
  fieldAccessKey: 'The access key ID must be 20 characters starting with AKIA, as shown in the IAM console.',
  fieldSecret: 'The secret access key must be the 40-character secret shown once when the access key was created.',
  whatSource: 'source profile name',
  whatTarget: 'target profile name',
  trayHidden: 'Your desktop shows no tray icons, so aws-mfa-tray opens this window instead: start aws-mfa-tray again from the app menu to bring it back (on GNOME, the AppIndicator extension shows the icon).',
  endpointSquatter:
    'When this app started, another program was already listening at {address}, where commands ask it for codes, and could not prove it is this app: someone on this computer may be trying to answer your AWS commands, so aws-mfa-tray listens elsewhere and never trusts it; tell your administrator.',
};

export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  popupTitle: 'AWS MFA',
  profileLabel: 'プロファイル',
  codeLabel: 'MFA コード',
  codeHint: '認証アプリに表示される 6 桁の数字。6 桁目でコードを送信します。',
  signingIn: 'セッションを取得しています…',
  ready: 'プロファイル {target} は {time} まで使えます（残り {left}）。',
  closingSoon: 'このウィンドウは数秒後に閉じます。キーを押すとすぐに閉じます。',
  noProfileTitle: 'プロファイルがまだ設定されていません',
  noProfileBody: '設定で AWS のアクセスキーと MFA デバイスを登録してから、ここに戻ってください。',
  openSettings: '設定を開く',
  settingsButton: '設定',
  sessionLeft: '{target}: 残り {left}',
  sessionExpired: '{target}: セッションの有効期限切れ',
  sessionNone: '{target}: セッションはまだありません',
  singleProfile: '{source} → {target}',
  codeIncomplete: 'MFA コードは 6 桁の数字です。MFA デバイスに表示されているコードを入力してください。',
  closeHint: 'Esc で閉じる',
  requestWaiting: '{asker} がこのコードを {time} まで待っています（Esc で取り消し）。',
  clickToType: 'Windows がキーボードを別のウィンドウに残しました。このウィンドウをクリックしてからコードを入力してください。',
  requestEnding: 'コマンドは {time} に（1 分以内に）待つのをやめます。続けるには、コード欄の上にある「あと {minutes} 分待つ」を選んでください。',
  extendRequest: 'あと {minutes} 分待つ',
  problemHeading: '設定を読み込めません',
  revealSettings: 'ファイルをフォルダで表示',
  resetSettings: '設定をリセット…',
  resetConfirm: '設定をリセットしますか？今のファイルはバックアップとして同じフォルダに残り、キーはキーチェーンに残ります。プロファイルはもう一度追加してください。（{file}）',
  settingsReset: '設定をリセットしました。元のファイルは {backup} として残っています。',
  settingsRevealed: '{file} のフォルダを開きました。そこでファイルを直すか削除すると、このウィンドウに反映されます。',
  hoursMinutes: '{h}時間{m}分',
  minutesOnly: '{m}分',
  lessThanMinute: '1 分未満',

  settingsTitle: 'aws-mfa-tray の設定',
  profilesHeading: 'プロファイル',
  noProfiles: 'プロファイルはまだありません。IAM ユーザーの長期アクセスキーで追加してください。',
  addProfile: 'プロファイルを追加',
  edit: '編集',
  remove: '削除',
  confirmRemove: '{source} を削除しますか？キーチェーンのキーも削除されます。',
  keysStored: 'キーチェーンのキー: {masked}',
  noKeysStored: 'キーは保存されていません',
  plaintextWarning: '~/.aws/credentials に平文のキーが残っています。',
  serialAuto: 'MFA デバイス: 自動で検出',
  serialShown: 'MFA デバイス: {serial}',
  writesTo: 'セッションの書き込み先: [{target}]',
  importableHeading: '~/.aws/credentials にあるキー',
  importableBody: 'これらのプロファイルは長期キーを平文で保存しています。取り込むと OS のキーチェーンに移し、ファイルからその行を削除します。',
  importButton: '~/.aws/credentials から取り込む',
  importOne: '{source} を取り込む',
  imported: '{source} のキーをキーチェーンに移しました。',
  formAddHeading: 'プロファイルを追加',
  formEditHeading: '{source} を編集',
  sourceLabel: 'ソースプロファイル',
  sourceHelp: '長期キーを持つプロファイルの名前（例: default）。',
  accessKeyLabel: 'アクセスキー ID',
  accessKeyHelpKeep: '保存済みのキー（{masked}）を使い続けるには、キーの欄を両方とも空にしてください。',
  accessKeyHelpNew: 'AKIA で始まります。ファイルではなく OS のキーチェーンに保存されます。',
  secretLabel: 'シークレットアクセスキー',
  serialLabel: 'MFA デバイス（シリアルまたは ARN）',
  serialHelp: '空欄にすると、ログイン時に ~/.aws/config または IAM から調べます。',
  discover: '検出',
  discovering: 'MFA デバイスを調べています…',
  discoverPick: 'MFA デバイスが複数あります。使うものを選んでください。',
  discoverNone: 'この IAM ユーザーには MFA デバイスがありません。',
  discoverFound: '{serial} が見つかりました。',
  u2fExplain: 'FIDO セキュリティキー: AWS STS はこのコードを受け付けません。',
  deviceVirtual: '仮想',
  deviceHardware: 'ハードウェア TOTP',
  deviceU2f: 'FIDO',
  targetLabel: '書き込み先プロファイル',
  targetHelp: 'セッションはこのプロファイルに書き込まれます。--profile {target} で使えます。',
  durationLabel: 'セッションの長さ',
  durationHours: '時間',
  durationMinutes: '分',
  durationHelp: '15 分から 36 時間まで。空欄: {default}。',
  mfaProcessLabel: 'コードを出すコマンド（mfa_process）',
  mfaProcessHelp:
    '省略可: コードが必要なときに実行する、6 桁のコードを出力するコマンド（例: YubiKey なら ykman oath accounts code --single "AWS:alice"）。空欄ならコードを入力します。',
  mfaProcessInConfig: '~/.aws/config にこのプロファイルのコマンドがすでにあり、そちらが優先されます: {command}',
  mfaProcessToConfig: '~/.aws/config にも書き込む',
  mfaProcessToConfigHelp: 'aws-vault などほかのツールにも使わせたい場合だけ選んでください。ファイルのほかの部分はそのままです。',
  fieldMfaProcess: 'コードを出すコマンドは 1024 文字以内の 1 行にしてください。',
  save: '保存',
  cancel: 'キャンセル',
  saved: '{source} を保存しました。',
  removed: '{source} を削除しました。',
  prefsHeading: '環境設定',
  startAtLogin: 'ログイン時に起動',
  loginItemApprove: 'システム設定 › 一般 › ログイン項目 でオフになっています。チェックして保存するとその画面が開くので、aws-mfa-tray を許可してください。',
  loginItemUnavailable: 'ログイン時の起動はインストールしたアプリでのみ使えます。開発用の実行（npm start）では登録できません。',
  warnBefore: 'セッションの期限切れ前に通知',
  warnMinutes: '分前',
  removeExpired: '期限切れのセッションを ~/.aws/credentials から削除',
  languageLabel: '言語',
  langAuto: '自動',
  langEn: 'English',
  langJa: '日本語',
  savePrefs: '環境設定を保存',
  prefsSaved: '環境設定を保存しました。',
  discardPrefs: '変更した環境設定を保存せずに閉じますか？',
  warnInvalid: '0 から 720 までの整数（分）を入力してください。',
  keysBothOrNeither: 'アクセスキー ID とシークレットアクセスキーを両方入力するか、両方とも空にしてください。',
  discoverNeedsKeys: '先にキーを入力してプロファイルを保存してください。その後「検出」で IAM に問い合わせられます。',
  sourceTaken: '{source} という名前のプロファイルはすでに設定されています。',
  fieldProfileName: '{what}は英数字と . _ - + @ の 1〜64 文字にしてください（空白、括弧、=、改行は使えません）。',
  fieldSerial: 'MFA シリアルは arn:aws:iam::123456789012:mfa/alice のようなデバイス ARN です（IAM コンソールの「セキュリティ認証情報」）。',
  fieldDuration: 'セッションの長さは 15 分から 36 時間までです。',
  fieldAccessKey: 'アクセスキー ID は AKIA で始まる 20 文字です（IAM コンソールに表示されます）。',
  fieldSecret: 'シークレットアクセスキーは、アクセスキー作成時に一度だけ表示される 40 文字です。',
  whatSource: 'ソースプロファイル名',
  whatTarget: '書き込み先プロファイル名',
  trayHidden: 'このデスクトップにはトレイアイコンが表示されないため、aws-mfa-tray は代わりにこのウィンドウを開きます。もう一度開くには、アプリメニューから aws-mfa-tray を再度起動してください（GNOME では AppIndicator 拡張機能を有効にするとアイコンが表示されます）。',
  endpointSquatter:
    'このアプリの起動時、コマンドがコードを尋ねる {address} で別のプログラムがすでに待ち受けており、このアプリであることを証明できませんでした。このコンピューターの誰かが AWS コマンドに応答しようとしている可能性があるため、aws-mfa-tray は別の場所で待ち受け、それを信頼しません。管理者に知らせてください。',
};


let current: Locale = 'en';

export function setLocale(locale: Locale): void {
  current = locale;
  document.documentElement.lang = locale;
}

export function locale(): Locale {
  return current;
}

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const table = current === 'ja' ? ja : en;
  return table[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The sentence to show for an error that crossed IPC (already in the UI language) or came from client-side validation. */
export function errorText(error: { code: ErrorCode; message: string }): string {
  return isUserError(error) ? messageFor(error, current) : error.message;
}

/**
 * Fills static markup: data-i18n sets textContent, data-i18n-<attr> sets that attribute
 * (e.g. data-i18n-aria-label). Keeps the HTML readable in English before the state arrives.
 */
export function translateDom(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    for (const attr of el.getAttributeNames()) {
      if (!attr.startsWith('data-i18n')) continue;
      const key = el.getAttribute(attr) as MessageKey;
      if (!(key in en)) continue;
      if (attr === 'data-i18n') el.textContent = t(key);
      else el.setAttribute(attr.slice('data-i18n-'.length), t(key));
    }
  }
}

/** Exposed for a test that checks both tables have a sentence for everything. */
export const tables = { en, ja };
