/**
 * Drives the built renderer pages (dist/renderer) in headless Chromium with the REAL preload
 * (dist/preload.js) run before the page, over a stand-in for Electron's contextBridge and
 * ipcRenderer: `window.mfaTray` is what preload exposes, and each ipcRenderer.invoke on an
 * `aws-mfa-tray:<channel>` is served by the REAL IPC handlers (createIpcHandlers) through one
 * Playwright binding. Records calls and replies, CSP violations and page errors so tests can
 * assert on them.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHANNELS, ipcChannel, type Channel, type EventName, type IpcEvents } from '../../main/ipc/contract';
import type { IpcHandlers } from '../../main/ipc/handlers';
import { after, afterEach, before } from 'node:test';

const ROOT = path.resolve(__dirname, '../../dist/renderer');
const PRELOAD = path.resolve(__dirname, '../../dist/preload.js');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
};

const FRAME_ANCESTORS_NOTICE = /directive 'frame-ancestors' is ignored when delivered via a <meta> element/;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Serves dist/renderer on 127.0.0.1 (file:// would hide CSP 'self' behaviour behind opaque origins). */
export async function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(path.join(ROOT, 'popup.js'))) throw new Error('dist/renderer is missing: run `npm run build` first.');
  const server: Server = createServer((req, res) => {
    const name = path.normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^[/\\]+/, '');
    const file = path.join(ROOT, name);
    if (!file.startsWith(ROOT + path.sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function launchChromium(): Promise<Browser> {
  // Debian's chromium here; CI runners pass the Chrome they set up (CHROMIUM_PATH).
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Call {
  channel: Channel;
  req: unknown;
  reply?: unknown;
}

export interface RendererPage {
  page: Page;
  context: BrowserContext;
  calls: Call[];
  /** CSP violations, uncaught page errors and console errors: a healthy page has none. */
  problems: string[];
  /** Fires a main -> renderer event through the bridge's `on` listeners. */
  emit<E extends EventName>(event: E, payload: IpcEvents[E]): Promise<void>;
  /** Holds calls on a channel until the returned release() runs (to observe in-flight UI states). */
  hold(channel: Channel): () => void;
  close(): Promise<void>;
}

export type PageName = 'popup' | 'settings';

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
}

/**
 * Installed before any page script: a CSP violation recorder and the stand-in for the two Electron
 * modules preload uses, as a sandboxed preload sees them:
 * - contextBridge.exposeInMainWorld(key, api): the page gets a frozen copy under `key` (Electron
 *   copies the API across worlds; the page cannot reach preload's objects);
 * - ipcRenderer.invoke(channel, arg): a structured-clone round trip to main (here the binding);
 * - ipcRenderer.on/removeListener: main's webContents.send(channel, payload) calls listeners with
 *   (event, payload); the event stands for IpcRendererEvent, which the page must never see.
 */
function electronStandIn(): void {
  const w = window as unknown as Record<string, unknown> & {
    __mfaTrayInvoke(channel: string, req: unknown): Promise<unknown>;
    __problems: string[];
    __electronStandIn: unknown;
  };
  w.__problems = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__problems.push(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
  });
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const ipcEvent = Object.freeze({ sender: '[ipcRenderer]', senderId: 0, ports: [] });
  const exposed = new Set<string>();
  w.__electronStandIn = {
    contextBridge: {
      exposeInMainWorld(key: string, api: Record<string, unknown>) {
        if (exposed.has(key) || key in w) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
        exposed.add(key);
        Object.defineProperty(w, key, { value: Object.freeze({ ...api }), enumerable: true, writable: false, configurable: false });
      },
    },
    ipcRenderer: {
      invoke: (channel: string, arg: unknown) => w.__mfaTrayInvoke(channel, arg === undefined ? null : structuredClone(arg)),
      on(channel: string, listener: (event: unknown, payload: unknown) => void) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener(channel: string, listener: (event: unknown, payload: unknown) => void) {
        listeners.get(channel)?.delete(listener);
      },
    },
  };
  w.__mfaTraySend = (channel: string, payload: unknown) => {
    for (const fn of listeners.get(channel) ?? []) fn(ipcEvent, structuredClone(payload));
  };
  w.__mfaTrayListeners = (channel: string) => listeners.get(channel)?.size ?? 0;
}

/** dist/preload.js as Electron's sandboxed preload runs it: CommonJS, `require('electron')` only. */
function preloadScript(): string {
  if (!existsSync(PRELOAD)) throw new Error('dist/preload.js is missing: run `npm run build` first.');
  const source = readFileSync(PRELOAD, 'utf8');
  return [
    '(function () {',
    '  const electron = window.__electronStandIn;',
    '  delete window.__electronStandIn;',
    "  const require = (id) => { if (id === 'electron') return electron; throw new Error(`module not found: ${id} (a sandboxed preload can require only electron)`); };",
    '  const module = { exports: {} };',
    '  (function (require, module, exports) {',
    source,
    '  })(require, module, module.exports);',
    '})();',
  ].join('\n');
}

export async function openPage(
  browser: Browser,
  baseUrl: string,
  handlers: IpcHandlers,
  pageName: PageName,
  opts: OpenOptions = {},
): Promise<RendererPage> {
  const context = await browser.newContext({
    colorScheme: opts.colorScheme ?? 'light',
    viewport: opts.viewport ?? (pageName === 'popup' ? { width: 360, height: 260 } : { width: 620, height: 760 }),
    deviceScaleFactor: opts.deviceScaleFactor ?? 1,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const calls: Call[] = [];
  const held = new Map<Channel, Promise<void>>();
  await context.exposeBinding('__mfaTrayInvoke', async (_source, ipcName: string, req: unknown) => {
    // What main registered: ipcMain.handle(ipcChannel(c)) for each contract channel.
    const channel = CHANNELS.find((c) => ipcChannel(c) === ipcName);
    const handler = channel && handlers[channel];
    if (!channel || !handler) throw new Error(`No handler registered for '${ipcName}'`);
    const call: Call = { channel, req };
    calls.push(call);
    await held.get(channel);
    call.reply = await handler(req);
    return call.reply;
  });
  // As source text: tsx names functions through an `__name` helper that the page does not have.
  await context.addInitScript({ content: `(() => { const __name = (f) => f; (${electronStandIn.toString()})(); })();` });
  await context.addInitScript({ content: preloadScript() });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // The required CSP lists frame-ancestors, which only a header can deliver; Chromium notes that
    // it ignores it in <meta>. That notice is expected; every other console error is a problem.
    if (m.type() === 'error' && !FRAME_ANCESTORS_NOTICE.test(m.text())) problems.push(`console error: ${m.text()}`);
  });
  await page.goto(`${baseUrl}/${pageName}.html`);
  await page.waitForFunction(() => document.readyState === 'complete');
  return {
    page,
    context,
    calls,
    problems,
    emit: async (event, payload) => {
      // main's webContents.send(ipcChannel(event), payload)
      await page.evaluate(([c, p]) => (window as unknown as { __mfaTraySend(c: string, p: unknown): void }).__mfaTraySend(c, p), [ipcChannel(event), payload] as const);
    },
    hold: (channel) => {
      let release!: () => void;
      held.set(channel, new Promise<void>((r) => (release = r)));
      return () => {
        held.delete(channel);
        release();
      };
    },
    close: () => context.close(),
  };
}

/** CSP violations recorded inside the page, plus errors seen from outside it. */
export async function pageProblems(p: RendererPage): Promise<string[]> {
  const inside = await p.page.evaluate(() => (window as unknown as { __problems: string[] }).__problems);
  return [...inside, ...p.problems];
}

/** Polls a condition in the test process (e.g. a file or a counter main-side) until it holds. */
export async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The hooks every renderer test file needs: one Chromium and one page server per file; after each
 * test the page must have had no CSP violation, page error or console error, and is closed.
 * `open` loads the page over the given real handlers and waits until it shows its first state.
 */
export function rendererSuite(pageName: PageName): { open(handlers: IpcHandlers, opts?: OpenOptions & { page?: PageName }): Promise<RendererPage> } {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  let current: RendererPage | undefined;
  before(async () => {
    [browser, server] = await Promise.all([launchChromium(), serveRenderer()]);
  });
  after(async () => {
    await browser.close();
    await server.close();
  });
  afterEach(async () => {
    if (current) assert.deepEqual(await pageProblems(current), [], 'no CSP violation, page error or console error');
    await current?.close();
    current = undefined;
  });
  return {
    async open(handlers, opts = {}) {
      current = await openPage(browser, server.url, handlers, opts.page ?? pageName, opts);
      await current.page.locator('body:not([data-loading])').waitFor();
      return current;
    },
  };
}
