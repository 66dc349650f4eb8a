/**
 * Linux without a tray host (stock GNOME: no StatusNotifierWatcher on the session bus) shows no
 * icon, so the built app (dist/app.js, against the Electron stand-in) opens its window at start and
 * says why; with a tray host it starts hidden as before, and macOS and Windows never ask. The
 * no-watcher case asks the test's real session bus (it has none); the watcher case is the stand-in's
 * answer, since owning the name on the shared bus would change it for the other test files.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { FakePlatform } from './fake-electron';
import { appSuite, dist, is, scenarioEnv, type MainProcess, type Snapshot } from './harness';

const settingsUrl = pathToFileURL(path.join(dist, 'renderer', 'settings.html')).href;
const popupUrl = pathToFileURL(path.join(dist, 'renderer', 'popup.html')).href;
const suite = appSuite(undefined, (w) => w.storeKeys('default'));
let run = 0;

/** Stock GNOME on Wayland, asked over the real (private) session bus, which has no watcher. */
const stockGnome: NodeJS.ProcessEnv = { FAKE_ELECTRON_TRAY_HOST: 'dbus', XDG_SESSION_TYPE: 'wayland', XDG_CURRENT_DESKTOP: 'GNOME' };

/** One settings folder per scenario; `start` may run several times over it (first run, next start). */
function scenario(platform: FakePlatform, desktop: NodeJS.ProcessEnv) {
  const env = scenarioEnv(suite.w, platform, `${platform}-${++run}`, desktop);
  return async (): Promise<MainProcess> => {
    const p = await suite.start(env);
    assert.equal(p.exitCode, null, `the app ended at start: ${p.stderr}`);
    await p.command({ cmd: 'ready' });
    await p.waitFor('the first tooltip', is('tray', 'setToolTip'));
    return p;
  };
}

const open = (s: Snapshot, page: string) => s.windows.filter((w) => !w.destroyed && w.visible && w.loadedFile?.endsWith(page));
const asked = (app: MainProcess) => app.calls.filter(is('trayHost', 'present')).map((c) => c.args[0]);
const trayHiddenIn = async (app: MainProcess, url: string) => {
  const r = await app.invoke('getState', null, url);
  assert.ok(r.ok, JSON.stringify(r));
  return r.value.trayHidden;
};

async function quit(app: MainProcess): Promise<void> {
  await app.command({ cmd: 'quit' });
  assert.equal(await app.exited, 0);
}

/** Waits until the app has settled its start: the window it opens, or (hidden) the last start step. */
async function settled(app: MainProcess, page: 'popup.html' | 'settings.html' | null): Promise<Snapshot> {
  if (page) await app.waitFor(`the ${page} window`, (c) => c.method === 'loadFile' && String(c.args[0]).endsWith(page));
  else await app.waitFor('the tray host asked or the menu built', (c) => is('trayHost', 'present')(c) || is('Menu', 'buildFromTemplate')(c));
  // A round trip through the child: everything the start did before it is recorded by now.
  await app.command({ cmd: 'snapshot' });
  return app.snapshot();
}

test('Linux, no tray host: the first run opens the settings, the next start the popup, both saying how to come back', { timeout: 60_000 }, async () => {
  const start = scenario('linux', stockGnome);
  let app = await start();
  let s = await settled(app, 'settings.html');
  assert.deepEqual(asked(app), [false]);
  assert.equal(open(s, 'settings.html').length, 1);
  assert.equal(await trayHiddenIn(app, settingsUrl), true);
  const saved = await app.invoke('saveProfile', { original: null, entry: { sourceProfile: 'default', target: 'mfa', durationSeconds: 900 } }, settingsUrl);
  assert.ok(saved.ok, JSON.stringify(saved));
  await quit(app);

  // Set up now: the popup, where a launch from the app menu would take the user.
  app = await start();
  s = await settled(app, 'popup.html');
  const popup = open(s, 'popup.html');
  assert.equal(popup.length, 1, 'the popup is shown at start');
  assert.ok(popup[0]!.sent.some((m) => m.channel.endsWith(':popupShown')), 'the page was told to focus the code field');
  assert.equal(open(s, 'settings.html').length, 0);
  assert.equal(await trayHiddenIn(app, popupUrl), true);

  // The expiry warning still comes: a 15-minute session from an STS whose clock is 297 s behind
  // ends 10 min 3 s from now, so its 10-minute warning is due 3 s after the login.
  const serial = suite.w.user.devices[0]!.serial;
  suite.w.emulator.faults.skewSeconds = -297;
  const code = suite.w.emulator.nextFreshCode(serial);
  const login = await app.invoke('login', { sourceProfile: 'default', code }, popupUrl).finally(() => suite.w.emulator.resetFaults());
  assert.ok(login.ok, JSON.stringify(login));
  const warning = (c: { target: string; method: string; args: unknown[] }) => is('Notification', 'show')(c) && /^mfa session expires in 10 minutes$/.test(String((c.args[0] as { title?: string }).title));
  await app.waitFor('the expiry warning', warning);
  await quit(app);
});

test('Linux with a tray host, or one that cannot be asked: the app starts hidden as before', { timeout: 60_000 }, async () => {
  // KDE: a watcher answers; an X11 panel without one (i3bar) may still draw the XEmbed icon: unknown.
  for (const desktop of [{ FAKE_ELECTRON_TRAY_HOST: 'present' }, { FAKE_ELECTRON_TRAY_HOST: 'dbus', XDG_SESSION_TYPE: 'x11', XDG_CURRENT_DESKTOP: 'i3' }]) {
    const start = scenario('linux', desktop);
    let app = await start();
    await app.invoke('saveProfile', { original: null, entry: { sourceProfile: 'default', target: 'mfa' } }, settingsUrl);
    await quit(app);
    app = await start();
    const s = await settled(app, null);
    await app.waitFor('the tray host asked', is('trayHost', 'present'));
    assert.deepEqual(asked(app), [desktop.FAKE_ELECTRON_TRAY_HOST === 'present' ? true : null]);
    assert.deepEqual(open(await app.snapshot(), 'popup.html'), [], JSON.stringify(desktop));
    assert.deepEqual(open(s, 'settings.html'), []);
    assert.equal(await trayHiddenIn(app, settingsUrl), false);
    await quit(app);
  }
});

test('macOS and Windows never ask: the menu bar and the notification area always draw the icon', { timeout: 60_000 }, async () => {
  for (const platform of ['darwin', 'win32'] as const) {
    const start = scenario(platform, { FAKE_ELECTRON_TRAY_HOST: 'absent' });
    let app = await start();
    await app.invoke('saveProfile', { original: null, entry: { sourceProfile: 'default', target: 'mfa' } }, settingsUrl);
    await quit(app);
    app = await start();
    await app.waitFor('the tray menu', is('Menu', 'buildFromTemplate'));
    const s = await settled(app, null);
    assert.deepEqual(asked(app), [], platform);
    assert.deepEqual(open(s, 'popup.html'), [], platform);
    assert.equal(await trayHiddenIn(app, settingsUrl), false);
    await quit(app);
  }
});
