/**
 * The built app (dist/app.js) started as macOS, Windows and Linux would start it, against the
 * Electron stand-in playing that OS: tray clicks and menus, the popup's focus and placement, the
 * login item and its true state, notifications the system refuses, tray images, and the IPC
 * channels registered. Real keychain, emulator and files underneath.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { decodeIco } from '../../main/core/icon/ico';
import { decodePng } from '../../main/core/icon/png';
import { CHANNELS, ipcChannel } from '../../main/ipc/contract';
import { readOsState, writeOsState, type FakePlatform } from './fake-electron';
import { appSuite, dist, is, labels, root, scenarioEnv, type MainProcess, type MenuItemSnap, type Snapshot } from './harness';

const settingsUrl = pathToFileURL(path.join(dist, 'renderer', 'settings.html')).href;
const popupUrl = pathToFileURL(path.join(dist, 'renderer', 'popup.html')).href;
const PACKAGED_EXE: Record<FakePlatform, string> = {
  darwin: '/Applications/aws-mfa-tray.app/Contents/MacOS/aws-mfa-tray',
  win32: 'C:\\Users\\alice\\AppData\\Local\\Programs\\aws-mfa-tray\\aws-mfa-tray.exe',
  linux: '/opt/aws-mfa-tray/aws-mfa-tray',
};

const suite = appSuite(undefined, (w) => w.storeKeys('default'));
let run = 0;

/** A fresh settings folder and OS per scenario; the keychain, ~/.aws and the emulator are shared. */
function scenario(platform: FakePlatform, extra: NodeJS.ProcessEnv = {}) {
  const id = `${platform}-${++run}`;
  const env = scenarioEnv(suite.w, platform, id, extra);
  return {
    env,
    osStateFile: env.FAKE_ELECTRON_OS_STATE!,
    start: async (more: NodeJS.ProcessEnv = {}) => {
      const p = await suite.start({ ...env, ...more });
      assert.equal(p.exitCode, null, `the app ended at start: ${p.stderr}`);
      await p.command({ cmd: 'ready' });
      // The first render: tooltip, then the tray menu (on macOS the app menu is built before it).
      const tip = await p.waitFor('the first tooltip', is('tray', 'setToolTip'));
      await p.waitFor('the first tray menu', is('Menu', 'buildFromTemplate'), p.calls.indexOf(tip));
      return p;
    },
  };
}

const packaged = (platform: FakePlatform): NodeJS.ProcessEnv => ({ FAKE_ELECTRON_PACKAGED: '1', FAKE_ELECTRON_EXEC_PATH: PACKAGED_EXE[platform] });

async function setUpProfile(app: MainProcess): Promise<void> {
  const saved = await app.invoke('saveProfile', { original: null, entry: { sourceProfile: 'default', target: 'mfa' } }, settingsUrl);
  assert.ok(saved.ok, JSON.stringify(saved));
}

/** The tray menu as the user sees it (on macOS it pops up on right click). */
async function trayMenu(app: MainProcess, platform: FakePlatform): Promise<MenuItemSnap[]> {
  if (platform === 'darwin') {
    const mark = app.calls.length;
    assert.equal(await app.command({ cmd: 'clickTray', button: 'right' }), 'event');
    await app.waitFor('the popped-up menu', is('tray', 'popUpContextMenu'), mark);
  }
  return (await app.snapshot()).trays[0]!.menu ?? [];
}

const startItem = (menu: MenuItemSnap[]) => menu.find((i) => /^Start at login/.test(i.label ?? ''));

/** The first run opens the settings window (no profiles yet); close it so only the popup is in play. */
async function closeSettings(app: MainProcess): Promise<void> {
  await app.waitFor('the first-run settings window', (c) => c.method === 'loadFile' && String(c.args[0]).endsWith('settings.html'));
  const s = await app.snapshot();
  for (const win of s.windows) if (!win.destroyed && win.loadedFile?.endsWith('settings.html')) await app.command({ cmd: 'closeWindow', window: win.id });
}

async function quit(app: MainProcess): Promise<void> {
  await app.command({ cmd: 'quit' });
  assert.equal(await app.exited, 0);
}

const popupOf = (s: Snapshot) => s.windows.find((x) => x.loadedFile?.endsWith('popup.html') && !x.destroyed);

test('every platform registers exactly the IPC channels of the contract, and nothing else', { timeout: 60_000 }, async () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    const app = await scenario(platform).start();
    const s = await app.snapshot();
    assert.deepEqual([...s.handlers].sort(), CHANNELS.map((c) => ipcChannel(c)).sort(), platform);
    // No ipcMain.on listeners at all: electron-store's synchronous 'electron-store-get-data' (no sender check) is gone.
    assert.deepEqual(s.ipcListeners, [], platform);
    await quit(app);
  }
});

/** A scenario with a profile set up and the first-run settings window closed: only the tray and popup in play. */
async function readyWithProfile(platform: FakePlatform): Promise<MainProcess> {
  const app = await scenario(platform).start();
  await setUpProfile(app);
  await closeSettings(app);
  return app;
}

const shownPopup = (app: MainProcess, since: number) => app.waitFor('popupShown', (c) => c.method === 'send' && c.args[0] === ipcChannel('popupShown'), since);

test('macOS wiring: no Dock icon, an Edit menu, a template image, click and right-click, countdown in the title', { timeout: 30_000 }, async () => {
  const app = await readyWithProfile('darwin');
  assert.ok(app.calls.some(is('dock', 'hide')));
  assert.ok(!app.calls.some(is('tray', 'setContextMenu')), 'a context menu would take over the left click');
  const s = await app.snapshot();
  assert.notEqual(s.applicationMenu, null, 'an Edit menu, for Cmd+C/Cmd+V');
  assert.ok(s.trays[0]!.listeners.includes('click') && s.trays[0]!.listeners.includes('right-click'));
  assert.equal(typeof s.trays[0]!.image === 'object' && s.trays[0]!.image.template, true, 'a template image');
  const mark = app.calls.length;
  const login = await app.invoke('login', { sourceProfile: 'default', code: suite.w.emulator.nextFreshCode(suite.w.user.devices[0]!.serial) }, popupUrl);
  assert.ok(login.ok, JSON.stringify(login));
  const title = await app.waitFor('the countdown title', (c) => is('tray', 'setTitle')(c) && /^1[12]h \d+m$/.test(String(c.args[0])), mark);
  assert.deepEqual(title.args[1], { fontType: 'monospacedDigit' });
  // Right click: the menu pops up (popUpContextMenu); it shows the live session.
  assert.match(labels(await trayMenu(app, 'darwin'))[2]!, /^mfa — 1[12]h \d+m left$/);
  await quit(app);
  assert.equal(app.stderr, '');
});

test('macOS (#7.9): a click opens the popup under the icon with the keyboard, on every Space; Esc gives the keyboard back to the previous app', { timeout: 30_000 }, async () => {
  const app = await readyWithProfile('darwin');
  let mark = app.calls.length;
  assert.equal(await app.command({ cmd: 'clickTray', button: 'left' }), 'event');
  await shownPopup(app, mark);
  assert.ok(app.calls.slice(mark).some((c) => is('app', 'focus')(c) && (c.args[0] as { steal?: boolean } | null)?.steal === true), 'the app takes the keyboard');
  let s = await app.snapshot();
  const popup = popupOf(s)!;
  assert.deepEqual([popup.visible, popup.focused, s.activeApp], [true, true, 'self']);
  assert.deepEqual(popup.allWorkspaces, { visible: true, options: { visibleOnFullScreen: true, skipTransformProcessType: true } }, 'on the current Space, over full-screen apps');
  assert.equal(popup.alwaysOnTopLevel, 'pop-up-menu');
  // Under the icon: centred on it, just below the menu bar.
  assert.equal(popup.bounds.x, Math.round(1500 + 22 / 2 - popup.bounds.width / 2));
  assert.ok(popup.bounds.y >= 25 && popup.bounds.y < 40, `y ${popup.bounds.y}`);
  // Esc (or the popup closing itself after a login): the previous app gets the keyboard back.
  mark = app.calls.length;
  await app.invoke('hideWindow', null, popupUrl);
  assert.ok(app.calls.slice(mark).some(is('app', 'hide')), 'app.hide() returns the focus to the previous app');
  s = await app.snapshot();
  assert.deepEqual([popupOf(s)!.visible, s.activeApp], [false, 'previous']);
  await quit(app);
});

test('macOS (#7.2): opening the running app again from Finder or Spotlight (activate) brings up the popup', { timeout: 30_000 }, async () => {
  const app = await readyWithProfile('darwin');
  const mark = app.calls.length;
  // macOS sends 'activate' to the running app, not 'second-instance'.
  await app.command({ cmd: 'appEmit', event: 'activate', args: [false] });
  await shownPopup(app, mark);
  assert.equal(popupOf(await app.snapshot())!.visible, true);
  await quit(app);
});

test('Windows wiring: AppUserModelID, click and context menu, the popup ready (hidden) from the start with session-end listeners, above the taskbar', { timeout: 30_000 }, async () => {
  const app = await scenario('win32').start();
  assert.ok(app.calls.some(is('app', 'setAppUserModelId', 'io.github.aws-mfa-tray')));
  let s = await app.snapshot();
  let popup = popupOf(s)!;
  assert.equal(popup.visible, false);
  for (const e of ['query-session-end', 'session-end', 'blur']) assert.ok(popup.listeners.includes(e), e);
  assert.ok(s.trays[0]!.listeners.includes('click'));
  assert.ok(app.calls.some(is('tray', 'setContextMenu')), 'right click shows the context menu');
  await setUpProfile(app);
  await closeSettings(app);
  const mark = app.calls.length;
  assert.equal(await app.command({ cmd: 'clickTray', button: 'left' }), 'event');
  await shownPopup(app, mark);
  s = await app.snapshot();
  popup = popupOf(s)!;
  assert.equal(popup.visible, true);
  assert.ok(popup.bounds.y + popup.bounds.height <= 1032, 'above the taskbar');
  assert.ok(popup.bounds.x + popup.bounds.width <= 1920);
  await quit(app);
});

test('Windows (issue 18 item 7): a double click on the icon leaves the popup open (click on the first press, double-click on the second)', { timeout: 30_000 }, async () => {
  const app = await readyWithProfile('win32');
  assert.ok((await app.snapshot()).trays[0]!.listeners.includes('double-click'));
  const mark = app.calls.length;
  assert.equal(await app.command({ cmd: 'doubleClickTray' }), 'event');
  await shownPopup(app, mark);
  const s = await app.snapshot();
  assert.equal(popupOf(s)!.visible, true, 'the second press hid it (the taskbar took the focus); the double-click opens it again');
  await quit(app);
});

test('macOS: a double click is two clicks (double-click events ignored): the popup opens and closes, as a menu would', { timeout: 30_000 }, async () => {
  const app = await readyWithProfile('darwin');
  assert.ok(app.calls.some(is('tray', 'setIgnoreDoubleClickEvents', true)));
  const mark = app.calls.length;
  assert.equal(await app.command({ cmd: 'doubleClickTray' }), 'event');
  await shownPopup(app, mark);
  await quit(app);
});

test('Windows (#7.9): a click on the icon while the popup is open closes it, although the taskbar blurred it first', { timeout: 30_000 }, async () => {
  const app = await readyWithProfile('win32');
  let mark = app.calls.length;
  await app.command({ cmd: 'clickTray', button: 'left' });
  await shownPopup(app, mark);
  // Second click: the taskbar takes the focus (blur hides the popup), then the click arrives.
  mark = app.calls.length;
  await app.command({ cmd: 'clickTray', button: 'left' });
  let s = await app.snapshot();
  assert.equal(popupOf(s)!.visible, false, 'the click on the icon closed the popup');
  assert.ok(!app.calls.slice(mark).some((c) => c.method === 'send' && c.args[0] === ipcChannel('popupShown')), 'and did not reopen it');
  // A third click opens it again; clicking elsewhere still dismisses it.
  mark = app.calls.length;
  await app.command({ cmd: 'clickTray', button: 'left' });
  await shownPopup(app, mark);
  const popup = popupOf(await app.snapshot())!;
  await app.command({ cmd: 'windowEmit', window: popup.id, event: 'blur' });
  s = await app.snapshot();
  assert.equal(popupOf(s)!.visible, false);
  mark = app.calls.length;
  await app.command({ cmd: 'clickTray', button: 'left' });
  await shownPopup(app, mark);
  await quit(app);
});

test('Windows (#7.12): the tray icon is an .ico with every small-icon size (16-48 px), the countdown drawn at each', { timeout: 30_000 }, async () => {
  const app = await readyWithProfile('win32');
  const mark = app.calls.length;
  const login = await app.invoke('login', { sourceProfile: 'default', code: suite.w.emulator.nextFreshCode(suite.w.user.devices[0]!.serial) }, popupUrl);
  assert.ok(login.ok, JSON.stringify(login));
  const set = await app.waitFor('the countdown icon', (c) => is('tray', 'setImage')(c) && /active-1[12]h\.ico$/.test(String(c.args[0])), mark);
  const ico = decodeIco(readFileSync(String(set.args[0])));
  assert.deepEqual(
    ico.map((i) => i.size),
    [16, 20, 24, 32, 40, 48],
  );
  for (const i of ico) assert.equal(decodePng(i.png).width, i.size);
  await quit(app);
  assert.equal(app.stderr, '');
});

test('Linux (#7.12): the tray host shows the menu on click; the icon is drawn at the panel size (24 px)', { timeout: 30_000 }, async () => {
  const app = await scenario('linux').start();
  let s = await app.snapshot();
  assert.ok(!s.trays[0]!.listeners.includes('click'));
  assert.equal(await app.command({ cmd: 'clickTray', button: 'left' }), 'menu');
  s = await app.snapshot();
  assert.equal(popupOf(s), undefined, 'no popup without "Enter MFA code…"');
  const image = s.trays[0]!.image;
  assert.ok(typeof image === 'object');
  assert.deepEqual(
    image.image.map((r) => [r.scaleFactor, r.width, r.height]),
    [[1, 24, 24]],
  );
  await quit(app);
});

test('login items, development runs: nothing registered at first run; Windows registers the Electron binary with the app folder', { timeout: 60_000 }, async () => {
  // macOS: the login item would be Electron.app itself, so a development build offers none.
  const mac = scenario('darwin');
  let app = await mac.start();
  assert.ok(!app.calls.some(is('app', 'setLoginItemSettings')), 'Electron.app must not become a login item');
  let item = startItem(await trayMenu(app, 'darwin'));
  assert.deepEqual([item?.label, item?.enabled], ['Start at login (installed app only)', false]);
  await quit(app);

  // Windows: path and args are honoured; set and get use the same.
  const win = scenario('win32');
  app = await win.start();
  assert.ok(!app.calls.some(is('app', 'setLoginItemSettings')));
  item = startItem(await trayMenu(app, 'win32'));
  assert.equal(item?.checked, false);
  const mark = app.calls.length;
  await app.command({ cmd: 'click', labels: ['Start at login'] });
  await app.waitFor('the checked menu', (c) => is('tray', 'setContextMenu')(c) && startItem((c.args[0] as { menu: MenuItemSnap[] }).menu)?.checked === true, mark);
  const electronExe = path.join(root, 'node_modules', 'electron', 'dist', 'electron.exe');
  const set = app.calls.slice(mark).find(is('app', 'setLoginItemSettings'))!;
  assert.deepEqual(set.args[0], { openAtLogin: true, path: electronExe, args: [`"${root}"`] });
  const get = app.calls.slice(mark).find(is('app', 'getLoginItemSettings'))!;
  assert.deepEqual(get.args[0], { path: electronExe, args: [`"${root}"`] });
  assert.deepEqual(readOsState(win.osStateFile).winRun, { 'io.github.aws-mfa-tray': { command: `"${electronExe}" "${root}"`, enabled: true } });
  await quit(app);

  // Linux: nothing at first run in development either.
  const lin = scenario('linux');
  app = await lin.start();
  assert.equal(existsSync(path.join(lin.env.XDG_CONFIG_HOME!, 'autostart', 'aws-mfa-tray.desktop')), false);
  await quit(app);
});

test('login items, installed app: macOS shows "needs approval" after the user switched it off in System Settings', { timeout: 30_000 }, async () => {
  const sc = scenario('darwin', packaged('darwin'));
  let app = await sc.start();
  assert.deepEqual(readOsState(sc.osStateFile).macLoginItems, { '/Applications/aws-mfa-tray.app': 'enabled' }, 'the installed bundle registered at first run');
  assert.equal(startItem(await trayMenu(app, 'darwin'))?.checked, true);
  await quit(app);

  // In System Settings > Login Items the user switches it off: SMAppService reports requires-approval.
  const os = readOsState(sc.osStateFile);
  os.macLoginItems['/Applications/aws-mfa-tray.app'] = 'requires-approval';
  os.macUserDisabled.push('/Applications/aws-mfa-tray.app');
  writeOsState(sc.osStateFile, os);
  app = await sc.start();
  const item = startItem(await trayMenu(app, 'darwin'));
  assert.deepEqual([item?.label, item?.checked], ['Start at login (allow in System Settings…)', false]);
  const state = await app.invoke('getState', null, settingsUrl);
  assert.ok(state.ok);
  assert.equal((state.value.preferences as { startAtLogin: boolean }).startAtLogin, false, 'the settings window shows it off too');
  // Choosing it opens System Settings > Login Items, where only the user can allow it.
  const mark = app.calls.length;
  await app.command({ cmd: 'click', labels: ['Start at login (allow in System Settings…)'] });
  await app.waitFor('System Settings', (c) => is('shell', 'openExternal')(c) && String(c.args[0]).startsWith('x-apple.systempreferences:com.apple.LoginItems'), mark);
  await quit(app);
});

test('login items, installed app: Windows shows off when the entry is disabled in Task Manager', { timeout: 30_000 }, async () => {
  const sc = scenario('win32', packaged('win32'));
  let app = await sc.start();
  assert.deepEqual(readOsState(sc.osStateFile).winRun, { 'io.github.aws-mfa-tray': { command: `"${PACKAGED_EXE.win32}"`, enabled: true } });
  assert.equal(startItem(await trayMenu(app, 'win32'))?.checked, true);
  await quit(app);

  const os = readOsState(sc.osStateFile);
  os.winRun['io.github.aws-mfa-tray']!.enabled = false; // Task Manager > Startup apps > Disable
  writeOsState(sc.osStateFile, os);
  app = await sc.start();
  assert.equal(startItem(await trayMenu(app, 'win32'))?.checked, false, 'disabled in Task Manager: it will not start');
  // Turning it on from the menu approves it again.
  const mark = app.calls.length;
  await app.command({ cmd: 'click', labels: ['Start at login'] });
  await app.waitFor('the checked menu', (c) => is('tray', 'setContextMenu')(c) && startItem((c.args[0] as { menu: MenuItemSnap[] }).menu)?.checked === true, mark);
  assert.equal(readOsState(sc.osStateFile).winRun['io.github.aws-mfa-tray']?.enabled, true);
  await quit(app);
});

for (const [platform, mode] of [
  ['darwin', 'fail'],
  ['win32', 'fail'],
  ['linux', 'unsupported'],
] as const) {
  test(`${platform}: a notification the system refuses (${mode}) is reported and kept in the tray until the popup opens`, { timeout: 30_000 }, async () => {
    const app = await scenario(platform, { FAKE_ELECTRON_NOTIFICATIONS: mode }).start();
    await setUpProfile(app);
    const s0 = await app.snapshot();
    for (const win of s0.windows) if (!win.destroyed && win.visible) await app.command({ cmd: 'windowEmit', window: win.id, event: 'blur' });
    // A login that ends with the popup closed is announced by a notification: it cannot be shown.
    let mark = app.calls.length;
    const serial = suite.w.user.devices[0]!.serial;
    const bad = await app.invoke('login', { sourceProfile: 'default', code: suite.w.emulator.wrongCode(serial) }, popupUrl);
    assert.equal(bad.ok, false);
    const tip = await app.waitFor('the notice in the tooltip', (c) => is('tray', 'setToolTip')(c) && String(c.args[0]).includes('⚠ MFA login failed'), mark);
    assert.match(String(tip.args[0]), /^aws-mfa-tray\n⚠ MFA login failed\nmfa — /);
    assert.match(await app.waitForStderr(/\n$/), /^aws-mfa-tray: A notification could not be shown \(.+\); "MFA login failed" is in the tray instead\. Allow notifications for aws-mfa-tray in the system settings\.\n$/);
    const menu = await trayMenu(app, platform);
    assert.equal(menu[0]?.label, '⚠ MFA login failed');
    if (platform === 'darwin') assert.equal((await app.snapshot()).trays[0]!.title, '⚠');
    // Opening the popup (here from the notice itself) clears it.
    mark = app.calls.length;
    await app.command({ cmd: 'click', labels: ['⚠ MFA login failed'] });
    await app.waitFor('the tooltip without the notice', (c) => is('tray', 'setToolTip')(c) && !String(c.args[0]).includes('⚠'), mark);
    await quit(app);
  });
}
