/**
 * The encrypted key file as a user meets it on a machine without a Secret Service (no D-Bus at
 * all): chosen with AWS_MFA_TRAY_KEYCHAIN=file or the settings, passphrase from
 * AWS_MFA_TRAY_FILE_PASSPHRASE or typed without echo at the terminal; login against the emulator
 * with the keys from it; a wrong passphrase changes nothing; the "no keychain" sentence names it.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, runCli } from '../helpers/cli';
import { runOnPty } from '../helpers/pty';
import { filesContaining } from '../helpers/snapshot';
import { createWorld, type World } from '../helpers/world';

let w: World;
let serial: string;
let noBus: NodeJS.ProcessEnv;
let keyFile: string;
before(async () => {
  w = await createWorld();
  serial = w.user.devices[0]!.serial;
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n`);
  noBus = { ...w.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
  keyFile = path.join(w.paths.settingsDir, 'keys.enc');
});
after(async () => {
  await w.close();
});

test('without a Secret Service the sentence names the key file', async () => {
  const r = await runCli(noBus, ['keys', 'list']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /where there is none \(SSH, WSL2, a container\), keep the keys in an encrypted file with AWS_MFA_TRAY_KEYCHAIN=file, then try again\.\n$/);
  const ja = await runCli({ ...noBus, LANG: 'ja_JP.UTF-8' }, ['keys', 'list']);
  assert.match(ja.stderr, /AWS_MFA_TRAY_KEYCHAIN=file で暗号化ファイルにキーを置いてから、やり直してください。\n$/);
});

test('AWS_MFA_TRAY_KEYCHAIN=file: keys set, list and login work with no D-Bus; a wrong passphrase is one sentence and changes nothing', async () => {
  const env = { ...noBus, AWS_MFA_TRAY_KEYCHAIN: 'file', AWS_MFA_TRAY_FILE_PASSPHRASE: 'long passphrase 1' };
  const set = await runCli(env, ['keys', 'set', 'default', '--access-key-id', w.user.accessKeyId], `${w.user.secretAccessKey}\n`);
  assert.equal(set.code, 0, set.stderr);
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);
  assert.deepEqual(filesContaining(w.home, w.user.secretAccessKey), [], 'the secret is in no file in the clear');
  const list = await runCli(env, ['keys', 'list', '--json']);
  assert.equal(list.code, 0, list.stderr);
  assert.equal((JSON.parse(list.stdout) as { profile: string }[])[0]!.profile, 'default');

  const login = await runCli(env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial), '--json']);
  assert.equal(login.code, 0, login.stderr);
  assert.match(w.credentialsText()!, /\[mfa\]\naws_access_key_id = ASIA/);

  const before = readFileSync(keyFile);
  for (const args of [['keys', 'list'], ['keys', 'remove', 'default'], ['login', 'default', '--code', '123456']]) {
    const r = await runCli({ ...env, AWS_MFA_TRAY_FILE_PASSPHRASE: 'not it' }, args);
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.stderr, `The passphrase does not open the key file ${keyFile}; nothing was changed, so try again with the right one (or set AWS_MFA_TRAY_FILE_PASSPHRASE to it).\n`);
  }
  assert.deepEqual(readFileSync(keyFile), before);
});

test('the settings can choose the file too; a bad AWS_MFA_TRAY_KEYCHAIN is bad usage (exit 2)', async () => {
  writeFileSync(path.join(w.paths.settingsDir, 'settings.json'), JSON.stringify({ keychain: 'file' }));
  try {
    const r = await runCli({ ...noBus, AWS_MFA_TRAY_FILE_PASSPHRASE: 'long passphrase 1' }, ['keys', 'list']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /default/);
  } finally {
    writeFileSync(path.join(w.paths.settingsDir, 'settings.json'), '{}');
  }
  const bad = await runCli({ ...w.env, AWS_MFA_TRAY_KEYCHAIN: 'vault' }, ['keys', 'list']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'AWS_MFA_TRAY_KEYCHAIN is "vault"; set it to file (an encrypted key file) or os (the OS keychain), or unset it.\n');
});

test('at a terminal the passphrase is asked without echo (twice for a new file), never stored; stdin still carries the secret', async () => {
  const home = path.join(w.home, 'tty');
  const env = { ...noBus, AWS_MFA_TRAY_KEYCHAIN: 'file', AWS_MFA_TRAY_HOME: home };
  const pass = 'tty-passphrase-xyz';
  const secret = w.user.secretAccessKey;
  const sh = (args: string[]): string[] => ['sh', '-c', `printf '%s\\n' "$STDIN_SECRET" | "$0" "$@"; echo "exit=$?"`, process.execPath, BIN, ...args];
  const set = await runOnPty(sh(['keys', 'set', 'default', '--access-key-id', w.user.accessKeyId]), { ...env, STDIN_SECRET: secret }, [
    { expect: 'New passphrase for the key file .*keys\\.enc \\(typing is hidden; it is never stored\\): $', send: `${pass}\r` },
    { expect: 'Type the same passphrase again: $', send: `${pass}\r` },
  ]);
  assert.equal(set.timedOut, false, set.transcript);
  assert.match(set.transcript, /exit=0/);
  assert.ok(!set.transcript.includes(pass), 'the passphrase was echoed');
  assert.deepEqual(filesContaining(w.home, pass), [], 'the passphrase is stored nowhere');

  const ja = await runOnPty(['sh', '-c', '"$0" "$@"; echo "exit=$?"', process.execPath, BIN, 'keys', 'list'], { ...env, LANG: 'ja_JP.UTF-8' }, [
    { expect: 'キーファイル .*keys\\.enc のパスフレーズ（入力は表示されません）: $', send: `${pass}\r` },
  ]);
  assert.match(ja.transcript, /default\s+AKIA…/);
  assert.match(ja.transcript, /exit=0/);

  const mismatch = await runOnPty(sh(['keys', 'set', 'x', '--access-key-id', w.user.accessKeyId]), { ...env, AWS_MFA_TRAY_HOME: path.join(w.home, 'tty2'), STDIN_SECRET: secret }, [
    { expect: 'never stored\\): $', send: 'one\r' },
    { expect: 'again: $', send: 'two\r' },
  ]);
  assert.match(mismatch.transcript, /The two passphrases differ; nothing was stored/);
  assert.match(mismatch.transcript, /exit=2/);
  assert.throws(() => statSync(path.join(w.home, 'tty2', 'keys.enc')), { code: 'ENOENT' });
});
