/**
 * The way back: `keys export` (the undo of import: keys into the credentials file after a yes,
 * then out of the keychain; the AWS CLI uses them again) and `uninstall` (lists, asks, removes what
 * the tool put here and nothing else), against the real keychain and real files.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { BIN, runCli } from '../helpers/cli';
import { awsWhoAmI, hasAwsCli, peerEnv } from '../helpers/peers';
import { runOnPty } from '../helpers/pty';
import { snapshot } from '../helpers/snapshot';
import { createWorld, type World } from '../helpers/world';

let w: World;
let serial: string;
before(async () => {
  w = await createWorld();
  serial = w.user.devices[0]!.serial;
});
after(() => w.close());
beforeEach(async () => {
  for (const { profile } of await w.keychain.list()) await w.keychain.remove(profile);
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n`);
  w.writeCredentials(`[default]\naws_access_key_id = ${w.user.accessKeyId}\naws_secret_access_key = ${w.user.secretAccessKey}\nregion = eu-west-1\n`);
});

const masked = (): string => `${w.user.accessKeyId.slice(0, 4)}…${w.user.accessKeyId.slice(-4)}`;

test('keys import, then keys export --yes: the keys are back in [default], out of the keychain, and plain aws works again', async () => {
  assert.equal((await runCli(w.env, ['keys', 'import', 'default'])).code, 0);
  assert.equal(w.credentialsText(), '[default]\nregion = eu-west-1\n');
  const r = await runCli(w.env, ['keys', 'export', 'default', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `Wrote the keys of profile default (${masked()}) into [default] of ${w.paths.credentialsFile}.\nRemoved them from the keychain; plain aws commands find them in the file again.\n`);
  assert.equal(w.credentialsText(), `[default]\nregion = eu-west-1\naws_access_key_id = ${w.user.accessKeyId}\naws_secret_access_key = ${w.user.secretAccessKey}\n`);
  assert.equal(await w.keychain.get('default'), null);
  if (hasAwsCli) {
    const who = await awsWhoAmI(peerEnv(w), 'default');
    assert.equal(who.code, 0, who.stderr);
    assert.match((JSON.parse(who.stdout) as { Arn: string }).Arn, /:user\/alice$/);
  }
});

test('keys export without a terminal needs --yes (exit 2, nothing changed); --keep-in-keychain keeps a copy', async () => {
  await w.storeKeys('default');
  w.writeCredentials('[default]\nregion = eu-west-1\n');
  const before = snapshot(w.home);
  const r = await runCli(w.env, ['keys', 'export', 'default']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'Writing plaintext keys needs a yes: run "aws-mfa-tray keys export default" in a terminal, or add --yes.\n');
  const ja = await runCli({ ...w.env, LANG: 'ja_JP.UTF-8' }, ['keys', 'export', 'default']);
  assert.equal(ja.stderr, '平文のキーを書き込むには確認が必要です。端末で "aws-mfa-tray keys export default" を実行するか、--yes を付けてください。\n');
  assert.deepEqual(snapshot(w.home), before);
  const keep = await runCli(w.env, ['keys', 'export', 'default', '--yes', '--keep-in-keychain']);
  assert.equal(keep.code, 0, keep.stderr);
  assert.match(keep.stdout, /\nThe keychain keeps a copy too\.\n$/);
  assert.notEqual(await w.keychain.get('default'), null);
});

test('keys export refuses a section with other keys or a session, and a profile without keys (exit 2, file unchanged)', async () => {
  await w.storeKeys('default');
  w.writeCredentials('[default]\naws_access_key_id = AKIAOTHEROTHEROTHER1\naws_secret_access_key = x\n');
  const other = await runCli(w.env, ['keys', 'export', 'default', '--yes']);
  assert.equal(other.code, 2);
  assert.match(other.stderr, /^Profile default in the credentials file already holds other keys \(AKIA…HER1\), so nothing was written;/);
  w.writeCredentials('[default]\naws_access_key_id = ASIAX\naws_secret_access_key = y\naws_session_token = z\n');
  const session = await runCli(w.env, ['keys', 'export', 'default', '--yes']);
  assert.equal(session.code, 2);
  assert.match(session.stderr, /holds a session, so the long-term keys were not written there/);
  assert.equal(w.credentialsText(), '[default]\naws_access_key_id = ASIAX\naws_secret_access_key = y\naws_session_token = z\n');
  const none = await runCli(w.env, ['keys', 'export', 'nosuch', '--yes']);
  assert.equal(none.code, 2);
  assert.equal(none.stderr, 'There are no keys for profile nosuch in the keychain; "aws-mfa-tray keys list" shows the profiles that have some.\n');
  assert.notEqual(await w.keychain.get('default'), null, 'nothing was removed from the keychain');
});

test('keys export at a terminal asks; "n" changes nothing, "y" writes', async () => {
  await w.storeKeys('default');
  w.writeCredentials('');
  const sh = ['sh', '-c', '"$0" "$@"; echo "exit=$?"', process.execPath, BIN, 'keys', 'export', 'default'];
  const no = await runOnPty(sh, w.env, [{ expect: 'in plaintext\\? \\[y/N\\] $', send: 'n\r' }]);
  assert.match(no.transcript, /Nothing was changed\.\r\nexit=0/);
  assert.equal(w.credentialsText(), '');
  const yes = await runOnPty(sh, w.env, [{ expect: '\\[y/N\\] $', send: 'y\r' }]);
  assert.match(yes.transcript, /Wrote the keys of profile default/);
  assert.match(w.credentialsText()!, /^\[default\]\naws_access_key_id = AKIA/);
});

test('uninstall --dry-run lists; without a terminal it needs --yes; with it, only what the tool wrote goes', async () => {
  // A login (session + records + settings), a login item, and things that are not the tool's.
  await w.storeKeys('default');
  w.writeCredentials('[keep]\nregion = eu-west-1\n\n[theirs]\naws_access_key_id = ASIAFOREIGNFOREIGN0\naws_secret_access_key = s\naws_session_token = t\n');
  const login = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)]);
  assert.equal(login.code, 0, login.stderr);
  const xdg = path.join(w.home, 'xdg');
  mkdirSync(path.join(xdg, 'autostart'), { recursive: true });
  writeFileSync(path.join(xdg, 'autostart', 'aws-mfa-tray.desktop'), '[Desktop Entry]\nType=Application\nName=aws-mfa-tray\nExec=/opt/aws-mfa-tray/aws-mfa-tray\n');
  writeFileSync(path.join(w.paths.settingsDir, 'mine.txt'), 'a file of my own in AWS_MFA_TRAY_HOME\n');
  const env = { ...w.env, XDG_CONFIG_HOME: xdg };

  const before = snapshot(w.home);
  const dry = await runCli(env, ['uninstall', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(
    dry.stdout,
    [
      'aws-mfa-tray would remove:',
      `  keychain entries: default (${masked()})`,
      `  the session in [mfa] of ${w.paths.credentialsFile}`,
      `  in ${w.paths.settingsDir}: sessions.json (the rest of the folder stays)`,
      `  the cache folder ${path.join(w.home, '.cache', 'aws-mfa-tray')} (compiled code and zone names; made again when needed)`,
      `  the login item ${path.join(xdg, 'autostart', 'aws-mfa-tray.desktop')}`,
      'It keeps everything else: your credentials and config files apart from those sessions, and files it did not write.',
      'The keys of default are only in the keychain and would be lost: "aws-mfa-tray keys export <profile>" writes them back into the credentials file first.',
      '',
    ].join('\n'),
  );
  const ja = await runCli({ ...env, LANG: 'ja_JP.UTF-8' }, ['uninstall', '--dry-run']);
  assert.match(ja.stdout, /^aws-mfa-tray が削除するもの（--dry-run のため削除はしません）:\n {2}キーチェーンの項目: default/);
  const noYes = await runCli(env, ['uninstall']);
  assert.equal(noYes.code, 2);
  assert.match(noYes.stderr, /^Uninstalling needs a yes: /);
  assert.deepEqual(snapshot(w.home), before, 'nothing changed');

  const r = await runCli(env, ['uninstall', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\nRemoved\. Remove the command itself with "npm rm -g aws-mfa-tray" \(or uninstall the app\)\.\n$/);
  assert.deepEqual(await w.keychain.list(), []);
  assert.equal(w.credentialsText(), '[keep]\nregion = eu-west-1\n\n[theirs]\naws_access_key_id = ASIAFOREIGNFOREIGN0\naws_secret_access_key = s\naws_session_token = t\n');
  assert.equal(readFileSync(path.join(w.paths.settingsDir, 'mine.txt'), 'utf8'), 'a file of my own in AWS_MFA_TRAY_HOME\n');
  assert.ok(!existsSync(path.join(w.paths.settingsDir, 'sessions.json')));
  assert.ok(!existsSync(path.join(xdg, 'autostart', 'aws-mfa-tray.desktop')));
  assert.ok(!existsSync(path.join(w.home, '.cache', 'aws-mfa-tray')), 'the cache folder went, and uninstall wrote no new one');
  assert.equal(w.configText(), `[default]\nmfa_serial = ${serial}\n`);
  const again = await runCli(env, ['uninstall', '--dry-run']);
  assert.equal(again.stdout, 'aws-mfa-tray has left nothing on this machine to remove.\n');
});

test("uninstall removes the default settings folder (the app's own) whole, and keeps another program's autostart entry", async () => {
  const xdg = path.join(w.home, 'xdg2');
  const env: NodeJS.ProcessEnv = { ...w.env, XDG_CONFIG_HOME: xdg };
  delete env.AWS_MFA_TRAY_HOME;
  const own = path.join(xdg, 'aws-mfa-tray');
  mkdirSync(path.join(own, 'Local Storage'), { recursive: true });
  writeFileSync(path.join(own, 'settings.json'), '{}');
  mkdirSync(path.join(xdg, 'autostart'), { recursive: true });
  writeFileSync(path.join(xdg, 'autostart', 'aws-mfa-tray.desktop'), '[Desktop Entry]\nName=Something else\n');
  const r = await runCli(env, ['uninstall', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`  the settings folder ${own.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
  assert.ok(!existsSync(own));
  assert.ok(existsSync(path.join(xdg, 'autostart', 'aws-mfa-tray.desktop')), 'not ours: kept');
});
