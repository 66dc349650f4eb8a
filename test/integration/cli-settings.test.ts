/**
 * The CLI records only what it used, and only after success: a discovered MFA serial lands in the
 * settings under the target the login really used; no preferences or defaults nobody chose
 * (startAtLogin for someone who only uses the terminal); nothing at all when the login failed or
 * when nothing had to be discovered.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { beforeEach, test } from 'node:test';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ keys: ['alice'] }, () => {
  serial = w.serial;
  settingsFile = `${w.paths.settingsDir}/settings.json`;
});
let serial: string;
let settingsFile: string;
beforeEach(() => {
  w.writeConfig('');
  w.writeCredentials('');
  rmSync(settingsFile, { force: true });
});

const raw = (): unknown => JSON.parse(readFileSync(settingsFile, 'utf8'));

test('a failed login with a discovered serial writes no settings', async () => {
  const r = await runCli(w.env, ['login', 'alice', '--code', w.emulator.wrongCode(serial), '--target', 'alice-mfa']);
  assert.equal(r.code, 1, r.stderr);
  assert.ok(!existsSync(settingsFile), 'no settings file');
});

test('a successful login records the discovered serial under the target it used, and nothing else', async () => {
  const r = await runCli(w.env, ['login', 'alice', '--code', w.emulator.nextFreshCode(serial), '--target', 'alice-mfa']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(raw(), { profiles: [{ sourceProfile: 'alice', target: 'alice-mfa', serial }] });
});

test('settings the user wrote stay as they were; no defaults are added', async () => {
  mkdirSync(w.paths.settingsDir, { recursive: true, mode: 0o700 });
  writeFileSync(settingsFile, JSON.stringify({ preferences: { language: 'ja' } }), { mode: 0o600 });
  const r = await runCli(w.env, ['login', 'alice', '--code', w.emulator.nextFreshCode(serial), '--target', 'alice-mfa', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(raw(), { preferences: { language: 'ja' }, profiles: [{ sourceProfile: 'alice', target: 'alice-mfa', serial }] });
});

test('with mfa_serial in the config nothing is discovered and no settings file appears', async () => {
  w.writeConfig(`[profile alice]\nmfa_serial = ${serial}\n`);
  const dir = `${w.home}/fresh-settings`;
  const r = await runCli({ ...w.env, AWS_MFA_TRAY_HOME: dir }, ['login', 'alice', '--code', w.emulator.nextFreshCode(serial), '--target', 'alice-mfa']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!existsSync(`${dir}/settings.json`));
});
