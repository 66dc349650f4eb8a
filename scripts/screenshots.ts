/**
 * Renders the UI to docs/screenshots/*.png in headless Chromium, served by the real IPC handlers
 * over a throwaway world (temp HOME, local STS emulator, test keychain): popup empty, waiting, error,
 * success, dark, Japanese, the error at 200 % zoom, a command's request (with the warning before it
 * gives up) and a settings file that cannot be used; settings, and that file there too; and the
 * tray icon states from assets/tray.
 * Run after `npm run build`: npx node --import tsx scripts/screenshots.ts
 */
import type { CountdownState } from '../main/core/countdown';
import { encodePng } from '../main/core/icon/png';
import { renderTrayIcon } from '../main/core/tray-icon';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { RenewBroker } from '../main/core/renew/broker';
import { PROTOCOL_VERSION, type RenewRequest } from '../main/core/renew/protocol';
import { createIpcHandlers, type IpcHandlers } from '../main/ipc/handlers';
import { withRenewRequests } from '../main/renewal-agent/renew-requests';
import { configuredWorld, createWorld, type World } from '../test/helpers/world';
import { launchChromium, openPage, serveRenderer, type OpenOptions, type RendererPage } from '../test/renderer/harness';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');

// keytar needs a Secret Service: re-run once inside a private D-Bus session with gnome-keyring.
if (!process.env.AWS_MFA_TRAY_IN_KEYRING) {
  const r = spawnSync(path.join(ROOT, 'scripts', 'with-keyring.sh'), [process.execPath, '--import', 'tsx', __filename], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

// Without a Japanese font Chromium draws the Japanese screenshots as empty boxes (Debian: fonts-noto-cjk).
if (spawnSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).stdout?.trim() === '') {
  console.error('No Japanese font is installed, so the Japanese screenshots would show empty boxes: install one (Debian: apt install fonts-noto-cjk), then run again.');
  process.exit(1);
}

let browser: Browser;
let baseUrl: string;

async function shoot(
  world: World,
  page: 'popup' | 'settings',
  name: string,
  opts: OpenOptions & { handlers?: IpcHandlers },
  act: (p: RendererPage) => Promise<void> = async () => {},
): Promise<void> {
  const p = await openPage(browser, baseUrl, opts.handlers ?? world.handlers, page, { deviceScaleFactor: 2, ...opts });
  // The pages drop data-loading once the first state from main is shown.
  await p.page.locator('body:not([data-loading])').waitFor();
  await p.page.evaluate(() => document.fonts.ready);
  await act(p);
  await p.page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: page === 'settings' });
  await p.close();
  console.log(`docs/screenshots/${name}.png`);
}

const serial = (w: World) => w.user.devices[0]!.serial;

async function popups(): Promise<void> {
  const empty = await createWorld();
  await shoot(empty, 'popup', 'popup-empty', {});
  await empty.close();

  const w = await configuredWorld();
  await w.handlers.saveProfile({ original: null, entry: { sourceProfile: 'work', target: 'work-mfa' } });
  let release = () => {};
  await shoot(w, 'popup', 'popup-waiting', {}, async (p) => {
    release = p.hold('login');
    await p.page.keyboard.type(w.emulator.nextFreshCode(serial(w)));
    await p.page.locator('[data-busy]').waitFor();
  });
  release();
  await shoot(w, 'popup', 'popup-error', {}, async (p) => {
    await p.page.keyboard.type('000000');
    await p.page.locator('#error:not(:empty)').waitFor();
  });
  // The 360×440 popup window at 200 % zoom lays out in 180×220 CSS px; drawn at the other shots'
  // density, so the text is twice their size, as the user sees it.
  await shoot(w, 'popup', 'popup-zoom-200-error', { viewport: { width: 180, height: 220 }, deviceScaleFactor: 4 }, async (p) => {
    await p.page.keyboard.type('000000');
    await p.page.locator('#error:not(:empty)').waitFor();
  });
  await shoot(w, 'popup', 'popup-success', {}, async (p) => {
    await p.page.keyboard.type(w.emulator.nextFreshCode(serial(w)));
    await p.page.locator('#success:not(:empty)').waitFor();
  });
  await shoot(w, 'popup', 'popup-dark', { colorScheme: 'dark' });
  await w.handlers.savePreferences({ startAtLogin: false, warnMinutesBefore: 10, removeExpired: true, language: 'ja' });
  // The window's real size (main/app/windows.ts): the Japanese error wraps onto more lines.
  await shoot(w, 'popup', 'popup-ja', { viewport: { width: 360, height: 440 } }, async (p) => {
    await p.page.keyboard.type('000000');
    await p.page.locator('#error:not(:empty)').waitFor();
  });
  await w.close();
}

async function settingsPages(): Promise<void> {
  const w = await configuredWorld();
  w.writeCredentials('[legacy]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
  await shoot(w, 'settings', 'settings', {});
  await shoot(w, 'settings', 'settings-edit-dark', { colorScheme: 'dark' }, async (p) => {
    await p.page.getByRole('button', { name: 'Edit default' }).click();
    await p.page.getByRole('button', { name: 'Discover' }).click();
    await p.page.locator('#discover-status').filter({ hasText: 'Found' }).waitFor();
  });
  await w.close();
}

/** A command (terraform's credential_process) waits for the code, with under a minute left. */
async function request(): Promise<void> {
  const w = await configuredWorld();
  const broker = new RenewBroker({ login: (req) => w.service.loginWithSession(req), show: () => undefined, hide: () => undefined, notice: () => undefined });
  const handlers = withRenewRequests(w.handlers, broker, { onStateChanged: () => undefined, locale: () => 'en' });
  const asked: RenewRequest = { v: PROTOCOL_VERSION, type: 'renew', profile: 'default', target: 'mfa', asker: { command: 'credential-process', program: 'terraform' } };
  const gone = new AbortController();
  void broker.handle(asked, gone.signal);
  await shoot(w, 'popup', 'popup-request', { handlers, viewport: { width: 360, height: 440 } }, async (p) => {
    const view = broker.shown()!;
    await p.emit('popupShown', { sourceProfile: 'default', request: { ...view, expiresAt: Date.now() + 45_000 } });
    await p.page.locator('#request-warning:not(:empty)').waitFor();
  });
  gone.abort();
  await w.close();
}

/** settings.json holds a trailing comma: both windows say so and offer the way out. */
async function unusableSettings(): Promise<void> {
  const w = await createWorld();
  mkdirSync(w.paths.settingsDir, { recursive: true });
  writeFileSync(path.join(w.paths.settingsDir, 'settings.json'), '{ "profiles": [], }\n');
  // As in the app: a broken file leaves the language to the system (here English).
  const handlers = createIpcHandlers({ service: w.service, settings: w.settings, ui: { hideWindow() {}, openSettings() {}, closeSettings() {}, onStateChanged() {} }, platform: 'darwin', locale: () => 'en' });
  const shown = async (p: RendererPage) => void (await p.page.locator('#problem:not(:empty)').waitFor());
  await shoot(w, 'popup', 'popup-settings-unusable', { handlers }, shown);
  await shoot(w, 'settings', 'settings-unusable', { handlers, viewport: { width: 640, height: 300 } }, shown);
  await w.close();
}

/** The tray icons on a light and a dark menu bar, from the PNGs in assets/tray. */
async function trayStates(): Promise<void> {
  const states = ['none', 'active', 'expiring-soon', 'expired'];
  const img = (f: string) => `data:image/png;base64,${readFileSync(path.join(ROOT, 'assets', 'tray', f)).toString('base64')}`;
  const cells = (template: boolean) =>
    states.map((s) => `<figure><img src="${img(`${s}${template ? 'Template' : ''}@2x.png`)}" alt="${s}"><figcaption>${s}</figcaption></figure>`).join('');
  // Windows/Linux have no tray title: the countdown is drawn into the icon by the real renderer.
  const badge = (state: CountdownState, text: string): string =>
    `data:image/png;base64,${encodePng(renderTrayIcon({ state, text, size: 32 })).toString('base64')}`;
  const countdown = ([['active', '7h'], ['active', '42m'], ['expiring-soon', '9m'], ['expiring-soon', '59s']] as [CountdownState, string][])
    .map(([st, text]) => `<figure><img src="${badge(st, text)}" alt="${text}"><figcaption>${text} left</figcaption></figure>`)
    .join('');
  const page = await browser.newPage({ viewport: { width: 520, height: 200 }, deviceScaleFactor: 2 });
  await page.setContent(`<!doctype html><style>
    body{margin:0;font:12px system-ui,sans-serif}
    .bar{display:flex;gap:28px;padding:14px 20px;align-items:end}
    .light{background:#ececec;color:#333}.dark{background:#2b2b2b;color:#ddd}
    figure{margin:0;display:flex;flex-direction:column;align-items:center;gap:6px}
    img{width:32px;height:32px}</style>
    <div class="bar light">${cells(false)}</div><div class="bar dark">${cells(false)}</div><div class="bar light">${cells(true)}</div>
    <div class="bar dark">${countdown}</div>`);
  await page.screenshot({ path: path.join(OUT, 'tray-states.png'), fullPage: true });
  await page.close();
  console.log('docs/screenshots/tray-states.png');
}

void (async () => {
  mkdirSync(OUT, { recursive: true });
  const server = await serveRenderer();
  baseUrl = server.url;
  browser = await launchChromium();
  try {
    await popups();
    await settingsPages();
    await request();
    await unusableSettings();
    await trayStates();
  } finally {
    await browser.close();
    await server.close();
  }
})();
