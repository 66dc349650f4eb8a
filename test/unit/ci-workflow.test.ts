/**
 * The public CI workflow cannot run here; this pins what it must do on each runner: npm test
 * (under xvfb on Linux, with the Electron binary fetched so the smoke test runs), then
 * `npm run dist` with the installers kept as artifacts.
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
  name?: string;
  if?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': string; strategy: { matrix: { os: string[] } }; steps: Step[] }>;
}

test('CI runs the tests, the smoke test and the packaging on ubuntu, macos and windows', () => {
  const wf = yaml.load(readFileSync(path.join(root, '.github', 'workflows', 'ci.yml'), 'utf8')) as Workflow;
  assert.ok('push' in wf.on && 'pull_request' in wf.on);
  const [job] = Object.values(wf.jobs);
  assert.ok(job);
  assert.equal(job['runs-on'], '${{ matrix.os }}');
  assert.deepEqual(job.strategy.matrix.os, ['ubuntu-latest', 'macos-latest', 'windows-latest']);
  const runs = job.steps.map((s) => s.run ?? '');
  const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
  assert.ok(at(/^npm ci$/) >= 0);
  assert.ok(at(/electron\/install\.js/) > at(/^npm ci$/), 'the Electron binary is fetched before the tests');
  const linuxTest = job.steps.find((s) => /xvfb-run .*npm test/.test(s.run ?? ''));
  assert.equal(linuxTest?.if, "runner.os == 'Linux'");
  const otherTest = job.steps.find((s) => s.run === 'npm test');
  assert.equal(otherTest?.if, "runner.os != 'Linux'");
  for (const s of [linuxTest, otherTest]) assert.match(s?.env?.CHROMIUM_PATH ?? '', /steps\.chrome\.outputs\.chrome-path/);
  assert.ok(at(/^npm run dist -- --publish never$/) > at(/npm test/), 'installers after the tests');
  const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
  for (const ext of ['dmg', 'exe', 'AppImage', 'deb']) assert.match(upload?.with?.path ?? '', new RegExp(`release/\\*\\.${ext}`));
  // Electron's sandbox on Ubuntu 24.04 runners.
  assert.ok(runs.some((r) => r.includes('kernel.apparmor_restrict_unprivileged_userns=0')));
});
