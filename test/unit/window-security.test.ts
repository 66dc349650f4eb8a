import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isOwnPageUrl, rendererPages, secureWebPreferences } from '../../main/app/window-options';

const root = path.join(import.meta.dirname, '..', '..');
const appDir = path.join(root, 'main', 'app');
const read = (f: string) => fs.readFileSync(f, 'utf8');
const appFiles = fs.readdirSync(appDir).filter((f) => f.endsWith('.ts')).map((f) => path.join(appDir, f));

test('secure web preferences: isolated, sandboxed, no Node, web security on, no spellcheck', () => {
  const p = secureWebPreferences('/app/dist/preload.js');
  assert.equal(p.preload, '/app/dist/preload.js');
  assert.equal(p.contextIsolation, true);
  assert.equal(p.sandbox, true);
  assert.equal(p.nodeIntegration, false);
  assert.equal(p.nodeIntegrationInWorker, false);
  assert.equal(p.nodeIntegrationInSubFrames, false);
  assert.equal(p.webSecurity, true);
  assert.equal(p.allowRunningInsecureContent, false);
  assert.equal(p.webviewTag, false);
  assert.equal(p.spellcheck, false);
  assert.ok(!('enableRemoteModule' in p) || (p as Record<string, unknown>).enableRemoteModule === false);
});

test('only our own renderer pages count as trusted senders', () => {
  const pages = rendererPages('/opt/app/resources/app.asar/dist');
  const list = [pages.popup, pages.settings];
  const url = (p: string) => pathToFileURL(p).href;
  assert.equal(isOwnPageUrl(url(pages.popup), list), true);
  assert.equal(isOwnPageUrl(`${url(pages.settings)}?x=1#top`, list), true);
  for (const bad of [
    url('/opt/app/resources/app.asar/dist/renderer/other.html'),
    url('/tmp/popup.html'),
    url('/opt/app/resources/app.asar/dist/renderer/../renderer-evil/popup.html'),
    'https://example.com/dist/renderer/popup.html',
    'file://evil.example.com/opt/app/resources/app.asar/dist/renderer/popup.html',
    'data:text/html,<script>1</script>',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ]) {
    assert.equal(isOwnPageUrl(bad, list), false, bad);
  }
  assert.equal(isOwnPageUrl(null, list), false);
  assert.equal(isOwnPageUrl(undefined, list), false);
});

/** The argument text of every `new BrowserWindow(...)` in a source file (balanced parentheses). */
function browserWindowCalls(src: string): string[] {
  const out: string[] = [];
  let i = src.indexOf('new BrowserWindow(');
  while (i >= 0) {
    let depth = 0;
    let j = i + 'new BrowserWindow'.length;
    for (; j < src.length; j++) {
      if (src[j] === '(') depth++;
      else if (src[j] === ')' && --depth === 0) break;
    }
    out.push(src.slice(i, j + 1));
    i = src.indexOf('new BrowserWindow(', j);
  }
  return out;
}

test('every BrowserWindow in main/app uses secureWebPreferences and nothing overrides it', () => {
  let count = 0;
  for (const f of appFiles) {
    for (const call of browserWindowCalls(read(f))) {
      count++;
      // secureWebPreferences, the saved zoom (not a security setting), then only the same flags
      // restated as literals for static scanners.
      assert.match(
        call,
        /webPreferences:\s*\{\s*\.\.\.secureWebPreferences\(\w+\),\s*(zoomFactor,\s*)?contextIsolation: true,\s*sandbox: true,\s*nodeIntegration: false\s*\}/,
        `${path.basename(f)}: ${call.slice(0, 80)}`,
      );
      assert.equal(call.match(/webPreferences/g)?.length, 1, `${path.basename(f)} sets webPreferences once`);
      assert.doesNotMatch(call, /webSecurity|nodeIntegrationIn|allowRunningInsecureContent|webviewTag/, 'no per-window overrides');
    }
  }
  assert.equal(count, 1, 'one window factory (secureWindow) creates every window');
  const windows = read(path.join(appDir, 'windows.ts'));
  assert.equal(windows.match(/secureWindow\(\{/g)?.length, 2, 'popup and settings are created through secureWindow');
  // The scan would miss a window created another way.
  for (const f of appFiles) assert.doesNotMatch(read(f), /new\s+(BaseWindow|BrowserView|WebContentsView)\b/, path.basename(f));
});

test('navigation and new windows are denied app-wide, before any window exists', () => {
  const security = read(path.join(appDir, 'security.ts'));
  assert.match(security, /app\.on\('web-contents-created'/);
  assert.match(security, /on\('will-navigate',\s*\(e\)\s*=>\s*e\.preventDefault\(\)\)/);
  assert.match(security, /on\('will-attach-webview',\s*\(e\)\s*=>\s*e\.preventDefault\(\)\)/);
  assert.match(security, /setWindowOpenHandler\(\(\)\s*=>\s*\(\{\s*action:\s*'deny'\s*\}\)\)/);
  assert.match(security, /setPermissionRequestHandler\([^)]*\)\s*=>\s*callback\(false\)/);
  // start.ts is the tray app's process-level start-up (main.ts only hands it the process's facts).
  const main = read(path.join(appDir, 'start.ts'));
  const install = main.indexOf('installSecurityHandlers();');
  assert.ok(install > 0, 'start.ts installs the handlers');
  assert.ok(install < main.indexOf('.whenReady()'), 'before the app is ready');
  assert.match(main, /app\.enableSandbox\(\);/);
});

test('every IPC handler checks the sender frame before running', () => {
  const ipc = read(path.join(appDir, 'ipc.ts'));
  assert.equal(ipc.match(/ipcMain\.handle\(/g)?.length, 1, 'one registration loop');
  const body = ipc.slice(ipc.indexOf('ipcMain.handle('));
  assert.ok(body.indexOf('isTrustedSender(') < body.indexOf('handlers[channel]('), 'check first');
  assert.match(ipc, /frame\.parent === null/, 'top frame only');
  assert.match(ipc, /for \(const channel of CHANNELS\)/);
  for (const f of appFiles) if (!f.endsWith('ipc.ts')) assert.doesNotMatch(read(f), /ipcMain\.(handle|on)\(/, `${path.basename(f)} registers IPC outside ipc.ts`);
});

test('Electron is imported only by main/app adapters (and not by window-options)', () => {
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.ts') ? [path.join(d, e.name)] : []));
  const electronImport = /(from\s+'electron'|require\('electron'\))/;
  for (const f of walk(path.join(root, 'main'))) {
    const inApp = path.dirname(f) === appDir && !f.endsWith('window-options.ts');
    if (!inApp) assert.doesNotMatch(read(f), electronImport, path.relative(root, f));
  }
});
