/**
 * Process-level start-up and exit of the built app against the Electron stand-in: the settings
 * folder from AWS_MFA_TRAY_HOME (created, set as userData, then the single-instance lock, which
 * Electron scopes to userData), and every exit path flushing sessions.json.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { appSuite, dist, is, type MainProcess } from './harness';
import { assertMode } from '../helpers/platform';

const suite = appSuite((w) => ({ XDG_CONFIG_HOME: path.join(w.home, '.config'), FAKE_ELECTRON_OS_STATE: path.join(w.home, 'os-state.json') }));
const start = (platform: string, extraEnv: NodeJS.ProcessEnv = {}) => suite.start({ FAKE_ELECTRON_PLATFORM: platform, ...extraEnv });

async function quit(app: MainProcess): Promise<void> {
  await app.command({ cmd: 'quit' });
  await app.exited;
}

for (const platform of ['linux', 'darwin', 'win32']) {
  test(`${platform}: AWS_MFA_TRAY_HOME naming a folder that does not exist yet runs a second, separate instance beside the user's app`, { timeout: 30_000 }, async () => {
    // The user's own app: default userData, holding the lock there.
    const users = await start(platform, { AWS_MFA_TRAY_HOME: '' });
    await users.command({ cmd: 'ready' });
    await users.waitFor('the user app tray', is('Tray', 'new'));

    const demoHome = path.join(mkdtempSync(path.join(os.tmpdir(), 'mfa-demo-')), 'not', 'yet');
    const demo = await start(platform, { AWS_MFA_TRAY_HOME: demoHome });
    assert.equal(demo.exitCode, null, `the demo must not quit: ${demo.stderr}`);
    assert.ok(statSync(demoHome).isDirectory(), 'the folder was created');
    assertMode(demoHome, 0o700);
    const setPath = demo.calls.findIndex(is('app', 'setPath', 'userData'));
    const lock = demo.calls.findIndex(is('app', 'requestSingleInstanceLock'));
    assert.ok(setPath >= 0 && lock > setPath, 'userData is set before the single-instance lock is taken');
    assert.deepEqual(demo.calls[lock]?.args, [demoHome], 'the lock is taken in the demo folder');
    await demo.command({ cmd: 'ready' });
    await demo.waitFor('the demo tray', is('Tray', 'new'));
    assert.equal(demo.stderr, '');

    // A second demo on the same folder meets the first one's lock and quits quietly.
    const again = await start(platform, { AWS_MFA_TRAY_HOME: demoHome });
    assert.equal(await again.exited, 0);
    assert.ok(!again.calls.some(is('Tray', 'new')));

    await quit(demo);
    await quit(users);
    assert.equal(demo.reportedExit, 0);
    assert.equal(users.reportedExit, 0);
  });
}

test('an AWS_MFA_TRAY_HOME that cannot be a folder ends the start with one sentence', { timeout: 30_000 }, async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'mfa-demo-')), 'a-file');
  await import('node:fs').then((fs) => fs.writeFileSync(file, 'x'));
  const app = await start('linux', { AWS_MFA_TRAY_HOME: file });
  assert.equal(await app.exited, 1);
  assert.match(app.stderr, /^aws-mfa-tray: Cannot use .+a-file as the settings folder \(.+\); point AWS_MFA_TRAY_HOME at a folder you can write, or unset it\.\n$/);
  assert.ok(!app.calls.some(is('app', 'requestSingleInstanceLock')));
});

/** Logs in through the popup's IPC, so sessions.json has bookkeeping to flush. */
async function loginAndGetTarget(app: MainProcess, target: string): Promise<void> {
  const popupUrl = pathToFileURL(path.join(dist, 'renderer', 'popup.html')).href;
  const settingsUrl = pathToFileURL(path.join(dist, 'renderer', 'settings.html')).href;
  const saved = await app.invoke('saveProfile', { original: null, entry: { sourceProfile: 'default', target } }, settingsUrl);
  assert.ok(saved.ok, JSON.stringify(saved));
  const login = await app.invoke('login', { sourceProfile: 'default', code: suite.w.emulator.nextFreshCode(suite.w.user.devices[0]!.serial) }, popupUrl);
  assert.ok(login.ok, JSON.stringify(login));
}

const sessionsJson = (dir: string) => {
  try {
    return readFileSync(path.join(dir, 'sessions.json'), 'utf8');
  } catch {
    return '';
  }
};

for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  test(`${sig} (kill, Ctrl+C, the session ending) quits through the flush of sessions.json`, { timeout: 30_000 }, async () => {
    await suite.w.storeKeys('default');
    const home = mkdtempSync(path.join(os.tmpdir(), 'mfa-sig-'));
    const target = `sig-${sig.toLowerCase()}`;
    const app = await start('linux', { AWS_MFA_TRAY_HOME: home });
    await app.command({ cmd: 'ready' });
    await app.waitFor('the tray', is('Tray', 'new'));
    await loginAndGetTarget(app, target);
    app.signal(sig);
    assert.equal(await app.exited, 0, `ended by ${String(app.exitSignal)}, not through app.quit()`);
    assert.equal(app.reportedExit, 0);
    assert.ok(app.calls.some(is('app', 'quit')));
    assert.match(sessionsJson(home), new RegExp(target), 'the login bookkeeping reached sessions.json');
  });
}

test('a second signal while quitting ends the process at once', { timeout: 30_000 }, async () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'mfa-sig-'));
  const app = await start('linux', { AWS_MFA_TRAY_HOME: home });
  await app.command({ cmd: 'ready' });
  await app.waitFor('the tray', is('Tray', 'new'));
  // A before-quit listener that never lets go stands for a quit that hangs.
  await app.command({ cmd: 'holdQuit' });
  app.signal('SIGINT');
  await app.waitFor('the first quit', is('app', 'quit'));
  app.signal('SIGINT');
  assert.equal(await app.exited, 130);
  assert.ok(app.calls.some(is('app', 'exit', 130)));
});

for (const platform of ['linux', 'darwin']) {
  test(`${platform}: system shutdown (powerMonitor 'shutdown') is delayed until sessions.json is written, then the app quits`, { timeout: 30_000 }, async () => {
    await suite.w.storeKeys('default');
    const home = mkdtempSync(path.join(os.tmpdir(), 'mfa-shutdown-'));
    const app = await start(platform, { AWS_MFA_TRAY_HOME: home });
    await app.command({ cmd: 'ready' });
    await app.waitFor('the tray', is('Tray', 'new'));
    await loginAndGetTarget(app, `shutdown-${platform}`);
    const r = await app.command<{ defaultPrevented: boolean }>({ cmd: 'powerEmitPreventable', event: 'shutdown' });
    assert.equal(r.defaultPrevented, true, 'the shutdown waits for the app');
    assert.equal(await app.exited, 0);
    assert.match(sessionsJson(home), new RegExp(`shutdown-${platform}`));
  });
}

test('Windows: the session ending (log-off, shutdown) reaches the popup window, and the app quits through the flush', { timeout: 30_000 }, async () => {
  await suite.w.storeKeys('default');
  const home = mkdtempSync(path.join(os.tmpdir(), 'mfa-logoff-'));
  const app = await start('win32', { AWS_MFA_TRAY_HOME: home });
  await app.command({ cmd: 'ready' });
  await app.waitFor('the tray', is('Tray', 'new'));
  await loginAndGetTarget(app, 'logoff');
  const popup = (await app.snapshot()).windows.find((x) => x.loadedFile?.endsWith('popup.html'))!;
  assert.ok(popup, 'a window exists from the start to hear the session end');
  await app.command({ cmd: 'windowEmit', window: popup.id, event: 'session-end' });
  assert.equal(await app.exited, 0);
  assert.match(sessionsJson(home), /logoff/);
});
