/**
 * The smoke test's way into the app, checked in plain Node the way Electron's ESM default app loads
 * an app: an ES module entry that `import()`s a CommonJS main, which `require`s its app module.
 * There `process.mainModule` is undefined (what broke the smoke test's first step), and
 * appModuleIn() must still return the instance the main loaded (its state, not a fresh copy).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { appModuleIn } from './app-module';

test("ESM default app: process.mainModule is undefined, and appModuleIn reaches the app module's live state", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amt-esm-default-app-'));
  try {
    // The app: main.js requires app.js, which holds state (as dist/app.js holds the tray).
    writeFileSync(path.join(dir, 'app.js'), 'let clicks = 0; exports.click = () => ++clicks; exports.shown = () => ({ clicks });\n');
    writeFileSync(path.join(dir, 'main.js'), "require('./app.js').click(); require('./app.js').click();\n");
    // Electron's default app (lib/default_app/main.ts since Electron 28): an ES module that import()s the app.
    writeFileSync(
      path.join(dir, 'default-app.mjs'),
      [
        `await import(${JSON.stringify(path.join(dir, 'main.js'))});`,
        `const evaluate = ${appModuleIn.toString()};`,
        `const viaMainModule = process.mainModule?.require?.(${JSON.stringify(path.join(dir, 'app.js'))});`,
        `const viaCreateRequire = evaluate(${JSON.stringify(path.join(dir, 'app.js'))}).shown();`,
        'process.stdout.write(JSON.stringify({ mainModule: typeof process.mainModule, viaMainModule: viaMainModule === undefined ? null : viaMainModule.shown(), viaCreateRequire }));',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [path.join(dir, 'default-app.mjs')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { mainModule: string; viaMainModule: unknown; viaCreateRequire: { clicks: number } };
    assert.equal(out.mainModule, 'undefined', 'the old way (process.mainModule.require) has nothing to call here');
    assert.equal(out.viaMainModule, null);
    assert.deepEqual(out.viaCreateRequire, { clicks: 2 }, 'appModuleIn returned another copy, not the one main.js loaded');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
