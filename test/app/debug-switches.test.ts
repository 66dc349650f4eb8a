/**
 * Item 12 of issue 18: the installed app refuses Chromium's and Node's debugging switches (a
 * DevTools port on 127.0.0.1 drives the app, and through the bridge sets an mfa_process). The built
 * main process against the Electron stand-in, packaged; `npm start` keeps them for development.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { refusedDebugSwitch } from '../../main/app/debug-switches';
import { appSuite, is, type MainProcess } from './harness';

const suite = appSuite();

function appBinary(platform: string, args: string[], packaged = true): Promise<MainProcess> {
  return suite.start({
    FAKE_ELECTRON_PLATFORM: platform,
    ...(packaged ? { FAKE_ELECTRON_PACKAGED: '1' } : {}),
    FAKE_ELECTRON_EXEC_PATH: '/opt/aws-mfa-tray/aws-mfa-tray',
    FAKE_ELECTRON_ARGS: JSON.stringify(args),
    FAKE_ELECTRON_OS_STATE: path.join(suite.w.home, 'os-state.json'),
  });
}

test('which switches are refused: the DevTools port and pipe, the Node inspector, in any spelling Chromium reads', () => {
  const bin = '/opt/aws-mfa-tray/aws-mfa-tray';
  for (const a of ['--remote-debugging-port=9222', '--remote-debugging-port', '-remote-debugging-port=0', '--remote-debugging-pipe', '--inspect', '--inspect=0', '--inspect-brk=9229', '--inspect-port=1', '--REMOTE-DEBUGGING-PORT=1']) {
    assert.ok(refusedDebugSwitch([bin, a], true, 'linux'), a);
  }
  assert.equal(refusedDebugSwitch(['aws-mfa-tray.exe', '/remote-debugging-port=9222'], true, 'win32'), '--remote-debugging-port', "Windows' / prefix");
  assert.equal(refusedDebugSwitch([bin, '/remote-debugging-port=9222'], true, 'linux'), null, 'a path on POSIX');
  assert.equal(refusedDebugSwitch([bin, '--no-sandbox', 'status'], true, 'linux'), null);
  assert.equal(refusedDebugSwitch([bin, 'exec', 'mfa', '--', 'node', '--inspect', 'app.js'], true, 'linux'), null, "exec's command keeps its own switches");
  assert.equal(refusedDebugSwitch(['electron', '--inspect=0', '--remote-debugging-port=0', '/app'], false, 'linux'), null, 'npm start and Playwright');
});

test('the installed app with --remote-debugging-port exits 2 with one sentence, before any window, tray or lock', { timeout: 90_000 }, async () => {
  for (const [platform, arg] of [
    ['linux', '--remote-debugging-port=9222'],
    ['darwin', '--remote-debugging-pipe'],
    ['win32', '--inspect=9229'],
  ] as const) {
    const p = await appBinary(platform, [arg]);
    assert.equal(await p.exited, 2, `${platform}: ${p.stderr}`);
    assert.equal(p.stderr.trim().split('\n').length, 1, p.stderr);
    assert.match(p.stderr, /does not start with --(remote-debugging-port|remote-debugging-pipe|inspect): it would let any program on this computer control the app/);
    for (const call of [is('Tray', 'new'), is('BrowserWindow', 'new'), is('app', 'requestSingleInstanceLock'), is('app', 'whenReady')]) {
      assert.ok(!p.calls.some(call), `${platform}: nothing of the GUI ran`);
    }
  }
});
