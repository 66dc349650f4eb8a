/**
 * `npm run demo`: the whole flow without an AWS account. Starts the local STS/IAM emulator with a
 * demo IAM user, puts its keys in the keychain under a demo service name, points a demo credentials
 * file / config / settings folder (under .demo/, never your real ~/.aws) at it, starts the app and
 * prints the demo MFA code as it changes. `--no-app` skips Electron (try the CLI instead).
 *
 * Without a desktop keychain (a server, a container, CI) run it inside a private one:
 * `scripts/with-keyring.sh bash`, then in that shell `npm run demo -- --no-app &` and the printed
 * commands. That keyring lives only in that one D-Bus session, so the CLI must run in it too.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isUserError } from '../main/core/errors';
import { KeytarKeychain } from '../main/core/keychain';
import { FileSettingsStore, defaultSettings } from '../main/core/settings';
import { startEmulator } from '../test/emulator/index';

const root = path.resolve(__dirname, '..');
const demo = path.join(root, '.demo');
const SERVICE = 'aws-mfa-tray-demo';

async function main(): Promise<void> {
  const noApp = process.argv.includes('--no-app');
  rmSync(demo, { recursive: true, force: true });
  mkdirSync(path.join(demo, 'aws'), { recursive: true, mode: 0o700 });
  const emulator = await startEmulator();
  const user = emulator.addUser({ userName: 'demo-user' });
  const serial = user.devices[0]!.serial;
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
  writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, '# demo credentials file: the session lands in [demo-mfa]\n', { mode: 0o600 });
  writeFileSync(env.AWS_CONFIG_FILE!, '[profile demo]\nregion = us-east-1\n', { mode: 0o600 });
  const keychain = new KeytarKeychain(SERVICE);
  try {
    await keychain.set('demo', { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey });
  } catch (e) {
    // Nothing else may keep the process alive once the demo cannot go on.
    await emulator.stop();
    if (!isUserError(e) || (e.code !== 'KeychainUnavailable' && e.code !== 'KeychainLocked')) throw e;
    throw new Error(
      `${e.message}\nTo run the demo without a desktop keychain, start a shell with a private one and run everything in it:\n` +
        '  scripts/with-keyring.sh bash\n  npm run demo -- --no-app &\n' +
        'That keyring lives only in that one D-Bus session (it is gone when the shell ends), so use the CLI from that shell too.',
    );
  }
  new FileSettingsStore(env.AWS_MFA_TRAY_HOME!).write({
    ...defaultSettings,
    profiles: [{ sourceProfile: 'demo', target: 'demo-mfa', serial, durationSeconds: 3600 }],
    preferences: { ...defaultSettings.preferences, startAtLogin: false },
  });

  console.log(`Demo STS/IAM emulator: ${emulator.url}`);
  console.log(`Demo profile "demo" (keys in the keychain service "${SERVICE}"), MFA device ${serial}`);
  console.log(`Credentials file: ${env.AWS_SHARED_CREDENTIALS_FILE}`);
  console.log('Try the CLI in another terminal with the same environment:');
  for (const k of ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_MFA_TRAY_HOME', 'AWS_MFA_TRAY_KEYCHAIN_SERVICE', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_IAM']) {
    console.log(`  export ${k}=${env[k]}`);
  }
  console.log('  bin/aws-mfa-tray login demo --code <code>');

  let last = '';
  const tick = (): void => {
    const code = emulator.totp(serial);
    if (code !== last) console.log(`Demo MFA code now: ${code}`);
    last = code;
  };
  tick();
  const timer = setInterval(tick, 1000);

  const cleanup = async (): Promise<void> => {
    clearInterval(timer);
    await keychain.remove('demo').catch(() => false);
    await emulator.stop();
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(0)));
  process.on('SIGTERM', () => void cleanup().then(() => process.exit(0)));

  if (!noApp) {
    const electron = path.join(root, 'node_modules', '.bin', 'electron');
    const app = spawn(electron, [root], { env, stdio: 'inherit' });
    app.on('exit', (code) => {
      console.log(`The app exited (${code ?? 'signal'}); the emulator keeps running until Ctrl+C.`);
    });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
