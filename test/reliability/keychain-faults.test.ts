/**
 * Keychain faults: locked, no Secret Service at all, an entry missing or damaged. Each gives its
 * one sentence, changes no file, never falls back to plaintext, and the next try works once the
 * keychain is back.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { BIN, runCli, runProcess } from '../helpers/cli';
import { filesContaining, snapshot } from '../helpers/snapshot';
import { worldSuite } from '../helpers/world';
import { linuxOnly } from '../helpers/platform';

const SECRET_SERVICE = linuxOnly('the Secret Service on D-Bus (gnome-keyring); macOS and Windows keep keys in their own keychain');

const w = worldSuite({}, () => {
  serial = w.serial;
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n`);
  w.writeCredentials('[keep]\nregion = eu-west-1\n');
});
let serial: string;

test('a locked keychain: one sentence for login, list and set, no file changed, no crash; unlocked, login works', { skip: SECRET_SERVICE }, async () => {
  const canary = { accessKeyId: 'AKIACANARYCANARYCAN1', secretAccessKey: 'c'.repeat(40) };
  await w.keychain.set('suite-canary', canary);
  const before = snapshot(w.home);
  const env: NodeJS.ProcessEnv = { ...w.env, FIXTURE_SECRET: w.user.secretAccessKey, FIXTURE_CODE: w.emulator.nextFreshCode(serial) };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const r = await runProcess('dbus-run-session', ['--', process.execPath, path.join(__dirname, 'fixtures/locked-keyring.mjs'), BIN, w.user.accessKeyId], { env });
  assert.equal(r.code, 0, r.stderr);
  // The suite's own keyring, which the other test files share, is untouched: the fixture's daemons were its own.
  assert.deepEqual(await w.keychain.get('suite-canary'), canary);
  await w.keychain.remove('suite-canary');
  const out = JSON.parse(r.stdout) as Record<string, { code: number; stdout: string; stderr: string }>;
  assert.equal(out.set!.code, 0, out.set!.stderr);
  const lockedSentence = 'The keychain is locked: unlock your login keyring (log out and in, or open Passwords and Keys), then try again.\n';
  for (const step of ['lockedLogin', 'lockedList', 'lockedSet']) {
    assert.equal(out[step]!.code, 1, `${step}: ${out[step]!.stderr}`);
    assert.equal(out[step]!.stderr, lockedSentence, step);
    assert.equal(out[step]!.stdout, '', step);
  }
  assert.equal(out.unlockedLogin!.code, 0, out.unlockedLogin!.stderr);
  assert.equal((JSON.parse(out.unlockedLogin!.stdout) as { target: string }).target, 'mfa');
  // Only the session landed; the locked attempts left no trace and no plaintext fallback.
  const after = snapshot(w.home);
  for (const [file, digest] of before) if (!file.startsWith('.aws') && !file.startsWith('settings')) assert.equal(after.get(file), digest);
  assert.match(w.credentialsText()!, /^\[keep\]\nregion = eu-west-1\n\n\[mfa\]\naws_access_key_id = ASIA/);
  assert.deepEqual(filesContaining(w.home, w.user.secretAccessKey), []);
});

test('no Secret Service on the bus: one sentence, exit 1, nothing written', { skip: SECRET_SERVICE }, async () => {
  const env = { ...w.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
  const before = snapshot(w.home);
  for (const args of [['login', 'default', '--code', '123456'], ['keys', 'list'], ['keys', 'remove', 'default']]) {
    const r = await runCli(env, args);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^The keychain is not available: start and unlock a Secret Service keyring/);
  }
  const set = await runCli(env, ['keys', 'set', 'default', '--access-key-id', w.user.accessKeyId], `${w.user.secretAccessKey}\n`);
  assert.equal(set.code, 1);
  assert.deepEqual(snapshot(w.home), before);
  assert.deepEqual(filesContaining(w.home, w.user.secretAccessKey), [], 'no plaintext fallback');
});

test('a damaged keychain entry: one sentence naming the fix, nothing written; replacing the keys fixes it', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const keytar = require('keytar') as typeof import('keytar');
  for (const junk of ['not json', '{"accessKeyId":"AKIA"}', JSON.stringify({ accessKeyId: 'ASIAEXAMPLEEXAMPLE12', secretAccessKey: 'x'.repeat(40) })]) {
    await keytar.setPassword(w.keychainService, 'broken', junk);
    const before = snapshot(w.home);
    const r = await runCli(w.env, ['login', 'broken', '--code', '123456', '--serial', serial]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'The keychain entry for profile broken is damaged; store the keys again with "aws-mfa-tray keys set broken".\n');
    assert.deepEqual(snapshot(w.home), before);
  }
  const list = await runCli(w.env, ['keys', 'list', '--json']);
  assert.equal(list.code, 0, 'a damaged entry is still listed');
  assert.ok((JSON.parse(list.stdout) as { profile: string }[]).some((k) => k.profile === 'broken'));
  const fix = await runCli(w.env, ['keys', 'set', 'broken', '--access-key-id', w.user.accessKeyId], `${w.user.secretAccessKey}\n`);
  assert.equal(fix.code, 0, fix.stderr);
  const ok = await runCli(w.env, ['login', 'broken', '--code', w.emulator.nextFreshCode(serial), '--serial', serial, '--target', 'fixed']);
  assert.equal(ok.code, 0, ok.stderr);
});

test('an entry missing: says how to add keys, exit 1', async () => {
  const r = await runCli(w.env, ['login', 'absent', '--code', '123456']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^No long-term keys for profile absent in the keychain; add them with "aws-mfa-tray keys set absent --access-key-id AKIA\.\.\." or "aws-mfa-tray keys import absent"\.\n$/);
});
