/**
 * Secrets audit: while the whole flow runs (CLI and app handlers), the long-term secret access key
 * must never appear in any process's argv or environment, in any output or log line, in any IPC
 * reply or event, or in any file but the keychain; our files are 0600 and folders 0700.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';
import { filesContaining } from '../helpers/snapshot';
import { worldSuite } from '../helpers/world';
import { assertMode } from '../helpers/platform';

const w = worldSuite({}, () => {
  secret = w.user.secretAccessKey;
});
let secret: string;
const leaks: string[] = [];
let samples = 0;

/** Where `needle` shows in any process's argv or environment, as the OS shows them to local users (Linux /proc). */
function processesShowing(needle: string): string[] {
  const hits: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    for (const f of ['cmdline', 'environ']) {
      try {
        if (readFileSync(`/proc/${pid}/${f}`).includes(needle)) hits.push(`/proc/${pid}/${f}`);
      } catch {
        // the process ended meanwhile
      }
    }
  }
  return hits;
}

function scanProcesses(): void {
  leaks.push(...processesShowing(secret));
  samples++;
}


test('the process scan sees a value passed on a command line (so it can catch a leak)', { skip: process.platform !== 'linux' }, async () => {
  const { spawn } = await import('node:child_process');
  const canary = `canary-${Date.now()}-${Math.random()}`;
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)', canary]);
  await new Promise((r) => setTimeout(r, 200));
  const hits = processesShowing(canary);
  child.kill();
  assert.ok(hits.some((h) => h.endsWith('/cmdline')), 'canary found in argv');
});

test('no leak through argv, env, output, IPC, files; modes 0600/0700', { skip: process.platform !== 'linux' }, async (t) => {
  const started = Date.now();
  const sampler = setInterval(scanProcesses, 5);
  const outputs: string[] = [];
  const cli = async (args: string[], stdin = ''): Promise<void> => {
    const r = await runCli({ ...w.env, AWS_MFA_TRAY_DEBUG: '1' }, args, stdin);
    outputs.push(r.stdout, r.stderr);
  };
  try {
    const serial = w.serial;
    // CLI: keys from stdin and from a plaintext file, login, status, credential-process, failures too.
    await cli(['keys', 'set', 'work', '--access-key-id', w.user.accessKeyId], `${secret}\n`);
    w.writeCredentials(`[default]\naws_access_key_id = ${w.user.accessKeyId}\naws_secret_access_key = ${secret}\n`);
    await cli(['keys', 'import', 'default']);
    await cli(['keys', 'list']);
    await cli(['keys', 'list', '--json']);
    await cli(['login', 'default', '--code', w.emulator.nextFreshCode(serial)]);
    await cli(['login', 'default', '--code', '000000', '--target', 'other']);
    await cli(['login', 'work', '--code', w.emulator.nextFreshCode(serial), '--target', 'work-mfa', '--json']);
    await cli(['status', '--json']);
    await cli(['credential-process', 'mfa']);
    await w.keychain.set('wrong', { accessKeyId: w.user.accessKeyId, secretAccessKey: 'W'.repeat(40) });
    await cli(['login', 'wrong', '--code', '123456', '--serial', serial, '--target', 'x']);
    // The app: every reply and event the renderer could see.
    const replies: unknown[] = [];
    const h = w.handlers;
    replies.push(await h.saveProfile({ original: null, entry: { sourceProfile: 'app', target: 'app-mfa' }, accessKeyId: w.user.accessKeyId, secretAccessKey: secret }));
    replies.push(await h.saveProfile({ original: null, entry: { sourceProfile: 'bad', target: 'bad-mfa' }, accessKeyId: w.user.accessKeyId, secretAccessKey: `${secret}x` }));
    replies.push(await h.getState(null));
    replies.push(await h.discoverDevices({ sourceProfile: 'app' }));
    replies.push(await h.login({ sourceProfile: 'app', code: w.emulator.nextFreshCode(serial) }));
    replies.push(await h.login({ sourceProfile: 'app', code: '999999' }));
    replies.push(await h.getState(null));
    for (const r of replies) if (JSON.stringify(r).includes(secret)) leaks.push(`IPC reply ${JSON.stringify(r).slice(0, 40)}`);
  } finally {
    clearInterval(sampler);
  }
  for (const o of outputs) if (o.includes(secret)) leaks.push(`CLI output: ${o.slice(0, 30)}`);
  for (const f of filesContaining(w.home, secret)) leaks.push(`file ${f}`);
  // Anything written to the temp folder during the run (our own temp files included).
  for (const name of readdirSync(os.tmpdir())) {
    const p = path.join(os.tmpdir(), name);
    try {
      const st = statSync(p);
      if (st.isFile() && st.mtimeMs >= started && st.size < 10_000_000 && readFileSync(p).includes(secret)) leaks.push(`file ${p}`);
    } catch {
      // gone meanwhile
    }
  }
  assertMode(path.dirname(w.paths.credentialsFile), 0o700);
  assertMode(w.paths.credentialsFile, 0o600);
  assertMode(w.paths.settingsDir, 0o700);
  for (const f of readdirSync(w.paths.settingsDir)) assertMode(path.join(w.paths.settingsDir, f), 0o600, f);
  t.diagnostic(`process samples: ${samples}; CLI outputs checked: ${outputs.length}; leaks: ${leaks.length}`);
  assert.ok(samples > 20, 'the sampler ran during the flow');
  assert.deepEqual(leaks, []);
});
