/**
 * A real electron-builder 26 packaging run (`--linux dir`, the same config `npm run dist` uses),
 * with a stand-in for Electron's binary (which cannot be downloaded here): a file carrying the
 * fuse wire, so the fuse step runs too. Checks what the package holds: the bundles, and from
 * node_modules only keytar, the one module loaded at run time; keytar.node outside the asar and
 * loadable from there; the fuses flipped as configured. Prints the sizes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';

const root = path.resolve(__dirname, '..', '..');
const require = createRequire(__filename);
const asar = require('@electron/asar') as {
  listPackage(archive: string, o: { isPack: boolean }): string[];
  statFile(archive: string, file: string, follow: boolean): { size?: number; files?: unknown };
};
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

let tmp: string;
let unpackedDir: string;
let files: string[];
let archive: string;

before(() => {
  assert.ok(existsSync(path.join(root, 'dist', 'app.js')), 'run `npm run build` first');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mfa-package-'));
  // The stand-in Electron: a binary with a fuse wire (version 1, 8 fuses) and the files builder copies.
  const electronDist = path.join(tmp, 'electron-dist');
  mkdirSync(path.join(electronDist, 'locales'), { recursive: true });
  mkdirSync(path.join(electronDist, 'resources'));
  writeFileSync(path.join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# '), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('01010101\n')]));
  chmodSync(path.join(electronDist, 'electron'), 0o755);
  for (const f of ['chrome-sandbox', 'LICENSE', 'LICENSES.chromium.html']) writeFileSync(path.join(electronDist, f), '');
  const out = path.join(tmp, 'release');
  const r = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--config',
      'electron-builder.yml',
      '--linux',
      'dir',
      `-c.electronDist=${electronDist}`,
      // The rebuild fetches Electron's headers; keytar is N-API, so the Node build is the same module.
      '-c.npmRebuild=false',
      `-c.directories.output=${out}`,
    ],
    { cwd: root, encoding: 'utf8', timeout: 240_000 },
  );
  assert.equal(r.status, 0, `electron-builder failed:\n${r.stdout}\n${r.stderr}`);
  unpackedDir = path.join(out, 'linux-unpacked');
  archive = path.join(unpackedDir, 'resources', 'app.asar');
  files = asar.listPackage(archive, { isPack: false }).map((f) => f.replace(/\\/g, '/').replace(/^\//, ''));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const isFile = (f: string) => asar.statFile(archive, f, false).files === undefined;

function du(p: string): number {
  const s = statSync(p);
  if (!s.isDirectory()) return s.size;
  return readdirSync(p).reduce((a, n) => a + du(path.join(p, n)), 0);
}

test('the package holds the bundles and, from node_modules, keytar alone', (t) => {
  const regular = files.filter(isFile);
  const modules = new Set(regular.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/')[1]));
  assert.deepEqual([...modules], ['keytar'], 'everything else is bundled into dist/ or needed only to build keytar');
  for (const f of ['package.json', 'dist/main.js', 'dist/app.js', 'dist/cli.js', 'dist/aws.js', 'dist/preload.js', 'dist/renderer/popup.html', 'dist/renderer/settings.html']) {
    assert.ok(regular.includes(f), `${f} is packaged`);
  }
  assert.deepEqual(
    regular.filter((f) => f.endsWith('.map')),
    [],
    'no source maps',
  );
  const asarBytes = statSync(archive).size;
  const unpackedBytes = du(`${archive}.unpacked`);
  t.diagnostic(`app.asar ${asarBytes} bytes, ${regular.length} files; app.asar.unpacked ${unpackedBytes} bytes`);
  t.diagnostic(`in node_modules: ${regular.filter((f) => f.startsWith('node_modules/')).join(', ')}`);
});

test('keytar.node is outside the archive and loads from the packaged layout', () => {
  const keytarDir = path.join(`${archive}.unpacked`, 'node_modules', 'keytar');
  assert.ok(existsSync(path.join(keytarDir, 'build', 'Release', 'keytar.node')));
  // keytar.js requires only its .node file: with no other node_modules beside it, it still works.
  const keytar = require(keytarDir) as { findCredentials(service: string): Promise<unknown[]> };
  return keytar.findCredentials(`aws-mfa-tray-package-test-${process.pid}`).then((found) => assert.deepEqual(found, []));
});

test('the fuses are flipped as electron-builder.yml says', () => {
  const bin = readFileSync(path.join(unpackedDir, 'aws-mfa-tray'));
  const at = bin.indexOf(SENTINEL) + SENTINEL.length;
  const wire = bin.subarray(at + 2, at + 2 + bin[at + 1]!).toString('latin1');
  // RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyLoadAppFromAsar, (V8 snapshot untouched), GrantFileProtocol
  assert.equal(wire[0], '0', 'RunAsNode off');
  assert.equal(wire[1], '1', 'cookie encryption on');
  assert.equal(wire[2], '0', 'NODE_OPTIONS off');
  assert.equal(wire[3], '0', '--inspect off');
  assert.equal(wire[4], '1', 'asar integrity on');
  assert.equal(wire[5], '1', 'only load the app from the asar');
  assert.equal(wire[7], '1', 'file:// keeps its privileges (our pages load from file://)');
});
