/**
 * Item 1 of issue 18: `aws-mfa-tray.AppImage status` (and credential_process pointing at the AppImage)
 * must run the CLI. electron-builder's AppRun adds --no-sandbox before the user's arguments when
 * `unshare -Ur` fails; the app must still see the command. Checked with the real AppRun script.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliArguments } from '../../main/app/cli-mode';
import { runAppImageLauncher } from './electron/appimage-launcher';

const BIN = '/tmp/.mount_aws-mfXXXX/aws-mfa-tray';

test('the real AppRun on a host without user namespaces puts --no-sandbox first; the command still reaches the CLI', () => {
  const run = runAppImageLauncher(['credential-process', 'mfa'], { userNamespaces: false });
  assert.deepEqual(run.args, ['--no-sandbox', 'credential-process', 'mfa'], run.stderr);
  assert.deepEqual(cliArguments([BIN, ...run.args], false), ['credential-process', 'mfa']);
});

test('the real AppRun where user namespaces work passes the arguments as given', () => {
  const run = runAppImageLauncher(['status', '--json'], { userNamespaces: true });
  // As root `unshare -Ur true` succeeds anyway; as a user it may not (then --no-sandbox comes first).
  const args = run.args[0] === '--no-sandbox' ? run.args.slice(1) : run.args;
  assert.deepEqual(args, ['status', '--json']);
  assert.deepEqual(cliArguments([BIN, ...run.args], false), ['status', '--json']);
});

test('the AppImage with no arguments (the desktop entry) still starts the tray, --no-sandbox or not', () => {
  const run = runAppImageLauncher([], { userNamespaces: false });
  assert.deepEqual(run.args, ['--no-sandbox']);
  assert.equal(cliArguments([BIN, ...run.args], false), null);
  assert.equal(cliArguments([BIN, '--no-sandbox', '%U'.replace('%U', '')].filter(Boolean), false), null);
});

test('launcher switches are skipped only at the front; a Chromium switch alone, or before nothing, is the GUI', () => {
  assert.deepEqual(cliArguments([BIN, '--no-sandbox', '--ozone-platform-hint=auto', 'keys', 'list'], false), ['keys', 'list']);
  assert.deepEqual(cliArguments([BIN, '--no-sandbox', '--help'], false), ['--help']);
  assert.equal(cliArguments([BIN, '--no-sandbox', '--enable-logging'], false), null);
  assert.equal(cliArguments([BIN, '--remote-debugging-port=9222', 'status'], false), null, 'not a launcher switch: never skipped to reach a command');
  assert.deepEqual(cliArguments(['electron', '--no-sandbox', '/app', 'status'], true), ['status']);
});
