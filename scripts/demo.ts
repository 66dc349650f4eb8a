/**
 * `npm run demo`: the whole flow without an AWS account. Starts the local STS/IAM emulator with a
 * demo IAM user, puts its keys in the keychain under a demo service name, points a demo credentials
 * file / config / settings folder (under .demo/, never your real ~/.aws) at it, starts the app (as
 * `npm start` does, with its one sentence where Electron is missing) and prints the demo MFA code
 * once; `npm run demo:code` (or Enter, in the demo's terminal) shows the current one. A second
 * profile holds the same keys in plaintext, to try `keys import`. `--no-app` skips Electron.
 * In Japanese under LANG=ja* (as the CLI).
 *
 * Without a desktop keychain (a server, a container, CI) run it inside a private one:
 * `scripts/with-keyring.sh bash`, then in that shell `npm run demo -- --no-app &` and the printed
 * commands. That keyring lives only in that one D-Bus session, so the CLI must run in it too.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isUserError } from '../main/core/errors';
import { resolveLocale, systemLocaleFromEnv } from '../main/core/i18n/locale';
import { inForeground } from '../main/core/process-info';
import { KeytarKeychain } from '../main/core/keychain';
import { FileSettingsStore, defaultSettings } from '../main/core/settings';
import { startEmulator } from '../test/emulator/index';

const root = path.resolve(__dirname, '..');
const demo = path.join(root, '.demo');
const SERVICE = 'aws-mfa-tray-demo';
const SEED_FILE = path.join(demo, 'mfa-seed');
const locale = resolveLocale(undefined, systemLocaleFromEnv(process.env));
// Enter shows the code only in a terminal's foreground: a background job that reads it is stopped (SIGTTIN).
const interactive = Boolean(process.stdin.isTTY) && inForeground(process.platform, process.pid);

const text = {
  en: {
    emulator: (u: string) => `Demo STS/IAM emulator: ${u}`,
    profile: (s: string, d: string) => `Demo profile "demo" (keys in the keychain service "${s}"), MFA device ${d}`,
    plain: 'Profile "demo-plain" holds the same keys in plaintext in the credentials file, to try "keys import".',
    credentials: (f: string) => `Credentials file: ${f}`,
    env: 'Try the CLI in another terminal with the same environment (AWS_MFA_TRAY_KEYCHAIN_SERVICE keeps the demo keys apart from yours):',
    code: (c: string) => `Demo MFA code: ${c} (it changes every 30 s: "npm run demo:code" shows the current one${interactive ? ', or press Enter here' : ''})`,
    now: (c: string) => `Demo MFA code now: ${c}`,
    appExited: (c: string) => `The app exited (${c}); the emulator keeps running until Ctrl+C.`,
    headless:
      'To run the demo without a desktop keychain, start a shell with a private one and run everything in it:\n' +
      '  scripts/with-keyring.sh bash\n  npm run demo -- --no-app &\n' +
      'That keyring lives only in that one D-Bus session (it is gone when the shell ends), so use the CLI from that shell too.',
  },
  ja: {
    emulator: (u: string) => `デモ用の STS/IAM エミュレーター: ${u}`,
    profile: (s: string, d: string) => `デモのプロファイル "demo"（キーはキーチェーンのサービス "${s}" に）、MFA デバイス ${d}`,
    plain: 'プロファイル "demo-plain" の同じキーは認証情報ファイルに平文で置いてあります。"keys import" を試せます。',
    credentials: (f: string) => `認証情報ファイル: ${f}`,
    env: '別の端末で同じ環境変数を設定して CLI を試してください（AWS_MFA_TRAY_KEYCHAIN_SERVICE でデモのキーをあなたのキーと分けます）:',
    code: (c: string) => `デモの MFA コード: ${c}（30 秒ごとに変わります。今のコードは "npm run demo:code" で${interactive ? '、またはここで Enter を押すと' : ''}表示します）`,
    now: (c: string) => `今のデモの MFA コード: ${c}`,
    appExited: (c: string) => `アプリが終了しました（${c}）。エミュレーターは Ctrl+C まで動き続けます。`,
    headless:
      'デスクトップのキーチェーンがない環境でデモを動かすには、専用のキーチェーンを持つシェルを起動し、その中ですべて実行してください:\n' +
      '  scripts/with-keyring.sh bash\n  npm run demo -- --no-app &\n' +
      'そのキーリングはその D-Bus セッションの中だけにあり（シェルを終えると消えます）、CLI もそのシェルから使ってください。',
  },
}[locale];

async function main(): Promise<void> {
  const noApp = process.argv.includes('--no-app');
  rmSync(demo, { recursive: true, force: true });
  mkdirSync(path.join(demo, 'aws'), { recursive: true, mode: 0o700 });
  const emulator = await startEmulator();
  const user = emulator.addUser({ userName: 'demo-user' });
  const device = user.devices[0]!;
  const serial = device.serial;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_SHARED_CREDENTIALS_FILE: path.join(demo, 'aws', 'credentials'),
    AWS_CONFIG_FILE: path.join(demo, 'aws', 'config'),
    AWS_MFA_TRAY_HOME: path.join(demo, 'settings'),
    AWS_MFA_TRAY_KEYCHAIN_SERVICE: SERVICE,
    AWS_ENDPOINT_URL_STS: emulator.url,
    AWS_ENDPOINT_URL_IAM: emulator.url,
    AWS_REGION: 'us-east-1',
  };
  writeFileSync(
    env.AWS_SHARED_CREDENTIALS_FILE!,
    `# demo credentials file: the session of "demo" lands in [demo-mfa]\n[demo-plain]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
    { mode: 0o600 },
  );
  writeFileSync(env.AWS_CONFIG_FILE!, `[profile demo]\nregion = us-east-1\n\n[profile demo-plain]\nregion = us-east-1\nmfa_serial = ${serial}\n`, { mode: 0o600 });
  // What an authenticator app would hold; `npm run demo:code` computes the current code from it.
  writeFileSync(SEED_FILE, `${device.seedBase32}\n`, { mode: 0o600 });
  const keychain = new KeytarKeychain(SERVICE);
  try {
    await keychain.set('demo', { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey });
  } catch (e) {
    // Nothing else may keep the process alive once the demo cannot go on.
    await emulator.stop();
    if (!isUserError(e) || (e.code !== 'KeychainUnavailable' && e.code !== 'KeychainLocked')) throw e;
    throw new Error(`${locale === 'ja' ? e.ja : e.message}\n${text.headless}`);
  }
  new FileSettingsStore(env.AWS_MFA_TRAY_HOME!).write({
    ...defaultSettings,
    profiles: [{ sourceProfile: 'demo', target: 'demo-mfa', serial, durationSeconds: 3600 }],
    preferences: { ...defaultSettings.preferences, startAtLogin: false },
  });

  console.log(text.emulator(emulator.url));
  console.log(text.profile(SERVICE, serial));
  console.log(text.plain);
  console.log(text.credentials(env.AWS_SHARED_CREDENTIALS_FILE!));
  console.log(text.env);
  for (const k of ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_MFA_TRAY_HOME', 'AWS_MFA_TRAY_KEYCHAIN_SERVICE', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_IAM']) {
    console.log(`  export ${k}=${env[k]}`);
  }
  console.log('  bin/aws-mfa-tray login demo --code "$(npm run -s demo:code)"');
  console.log('  bin/aws-mfa-tray keys import demo-plain');
  console.log(text.code(emulator.totp(serial)));
  // On request only: a code printed every 30 s would land in the middle of what the user types.
  if (interactive) process.stdin.on('data', () => console.log(text.now(emulator.totp(serial))));

  const cleanup = async (): Promise<void> => {
    for (const p of ['demo', 'demo-plain']) await keychain.remove(p).catch(() => false);
    await emulator.stop();
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(0)));
  process.on('SIGTERM', () => void cleanup().then(() => process.exit(0)));

  if (!noApp) {
    // npm start's own launcher: where Electron's binary cannot be fetched it says so in one sentence.
    const app = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    app.on('exit', (code) => console.log(text.appExited(String(code ?? 'signal'))));
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
