/**
 * `exec <target> -- <command>`: the session in the command's environment (and no profile
 * variables), its exit status as ours, and signals reaching it once: Ctrl+C on a real terminal,
 * and `kill -INT` sent to us from a script.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeEach, test } from 'node:test';
import { BIN, runCli } from '../helpers/cli';
import { peerEnv } from '../helpers/peers';
import { runOnPty } from '../helpers/pty';
import { worldSuite } from '../helpers/world';
import { posixOnly } from '../helpers/platform';

const w = worldSuite({ keys: ['default'] }, () => {
  env = peerEnv(w);
  serial = w.serial;
});
let env: NodeJS.ProcessEnv;
let serial: string;

/**
 * Prints "ready", waits for SIGINT, then counts every delivery of it at the C level (the wakeup fd
 * gets one byte per signal delivered, even when Python would run its handler only once), prints
 * "child got SIGINT xN" and exits 42.
 */
const CATCHER = [
  'import os, signal, sys, time',
  'r, w = os.pipe()',
  'os.set_blocking(w, False)',
  'os.set_blocking(r, False)',
  'signal.set_wakeup_fd(w)',
  'class Got(Exception): pass',
  'def on(*a): raise Got()',
  'signal.signal(signal.SIGINT, on)',
  'try:',
  "    print('ready', flush=True)",
  '    time.sleep(30)',
  'except Got:',
  '    pass',
  'signal.signal(signal.SIGINT, lambda *a: None)',
  'time.sleep(0.7)',
  "print('child got SIGINT x%d' % len(os.read(r, 100)), flush=True)",
  'sys.exit(42)',
].join('\n');

beforeEach(async () => {
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n\n[profile mfa]\nregion = eu-west-1\n`);
  w.writeCredentials('');
  assert.equal((await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)])).code, 0);
});

test('the command gets the session in the four variables, no profile variables, and the target profile region', async () => {
  const parent: NodeJS.ProcessEnv = { ...env, AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'dev', AWS_SECURITY_TOKEN: 'stale' };
  delete parent.AWS_REGION;
  delete parent.AWS_DEFAULT_REGION;
  const r = await runCli(parent, ['exec', 'mfa', '--', process.execPath, '-e', 'console.log(JSON.stringify(process.env))']);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  const childEnv = JSON.parse(r.stdout) as Record<string, string>;
  const section = /\[mfa\]\naws_access_key_id = (\S+)\naws_secret_access_key = (\S+)\naws_session_token = (\S+)\naws_credential_expiration = (\S+)/.exec(w.credentialsText()!)!;
  assert.equal(childEnv.AWS_ACCESS_KEY_ID, section[1]);
  assert.equal(childEnv.AWS_SECRET_ACCESS_KEY, section[2]);
  assert.equal(childEnv.AWS_SESSION_TOKEN, section[3]);
  assert.equal(childEnv.AWS_CREDENTIAL_EXPIRATION, section[4]);
  for (const k of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SECURITY_TOKEN']) assert.equal(childEnv[k], undefined, k);
  assert.equal(childEnv.AWS_REGION, 'eu-west-1');
  assert.equal(childEnv.AWS_DEFAULT_REGION, 'eu-west-1');
  assert.equal(childEnv.HOME, w.home, 'the rest of the environment is kept');

  // A region already chosen by the user wins over the profile's.
  const mine = await runCli({ ...parent, AWS_REGION: 'ap-northeast-1' }, ['exec', 'mfa', '--', process.execPath, '-e', 'console.log(process.env.AWS_REGION)']);
  assert.equal(mine.stdout, 'ap-northeast-1\n');
});

test("exec ends with the command's exit status; the command's own options pass through", async () => {
  // Node as the command, not `sh -c` and `true`: the same on every OS.
  const r = await runCli(env, ['exec', 'mfa', '--', process.execPath, '-e', 'console.log(process.argv.slice(1).join(" ")); process.exit(7)', 'x', '--help']);
  assert.equal(r.code, 7);
  assert.equal(r.stdout, 'x --help\n');
  const ok = await runCli(env, ['exec', 'mfa', '--', process.execPath, '-e', '']);
  assert.equal(ok.code, 0);
});

test('no command, or one that does not exist: one sentence, exit 2', async () => {
  const none = await runCli(env, ['exec', 'mfa']);
  assert.equal(none.code, 2);
  assert.equal(none.stderr, 'Give the command to run after --, e.g. "aws-mfa-tray exec mfa -- aws s3 ls".\n');
  const missing = await runCli(env, ['exec', 'mfa', '--', 'no-such-command-here']);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, 'There is no command no-such-command-here on your PATH; check its name, or give its full path after --.\n');
});

test('an expired session is renewed first (mfa_process), then the command runs with the new one', async () => {
  const codeFile = path.join(w.home, 'code');
  writeFileSync(codeFile, w.emulator.nextFreshCode(serial));
  // mfa_process runs in the OS's shell (cmd.exe on Windows, which has `type` for `cat`).
  w.writeConfig(`[default]\nmfa_serial = ${serial}\nmfa_process = ${process.platform === 'win32' ? `type "${codeFile}"` : `cat ${codeFile}`}\n`);
  w.writeCredentials(`[mfa]\naws_access_key_id = ASIAEXPIREDEXPIRED00\naws_secret_access_key = ${'e'.repeat(40)}\naws_session_token = old\naws_credential_expiration = 2020-01-01T00:00:00Z\n`);
  const r = await runCli(env, ['exec', 'mfa', '--', process.execPath, '-e', 'console.log(process.env.AWS_ACCESS_KEY_ID)']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ASIA/);
  assert.notEqual(r.stdout.trim(), 'ASIAEXPIREDEXPIRED00');
});

test('Ctrl+C on a terminal reaches the command once, and exec ends with its status', { skip: posixOnly("Python's pty module (a POSIX pseudo-terminal) and POSIX signal delivery") }, async () => {
  const r = await runOnPty(['aws-mfa-tray', 'exec', 'mfa', '--', 'python3', '-c', CATCHER], env, [{ expect: 'ready', send: '\u0003' }]);
  assert.equal(r.code, 42, r.transcript);
  assert.match(r.transcript, /child got SIGINT x1\b/, `delivered once: ${r.transcript}`);
});

test('SIGINT and SIGTERM sent to exec from a script reach the command; a command killed by a signal ends exec the same way', { skip: posixOnly('POSIX signals sent with kill(2); Windows has no signals between processes, only console control events') }, async () => {
  const run = (args: string[], signal: NodeJS.Signals) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => {
      // A new session: no terminal, so nothing but our forwarding can deliver the signal.
      const child = spawn(process.execPath, [BIN, 'exec', 'mfa', '--', ...args], { env, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      let sent = false;
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (!sent && out.includes('ready')) {
          sent = true;
          child.kill(signal);
        }
      });
      child.on('exit', (code, sig) => resolve({ code, signal: sig, out }));
    });
  const caught = await run(['python3', '-c', CATCHER], 'SIGINT');
  assert.equal(caught.code, 42, caught.out);
  assert.match(caught.out, /child got SIGINT x1\b/);
  const killed = await run(['sh', '-c', 'echo ready; sleep 30'], 'SIGTERM');
  assert.equal(killed.signal, 'SIGTERM', JSON.stringify(killed));
});
