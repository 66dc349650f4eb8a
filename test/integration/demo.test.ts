/**
 * `npm run demo` (without Electron, which cannot run here): the emulator, the demo identity and the
 * printed environment really let a newcomer log in with the printed code and try keys import; the
 * code is printed once (npm run demo:code shows the current one); the app part gives npm start's
 * one sentence where Electron is missing; Japanese under LANG=ja.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli, runProcess } from '../helpers/cli';
import { linuxOnly } from '../helpers/platform';

const SECRET_SERVICE = linuxOnly('the Secret Service on D-Bus (gnome-keyring); macOS and Windows keep keys in their own keychain');

const root = path.resolve(__dirname, '../..');

/** Starts the demo and resolves once it printed `until`; the caller must stop it. */
function startDemo(args: string[], env: NodeJS.ProcessEnv, until: RegExp): Promise<{ out: () => string; err: () => string; stop: () => Promise<number | null> }> {
  const demo = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/demo.ts'), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => demo.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (until.test(out + err)) resolve({ out: () => out, err: () => err, stop: () => (demo.kill('SIGINT'), exited) });
    };
    demo.stdout.on('data', (d: Buffer) => ((out += d.toString()), check()));
    demo.stderr.on('data', (d: Buffer) => ((err += d.toString()), check()));
    demo.on('exit', () => reject(new Error(`demo exited early: ${out}${err}`)));
  });
}

const envFrom = (out: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const m of out.matchAll(/^ {2}export (\w+)=(.*)$/gm)) env[m[1]!] = m[2]!;
  return env;
};

test('the demo prints an environment and the code once; login and keys import work with them; Ctrl+C ends it', async () => {
  const d = await startDemo(['--no-app'], process.env, /Demo MFA code: \d{6}/);
  try {
    const env = envFrom(d.out());
    assert.ok(env.AWS_ENDPOINT_URL_STS?.startsWith('http://127.0.0.1:'));
    const code = (await runProcess('npm', ['run', '-s', 'demo:code'], { env, cwd: root })).stdout.trim();
    assert.match(code, /^\d{6}$/, 'npm run demo:code shows the current code');
    const r = await runCli(env, ['login', 'demo', '--code', code, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { target: string }).target, 'demo-mfa');
    assert.match(readFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8'), /\[demo-mfa\]\naws_access_key_id = ASIA/);
    const imp = await runCli(env, ['keys', 'import', 'demo-plain']);
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(imp.stdout, /^Moved the keys of profile demo-plain/);
    assert.match(d.out(), /^ {2}bin\/aws-mfa-tray keys import demo-plain$/m);
    assert.equal(d.out().match(/\b\d{6}\b/g)?.length, 1, 'the code is printed once, not every 30 s over the prompts');
    // Every variable it prints is documented for users.
    const docs = readFileSync(path.join(root, 'docs', 'cli.md'), 'utf8');
    for (const name of Object.keys(envFrom(d.out())).filter((k) => d.out().includes(`export ${k}=`))) assert.ok(docs.includes(name), `${name} is in docs/cli.md`);
  } finally {
    assert.equal(await d.stop(), 0, 'Ctrl+C ends the demo cleanly');
  }
});

test("with the app part, a missing Electron is npm start's one sentence, not a stack trace; Japanese under LANG=ja", async () => {
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'ja_JP.UTF-8', ELECTRON_MIRROR: `http://127.0.0.1:${port}/` };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  const electronBinary = path.join(root, 'node_modules', 'electron', 'dist', 'electron');
  const d = await startDemo([], env, /could not be downloaded|アプリが終了しました|The app exited/);
  try {
    await new Promise((r) => setTimeout(r, 500));
    assert.match(d.out(), /^デモの MFA コード: \d{6}（30 秒ごとに変わります。/m);
    if (!existsSync(electronBinary)) {
      assert.match(d.err(), /^aws-mfa-tray: Electron \d+\.\d+\.\d+ could not be downloaded \(connect ECONNREFUSED/m);
      assert.ok(!/\n\s+at /.test(d.err()), `no stack trace: ${d.err()}`);
    }
  } finally {
    await d.stop();
  }
});

test('without a keychain the demo ends at once and says how to run it headless', { timeout: 30_000, skip: SECRET_SERVICE }, async () => {
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
  const r = await runProcess(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/demo.ts'), '--no-app'], { env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^The keychain is not available: /);
  assert.match(r.stderr, /\n {2}scripts\/with-keyring\.sh bash\n {2}npm run demo -- --no-app &\n/);
  assert.match(r.stderr, /lives only in that one D-Bus session/);
});
