/**
 * Windows' foreground lock (issue 18, item 8), with the built main process against the Electron
 * stand-in: a command in a terminal asks the tray for a code, and Windows refuses the foreground to
 * the tray app (SetForegroundWindow from a process the user is not using). The popup shows without
 * the keyboard, so it flashes until clicked and tells the renderer to say "click this window". On
 * Linux (and macOS, app.focus({ steal })) the popup takes the keyboard, and nothing flashes.
 * Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ipcChannel, type IpcEvents } from '../../main/ipc/contract';
import { BIN, runProcess, type CliResult } from '../helpers/cli';
import type { World } from '../helpers/world';
import type { Call, FakePlatform } from './fake-electron';
import { appSuite, dist, is, type MainProcess } from './harness';

const popupUrl = pathToFileURL(path.join(dist, 'renderer', 'popup.html')).href;

const requestShown = (c: Call): boolean =>
  c.method === 'send' && c.args[0] === ipcChannel('popupShown') && Boolean((c.args[1] as { request?: unknown } | undefined)?.request);

const suite = appSuite(
  (w) => ({ XDG_CONFIG_HOME: path.join(w.home, '.config') }),
  async (w) => {
    await w.storeKeys('default');
    const r = await w.handlers.saveProfile({ original: null, entry: { sourceProfile: 'default', target: 'mfa', serial: w.user.devices[0]!.serial } });
    assert.ok(r.ok);
  },
);

const expire = (w: World) =>
  w.writeCredentials(`[mfa]\naws_access_key_id = ASIAEXPIREDEXPIRED00\naws_secret_access_key = ${'e'.repeat(40)}\naws_session_token = old\naws_credential_expiration = 2020-01-01T00:00:00Z\n`);

/** One app per test, quit at its end (pass or fail) so the next one gets the socket. */
async function launch(t: TestContext, platform: FakePlatform): Promise<MainProcess> {
  const w = suite.w;
  const app = await suite.start({ FAKE_ELECTRON_PLATFORM: platform });
  t.after(() => quit(app));
  await app.command({ cmd: 'ready' });
  await app.waitFor('the tray menu', (c) => c.target === 'tray' && c.method === 'setContextMenu');
  const keyFile = path.join(w.paths.settingsDir, 'tray-endpoint.json');
  for (let i = 0; i < 200 && !existsSync(keyFile); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(existsSync(keyFile), 'the app listens on its socket or pipe');
  return app;
}

/** The user is at a terminal: the popup exists (created hidden at start) and the user types elsewhere; a command asks. */
async function askFromTerminal(app: MainProcess): Promise<{ waiting: Promise<CliResult>; shown: Call; windowId: number; mark: number }> {
  const w = suite.w;
  expire(w);
  await app.command({ cmd: 'userWorksElsewhere' });
  const mark = app.calls.length;
  const waiting = runProcess(process.execPath, [BIN, 'credential-process', 'mfa'], { env: { ...suite.env }, detached: true });
  const shown = await app.waitFor('the popup to show a request', requestShown, mark);
  return { waiting, shown, windowId: Number(shown.target.split('#')[1]), mark };
}

async function answer(app: MainProcess, waiting: Promise<CliResult>): Promise<void> {
  const w = suite.w;
  assert.ok((await app.invoke('login', { sourceProfile: 'default', code: w.emulator.nextFreshCode(w.user.devices[0]!.serial) }, popupUrl)).ok);
  const r = await waiting;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /"AccessKeyId":"ASIA/);
}

async function quit(app: MainProcess): Promise<void> {
  await app.command({ cmd: 'quit' }).catch(() => undefined);
  await app.exited;
}

test('win32: a command asks while the user is in the terminal: the popup shows without the keyboard, flashes until clicked, and says to click it', async (t) => {
  const app = await launch(t, 'win32');
  const { waiting, shown, windowId, mark } = await askFromTerminal(app);
  let popup = (await app.snapshot()).windows.find((x) => x.id === windowId)!;
  assert.deepEqual([popup.visible, popup.focused], [true, false], 'Windows refused the foreground: visible, but the keys still go to the terminal');
  assert.equal((shown.args[1] as IpcEvents['popupShown']).clickToType, true, 'the popup is told to say "click this window"');
  assert.ok(app.calls.slice(mark).some((c) => c.target === `window#${windowId}` && c.method === 'flashFrame' && c.args[0] === true), 'it flashes');
  assert.equal(popup.flashing, true);

  // The user clicks the popup: it has the keyboard, and the flashing stops.
  await app.command({ cmd: 'clickWindow', window: windowId });
  popup = (await app.snapshot()).windows.find((x) => x.id === windowId)!;
  assert.deepEqual([popup.focused, popup.flashing], [true, false]);
  await answer(app, waiting);
});

test('win32: a popup the user opened from the tray has the keyboard: no flash, nothing to say', async (t) => {
  const app = await launch(t, 'win32');
  const mark = app.calls.length;
  assert.equal(await app.command({ cmd: 'clickTray', button: 'left' }), 'event');
  const shown = await app.waitFor('the popup', (c) => c.method === 'send' && c.args[0] === ipcChannel('popupShown'), mark);
  const popup = (await app.snapshot()).windows.find((x) => x.id === Number(shown.target.split('#')[1]))!;
  assert.deepEqual([popup.visible, popup.focused, popup.flashing], [true, true, false]);
  assert.equal((shown.args[1] as IpcEvents['popupShown']).clickToType, undefined);
  assert.ok(!app.calls.slice(mark).some(is(`window#${popup.id}`, 'flashFrame')));
});

test('linux: the same request from a terminal: the popup takes the keyboard, nothing flashes', async (t) => {
  const app = await launch(t, 'linux');
  const { waiting, shown, windowId, mark } = await askFromTerminal(app);
  const popup = (await app.snapshot()).windows.find((x) => x.id === windowId)!;
  assert.deepEqual([popup.visible, popup.focused, popup.flashing], [true, true, false]);
  assert.equal((shown.args[1] as IpcEvents['popupShown']).clickToType, undefined);
  assert.ok(!app.calls.slice(mark).some(is(`window#${windowId}`, 'flashFrame')));
  await answer(app, waiting);
});
