/**
 * Crash safety: writer processes patching in a loop are SIGKILLed at random moments. After every
 * kill the file must be byte-for-byte either the version before the interrupted patch or the one
 * after it, must parse, and every profile the writer does not touch must be intact.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { updateIniFile } from '../../main/core/credentials-file';
import { parseCredentialsText } from '../../main/core/credentials-read';
import { patchProfileText } from '../../main/core/ini-patch';
import { bundleWriter } from './fixtures/bundle';
import { INITIAL_TEXT, opFor } from './fixtures/ops';
import { assertMode } from '../helpers/platform';

const MIN_OPS = 300;
const MIN_KILLS = 150;

const cleanup: string[] = [];
after(() => {
  for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true });
});

function apply(text: string, i: number): string {
  const op = opFor(i);
  return patchProfileText(text, op.profile, op.values, { removeSectionIfEmpty: op.removeSectionIfEmpty });
}

/** Runs `ops` from `from`, kills it `delayMs` after it is ready, and returns the indices it acknowledged. */
function runAndKill(script: string, file: string, from: number, delayMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, 'ops', file, String(from)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: number[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.on('data', (b: Buffer) => {
      buffered += b.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
        else if (/^\d+$/.test(line)) acks.push(Number(line));
        else reject(new Error(`writer said: ${line}`));
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve(acks) : reject(new Error(`writer exited without being killed: ${stderr}`))));
  });
}

void describe('crash safety', () => {
  void it(`leaves the file old or new, never torn, across ${MIN_KILLS}+ SIGKILLs and ${MIN_OPS}+ patch operations`, async (t) => {
    const { dir, script } = await bundleWriter();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-'));
    cleanup.push(dir, work);
    const file = path.join(work, 'credentials');
    fs.writeFileSync(file, INITIAL_TEXT, { mode: 0o600 });
    const untouched = ['default', 'work', 'nested'].map((name) => [name, { ...parseCredentialsText(INITIAL_TEXT, 'initial').get(name) }] as const);

    let current = INITIAL_TEXT;
    let next = 0;
    const n = { started: 0, committed: 0, kills: 0, landedAfterKill: 0, killedHoldingLock: 0, killedWithTempFile: 0 };
    while (n.started < MIN_OPS || n.kills < MIN_KILLS) {
      const acks = await runAndKill(script, file, next, Math.random() * 25);
      n.kills++;
      for (const [k, i] of acks.entries()) {
        assert.equal(i, next + k, 'acknowledged in order');
        current = apply(current, i);
      }
      n.committed += acks.length;
      n.started += acks.length + 1; // the acknowledged ones plus the one the kill interrupted
      const interrupted = next + acks.length;
      const onDisk = fs.readFileSync(file, 'utf8');
      const afterInterrupted = apply(current, interrupted);
      if (onDisk === afterInterrupted && onDisk !== current) {
        n.landedAfterKill++; // killed after the rename, before it could say so
        current = afterInterrupted;
        next = interrupted + 1;
      } else {
        assert.equal(onDisk, current, `after kill ${n.kills} the file is neither the old nor the new version`);
        next = interrupted;
      }
      const sections = parseCredentialsText(onDisk, file);
      for (const [name, values] of untouched) assert.deepEqual({ ...sections.get(name) }, values, `[${name}] intact`);
      assertMode(file, 0o600);

      const leftovers = fs.readdirSync(work).filter((f) => f !== 'credentials');
      if (leftovers.some((f) => f.endsWith('.tmp'))) n.killedWithTempFile++;
      if (leftovers.includes('credentials.lock')) {
        n.killedHoldingLock++;
        // The holder is dead; rather than wait STALE_MS for proper-lockfile to judge it stale (proven
        // in test/unit/credentials-file.test.ts), remove it as that recovery would.
        fs.rmdirSync(path.join(work, 'credentials.lock'));
      }
    }

    // The next writer cleans temp files the killed ones left behind.
    await updateIniFile(file, () => [{ profile: 'final', values: { k: 'v' } }]);
    assert.deepEqual(fs.readdirSync(work), ['credentials']);
    assert.equal(fs.readFileSync(file, 'utf8'), patchProfileText(current, 'final', { k: 'v' }));
    assert.ok(n.killedHoldingLock > 0 && n.killedWithTempFile > 0, 'some kills hit the critical section');
    t.diagnostic(
      `patch operations started ${n.started} (committed ${n.committed}), SIGKILLs ${n.kills}: ${n.killedHoldingLock} while holding the lock, ` +
        `${n.killedWithTempFile} with a temp file written but not yet renamed, ${n.landedAfterKill} after the rename but before acknowledging`,
    );
  });
});
