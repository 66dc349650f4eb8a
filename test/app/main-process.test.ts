/**
 * The real built main process (dist/main.js, as Electron loads it on Linux) run end to end against
 * a recording stand-in for Electron (test/app/fake-electron.ts), in a child process, over a real
 * world: temp HOME and settings folder, the test keyring, the local STS/IAM emulator. Covers the
 * wiring that unit tests cannot reach: IPC registration and sender checks, first run (settings
 * window, autostart), tray menu and tooltip, popup, second instance, login, the app-wide
 * web-content lock-down and a clean quit. The macOS and Windows paths: platforms.test.ts.
 * Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { mfaPolicyJson } from '../../main/core/policy';
import { CHANNELS, ipcChannel } from '../../main/ipc/contract';
import { runCli } from '../helpers/cli';
import { corporateNetwork } from '../helpers/corporate-network';
import type { Call } from './fake-electron';
import { appSuite, dist, is, labels, root, type MenuItemSnap } from './harness';

const popupHtml = path.join(dist, 'renderer', 'popup.html');
const settingsHtml = path.join(dist, 'renderer', 'settings.html');
const popupUrl = pathToFileURL(popupHtml).href;
const settingsUrl = pathToFileURL(settingsHtml).href;

// The installed app (the deb's binary): development runs never register themselves at login.
const fakeElectronEnv = {
  FAKE_ELECTRON_PLATFORM: 'linux',
  FAKE_ELECTRON_ENTRY: 'main.js',
  FAKE_ELECTRON_PACKAGED: '1',
  FAKE_ELECTRON_EXEC_PATH: '/opt/aws-mfa-tray/aws-mfa-tray',
};
const suite = appSuite((w) => ({ XDG_CONFIG_HOME: path.join(w.home, '.config'), ...fakeElectronEnv }));
const start = (extraEnv: NodeJS.ProcessEnv = {}) => suite.start(extraEnv);

test('first run: the real main process wires tray, windows, IPC, security, login and quit', { timeout: 30_000 }, async () => {
  const app = await start();
  // Before ready: the lock-down and the single-instance lock, like Electron requires.
  assert.ok(app.calls.some(is('app', 'enableSandbox')));
  assert.ok(app.calls.some(is('app', 'requestSingleInstanceLock')));
  assert.ok(app.calls.some(is('app', 'on', 'web-contents-created')), 'security handlers installed before ready');
  assert.ok(app.calls.some(is('app', 'setPath', 'userData')), 'AWS_MFA_TRAY_HOME becomes userData');
  await app.command({ cmd: 'ready' });

  // First run without profiles: the settings window opens.
  await app.waitFor('the settings window to load', is('window#1', 'loadFile', settingsHtml));
  await app.waitFor('the settings window to show', is('window#1', 'show'));
  await app.waitFor('the tray menu', is('tray', 'setContextMenu'));
  let s = await app.snapshot();
  assert.equal(s.electronModuleIsFake, true, "require('electron') got the fake");
  assert.deepEqual(app.realElectronLoaded, [], 'the real electron package never ran');

  const settingsWin = s.windows[0]!;
  assert.equal(settingsWin.loadedFile, settingsHtml);
  const prefs = settingsWin.options.webPreferences!;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.preload, path.join(dist, 'preload.js'));
  assert.ok(existsSync(String(prefs.preload)), 'the preload path exists in dist');
  assert.equal(settingsWin.visible, true);

  // XDG autostart enabled on the installed app's first run, pointing at its binary.
  const autostart = path.join(suite.w.home, '.config', 'autostart', 'aws-mfa-tray.desktop');
  assert.ok(existsSync(autostart), 'first run enables start at login');
  assert.match(readFileSync(autostart, 'utf8'), /^Exec=\/opt\/aws-mfa-tray\/aws-mfa-tray$/m);

  // Every channel of the contract is handled, and only those.
  assert.deepEqual([...s.handlers].sort(), CHANNELS.map((c) => ipcChannel(c)).sort());
  // Linux: no menu bar, the tray has only a context menu (no click handler), double clicks ignored.
  assert.equal(s.applicationMenu, null);
  assert.ok(app.calls.some(is('Menu', 'setApplicationMenu')));
  const tray = s.trays[0]!;
  assert.equal(s.trays.length, 1);
  assert.equal(tray.ignoreDoubleClick, true);
  assert.deepEqual(labels(tray.menu).slice(0, 3), ['Enter MFA code…', '(separator)', 'No profile set up yet']);
  assert.ok(labels(tray.menu).includes('Quit'));
  assert.equal(tray.menu!.find((i) => i.label === 'Start at login')?.checked, true, 'the menu shows autostart on');
  assert.equal(tray.toolTip, 'aws-mfa-tray');

  // IPC: our page's top frame runs; another URL or a subframe is refused before anything runs.
  const state = await app.invoke('getState', null, settingsUrl);
  assert.ok(state.ok, JSON.stringify(state));
  assert.deepEqual(state.value.profiles, []);
  const requestsBefore = suite.w.emulator.requests.length;
  for (const [url, parent] of [
    ['https://example.com/', null],
    [pathToFileURL(path.join(dist, 'renderer', 'other.html')).href, null],
    [popupUrl, popupUrl],
    [settingsUrl, 'https://example.com/'],
  ] as const) {
    const refused = await app.invoke('discoverDevices', { sourceProfile: 'default' }, url, parent);
    assert.equal(refused.ok, false, `${url} in ${parent}`);
    if (!refused.ok) assert.equal(refused.error.code, 'BadInput');
    const saved = await app.invoke('saveProfile', { original: null, entry: { sourceProfile: 'evil', target: 'mfa' } }, url, parent);
    assert.equal(saved.ok, false);
  }
  assert.equal(suite.w.emulator.requests.length, requestsBefore, 'refused calls never reached AWS');
  assert.deepEqual(suite.w.settings.read().profiles, [], 'refused calls changed no settings');

  // The web-contents lock-down applies to the windows the app really creates.
  const locked = {
    willNavigate: true,
    willRedirect: true,
    willAttachWebview: true,
    windowOpen: { action: 'deny' },
    permissionRequest: false,
    permissionCheck: false,
  };
  assert.deepEqual(await app.command({ cmd: 'probeSecurity', window: settingsWin.id }), locked);

  // Set up a profile through the settings page, as the settings window does.
  let mark = app.calls.length;
  const saved = await app.invoke(
    'saveProfile',
    { original: null, entry: { sourceProfile: 'default', target: 'mfa' }, accessKeyId: suite.w.user.accessKeyId, secretAccessKey: suite.w.user.secretAccessKey },
    settingsUrl,
  );
  assert.ok(saved.ok, JSON.stringify(saved));
  await app.waitFor('stateChanged to the settings window', is('webContents#1', 'send', ipcChannel('stateChanged')), mark);
  await app.waitFor('the tray to list the profile', (c) => is('tray', 'setToolTip')(c) && String(c.args[0]).includes('mfa — no session'), mark);

  // Tray menu "Enter MFA code…" opens the popup and tells it so once it has loaded.
  mark = app.calls.length;
  await app.command({ cmd: 'click', labels: ['Enter MFA code…'] });
  const popupNew = await app.waitFor('the popup window', is('BrowserWindow', 'new'), mark);
  const popupId = (popupNew.args[0] as { id: number }).id;
  await app.waitFor('popupShown', is(`webContents#${popupId}`, 'send', ipcChannel('popupShown')), mark);
  s = await app.snapshot();
  let popup = s.windows.find((x) => x.id === popupId)!;
  assert.equal(popup.loadedFile, popupHtml);
  assert.equal(popup.visible, true);
  assert.equal(popup.options.webPreferences?.sandbox, true);
  assert.equal(popup.options.webPreferences?.contextIsolation, true);
  assert.equal(popup.options.webPreferences?.nodeIntegration, false);
  assert.equal(popup.options.frame, false);
  assert.deepEqual(popup.sent.at(-1), { channel: ipcChannel('popupShown'), payload: { sourceProfile: null } });
  assert.equal(s.windows.find((x) => x.id === settingsWin.id)?.visible, true, 'the settings window stays');
  assert.deepEqual(await app.command({ cmd: 'probeSecurity', window: popupId }), locked);

  // Log in from the popup with a real TOTP code: the session lands in the credentials file and
  // the tray counts down.
  mark = app.calls.length;
  const loginMark = mark;
  const serial = suite.w.user.devices[0]!.serial;
  const login = await app.invoke('login', { sourceProfile: 'default', code: suite.w.emulator.totp(serial) }, popupUrl);
  assert.ok(login.ok, JSON.stringify(login));
  assert.equal(login.value.target, 'mfa');
  const creds = suite.w.credentialsText() ?? '';
  assert.match(creds, /^\[mfa\]$/m);
  assert.match(creds, /^aws_session_token = \S+/m);
  assert.match(creds, /^aws_credential_expiration = \d{4}-\d\d-\d\dT/m);
  assert.doesNotMatch(creds, new RegExp(suite.w.user.secretAccessKey.replace(/[+/]/g, '.')), 'long-term secret stays in the keychain');
  const tip = await app.waitFor('the countdown in the tooltip', (c) => is('tray', 'setToolTip')(c) && /mfa — 1[12]h \d+m left/.test(String(c.args[0])), mark);
  assert.match(String(tip.args[0]), /^aws-mfa-tray\nmfa — 1[12]h \d+m left$/);
  s = await app.snapshot();
  assert.match(labels(s.trays[0]!.menu)[2]!, /^mfa — 1[12]h \d+m left$/);
  assert.equal(s.notifications.length, 0, 'no notification while the popup is open');

  // Another tool rewrites the credentials file (~/.aws did not exist when the app started): the
  // tray follows and stops counting down a session that is no longer there. First let the
  // refreshes the login caused land (its own, then the one for its sessions.json/settings
  // writes), so only a watch on ~/.aws can bring the change.
  await app.waitForCount('two refreshes after the login', 2, is(`webContents#${popupId}`, 'send', ipcChannel('stateChanged')), loginMark);
  mark = app.calls.length;
  suite.w.writeCredentials(creds.replace(/^\[mfa\][^[]*/m, '[elsewhere]\nregion = eu-west-1\n'));
  await app.waitFor('the tray to drop the replaced session', (c) => is('tray', 'setToolTip')(c) && String(c.args[0]).includes('mfa — no session'), mark);
  suite.w.writeCredentials(creds);
  await app.waitFor('the tray to show it again', (c) => is('tray', 'setToolTip')(c) && /mfa — 1[12]h/.test(String(c.args[0])), mark);

  // The popup hides when asked (Cancel/Esc) and on blur; a second launch brings it back.
  const hidden = await app.invoke('hideWindow', null, popupUrl);
  assert.ok(hidden.ok);
  s = await app.snapshot();
  popup = s.windows.find((x) => x.id === popupId)!;
  assert.equal(popup.visible, false);
  mark = app.calls.length;
  await app.command({ cmd: 'appEmit', event: 'second-instance', args: [['aws-mfa-tray'], root, {}] });
  await app.waitFor('popupShown after second-instance', is(`webContents#${popupId}`, 'send', ipcChannel('popupShown')), mark);
  s = await app.snapshot();
  assert.equal(s.windows.filter((x) => x.loadedFile === popupHtml).length, 1, 'the same popup window is reused');
  assert.equal(s.windows.find((x) => x.id === popupId)?.visible, true);
  await app.command({ cmd: 'windowEmit', window: popupId, event: 'blur' });
  s = await app.snapshot();
  assert.equal(s.windows.find((x) => x.id === popupId)?.visible, false, 'blur hides the popup');

  // Quit from the tray: the last login's bookkeeping is flushed, then the process ends cleanly.
  await app.command({ cmd: 'click', labels: ['Quit'] });
  assert.equal(await app.exited, 0);
  assert.equal(app.reportedExit, 0, 'ended through app quit, not a crash');
  const quits = app.calls.filter(is('app', 'quit')).length;
  assert.equal(quits, 2, 'will-quit waits for the flush once, then quits');
  assert.match(readFileSync(path.join(suite.w.paths.settingsDir, 'sessions.json'), 'utf8'), /mfa/);
  assert.equal(app.stderr, '', 'no background failure was reported');
});

test('next start: no settings window, the tray shows the running session; menu, notifications, preferences', { timeout: 30_000 }, async () => {
  const app = await start();
  await app.command({ cmd: 'ready' });
  const tip = await app.waitFor('the tray tooltip', is('tray', 'setToolTip'));
  assert.match(String(tip.args[0]), /^aws-mfa-tray\nmfa — 1[12]h \d+m left$/);
  await app.waitFor('the tray menu', is('tray', 'setContextMenu'));
  let s = await app.snapshot();
  assert.equal(s.windows.length, 0, 'no window opens when profiles exist');
  const line = labels(s.trays[0]!.menu)[2]!;
  assert.match(line, /^mfa — 1[12]h \d+m left$/);
  assert.deepEqual(labels(s.trays[0]!.menu!.find((i) => i.label === line)?.submenu).slice(0, 2), ['Renew…', 'Keys from profile default']);

  // "Renew…" in the profile's submenu opens the popup for that profile.
  let mark = app.calls.length;
  await app.command({ cmd: 'click', labels: ['mfa — *', 'Renew…'] }); // the countdown may have moved since
  const shown = await app.waitFor('popupShown', (c) => c.method === 'send' && c.args[0] === ipcChannel('popupShown'), mark);
  assert.deepEqual(shown.args[1], { sourceProfile: 'default' });
  const popupId = Number(/#(\d+)/.exec(shown.target)![1]);

  // A login that ends while the popup is closed is announced; a failed one offers to try again.
  await app.command({ cmd: 'windowEmit', window: popupId, event: 'blur' });
  const serial = suite.w.user.devices[0]!.serial;
  const ok = await app.invoke('login', { sourceProfile: 'default', code: suite.w.emulator.nextFreshCode(serial) }, popupUrl);
  assert.ok(ok.ok, JSON.stringify(ok));
  const bad = await app.invoke('login', { sourceProfile: 'default', code: suite.w.emulator.wrongCode(serial) }, popupUrl);
  assert.equal(bad.ok, false);
  s = await app.snapshot();
  assert.deepEqual(
    s.notifications.map((n) => [n.options.title, n.shown]),
    [
      ['mfa is ready', true],
      ['MFA login failed', true],
    ],
  );
  assert.match(String(s.notifications[0]!.options.body), /^Session valid until \d\d?:\d\d/);
  mark = app.calls.length;
  await app.command({ cmd: 'notificationEmit', index: 1, event: 'click' });
  const again = await app.waitFor('popupShown after the notification click', is(`webContents#${popupId}`, 'send', ipcChannel('popupShown')), mark);
  assert.deepEqual(again.args[1], { sourceProfile: 'default' });

  // "Rotate access key…" opens the popup's rotation panel; the rotateKey channel rotates with the session.
  mark = app.calls.length;
  // The profile's line names the time left, so it is matched by its start: a minute may have passed since.
  await app.command({ cmd: 'click', labels: ['mfa — *', 'Rotate access key…'] });
  const rotating = await app.waitFor('popupShown for the rotation', is(`webContents#${popupId}`, 'send', ipcChannel('popupShown')), mark);
  assert.deepEqual(rotating.args[1], { sourceProfile: 'default', rotate: true });
  const oldKey = (await suite.w.keychain.get('default'))!.accessKeyId;
  const rotated = await app.invoke('rotateKey', { sourceProfile: 'default' }, popupUrl);
  assert.ok(rotated.ok && rotated.value.outcome === 'rotated', JSON.stringify(rotated));
  const newKey = (await suite.w.keychain.get('default'))!.accessKeyId;
  assert.notEqual(newKey, oldKey);
  assert.deepEqual(suite.w.emulator.accessKeysOf(suite.w.user.userName).map((k) => k.accessKeyId), [newKey]);
  assert.ok(!JSON.stringify(rotated).includes(newKey), 'the renderer gets the key ID masked only');

  // Copy the IAM policy: the whole policy for the profile's partition on the clipboard, then a notification.
  await app.command({ cmd: 'click', labels: ['Copy MFA-enforcing IAM policy'] });
  const copied = await app.waitFor('the clipboard', is('clipboard', 'writeText'));
  assert.equal(String(copied.args[0]), mfaPolicyJson({ partition: 'aws' }));
  await app.waitFor(
    'the policy notification',
    (c) => is('Notification', 'show')(c) && (c.args[0] as { body?: string }).body === 'The IAM policy for the aws partition is on the clipboard.',
  );

  // Start at login off from the tray: the XDG entry goes, the setting follows, the menu unchecks.
  const autostart = path.join(suite.w.home, '.config', 'autostart', 'aws-mfa-tray.desktop');
  assert.ok(existsSync(autostart));
  mark = app.calls.length;
  await app.command({ cmd: 'click', labels: ['Start at login'] });
  const unchecked = (c: Call) =>
    is('tray', 'setContextMenu')(c) && (c.args[0] as { menu: MenuItemSnap[] }).menu.find((i) => i.label === 'Start at login')?.checked === false;
  await app.waitFor('the unchecked menu', unchecked, mark);
  assert.equal(existsSync(autostart), false);
  assert.equal(suite.w.settings.read().preferences.startAtLogin, false);

  // ... and back on from the settings page's preferences: the first menu after the reply shows it.
  await app.command({ cmd: 'click', labels: ['Settings…'] });
  await app.waitFor('the settings window', (c) => c.method === 'loadFile' && c.args[0] === settingsHtml);
  mark = app.calls.length;
  const prefs = { ...suite.w.settings.read().preferences, startAtLogin: true };
  const savedPrefs = await app.invoke('savePreferences', prefs, settingsUrl);
  assert.ok(savedPrefs.ok, JSON.stringify(savedPrefs));
  assert.ok(existsSync(autostart), 'saving the preference enables the XDG entry');
  const menuAfter = await app.waitFor('the menu after saving preferences', is('tray', 'setContextMenu'), mark);
  assert.equal((menuAfter.args[0] as { menu: MenuItemSnap[] }).menu.find((i) => i.label === 'Start at login')?.checked, true);

  // A login from the CLI meanwhile shows up in the tray (fs.watch on the app's folders, no polling).
  mark = app.calls.length;
  const cli = await runCli(suite.env, ['login', 'default', '--code', suite.w.emulator.nextFreshCode(serial), '--target', 'other']);
  assert.equal(cli.code, 0, cli.stderr);
  const withOther = await app.waitFor('the CLI session in the tray', (c) => is('tray', 'setToolTip')(c) && String(c.args[0]).includes('other —'), mark);
  assert.match(String(withOther.args[0]), /^aws-mfa-tray\nmfa — 1[12]h \d+m left\nother — 1[12]h \d+m left$/);

  // Closing the settings window leaves the tray app running; waking from sleep re-renders quietly.
  s = await app.snapshot();
  const settingsWin = s.windows.find((x) => x.loadedFile === settingsHtml && !x.destroyed)!;
  await app.command({ cmd: 'windowEmit', window: settingsWin.id, event: 'blur' });
  await app.command({ cmd: 'powerEmit', event: 'resume' });
  const closeAll = await app.snapshot();
  for (const win of closeAll.windows) if (!win.destroyed) await app.command({ cmd: 'closeWindow', window: win.id });
  s = await app.snapshot();
  assert.ok(s.windows.every((x) => x.destroyed));
  assert.ok(!app.calls.some(is('app', 'quit')), 'closing every window does not quit');
  assert.equal(app.exitCode, null);

  await app.command({ cmd: 'click', labels: ['Quit'] });
  assert.equal(await app.exited, 0);
  assert.equal(app.stderr, '');
});

test('a Japanese system locale gives a Japanese tray (language "auto")', { timeout: 30_000 }, async () => {
  const app = await start({ FAKE_ELECTRON_LOCALE: 'ja-JP' });
  await app.command({ cmd: 'ready' });
  const menu = await app.waitFor('the tray menu', is('tray', 'setContextMenu'));
  const items = (menu.args[0] as { menu: MenuItemSnap[] }).menu;
  assert.equal(items[0]?.label, 'MFA コードを入力…');
  assert.match(items[2]?.label ?? '', /^mfa — 残り 1[12]h \d+m$/);
  await app.command({ cmd: 'click', labels: ['終了'] });
  assert.equal(await app.exited, 0);
  assert.equal(app.stderr, '');
});

test('a second launch quits at once and leaves the running instance alone', { timeout: 30_000 }, async () => {
  const first = await start();
  await first.command({ cmd: 'ready' });
  await first.waitFor('the tray menu', is('tray', 'setContextMenu'));
  const app = await start();
  assert.equal(await app.exited, 0);
  assert.ok(app.calls.some(is('app', 'quit')));
  assert.ok(!app.calls.some(is('Tray', 'new')));
  assert.ok(!app.calls.some(is('BrowserWindow', 'new')));
  assert.ok(!app.calls.some(is('ipcMain', 'handle')));
  assert.equal(app.stderr, '');
  assert.equal(first.exitCode, null, 'the first instance runs on');
  await first.command({ cmd: 'click', labels: ['Quit'] });
  assert.equal(await first.exited, 0);
});

test('behind a corporate proxy: the app follows the OS proxy (PAC answer) and the OS trust store; proxy variables win; Copy policy per partition', { timeout: 60_000 }, async () => {
  const net = await corporateNetwork();
  try {
    await net.world.storeKeys('default');
    const serial = net.world.user.devices[0]!.serial;
    net.world.writeConfig(`[default]\nregion = us-east-1\nmfa_serial = ${serial}\n\n[profile gov]\nregion = us-gov-west-1\n`);
    net.world.settings.write({
      ...net.world.settings.read(),
      profiles: [
        { sourceProfile: 'default', target: 'mfa' },
        { sourceProfile: 'gov', target: 'gov-mfa', serial: net.gov.serial },
      ],
    });
    const dead = '127.0.0.1:1'; // nothing listens on port 1
    const emptyCertDir = path.join(net.world.home, 'os-cert-dir');
    mkdirSync(emptyCertDir);
    const appEnv = {
      ...net.env,
      ...fakeElectronEnv,
      XDG_CONFIG_HOME: path.join(net.world.home, '.config'),
      // The OS proxy settings (a PAC file's answer): a dead proxy first, then the company proxy.
      FAKE_ELECTRON_SYSTEM_PROXY: `PROXY ${dead}; PROXY 127.0.0.1:${net.proxy.port}; DIRECT`,
      // The OS certificate store holds the company CA (and nothing else); no AWS_CA_BUNDLE.
      SSL_CERT_FILE: net.ca.file,
      SSL_CERT_DIR: emptyCertDir,
    };
    // Not start(): this app lives in the corporate network's world, not the suite's.
    const own = (e: NodeJS.ProcessEnv) => suite.startIn(e);
    const app = await own(appEnv);
    await app.command({ cmd: 'ready' });
    await app.waitFor('the tray menu', is('tray', 'setContextMenu'));

    let mark = net.proxy.records.length;
    const requests = net.world.emulator.requests.length;
    const ok = await app.invoke('login', { sourceProfile: 'default', code: net.world.emulator.nextFreshCode(serial) }, popupUrl);
    assert.ok(ok.ok, JSON.stringify(ok));
    // Through the proxy the OS named, past the dead one. The first tunnel met a chain Node's own CAs
    // do not trust and was closed unused; the second trusted the OS store.
    assert.deepEqual(net.proxy.targets().slice(mark), ['sts.us-east-1.amazonaws.com:443', 'sts.us-east-1.amazonaws.com:443']);
    assert.deepEqual(net.world.emulator.requests.slice(requests).map((r) => r.action), ['GetSessionToken']);
    assert.ok(app.calls.some((c) => is('session', 'resolveProxy')(c) && c.args[0] === 'https://sts.us-east-1.amazonaws.com/'));
    assert.match(net.world.credentialsText() ?? '', /^\[mfa\]$/m);

    // The next login goes through the same tunnel, kept alive in the pool: no CONNECT, no handshake.
    mark = net.proxy.records.length;
    const again = await app.invoke('login', { sourceProfile: 'default', code: net.world.emulator.nextFreshCode(serial) }, popupUrl);
    assert.ok(again.ok, JSON.stringify(again));
    assert.equal(net.proxy.records.length - mark, 0, 'the pooled tunnel is used again');
    // The proxy closes it (an idle timeout), so the next login has to open a new one.
    await net.proxy.dropConnections();

    // The OS proxy wants credentials the OS settings do not carry: one sentence naming it, nothing written.
    net.proxy.credentials = 'erin:pw';
    const before = net.world.credentialsText();
    mark = net.proxy.records.length;
    const denied = await app.invoke('login', { sourceProfile: 'default', code: net.world.emulator.nextFreshCode(serial) }, popupUrl);
    net.proxy.credentials = null;
    assert.equal(net.proxy.records.length - mark, 1, 'one CONNECT: the OS store, once needed, stays in use');
    assert.equal(denied.ok, false);
    if (!denied.ok) {
      assert.equal(denied.error.code, 'ProxyAuth');
      assert.match(denied.error.message, new RegExp(`^The proxy 127\\.0\\.0\\.1:${net.proxy.port} asks for a user name and password; `));
    }
    assert.equal(net.world.credentialsText(), before);

    // Copy policy from the GovCloud profile's submenu: that partition's ARNs.
    await app.command({ cmd: 'click', labels: [(await app.snapshot()).trays[0]!.menu!.find((i) => i.label?.startsWith('gov-mfa'))!.label!, 'Copy IAM policy for this profile'] });
    const copied = await app.waitFor('the clipboard', is('clipboard', 'writeText'));
    assert.equal(String(copied.args[0]), mfaPolicyJson({ partition: 'aws-us-gov' }));
    await app.waitFor('the notification', (c) => is('Notification', 'show')(c) && (c.args[0] as { body?: string }).body === 'The IAM policy for the aws-us-gov partition is on the clipboard.');
    await app.command({ cmd: 'click', labels: ['Quit'] });
    assert.equal(await app.exited, 0);
    assert.equal(app.stderr, '');

    // HTTPS_PROXY in the app's environment wins over the OS settings (which now name a dead proxy).
    const second = await own({ ...appEnv, FAKE_ELECTRON_SYSTEM_PROXY: `PROXY ${dead}`, HTTPS_PROXY: net.proxy.url(), SSL_CERT_FILE: '/nonexistent', AWS_CA_BUNDLE: net.ca.file });
    await second.command({ cmd: 'ready' });
    await second.waitFor('the tray menu', is('tray', 'setContextMenu'));
    mark = net.proxy.records.length;
    const viaEnv = await second.invoke('login', { sourceProfile: 'default', code: net.world.emulator.nextFreshCode(serial), target: 'mfa' }, popupUrl);
    assert.ok(viaEnv.ok, JSON.stringify(viaEnv));
    assert.deepEqual(net.proxy.targets().slice(mark), ['sts.us-east-1.amazonaws.com:443']);
    assert.ok(!second.calls.some(is('session', 'resolveProxy')), 'the OS was not asked');
    await second.command({ cmd: 'click', labels: ['Quit'] });
    assert.equal(await second.exited, 0);
  } finally {
    await net.close();
  }
});

test('window keys: Ctrl+W closes settings and hides the popup, settings Esc closes it, Ctrl+plus/minus/0 zoom both and the zoom is kept', { timeout: 30_000 }, async () => {
  const ctrl = (key: string, code = '') => ({ key, code, control: true });
  let app = await start();
  await app.command({ cmd: 'ready' });
  await app.waitFor('the tray menu', is('tray', 'setContextMenu'));
  await app.command({ cmd: 'click', labels: ['Settings…'] });
  await app.waitFor('the settings window', (c) => c.method === 'loadFile' && c.args[0] === settingsHtml);
  await app.command({ cmd: 'click', labels: ['Enter MFA code…'] });
  await app.waitFor('the popup', (c) => c.method === 'loadFile' && c.args[0] === popupHtml);
  let s = await app.snapshot();
  const settingsWin = s.windows.find((x) => x.loadedFile === settingsHtml)!;
  const popup = s.windows.find((x) => x.loadedFile === popupHtml)!;
  assert.equal(settingsWin.options.webPreferences?.zoomFactor, 1, 'no zoom saved yet: 100 %');

  // Keys that are not ours reach the page untouched (Ctrl+A selects, a plain "w" is typed).
  assert.equal(await app.command({ cmd: 'keyDown', window: settingsWin.id, input: ctrl('a', 'KeyA') }), false);
  assert.equal(await app.command({ cmd: 'keyDown', window: settingsWin.id, input: { key: 'w', code: 'KeyW' } }), false);
  assert.equal(await app.command({ cmd: 'keyDown', window: settingsWin.id, input: { key: 'Escape', code: 'Escape' } }), false, 'Esc is left to the page (editor first)');

  // Zoom in three steps from the settings window, out one from the popup: both windows follow, the file keeps it.
  for (const [win, input, factor] of [
    [settingsWin.id, ctrl('=', 'Equal'), 1.1],
    [settingsWin.id, { ...ctrl('+', 'Equal'), shift: true }, 1.25],
    [settingsWin.id, ctrl('+', 'NumpadAdd'), 1.5],
    [popup.id, ctrl('-', 'Minus'), 1.25],
  ] as const) {
    assert.equal(await app.command({ cmd: 'keyDown', window: win, input }), true, `${input.key} is kept from the page`);
    s = await app.snapshot();
    assert.deepEqual(
      s.windows.filter((x) => !x.destroyed).map((x) => x.zoomFactor),
      [factor, factor],
      `${input.key} ${input.code}`,
    );
    assert.equal(suite.w.settings.read().zoomFactor, factor);
  }

  // Ctrl+W on the popup hides it (it is reused); on settings it closes the window.
  assert.equal(await app.command({ cmd: 'keyDown', window: popup.id, input: ctrl('w', 'KeyW') }), true);
  s = await app.snapshot();
  assert.equal(s.windows.find((x) => x.id === popup.id)?.visible, false);
  assert.equal(s.windows.find((x) => x.id === popup.id)?.destroyed, false);
  assert.equal(await app.command({ cmd: 'keyDown', window: settingsWin.id, input: ctrl('w', 'KeyW') }), true);
  s = await app.snapshot();
  assert.equal(s.windows.find((x) => x.id === settingsWin.id)?.destroyed, true, 'Ctrl+W closed the settings window');

  // The settings page's Esc (no editor open) asks main over IPC; only our page may.
  let mark = app.calls.length;
  await app.command({ cmd: 'click', labels: ['Settings…'] });
  const again = await app.waitFor('the settings window again', is('BrowserWindow', 'new'), mark);
  const againId = (again.args[0] as { id: number; webPreferences: { zoomFactor: number } }).id;
  assert.equal((again.args[0] as { webPreferences: { zoomFactor: number } }).webPreferences.zoomFactor, 1.25, 'a new window opens at the saved zoom');
  const refused = await app.invoke('closeSettings', null, 'https://example.com/');
  assert.equal(refused.ok, false);
  assert.equal((await app.snapshot()).windows.find((x) => x.id === againId)?.destroyed, false);
  const closed = await app.invoke('closeSettings', null, settingsUrl);
  assert.ok(closed.ok, JSON.stringify(closed));
  assert.equal((await app.snapshot()).windows.find((x) => x.id === againId)?.destroyed, true, 'closeSettings closed it');
  await app.command({ cmd: 'click', labels: ['Quit'] });
  assert.equal(await app.exited, 0);

  // Next start: the saved zoom is applied on load (it wins over Chromium's own per-host memory); Ctrl+0 resets.
  app = await start();
  await app.command({ cmd: 'ready' });
  await app.waitFor('the tray menu', is('tray', 'setContextMenu'));
  mark = app.calls.length;
  await app.command({ cmd: 'click', labels: ['Settings…'] });
  const next = await app.waitFor('the settings window', is('BrowserWindow', 'new'), mark);
  const nextId = (next.args[0] as { id: number }).id;
  await app.waitFor('the saved zoom applied on load', (c) => is(`webContents#${nextId}`, 'setZoomFactor')(c) && c.args[0] === 1.25, mark);
  assert.equal(await app.command({ cmd: 'keyDown', window: nextId, input: ctrl('0', 'Digit0') }), true);
  assert.equal((await app.snapshot()).windows.find((x) => x.id === nextId)?.zoomFactor, 1);
  assert.equal(suite.w.settings.read().zoomFactor, 1);
  await app.command({ cmd: 'click', labels: ['Quit'] });
  assert.equal(await app.exited, 0);
  assert.equal(app.stderr, '');
});
