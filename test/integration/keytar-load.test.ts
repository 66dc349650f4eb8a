/**
 * Item 11 of issue 18: a keytar that cannot be loaded is said as such, with the loader's reason, not
 * as "start and unlock a keyring". The built CLI is run from a copy of the install whose keytar.node
 * is damaged (a broken unpack: dlopen's real "invalid ELF header"); the other reasons a load fails
 * (no libsecret, another Node's ABI) are checked with the loader's own wording.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { keytarNotLoaded } from '../../main/core/keychain-load';
import { runProcess } from '../helpers/cli';
import { createWorld, type World } from '../helpers/world';

const root = path.resolve(__dirname, '..', '..');
let w: World;
let install: string;

before(async () => {
  w = await createWorld();
  // A copy of what npm installs: bin/, dist/, and keytar with its addon damaged.
  install = mkdtempSync(path.join(os.tmpdir(), 'amt-bad-keytar-'));
  cpSync(path.join(root, 'bin'), path.join(install, 'bin'), { recursive: true });
  cpSync(path.join(root, 'dist'), path.join(install, 'dist'), { recursive: true });
  cpSync(path.join(root, 'package.json'), path.join(install, 'package.json'));
  const keytar = path.join(install, 'node_modules', 'keytar');
  cpSync(path.join(root, 'node_modules', 'keytar', 'package.json'), path.join(keytar, 'package.json'));
  cpSync(path.join(root, 'node_modules', 'keytar', 'lib'), path.join(keytar, 'lib'), { recursive: true });
  mkdirSync(path.join(keytar, 'build', 'Release'), { recursive: true });
  writeFileSync(path.join(keytar, 'build', 'Release', 'keytar.node'), Buffer.alloc(64, 0x41));
});
after(async () => {
  rmSync(install, { recursive: true, force: true });
  await w.close();
});

test('a damaged keytar.node: keys list and keys set say the keychain module could not be loaded, and why (exit 1)', { skip: process.platform !== 'linux' && 'the ELF loader message is Linux-only' }, async () => {
  const bin = path.join(install, 'bin', 'aws-mfa-tray');
  for (const [args, stdin] of [
    [['keys', 'list'], ''],
    [['keys', 'set', 'default', '--access-key-id', w.user.accessKeyId], `${w.user.secretAccessKey}\n`],
  ] as const) {
    const r = await runProcess(process.execPath, [bin, ...args], { env: w.env, stdin, detached: true });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^The keychain module \(keytar\) could not be loaded \(.*(invalid ELF header|too short).*\); reinstall aws-mfa-tray, then try again\.\n$/, r.stderr);
    assert.doesNotMatch(r.stderr, /unlock|Secret Service keyring/);
  }
});

test('the loader reasons users meet: no libsecret, another Node ABI, keytar missing: each its own next step', () => {
  const libsecret = keytarNotLoaded(new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory'));
  assert.match(libsecret.message, /^The keychain library could not be loaded \(libsecret-1\.so\.0: cannot open shared object file: No such file or directory\); install libsecret \(Debian and Ubuntu: libsecret-1-0/);
  const abi = keytarNotLoaded(
    new Error("The module '/usr/lib/node_modules/aws-mfa-tray/node_modules/keytar/build/Release/keytar.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 127."),
  );
  // Node's message wraps: the first line names the module, the ABI words follow on the next ones.
  assert.match(abi.message, /^The keychain module \(keytar\) was built for another version of Node\.js \(The module '.*keytar\.node'\); run "npm rebuild keytar"/);
  const missing = keytarNotLoaded(Object.assign(new Error("Cannot find module 'keytar'\nRequire stack:\n- /x/dist/cli-program.js"), { code: 'MODULE_NOT_FOUND' }));
  assert.match(missing.message, /^The keychain module \(keytar\) could not be loaded \(Cannot find module 'keytar'\); reinstall aws-mfa-tray, then try again\.$/);
  for (const e of [libsecret, abi, missing]) assert.doesNotMatch(e.message, /unlock/);
});
