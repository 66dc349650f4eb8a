/**
 * The Japanese sentence for each kind of error (ErrorCode): what a Japanese reader sees when the
 * error at hand has no sentence of its own in ./messages.ts. One table for the CLI, the tray and
 * the renderer. English needs no such table: every error carries its own English sentence.
 */
import type { ErrorCode } from '../errors';

export const jaErrorSentences: Record<ErrorCode, string> = {
  BadInput: '入力内容に誤りがあります。項目を確認してからやり直してください。',
  InvalidCode: 'MFA コードが正しくありません。認証アプリに表示されている最新のコードを入力してください。',
  CodeReused: 'このコードは使用済みです。次のコードが表示されてから入力してください。',
  BadSerial: 'MFA デバイスのシリアル（ARN）が正しくありません。設定で確認してください。',
  U2fDevice:
    'これは FIDO セキュリティキーで、AWS STS はそのコードを受け付けません。IAM ユーザーに仮想または TOTP ハードウェア MFA デバイスを追加して、そちらを使ってください。',
  NoMfaDevice: 'この IAM ユーザーには MFA デバイスがありません。IAM コンソールで仮想 MFA デバイスを割り当ててください。',
  SeveralMfaDevices: 'MFA デバイスが複数あります。設定で使うデバイスを選んでください。',
  UnknownKey: 'AWS はこのアクセスキー ID を認識しません。設定で有効なアクセスキーを入力し直してください。',
  WrongSecret: 'シークレットアクセスキーが一致しません。設定でキーを入力し直してください。',
  SessionKeys: 'これは一時的なセッションキー（ASIA…）です。長期の IAM ユーザーキー（AKIA…）を入力してください。',
  ClockSkew: 'このコンピューターの時計がずれています。時刻を自動設定にしてからやり直してください。',
  Throttled: 'AWS へのリクエストが多すぎます。少し待ってからやり直してください。',
  Network: 'AWS に接続できません。ネットワーク接続を確認してからやり直してください。',
  Timeout: 'AWS から応答がありません。ネットワークを確認してからやり直してください。',
  AwsError: 'AWS がエラーを返しました。少し待ってからやり直してください。',
  AccessDenied: 'AWS がこの操作を拒否しました。IAM ポリシーで sts:GetSessionToken が許可されているか確認してください。',
  NoKeys: 'このプロファイルのアクセスキーがキーチェーンにありません。設定でキーを追加してください。',
  KeychainUnavailable: 'OS のキーチェーンを利用できません。ロックを解除してからやり直してください。',
  KeychainLocked: 'キーチェーンがロックされています。ログインキーリングのロックを解除してからやり直してください。',
  KeychainCorrupt: 'キーチェーンに保存されたキーを読み取れません。設定でキーを入力し直してください。',
  CredentialsFileUnusable: '~/.aws/credentials を読み書きできません。ファイルの権限と内容を確認してください。',
  ConfigFileUnusable: '~/.aws/config を読み取れません。ファイルの内容を確認してください。',
  SettingsUnusable: '設定ファイルを読み書きできません。設定フォルダーの権限を確認してください。',
  NoSession: 'このプロファイルのセッションがありません。MFA コードでログインしてください。',
  SessionExpired: 'セッションの有効期限が切れています。MFA コードでもう一度ログインしてください。',
  Busy: '別の処理を実行中です。終わってからやり直してください。',
  PartitionMismatch:
    'MFA デバイスのパーティション（aws / aws-cn / aws-us-gov）とリージョンが一致しません。プロファイルのリージョンかデバイスを見直してください。',
  ProxyUnreachable: 'プロキシに接続できません。HTTPS_PROXY（またはシステムのプロキシ設定）のアドレスを確認してください。',
  ProxyAuth: 'プロキシがユーザー名とパスワードを求めています。HTTPS_PROXY を http://ユーザー名:パスワード@ホスト:ポート の形で設定してください。',
  ProxyRefused: 'プロキシが AWS への接続を拒否しました。ネットワーク管理者に許可を依頼するか、直接つなぐ場合は NO_PROXY に追加してください。',
  CertificateUntrusted:
    '接続先の証明書を信頼できません。社内プロキシの証明書であれば、その CA 証明書（PEM）を AWS_CA_BUNDLE または ~/.aws/config の ca_bundle に指定してください。',
  HostNotFound: '接続先のホスト名が見つかりません（DNS）。リージョンとエンドポイントの設定、ネットワーク接続を確認してください。',
  NetworkConfig: 'ネットワーク設定（プロキシ、CA バンドル、FIPS、デュアルスタック）に誤りがあります。メッセージの設定を確認してください。',
};

/** For anything that is not a UserError (a bug): no stack, no secrets. */
export const unexpectedSentence = {
  en: 'Something unexpected went wrong; try again, and report it if it happens again.',
  ja: '予期しないエラーが起きました。もう一度試し、繰り返し起きる場合は報告してください。',
} as const;
