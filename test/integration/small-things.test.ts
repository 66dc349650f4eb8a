/**
 * Issue 23's small things, each as a user meets it: logout of no session exits 1; policy --profile
 * with a profile that does not exist is refused, one without a device says so; the reworded
 * sentences; status --help shows roles; package.json main is a file of the package; exec's command
 * does not get our own SDK variable; an unbuilt keytar says how to build it.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli, runProcess } from '../helpers/cli';
import { createWorld, type World } from '../helpers/world';

const root = path.resolve(__dirname, '../..');
let w: World;
let serial: string;
before(async () => {
  w = await createWorld();
  serial = w.user.devices[0]!.serial;
  await w.storeKeys('default');
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n\n[profile nodevice]\nregion = eu-west-1\n`);
});
after(() => w.close());
const ja = (): NodeJS.ProcessEnv => ({ ...w.env, LANG: 'ja_JP.UTF-8', LC_ALL: '', LC_MESSAGES: '' });

test('logout of a target with no session: one sentence, exit 1 (en, ja)', async () => {
  w.writeCredentials('[keep]\nregion = eu-west-1\n');
  const r = await runCli(w.env, ['logout', 'mfa']);
  assert.deepEqual([r.code, r.stdout], [1, '']);
  assert.equal(r.stderr, 'Profile mfa holds no session, so there was nothing to log out of; "aws-mfa-tray status" lists the sessions there are.\n');
  assert.equal((await runCli(ja(), ['logout', 'mfa'])).stderr, 'プロファイル mfa にセッションがないため、ログアウトするものはありません。セッションの一覧は "aws-mfa-tray status" で確認できます。\n');
  assert.equal(w.credentialsText(), '[keep]\nregion = eu-west-1\n');
});

test('policy --profile: a profile that does not exist is exit 2; one without a device prints aws and says so', async () => {
  const r = await runCli(w.env, ['policy', '--profile', 'nosuch']);
  assert.deepEqual([r.code, r.stdout], [2, '']);
  assert.equal(r.stderr, 'There is no profile nosuch in the config file, the credentials file or the settings; give a profile that exists, e.g. "aws-mfa-tray policy --profile default", or --partition.\n');
  assert.match((await runCli(ja(), ['policy', '--profile', 'nosuch'])).stderr, /^設定ファイル・認証情報ファイル・設定のどこにもプロファイル nosuch はありません。/);
  const none = await runCli(w.env, ['policy', '--profile', 'nodevice']);
  assert.equal(none.code, 0, none.stderr);
  assert.match(none.stdout, /"arn:aws:iam::/);
  assert.equal(none.stderr, "Profile nodevice has no MFA device configured (mfa_serial or the settings), so this is the aws partition's policy; give --partition for another.\n");
  const ok = await runCli(w.env, ['policy', '--profile', 'default']);
  assert.deepEqual([ok.code, ok.stderr], [0, '']);
});

test('the reworded sentences: a target nobody renews, a bad partition, and policy help without an unexplained "document"', async () => {
  const cp = await runCli(w.env, ['credential-process', 'prod']);
  assert.equal(cp.code, 1);
  assert.equal(cp.stderr, 'No source profile is known for profile prod (its name does not end in -mfa, and aws-mfa-tray has not written a session there); log in to it once with "aws-mfa-tray login <source profile> --target prod".\n');
  const part = await runCli(w.env, ['policy', '--partition', 'mars']);
  assert.equal(part.stderr, 'The partition must be one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc (usually aws, aws-cn or aws-us-gov), not "mars".\n');
  const help = (await runCli({ ...w.env, COLUMNS: '200' }, ['policy', '--help'])).stdout.replace(/\s+/g, ' ');
  assert.ok(!/your document/.test(help), help);
  assert.match(help, /"document" \(default: as AWS’s IAM User Guide prints it, where each virtual MFA device is named after its user\)/);
  assert.match((await runCli(ja(), ['policy', '--help'])).stdout.replace(/\s+/g, ''), /AWSのIAMユーザーガイドに載っている形/);
});

test('status --help shows the JSON shape with roles', async () => {
  const help = (await runCli(w.env, ['status', '--help'])).stdout.replace(/\s+/g, '');
  assert.ok(help.includes('[{"profile","target","expiration","secondsLeft","serial","roles":[{"profile","roleArn","sourceProfile"}]}]'), help);
});

test('package.json main is a file the npm package holds, and loaded by Electron it hands over to the app entry', async () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; files: string[] };
  const pack = await runProcess('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { env: process.env, cwd: root });
  assert.equal(pack.code, 0, pack.stderr);
  const files = (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  assert.ok(files.includes(pkg.main), `${pkg.main} is in the package`);
  // As Electron's main process (process.type 'browser'): main.js is what gets loaded (stubbed here; electron itself never is).
  const probe = [
    "const Module = require('node:module'); const load = Module._load; const seen = [];",
    "Module._load = function (req, ...rest) { if (/[\\\\/]main\\.js$/.test(req)) { seen.push(req); return {}; } return load.call(this, req, ...rest); };",
    "process.type = 'browser'; require(process.argv[1]); console.log(JSON.stringify(seen));",
  ].join('\n');
  const r = await runProcess(process.execPath, ['-e', probe, path.join(root, pkg.main)], { env: process.env });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [path.join(root, 'dist', 'main.js')]);
});

test("exec's command does not get AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED unless the user set it", async () => {
  w.writeCredentials('');
  assert.equal((await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)])).code, 0);
  const show = ['exec', 'mfa', '--', 'sh', '-c', 'echo "${AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED-unset}"'];
  const env = { ...w.env };
  delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  const r = await runCli(env, show);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, 'unset\n', '']);
  const own = await runCli({ ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false' }, show);
  assert.equal(own.stdout, 'false\n');
});

test('keytar not built (an npm i -g whose native build failed): one sentence on how to build it, behind a proxy too', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-nokeytar-'));
  try {
    const pkg = path.join(dir, 'aws-mfa-tray');
    mkdirSync(pkg);
    cpSync(path.join(root, 'bin'), path.join(pkg, 'bin'), { recursive: true });
    cpSync(path.join(root, 'dist'), path.join(pkg, 'dist'), { recursive: true });
    cpSync(path.join(root, 'package.json'), path.join(pkg, 'package.json'));
    const r = await runProcess(process.execPath, [path.join(pkg, 'bin', 'aws-mfa-tray'), 'keys', 'list'], { env: w.env, detached: true });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `The keychain module (keytar) is not built for this installation: run "npm rebuild keytar" in ${pkg} (on Linux it needs libsecret-1-dev, python3, make and g++; behind a proxy set npm's proxy and https-proxy settings, or nodedir to a folder with Node's headers), or use the encrypted key file with AWS_MFA_TRAY_KEYCHAIN=file.\n`,
    );
    const jr = await runProcess(process.execPath, [path.join(pkg, 'bin', 'aws-mfa-tray'), 'keys', 'list'], { env: ja(), detached: true });
    assert.match(jr.stderr, /^キーチェーンのモジュール（keytar）がこのインストールではビルドされていません。/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
