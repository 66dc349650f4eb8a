/**
 * package.json's `engines` must be true for what `npm ci` installs: every installed package's own
 * `engines.node` accepts every Node version ours accepts (else `npm install` warns EBADENGINE on a
 * Node we claim to support), and the Node the tests run on (the node@22 devDependency) is one of them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import semver from 'semver';

const root = path.resolve(__dirname, '..', '..');
const read = <T>(file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as T;
type Lock = { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };

test('engines.node is a range every installed package accepts', () => {
  const ours = read<{ engines: { node: string } }>('package.json').engines.node;
  assert.ok(semver.validRange(ours), ours);
  const refused: string[] = [];
  let checked = 0;
  for (const lockFile of ['package-lock.json', 'tools/electronegativity/package-lock.json']) {
    for (const [where, info] of Object.entries(read<Lock>(lockFile).packages)) {
      const theirs = !Array.isArray(info.engines) ? info.engines?.node : undefined;
      if (!where || !theirs) continue;
      checked++;
      if (!semver.subset(ours, theirs)) refused.push(`${where}@${info.version ?? '?'} wants ${theirs}`);
    }
  }
  assert.ok(checked > 100, `only ${checked} packages declare engines: is the lockfile there?`);
  assert.deepEqual(refused, [], `engines.node "${ours}" claims Node versions these packages refuse`);
});

test('the Node that runs the tests and the CLI is inside the declared range', () => {
  const ours = read<{ engines: { node: string } }>('package.json').engines.node;
  assert.ok(semver.satisfies(process.version, ours), `${process.version} vs ${ours}`);
});
