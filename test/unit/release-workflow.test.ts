/**
 * The release workflow cannot run here: this checks that it parses as YAML and pins what it must
 * do on a version tag: the installers built on the three desktop OSes and attached to a GitHub
 * release of the tag, npm publish with provenance, and the tag matching package.json's version.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { test } from 'node:test';

const require = createRequire(__filename);
const yaml = require('js-yaml') as { load(s: string): unknown };
const root = path.resolve(__dirname, '..', '..');

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string;
  'runs-on': string;
  permissions?: Record<string, string>;
  strategy?: { matrix: { os: string[] } };
  steps: Step[];
}

const wf = yaml.load(readFileSync(path.join(root, '.github', 'workflows', 'release.yml'), 'utf8')) as { on: { push: { tags: string[] } }; permissions: Record<string, string>; jobs: Record<string, Job> };

test('on a v* tag only, read-only by default', () => {
  assert.deepEqual(wf.on, { push: { tags: ['v*'] } });
  assert.deepEqual(wf.permissions, { contents: 'read' });
});

test('installers on ubuntu, macos and windows, checked against the version, kept as artifacts', () => {
  const j = wf.jobs.installers!;
  assert.deepEqual(j.strategy!.matrix.os, ['ubuntu-latest', 'macos-latest', 'windows-latest']);
  const runs = j.steps.map((s) => s.run ?? '');
  assert.ok(runs.includes('npm ci'));
  assert.ok(runs.some((r) => r.includes('require("./package.json").version') && r.includes('$GITHUB_REF_NAME')));
  assert.ok(runs.some((r) => r.startsWith('npm run dist')));
  assert.ok(j.steps.some((s) => s.uses === 'actions/upload-artifact@v4'));
});

test('npm publish with provenance after the installers built, with the registry token', () => {
  const j = wf.jobs.npm!;
  assert.equal(j.needs, 'installers');
  assert.equal(j.permissions!['id-token'], 'write');
  const publish = j.steps.find((s) => s.run?.startsWith('npm publish'))!;
  assert.match(publish.run!, /--provenance/);
  assert.equal(publish.env!.NODE_AUTH_TOKEN, '${{ secrets.NPM_TOKEN }}');
  assert.equal(j.steps.find((s) => s.uses === 'actions/setup-node@v4')!.with!['registry-url'], 'https://registry.npmjs.org');
});

test('a GitHub release of the tag with every installer attached', () => {
  const j = wf.jobs['github-release']!;
  assert.equal(j.needs, 'installers');
  assert.equal(j.permissions!.contents, 'write');
  assert.equal(j.steps[0]!.uses, 'actions/download-artifact@v4');
  assert.match(j.steps[1]!.run!, /^gh release create "\$GITHUB_REF_NAME" release\/\* /);
});
