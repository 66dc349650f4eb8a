/**
 * scripts/with-keyring.sh, the keychain every Linux test run uses: when its gnome-keyring dies
 * mid-run (it did once in CI, and 30 later tests failed), the watcher starts it again at once on
 * the same files, unlocked, so what was stored is still there, even for a call made at once (the
 * bus does not start a locked daemon of its own meanwhile); and it says so on stderr. Run in a
 * D-Bus session of its own, so the suite's keyring is not touched.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { linuxOnly } from '../helpers/platform';

const ROOT = path.resolve(__dirname, '../..');

test('the keyring is started again after it is killed, with what was stored', { skip: linuxOnly('gnome-keyring on D-Bus') }, () => {
  const keytar = (js: string): string => `node -e 'const k=require("keytar");${js}'`;
  const script = [
    'set -e',
    'case "$GNOME_KEYRING_CONTROL" in "$AWS_MFA_TRAY_KEYRING_STATE"/*) echo "own control";; *) echo "control: $GNOME_KEYRING_CONTROL";; esac',
    keytar('k.setPassword("with-keyring-test","a","kept").then(()=>console.log("stored"))'),
    'first=$(cat "$AWS_MFA_TRAY_KEYRING_STATE/pid")',
    'kill -9 "$first"',
    // At once, before the watcher has started it again: the bus must not start gnome-keyring's
    // own service (a second daemon, locked, which cannot prompt), but wait for the watcher's.
    keytar('k.getPassword("with-keyring-test","a").then((v)=>console.log("read at once",v))'),
    'for _ in $(seq 1 100); do now=$(cat "$AWS_MFA_TRAY_KEYRING_STATE/pid"); [ "$now" != "$first" ] && break; sleep 0.05; done',
    'echo "restarted $([ "$now" != "$first" ] && echo yes || echo no)"',
    keytar('k.getPassword("with-keyring-test","a").then((v)=>console.log("read",v)).then(()=>k.setPassword("with-keyring-test","b","new")).then(()=>console.log("stored again"))'),
  ].join('\n');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['AWS_MFA_TRAY_IN_KEYRING', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_DATA_HOME', 'AWS_MFA_TRAY_KEYRING_STATE']) delete env[name];
  // A desktop session's daemon, which `--replace` must never take over.
  env.GNOME_KEYRING_CONTROL = path.join(ROOT, 'no-such-desktop-keyring');
  const r = spawnSync(path.join(ROOT, 'scripts/with-keyring.sh'), ['bash', '-c', script], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'own control\nstored\nread at once kept\nrestarted yes\nread kept\nstored again\n');
  assert.match(r.stderr, /with-keyring\.sh: gnome-keyring-daemon exited with status 137 .*; started again \(1\)\n/);
});
