/**
 * Where a warm in-app login's time goes: the same timeline hook as the cold breakdown, in a child
 * process that makes the logins the warm figure is made of (warm-breakdown-child.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Stretch } from './breakdown';

const run = promisify(execFile);
const HOOK = path.resolve(__dirname, '../helpers/login-timeline.cjs');
const CHILD = path.resolve(__dirname, 'warm-breakdown-child.ts');

export interface WarmBreakdown {
  logins: number;
  totalMs: number;
  emulatorMs: number;
  stretches: Stretch[];
}

/** The stretches that are file-system calls the guarantees need (lock, fsync, rename, unlock). */
const FS_CALL = /^(lock: mkdir|unlock: rmdir|fsync|rename over)/;

export async function benchWarmBreakdown(logins = 500): Promise<WarmBreakdown> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mfa-warm-breakdown-'));
  try {
    const { stdout } = await run(process.execPath, ['--require', HOOK, '--import', 'tsx', CHILD, String(logins)], {
      env: { ...process.env, BREAKDOWN_OUT: path.join(tmp, 'events.json') },
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as WarmBreakdown;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function printWarmBreakdown(b: WarmBreakdown, version: string): void {
  const fmt = (n: number): string => n.toFixed(3).padStart(7);
  console.log(`\nbreakdown of a warm in-app login on ${version} (median of ${b.logins} logins per stretch; login() p50 ${b.totalMs.toFixed(3)} ms with the hook's own stamps)`);
  console.log(`${'ms'.padStart(7)}  stretch`);
  for (const s of b.stretches) console.log(`${fmt(s.ms)}  ${s.label}`);
  const fsCalls = b.stretches.filter((s) => FS_CALL.test(s.label)).reduce((a, s) => a + s.ms, 0);
  const sts = b.stretches.filter((s) => s.label.startsWith('STS round trip')).reduce((a, s) => a + s.ms, 0);
  console.log(`         file-system calls the write's guarantees need (lock folder, fsync of the temp file, rename, fsync of the folder, unlock): ${fsCalls.toFixed(3)} ms`);
  console.log(`         STS round trip ${sts.toFixed(3)} ms, of which ${b.emulatorMs.toFixed(3)} ms is the emulator's own time (it runs in the same process)`);
  // What no JS of ours or the SDK's can take away: the disk calls the guarantees need, and the round trip less the emulator's handler.
  console.log(`         together ${(fsCalls + sts - b.emulatorMs).toFixed(3)} ms of the ${b.totalMs.toFixed(3)} ms are the disk and Node's HTTP on loopback (both ends), before any JS of ours or the SDK's; the target is 2 ms`);
}
