/**
 * The package is not on the npm registry until a release is tagged (release.yml publishes it), so
 * no page a user reads may tell them to install it from there: `npm i -g aws-mfa-tray` and
 * `npx aws-mfa-tray` answer 404 today. Installs name the package file (`./aws-mfa-tray-*.tgz`).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..');
const pages = ['README.md', 'test/windows/README.md', ...readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** An npm install or npx run of the bare package name (not a path to a .tgz). */
const registryInstall = /\b(?:npm\s+(?:i|install|add)\s+(?:-g\s+|--global\s+)?|npx\s+(?:-y\s+)?)aws-mfa-tray(?:@[\w.-]+)?(?![\w./-])/;

test('no page tells a user to install the package from the npm registry', () => {
  const found: string[] = [];
  for (const page of pages) {
    readFileSync(path.join(root, page), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (registryInstall.test(line)) found.push(`${page}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(found, []);
});

test('the pattern finds the lines it is meant to find', () => {
  for (const bad of ['npm i -g aws-mfa-tray', '(`npm i -g aws-mfa-tray`, then', 'npx aws-mfa-tray login', 'npm install --global aws-mfa-tray@1.2.0'])
    assert.match(bad, registryInstall, bad);
  for (const good of ['npm i -g ./aws-mfa-tray-*.tgz', 'npm i -g .\\aws-mfa-tray-<version>.tgz', 'cd aws-mfa-tray'])
    assert.doesNotMatch(good, registryInstall, good);
});
