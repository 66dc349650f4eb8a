/**
 * Crash safety of key rotation: a rotating process is SIGKILLed after each of its steps. After
 * every kill the keychain holds a key that works, the user never has more than two keys, and the
 * credentials file is byte for byte what it was; the next rotate (a new process) notices what the
 * killed one left from the key IDs, says so in one sentence and cleans up, ending with one key.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { RotateStep } from '../../main/core/keys/rotate';
import { journalFile } from '../../main/core/keys/rotation-journal';
import { configuredWorld, type World } from '../helpers/world';

const ARN = 'arn:aws:iam::123456789012:user/alice';

let w: World;
let bundleDir: string;
let child: string;
before(async () => {
  // One bundle: a child starts in a fraction of a second, instead of tsx's seconds for each of 18.
  bundleDir = mkdtempSync(path.join(os.tmpdir(), 'rotate-child-'));
  child = path.join(bundleDir, 'rotate-child.js');
  await build({ entryPoints: [path.join(__dirname, 'fixtures', 'rotate-child.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: child, external: ['keytar'], logLevel: 'warning' });
  w = await configuredWorld();
  await w.service.login({ profile: 'default', code: w.emulator.nextFreshCode(w.user.devices[0]!.serial) });
  await w.service.flush();
});
after(async () => {
  await w.close();
  rmSync(bundleDir, { recursive: true, force: true });
});

interface ChildRun {
  lines: string[];
  killed: boolean;
}

/** Runs one rotation; with `blockAt`, SIGKILLs it once it reports that step done. */
function runChild(blockAt: RotateStep | null, keepOld = false): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    // keytar (native, not bundled) from this checkout's node_modules.
    const env = { ...w.env, NODE_PATH: path.resolve(__dirname, '../../node_modules') };
    const proc = spawn(process.execPath, [child, blockAt ?? '-', ...(keepOld ? ['keep-old'] : [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buffered = '';
    let stderr = '';
    proc.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    proc.stdout.on('data', (b: Buffer) => {
      buffered += b.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line === 'blocked') proc.kill('SIGKILL');
      }
    });
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      if (blockAt && signal !== 'SIGKILL') reject(new Error(`child was not killed at ${blockAt} (exit ${code}): ${lines.join(' | ')} ${stderr}`));
      else if (!blockAt && code !== 0) reject(new Error(`rotation failed: ${lines.join(' | ')} ${stderr}`));
      else resolve({ lines, killed: signal === 'SIGKILL' });
    });
  });
}

async function works(keys: { accessKeyId: string; secretAccessKey: string }): Promise<boolean> {
  const c = new STSClient({ region: 'us-east-1', endpoint: w.emulator.url, credentials: keys, maxAttempts: 1 });
  try {
    return (await c.send(new GetCallerIdentityCommand({}))).Arn === ARN;
  } catch {
    return false;
  } finally {
    c.destroy();
  }
}

const STEPS: RotateStep[] = ['identity', 'session', 'listed', 'journal', 'created', 'verified', 'stored', 'old-removed'];

/** What the next rotate says, by the step the previous one was killed after. */
const EXPECTED_TELL: Partial<Record<RotateStep, RegExp>> = {
  created: /^tell:An earlier rotation was interrupted after it created access key AKIA…\w{4}, which never reached the keychain; deleting it now\.$/,
  verified: /^tell:An earlier rotation was interrupted after it created access key AKIA…\w{4}, which never reached the keychain; deleting it now\.$/,
  stored: /^tell:An earlier rotation was interrupted after the new key was stored; deleting the old key AKIA…\w{4} now\.$/,
};

void describe('rotation crash safety', () => {
  void it('survives SIGKILL after every step: a working key in the keychain, at most two keys, one after the next rotate', async (t) => {
    const file = w.credentialsText();
    for (const stepName of STEPS) {
      const before = (await w.keychain.get('default'))!;
      const killed = await runChild(stepName);
      assert.ok(killed.killed && killed.lines.includes(`step:${stepName}`), `killed after ${stepName}`);

      const held = (await w.keychain.get('default'))!;
      assert.ok(await works(held), `after a kill at ${stepName} the keychain's key works`);
      assert.ok(w.emulator.accessKeysOf('alice').length <= 2, 'never three keys');
      assert.ok(w.emulator.accessKeysOf('alice').some((k) => k.accessKeyId === held.accessKeyId && k.status === 'Active'));
      assert.equal(w.credentialsText(), file, 'the credentials file is untouched');
      // Until the new key is stored, the keychain still holds the old one.
      if (STEPS.indexOf(stepName) < STEPS.indexOf('stored')) assert.equal(held.accessKeyId, before.accessKeyId);

      const next = await runChild(null);
      const tells = next.lines.filter((l) => l.startsWith('tell:'));
      const expected = EXPECTED_TELL[stepName];
      if (expected) {
        assert.equal(tells.length, 1, `one sentence after a kill at ${stepName}: ${tells.join(' | ')}`);
        assert.match(tells[0]!, expected);
      } else {
        assert.deepEqual(tells, [], `nothing to say after a kill at ${stepName}`);
      }
      const done = JSON.parse(next.lines.find((l) => l.startsWith('done:'))!.slice(5)) as { newAccessKeyId: string; resumed: boolean };
      // Killed once the new key was stored: the next rotate finishes that rotation instead of starting another.
      assert.equal(done.resumed, stepName === 'stored' || stepName === 'old-removed', `resumed after ${stepName}`);
      const final = (await w.keychain.get('default'))!;
      assert.equal(final.accessKeyId, done.newAccessKeyId);
      assert.deepEqual(w.emulator.accessKeysOf('alice').map((k) => k.accessKeyId), [final.accessKeyId], `one key after recovering from ${stepName}`);
      assert.ok(await works(final));
      assert.ok(!existsSync(journalFile(w.paths.settingsDir, 'default')));
      assert.equal(w.credentialsText(), file);
      t.diagnostic(`killed after ${stepName}: recovered${tells.length ? ` (${tells[0]!.slice(5, 60)}…)` : ''}`);
    }
  });

  void it('with --keep-old, a kill after the new key was stored is finished by deactivating the old key', async () => {
    const before = (await w.keychain.get('default'))!;
    await runChild('stored', true);
    const next = await runChild(null);
    assert.ok(next.lines.some((l) => /^tell:An earlier rotation was interrupted after the new key was stored; deactivating the old key AKIA…\w{4} now\.$/.test(l)));
    const keys = w.emulator.accessKeysOf('alice');
    assert.deepEqual(
      keys.map((k) => [k.accessKeyId, k.status]),
      [
        [before.accessKeyId, 'Inactive'],
        [(await w.keychain.get('default'))!.accessKeyId, 'Active'],
      ],
    );
  });
});
