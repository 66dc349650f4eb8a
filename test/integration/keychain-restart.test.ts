/**
 * The Secret Service daemon restarts under a running process (gnome-keyring crashes, and systemd or
 * the session starts it again: seen on Fedora and Arch desktops). libsecret in that process keeps
 * the old daemon for good, so every later getPassword, setPassword and deletePassword failed. Under
 * plain Node (the CLI, and any process that has already used the keychain) KeytarKeychain then makes
 * each call in a fresh process (main/core/keytar-child.cjs); the packaged app cannot yet (its
 * Electron binary does not run scripts as Node). Run in a D-Bus session and keyring of its own
 * (scripts/with-keyring.sh), so the suite's keyring is not touched.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { linuxOnly } from '../helpers/platform';

const ROOT = path.resolve(__dirname, '../..');

test('after the keyring daemon restarts, the same process still reads, stores, lists and removes keys', { skip: linuxOnly('gnome-keyring on D-Bus') }, () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['AWS_MFA_TRAY_IN_KEYRING', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_DATA_HOME', 'AWS_MFA_TRAY_KEYRING_STATE']) delete env[name];
  env.GNOME_KEYRING_CONTROL = path.join(ROOT, 'no-such-desktop-keyring');
  const child = path.join(ROOT, 'test/helpers/keychain-restart-child.ts');
  const r = spawnSync(path.join(ROOT, 'scripts/with-keyring.sh'), [process.execPath, '--import', 'tsx', child], { cwd: ROOT, env, encoding: 'utf8', timeout: 90_000 });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.equal(
    r.stdout,
    [
      'before: "AKIAAAAAAAAAAAAAAAAA"',
      'get after restart: "AKIAAAAAAAAAAAAAAAAA"',
      'set after restart: "AKIABBBBBBBBBBBBBBBB"',
      'list: ["one","two"]',
      'remove: true',
      'get removed: null',
      '',
    ].join('\n'),
  );
});
