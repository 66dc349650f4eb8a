/**
 * Real Electron, wherever its binary exists (a desktop, a CI runner; never here, where it cannot be
 * downloaded): playwright-core's `_electron` launches the built app as `npm start` does, opens the
 * popup as a second launch would, logs in through the real page, preload and IPC against the local
 * STS emulator, sees the tray tooltip (and on macOS the title) change, and quits with sessions.json
 * flushed. Without a binary it is skipped with one line saying why, never passed silently.
 *
 * Binary: ELECTRON_OVERRIDE_DIST_PATH, else node_modules/electron/dist (fetch it with
 * `node node_modules/electron/install.js`). Linux needs a display: run under xvfb-run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { _electron as electron } from 'playwright-core';
import { createWorld } from '../helpers/world';
import { appModuleIn } from './app-module';

const root = path.resolve(__dirname, '..', '..');

function electronBinary(): { path: string } | { missing: string } {
  const rel = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const dir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(root, 'node_modules', 'electron', 'dist');
  const bin = path.join(dir, rel);
  return existsSync(bin) ? { path: bin } : { missing: bin };
}

const bin = electronBinary();
const skip =
  'missing' in bin
    ? `real-Electron smoke test skipped: no Electron binary at ${bin.missing} (run \`node node_modules/electron/install.js\` where Electron can be downloaded, or set ELECTRON_OVERRIDE_DIST_PATH)`
    : process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
      ? 'real-Electron smoke test skipped: no display (run it under xvfb-run)'
      : false;

test('real Electron: launch, popup, login against the emulator, tray countdown, quit with sessions.json flushed', { skip, timeout: 120_000 }, async () => {
  assert.ok(!('missing' in bin));
  const w = await createWorld();
  try {
    // macOS asks the user before one program reads a keychain item another created (the item's
    // access list names its creator), and a CI runner cannot answer: the keys are stored, and
    // removed, by the app's own binary (its command line), the program that reads them.
    const ownKeychain = process.platform === 'darwin';
    if (ownKeychain) {
      const set = appCli(bin.path, ['keys', 'set', 'default', '--access-key-id', w.user.accessKeyId], w.env, `${w.user.secretAccessKey}\n`);
      assert.equal(set.status, 0, set.stderr);
    } else await w.storeKeys('default');
    // A configured profile, so the first start goes to the tray rather than the settings window.
    mkdirSync(w.paths.settingsDir, { recursive: true, mode: 0o700 });
    writeFileSync(
      path.join(w.paths.settingsDir, 'settings.json'),
      JSON.stringify({ profiles: [{ sourceProfile: 'default', target: 'smoke' }], defaultTarget: 'mfa', preferences: { startAtLogin: false, warnMinutesBefore: 10, removeExpired: true, language: 'en' } }),
      { mode: 0o600 },
    );
    const app = await electron.launch({ executablePath: bin.path, args: [root], env: { ...w.env, ELECTRON_ENABLE_LOGGING: '1' }, timeout: 60_000 });
    const appJs = path.join(root, 'dist', 'app.js');
    // Not process.mainModule: undefined under the ESM default app (see ./app-module.ts).
    const shown = (): Promise<{ title: string; toolTip: string }> => app.evaluate(`(${appModuleIn.toString()})(${JSON.stringify(appJs)}).trayShown()`);
    try {
      // The tray is up once it shows the profile.
      await waitFor(async () => (await shown()).toolTip.includes('smoke — no session'), 'the tray tooltip');

      // A second launch brings up the popup (the same path as `aws-mfa-tray` run again).
      // (On Windows the popup exists, hidden, from the start; elsewhere it is created now.)
      const isPopup = (p: { url(): string }) => p.url().endsWith('popup.html');
      const created = app.waitForEvent('window', { predicate: isPopup });
      await app.evaluate(({ app: a }) => void a.emit('second-instance', {}, [], process.cwd(), {}));
      const popup = app.windows().find(isPopup) ?? (await created);
      await popup.locator('body:not([data-loading])').waitFor();
      // The bridge is the real preload's, and nothing else of Electron or Node is in the page.
      assert.equal(await popup.evaluate(() => typeof (window as unknown as { require?: unknown }).require), 'undefined');
      assert.deepEqual(await popup.evaluate(() => Object.keys((window as unknown as { mfaTray: object }).mfaTray).sort()), [
        'discoverDevices',
        'getState',
        'hideWindow',
        'importKeys',
        'login',
        'on',
        'openSettings',
        'removeProfile',
        'saveProfile',
        'savePreferences',
      ]);

      await popup.getByLabel('MFA code').fill(w.emulator.totp(w.user.devices[0]!.serial));
      await popup.locator('#success').filter({ hasText: 'smoke' }).waitFor({ timeout: 30_000 });
      assert.match(w.credentialsText() ?? '', /^\[smoke\]$/m);
      await waitFor(async () => /smoke — 1[12]h \d+m left/.test((await shown()).toolTip), 'the countdown in the tooltip');
      if (process.platform === 'darwin') assert.match((await shown()).title, /^1[12]h \d+m$/);

      await app.evaluate(({ app: a }) => a.quit());
      await app.waitForEvent('close', { timeout: 30_000 });
    } finally {
      await app.close().catch(() => undefined);
    }
    assert.match(readFileSync(path.join(w.paths.settingsDir, 'sessions.json'), 'utf8'), /smoke/, 'the login bookkeeping was flushed before exit');
  } finally {
    if (process.platform === 'darwin') appCli(bin.path, ['keys', 'remove', 'default'], w.env, '');
    await w.close();
  }
});

/** The app binary as the command line (`electron <app> <command>`: CLI mode under the default app). */
function appCli(binary: string, args: string[], env: NodeJS.ProcessEnv, stdin: string): { status: number | null; stderr: string } {
  const r = spawnSync(binary, [root, ...args], { env, input: stdin, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stderr: r.stderr };
}

async function waitFor(cond: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
