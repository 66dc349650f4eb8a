/**
 * The installed app binary is also the command line (#7 item 11): the deb links
 * /usr/bin/aws-mfa-tray to it, so `aws-mfa-tray status` and `credential_process` must get the CLI,
 * not a second tray. Runs the built app (dist/app.js) with the arguments Electron would pass,
 * against the Electron stand-in, over the real keychain, emulator and files.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { test } from 'node:test';
import { cliArguments } from '../../main/app/cli-mode';
import { runCli } from '../helpers/cli';
import { appSuite, is, type MainProcess, root } from './harness';

const suite = appSuite(undefined, (w) => w.storeKeys('default'));

async function appBinary(platform: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<MainProcess> {
  return suite.start({
    FAKE_ELECTRON_PLATFORM: platform,
    FAKE_ELECTRON_PACKAGED: '1',
    FAKE_ELECTRON_EXEC_PATH: '/opt/aws-mfa-tray/aws-mfa-tray',
    FAKE_ELECTRON_ARGS: JSON.stringify(args),
    FAKE_ELECTRON_OS_STATE: path.join(suite.w.home, 'os-state.json'),
    ...extra,
  });
}

test('which arguments are a command: after the binary (installed) or after the app folder (npm start); switches stay with the GUI', () => {
  assert.deepEqual(cliArguments(['/opt/aws-mfa-tray/aws-mfa-tray', 'status', '--json'], false), ['status', '--json']);
  assert.deepEqual(cliArguments(['/opt/aws-mfa-tray/aws-mfa-tray', 'credential-process', 'mfa'], false), ['credential-process', 'mfa']);
  assert.deepEqual(cliArguments(['aws-mfa-tray.exe', '--help'], false), ['--help']);
  assert.deepEqual(cliArguments(['aws-mfa-tray', '--version'], false), ['--version']);
  assert.equal(cliArguments(['/opt/aws-mfa-tray/aws-mfa-tray'], false), null, 'no arguments: the tray');
  assert.equal(cliArguments(['/opt/aws-mfa-tray/aws-mfa-tray', '--no-sandbox'], false), null, 'a Chromium switch: the tray');
  assert.equal(cliArguments(['electron', '.'], true), null, 'npm start');
  assert.equal(cliArguments(['electron', '--inspect=0', '--remote-debugging-port=0', '/app'], true), null, 'playwright _electron');
  assert.deepEqual(cliArguments(['electron', '.', 'status'], true), ['status']);
  assert.deepEqual(cliArguments(['electron', '--enable-logging', '/app', 'keys', 'list'], true), ['keys', 'list']);
});

test('the installed binary with a command runs the CLI and exits: no tray, no window, no lock', { timeout: 30_000 }, async () => {
  // A session to report, written by the CLI.
  const cli = await runCli(suite.w.env, ['login', 'default', '--code', suite.w.emulator.nextFreshCode(suite.w.user.devices[0]!.serial), '--target', 'mfa']);
  assert.equal(cli.code, 0, cli.stderr);

  const status = await appBinary('linux', ['status', '--json']);
  assert.equal(await status.exited, 0, status.stderr);
  assert.equal(status.reportedExit, 0, 'ended through app.exit');
  const rows = JSON.parse(status.stdout) as { target: string; secondsLeft: number }[];
  assert.deepEqual(
    rows.map((r) => r.target),
    ['mfa'],
  );
  assert.equal(status.stderr, '');
  for (const call of [is('Tray', 'new'), is('BrowserWindow', 'new'), is('app', 'requestSingleInstanceLock'), is('ipcMain', 'handle'), is('app', 'whenReady')]) {
    assert.ok(!status.calls.some(call), 'nothing of the GUI ran');
  }
  assert.ok(status.calls.some(is('app', 'exit', 0)));

  // credential_process = aws-mfa-tray credential-process mfa: stdout carries only the JSON.
  const proc = await appBinary('linux', ['credential-process', 'mfa']);
  assert.equal(await proc.exited, 0, proc.stderr);
  const creds = JSON.parse(proc.stdout) as { Version: number; AccessKeyId: string; SessionToken: string; Expiration: string };
  assert.equal(creds.Version, 1);
  assert.match(creds.AccessKeyId, /^ASIA/);
  assert.ok(creds.SessionToken.length > 20);
  assert.equal(proc.stderr, '');
});

test('the CLI from the app binary keeps its exit codes and one-sentence errors, on every OS', { timeout: 30_000 }, async () => {
  for (const platform of ['darwin', 'win32', 'linux']) {
    const bad = await appBinary(platform, ['login', 'default', '--code', '12ab']);
    assert.equal(await bad.exited, 2, `${platform}: bad input exits 2`);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr.trim().split('\n').length, 1, `${platform}: one sentence: ${bad.stderr}`);
    assert.ok(!bad.calls.some(is('Tray', 'new')));
  }
  const version = await appBinary('linux', ['--version']);
  assert.equal(await version.exited, 0);
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  assert.equal(version.stdout.trim(), pkg.version);
});

test('the deb puts the app binary on PATH under the CLI name the README documents', () => {
  // app-builder-lib's post-install script links /usr/bin/<executableName> to the binary in /opt.
  const require = createRequire(__filename);
  const tpl = readFileSync(path.join(path.dirname(require.resolve('app-builder-lib/package.json')), 'templates', 'linux', 'after-install.tpl'), 'utf8');
  assert.match(tpl, /ln -sf '\/opt\/\$\{sanitizedProductName\}\/\$\{executable\}' '\/usr\/bin\/\$\{executable\}'/);
  const yaml = require('js-yaml') as { load(s: string): unknown };
  const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { linux: { executableName: string } };
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.equal(config.linux.executableName, 'aws-mfa-tray');
  assert.ok('aws-mfa-tray' in pkg.bin, 'the same name as the npm CLI');
});
