/**
 * Installing as users do: `npm pack` of this checkout, then `npm i -g` of the tarball into a
 * temporary prefix (keytar builds from source here) and `npx` of the same tarball. The installed
 * command works with the real keychain and logs in against the emulator. Needs the npm registry
 * (as `npm ci` does) and Node's headers for keytar's build (node-gyp's cache, filled by `npm ci`);
 * takes about a minute, most of it keytar's native build.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { runProcess } from '../helpers/cli';
import { createWorld, type World } from '../helpers/world';

const root = path.resolve(__dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

let dir: string;
let tarball: string;
let w: World;
before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-install-'));
  // --ignore-scripts: prepack would rebuild dist/ while other tests run from it; npm test built it.
  const pack = await runProcess(npm, ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], { env: process.env, cwd: root });
  assert.equal(pack.code, 0, pack.stderr);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(dir, info!.filename);
  w = await createWorld();
});
after(async () => {
  await w?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds the command and its bundles, no sources or tests', async () => {
  const list = await runProcess('tar', ['tzf', tarball], { env: process.env });
  const files = list.stdout.trim().split('\n').sort();
  for (const f of ['package/bin/aws-mfa-tray', 'package/dist/cli.js', 'package/dist/cli-program.js', 'package/dist/aws.js', 'package/package.json', 'package/docs/cli.md', 'package/dist/man/aws-mfa-tray.1', 'package/dist/man/ja/man1/aws-mfa-tray.1']) assert.ok(files.includes(f), f);
  assert.deepEqual(files.filter((f) => /^package\/(main|test|scripts|tools|renderer)\//.test(f)), []);
});

test('npm i -g of the tarball installs a working command (keytar built), which logs in', { timeout: 600_000 }, async () => {
  const prefix = path.join(dir, 'prefix');
  const install = await runProcess(npm, ['install', '--global', '--prefix', prefix, tarball, '--no-audit', '--no-fund', '--prefer-offline'], { env: process.env });
  assert.equal(install.code, 0, install.stderr);
  const bin = path.join(prefix, process.platform === 'win32' ? 'aws-mfa-tray.cmd' : 'bin/aws-mfa-tray');
  const cli = (args: string[], stdin?: string) => runProcess(bin, args, { env: w.env, ...(stdin === undefined ? {} : { stdin }) });

  const v = await cli(['--version']);
  assert.deepEqual([v.code, v.stdout, v.stderr], [0, `${version}\n`, '']);
  const set = await cli(['keys', 'set', 'default', '--access-key-id', w.user.accessKeyId], `${w.user.secretAccessKey}\n`);
  assert.equal(set.code, 0, set.stderr);
  const serial = w.user.devices[0]!.serial;
  const login = await cli(['login', 'default', '--code', w.emulator.nextFreshCode(serial), '--json']);
  assert.equal(login.code, 0, login.stderr);
  assert.equal(login.stderr, '', 'no warning on stderr');
  assert.match(w.credentialsText()!, /\[mfa\]\naws_access_key_id = ASIA/);
  // npm links the man page from package.json "man" into the prefix's man folder.
  const man = await runProcess('man', ['-l', path.join(prefix, 'share', 'man', 'man1', 'aws-mfa-tray.1')], { env: { ...process.env, MANWIDTH: '100', MANPAGER: 'cat', PAGER: 'cat' } });
  assert.equal(man.code, 0, man.stderr);
  assert.match(man.stdout, /aws-mfa-tray login \[options\] <profile>/);
});

test('npx runs the tarball’s command, keychain included', { timeout: 600_000 }, async () => {
  // npm keeps its cache, and node-gyp the Node headers keytar builds against, under the real HOME
  // (the headers come from nodejs.org, which is not reachable on every build machine).
  const env = { ...w.env, HOME: os.homedir(), npm_config_update_notifier: 'false' };
  const npx = (args: string[]) => runProcess(npm, ['exec', '--yes', `--package=${tarball}`, '--', 'aws-mfa-tray', ...args], { env });
  const v = await npx(['--version']);
  assert.equal(v.code, 0, v.stderr);
  assert.equal(v.stdout, `${version}\n`);
  await w.keychain.set('npx', { accessKeyId: w.user.accessKeyId, secretAccessKey: w.user.secretAccessKey });
  const list = await npx(['keys', 'list', '--json']);
  assert.equal(list.code, 0, list.stderr);
  assert.ok((JSON.parse(list.stdout) as { profile: string }[]).some((k) => k.profile === 'npx'));
});
