/**
 * The public CI workflow cannot run here; this pins what it must do on each runner: npm test
 * (under xvfb on Linux, with the Electron binary fetched so the smoke test runs), then
 * `npm run dist` with the installers kept as artifacts.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { test } from 'node:test';
import spawn from 'cross-spawn';

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

/** @action-validator/core: SchemaStore's github-workflow schema compiled into a wasm validator, in tools/action-validator. */
function actionValidator(): { validateWorkflow(src: string): { errors: unknown[] } } {
  const dir = path.join(root, 'tools', 'action-validator');
  const entry = path.join(dir, 'node_modules', '@action-validator', 'core');
  if (!existsSync(entry)) {
    // Installed by .ci/run and the workflow; a fresh checkout gets it here (from the lockfile).
    const r = spawn.sync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `npm ci --prefix tools/action-validator failed: ${r.stderr}`);
  }
  return require(entry) as { validateWorkflow(src: string): { errors: unknown[] } };
}

test('ci.yml is a valid GitHub workflow (SchemaStore schema, through action-validator); a broken one is caught', () => {
  const v = actionValidator();
  const text = readFileSync(path.join(root, '.github', 'workflows', 'ci.yml'), 'utf8');
  assert.deepEqual(v.validateWorkflow(text).errors, []);
  // The check can fail: a misspelt key and a step with neither run nor uses are refused.
  assert.ok(v.validateWorkflow(text.replace('runs-on:', 'run-on:')).errors.length > 0);
  assert.ok(v.validateWorkflow('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: nothing\n        shell: bash\n').errors.length > 0);
});

test('macOS: a keychain of its own for the tests, unlocked and default, before npm test', () => {
  const wf = yaml.load(readFileSync(path.join(root, '.github', 'workflows', 'ci.yml'), 'utf8')) as Workflow;
  const [job] = Object.values(wf.jobs);
  const steps = job!.steps;
  const keychain = steps.findIndex((s) => /security create-keychain/.test(s.run ?? ''));
  assert.ok(keychain >= 0);
  assert.equal(steps[keychain]!.if, "runner.os == 'macOS'");
  for (const cmd of ['unlock-keychain', 'default-keychain', 'list-keychains', 'set-keychain-settings']) assert.match(steps[keychain]!.run!, new RegExp(`security ${cmd}`));
  assert.ok(keychain < steps.findIndex((s) => s.run === 'npm test'), 'the keychain exists before the tests');
});

test("Linux: wine and Windows' Node for the Windows lane (which fails under CI without them)", () => {
  const wf = yaml.load(readFileSync(path.join(root, '.github', 'workflows', 'ci.yml'), 'utf8')) as Workflow;
  const steps = Object.values(wf.jobs)[0]!.steps;
  assert.ok(steps.some((s) => s.if === "runner.os == 'Linux'" && /apt-get install .*\bwine64\b/.test(s.run ?? '')));
  assert.ok(steps.some((s) => s.if === "runner.os == 'Linux'" && /npm ci --prefix tools\/node-win --force/.test(s.run ?? '')));
  assert.ok(steps.some((s) => /npm ci --prefix tools\/action-validator/.test(s.run ?? '')));
});
