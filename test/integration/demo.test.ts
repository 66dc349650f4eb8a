/**
 * `npm run demo` (without Electron, which cannot run here): the emulator, the demo identity and the
 * printed environment really let a newcomer log in with the printed code.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli, runProcess } from '../helpers/cli';
import { linuxOnly } from '../helpers/platform';

const SECRET_SERVICE = linuxOnly('the Secret Service on D-Bus (gnome-keyring); macOS and Windows keep keys in their own keychain');

const root = path.resolve(__dirname, '../..');

test('the demo prints an environment and a code that log in through the CLI', async () => {
  const demo = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/demo.ts'), '--no-app'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => demo.on('exit', (code) => resolve(code)));
  try {
    await new Promise<void>((resolve, reject) => {
      demo.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/Demo MFA code now: \d{6}/.test(out)) resolve();
      });
      demo.on('exit', () => reject(new Error(`demo exited early: ${out}`)));
    });
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const m of out.matchAll(/^ {2}export (\w+)=(.*)$/gm)) env[m[1]!] = m[2]!;
    assert.ok(env.AWS_ENDPOINT_URL_STS?.startsWith('http://127.0.0.1:'));
    const code = /Demo MFA code now: (\d{6})/.exec(out)![1]!;
    const r = await runCli(env, ['login', 'demo', '--code', code, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { target: string }).target, 'demo-mfa');
    assert.match(readFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8'), /\[demo-mfa\]\naws_access_key_id = ASIA/);
  } finally {
    demo.kill('SIGINT');
  }
  assert.equal(await exited, 0, 'Ctrl+C ends the demo cleanly');
});

test('without a keychain the demo ends at once and says how to run it headless', { timeout: 30_000, skip: SECRET_SERVICE }, async () => {
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
  const r = await runProcess(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/demo.ts'), '--no-app'], { env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^The keychain is not available: /);
  assert.match(r.stderr, /\n {2}scripts\/with-keyring\.sh bash\n {2}npm run demo -- --no-app &\n/);
  assert.match(r.stderr, /lives only in that one D-Bus session/);
});
