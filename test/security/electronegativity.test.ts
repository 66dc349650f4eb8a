/**
 * Electronegativity (Doyensec's Electron security scanner) over the built app in dist/: no
 * high-severity finding. Medium/low findings are printed as diagnostics for review. The scanner
 * has its own install under tools/ (no dependency of the package: `npm i -g` must not need it);
 * .ci/run installs it, and this test does when it is missing.
 */
import assert from 'node:assert/strict';
// cross-spawn: npm.cmd and the .bin shim are .cmd files on Windows, which Node spawns only through a shell.
import spawn from 'cross-spawn';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'tools', 'electronegativity', 'node_modules', '.bin', 'electronegativity');

function installScanner(t: { diagnostic(s: string): void }): void {
  if (existsSync(bin)) return;
  t.diagnostic('installing Electronegativity into tools/electronegativity (npm ci)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawn.sync(npm, ['ci', '--prefix', path.join(root, 'tools', 'electronegativity'), '--no-audit', '--no-fund', '--loglevel=error'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `npm ci for Electronegativity failed: ${r.stderr}`);
}

test('Electronegativity finds nothing of high severity in the built app', async (t) => {
  assert.ok(existsSync(path.join(root, 'dist', 'main.js')), 'run npm run build first (npm test does)');
  installScanner(t);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eneg-'));
  const csv = path.join(dir, 'report.csv');
  const electron = (JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  const code = await new Promise<number | null>((resolve, reject) => {
    const c = spawn(bin, ['-i', path.join(root, 'dist'), '-e', electron, '-r', '-o', csv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    c.stdout!.resume();
    c.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    c.on('error', reject);
    c.on('close', (status) => {
      if (/Error parsing/.test(err)) reject(new Error(`Electronegativity could not parse part of the app: ${err}`));
      resolve(status);
    });
  });
  assert.equal(code, 0);
  const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
  rmSync(dir, { recursive: true, force: true });
  for (const r of rows) t.diagnostic(r.slice(0, 160));
  const high = rows.filter((r) => /^[A-Z_]+,"HIGH"/.test(r));
  assert.deepEqual(high, []);
});
