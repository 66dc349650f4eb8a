/**
 * Child process for test/app/main-process.test.ts: runs the built main process (dist/main.js)
 * against the recording fake Electron and takes orders over the IPC channel (fork). Every recorded
 * call is reported as it happens; each command gets one reply. Never loads the real `electron`.
 */
import { createRequire } from 'node:module';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultSettingsDir } from '../../main/core/paths';
import { dbusTrayHost, type TrayHost } from '../../main/core/tray-host';
import { describe, fakeEvent, FakeElectron, findMenuItem, readOsState, type FakePlatform, type FakeWebContents } from './fake-electron';

const root = path.resolve(__dirname, '..', '..');
const mainJs = path.join(root, 'dist', 'main.js');
const requireFromMain = createRequire(mainJs);
const electronPath = requireFromMain.resolve('electron');
const electronDir = path.dirname(electronPath);

/** Where `npm start` runs Electron from on each OS (process.execPath in development). */
function defaultExecPath(p: FakePlatform): string {
  const dist = path.join(root, 'node_modules', 'electron', 'dist');
  if (p === 'darwin') return path.join(dist, 'Electron.app', 'Contents', 'MacOS', 'Electron');
  if (p === 'win32') return path.join(dist, 'electron.exe');
  return path.join(dist, 'electron');
}

function send(msg: unknown): void {
  process.send?.(msg);
}

// Tripwire: report any file of the real electron package being compiled (its index.js would try
// to download the binary).
type JsLoader = (m: unknown, filename: string) => void;
const extensions = (Module as unknown as { _extensions: Record<string, JsLoader> })._extensions;
const jsLoader = extensions['.js']!;
extensions['.js'] = (m, filename) => {
  if (filename.startsWith(electronDir + path.sep)) send({ type: 'realElectronLoaded', file: filename });
  jsLoader(m, filename);
};

const platform = (process.env.FAKE_ELECTRON_PLATFORM ?? 'linux') as FakePlatform;
const home = process.env.HOME ?? os.tmpdir();
const fake = new FakeElectron({
  platform,
  // Electron's default userData for this app on that OS (appData + the app's name).
  userData: defaultSettingsDir(process.env, home, platform),
  appPath: root,
  execPath: process.env.FAKE_ELECTRON_EXEC_PATH ?? defaultExecPath(platform),
  isPackaged: process.env.FAKE_ELECTRON_PACKAGED === '1',
  version: '0.1.0',
  locale: process.env.FAKE_ELECTRON_LOCALE ?? 'en-US',
  osStateFile: process.env.FAKE_ELECTRON_OS_STATE ?? path.join(home, '.fake-os-state.json'),
  notifications: (process.env.FAKE_ELECTRON_NOTIFICATIONS ?? 'ok') as 'ok' | 'fail' | 'unsupported',
  // A PAC-style answer for every URL, e.g. "PROXY 127.0.0.1:3128; DIRECT".
  systemProxy: () => process.env.FAKE_ELECTRON_SYSTEM_PROXY ?? 'DIRECT',
  onExit: (code) => {
    // Electron ends the process here, whatever is still scheduled.
    if (process.send) process.send({ type: 'exit', code }, () => process.exit(code));
    else process.exit(code);
  },
});
// What Electron's process reports: its own binary (the app, or electron under `npm start`).
process.execPath = fake.o.execPath;
fake.onCall = (call) => send({ type: 'call', call: describe(call) });

// What `require('electron')` from dist/main.js resolves to gets the fake instead.
const entry = new Module(electronPath) as Module & { loaded: boolean };
entry.filename = electronPath;
entry.loaded = true;
entry.exports = fake.module;
require.cache[electronPath] = entry;

interface Frame {
  url: string;
  /** The parent frame's URL, or null for a top frame. */
  parentUrl?: string | null;
}

function webContentsOf(windowId: number): FakeWebContents {
  const w = fake.windows.find((x) => x.id === windowId);
  if (!w) throw new Error(`no window #${windowId}`);
  return w.webContents;
}

function snapshot() {
  return {
    windows: fake.windows.map((w) => ({
      id: w.id,
      options: describe(w.options),
      loadedFile: w.loadedFile,
      visible: w.visible,
      destroyed: w.destroyed,
      bounds: w.bounds,
      focused: w.isFocused(),
      allWorkspaces: describe(w.allWorkspaces),
      alwaysOnTopLevel: w.alwaysOnTopLevel,
      flashing: w.flashing,
      sent: describe(w.webContents.sent),
      zoomFactor: w.webContents.zoomFactor,
      listeners: w.eventNames().map(String),
    })),
    trays: fake.trays.map((t) => ({
      toolTip: t.toolTip,
      title: t.title,
      menu: t.shownMenu ? describe(t.shownMenu.items) : null,
      image: describe(t.image),
      ignoreDoubleClick: t.ignoreDoubleClick,
      listeners: t.eventNames().map(String),
    })),
    handlers: [...fake.handlers.keys()],
    ipcListeners: [...fake.listeners],
    notifications: fake.notifications.map((n) => ({ options: describe(n.options), shown: n.shown, failed: n.failed })),
    activeApp: fake.activeApp,
    userData: fake.paths.get('userData'),
    osState: readOsState(fake.o.osStateFile),
    applicationMenu: fake.applicationMenu ? describe(fake.applicationMenu.items) : null,
    electronModuleIsFake: require.cache[electronPath]?.exports === fake.module,
  };
}

/** Plays Electron and a page trying to leave: navigation, redirects, webviews, window.open, permissions. */
function probeSecurity(windowId: number) {
  const wc = webContentsOf(windowId);
  const prevented = (event: string) => {
    if (wc.listenerCount(event) === 0) return 'no handler';
    const e = fakeEvent({ url: 'https://example.com/' });
    wc.emit(event, e, 'https://example.com/');
    return e.defaultPrevented;
  };
  let permission: boolean | 'no handler' | 'no answer' = 'no handler';
  if (fake.permissionRequestHandler) {
    permission = 'no answer';
    fake.permissionRequestHandler(wc, 'media', (granted) => (permission = granted));
  }
  return {
    willNavigate: prevented('will-navigate'),
    willRedirect: prevented('will-redirect'),
    willAttachWebview: prevented('will-attach-webview'),
    windowOpen: wc.windowOpenHandler ? describe(wc.windowOpenHandler({ url: 'https://example.com/' })) : 'no handler',
    permissionRequest: permission,
    permissionCheck: fake.permissionCheckHandler ? fake.permissionCheckHandler(wc, 'notifications', 'file:///', {}) : 'no handler',
  };
}

type Command =
  | { cmd: 'ready' }
  | { cmd: 'snapshot' }
  | { cmd: 'invoke'; channel: string; req: unknown; frame: Frame }
  | { cmd: 'click'; labels: string[] }
  | { cmd: 'appEmit'; event: string; args: unknown[] }
  | { cmd: 'windowEmit'; window: number; event: string }
  | { cmd: 'probeSecurity'; window: number }
  | { cmd: 'notificationEmit'; index: number; event: string }
  | { cmd: 'powerEmit'; event: string }
  | { cmd: 'closeWindow'; window: number }
  | { cmd: 'clickTray'; button: 'left' | 'right' }
  | { cmd: 'doubleClickTray' }
  | { cmd: 'userWorksElsewhere' }
  | { cmd: 'clickWindow'; window: number }
  | { cmd: 'quit' }
  | { cmd: 'holdQuit' }
  | { cmd: 'powerEmitPreventable'; event: string }
  | { cmd: 'keyDown'; window: number; input: Record<string, unknown> };

async function run(c: Command): Promise<unknown> {
  switch (c.cmd) {
    case 'ready':
      fake.ready();
      return null;
    case 'snapshot':
      return snapshot();
    case 'invoke': {
      const fn = fake.handlers.get(c.channel);
      if (!fn) throw new Error(`no handler for ${c.channel}`);
      const parent = c.frame.parentUrl ? { url: c.frame.parentUrl, parent: null } : null;
      const senderFrame = { url: c.frame.url, parent, top: parent ?? null, routingId: 1, processId: 1 };
      const event = { senderFrame, sender: fake.windows[0]?.webContents ?? null, frameId: 1, processId: 1 };
      return describe(await fn(event, c.req));
    }
    case 'click': {
      const tray = fake.trays[0];
      const menu = tray?.shownMenu;
      if (!menu) throw new Error('the tray shows no menu (on macOS, right-click the tray first)');
      const item = findMenuItem(menu, c.labels);
      if (typeof item.click !== 'function') throw new Error(`menu item ${c.labels.join(' > ')} has no click`);
      if (item.enabled === false) throw new Error(`menu item ${c.labels.join(' > ')} is disabled`);
      // The user's input went to our menu: Windows lets our process take the foreground.
      fake.foreground = 'self';
      item.click(item, undefined, {});
      return null;
    }
    case 'appEmit':
      fake.app.emit(c.event, fakeEvent(), ...c.args);
      return null;
    case 'windowEmit': {
      const w = fake.windows.find((x) => x.id === c.window);
      if (!w) throw new Error(`no window #${c.window}`);
      // A blur is the user clicking another app's window: the pointer is there, and the focus
      // moves away (the stand-in emits 'blur').
      if (c.event === 'blur' && w.isFocused()) fake.userWorksElsewhere();
      else {
        const e = fakeEvent();
        w.emit(c.event, e);
        return { defaultPrevented: e.defaultPrevented };
      }
      return null;
    }
    case 'probeSecurity':
      return probeSecurity(c.window);
    case 'notificationEmit': {
      const n = fake.notifications[c.index];
      if (!n) throw new Error(`no notification #${c.index}`);
      n.emit(c.event, fakeEvent(), 0);
      return null;
    }
    case 'closeWindow': {
      const w = fake.windows.find((x) => x.id === c.window);
      if (!w) throw new Error(`no window #${c.window}`);
      w.close();
      return null;
    }
    case 'keyDown': {
      // Electron's before-input-event; the reply says whether main kept the key from the page.
      const e = fakeEvent();
      webContentsOf(c.window).emit('before-input-event', e, { type: 'keyDown', code: '', control: false, meta: false, alt: false, shift: false, isAutoRepeat: false, ...c.input });
      return e.defaultPrevented;
    }
    case 'powerEmit':
      fake.powerMonitor.emit(c.event, fakeEvent());
      return null;
    case 'powerEmitPreventable': {
      const e = fakeEvent();
      fake.powerMonitor.emit(c.event, e);
      return { defaultPrevented: e.defaultPrevented };
    }
    case 'clickTray':
      return fake.clickTray(c.button);
    case 'doubleClickTray':
      return fake.doubleClickTray();
    case 'userWorksElsewhere':
      fake.userWorksElsewhere();
      return null;
    case 'clickWindow': {
      const w = fake.windows.find((x) => x.id === c.window);
      if (!w) throw new Error(`no window #${c.window}`);
      fake.clickWindow(w);
      return null;
    }
    case 'quit':
      fake.app.quit();
      return null;
    case 'holdQuit':
      fake.app.on('before-quit', (e: { preventDefault(): void }) => e.preventDefault());
      return null;
  }
}

process.on('message', (m: { id: number } & Command) => {
  run(m).then(
    (value) => send({ type: 'reply', id: m.id, value }),
    (e: unknown) => send({ type: 'reply', id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
process.on('uncaughtException', (e) => {
  send({ type: 'uncaught', message: e.stack ?? String(e) });
  process.exit(70);
});
process.on('unhandledRejection', (e) => {
  send({ type: 'uncaught', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exit(70);
});

/**
 * The desktop's tray host, as FAKE_ELECTRON_TRAY_HOST says: a panel that draws the icon (the
 * default, as on KDE), none (stock GNOME), cannot tell, or 'dbus': ask the test's real session bus.
 * Every question is recorded, so tests see that macOS and Windows never ask.
 */
function trayHost(): TrayHost {
  const mode = process.env.FAKE_ELECTRON_TRAY_HOST ?? 'present';
  const answers: Record<string, boolean | null> = { present: true, absent: false, unknown: null };
  const real = dbusTrayHost(process.env);
  return {
    present: async () => {
      const answer = mode === 'dbus' ? await real.present() : answers[mode];
      if (answer === undefined) throw new Error(`FAKE_ELECTRON_TRAY_HOST=${mode}: present, absent, unknown or dbus`);
      send({ type: 'call', call: { target: 'trayHost', method: 'present', args: [answer] } });
      return answer;
    },
  };
}

// Like Electron: run the main script, then (on the test's order) become ready. dist/main.js reads
// the real process (so only the host's platform); dist/app.js is started as another OS's entry
// point would start it. argv is what Electron gives: the app binary, then the user's arguments.
const argv = [fake.o.execPath, ...(JSON.parse(process.env.FAKE_ELECTRON_ARGS ?? '[]') as string[])];
const defaultApp = process.env.FAKE_ELECTRON_DEFAULT_APP === '1';
if (process.env.FAKE_ELECTRON_ENTRY === 'main.js') {
  if (platform !== process.platform) throw new Error('dist/main.js reads the real platform; start dist/app.js to play another OS');
  process.argv = argv;
  if (defaultApp) (process as { defaultApp?: boolean }).defaultApp = true;
  requireFromMain(mainJs);
} else {
  const { start } = requireFromMain(path.join(root, 'dist', 'app.js')) as typeof import('../../main/app/start');
  start({ platform, env: process.env, distDir: path.join(root, 'dist'), argv, defaultApp, trayHost: trayHost() });
}
send({ type: 'loaded' });
