/**
 * Concurrency: long-running writer loops (like the app) and many short-lived single-patch processes
 * (like CLI runs) patch different profiles of one file at the same time. Every patch adds a new key,
 * so any lost update (a read-modify-write race) would show up as a missing key.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { readCredentialsFile } from '../../main/core/credentials-read';
import { bundleWriter } from './fixtures/bundle';

const run = promisify(execFile);
const LOOPS = 4;
const CLI_LANES = 4;
const PATCHES = 50;

const cleanup: string[] = [];
after(() => {
  for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true });
});

function loopWriter(script: string, file: string, profile: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, 'loop', file, profile, '0', String(PATCHES)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim().split('\n').length) : reject(new Error(`loop ${profile} failed: ${out}`))));
  });
}

async function cliLane(script: string, file: string, profile: string): Promise<number> {
  for (let i = 0; i < PATCHES; i++) {
    const { stdout } = await run(process.execPath, [script, 'set', file, profile, `k${i}`, `v${i}`]);
    assert.deepEqual(JSON.parse(stdout), { ok: true, changed: true });
  }
  return PATCHES;
}

void describe('concurrency', () => {
  void it(`${LOOPS} writer loops and ${CLI_LANES} lanes of single-patch processes, ${PATCHES} patches each, lose nothing`, async (t) => {
    const { dir, script } = await bundleWriter();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'concurrency-'));
    cleanup.push(dir, work);
    const file = path.join(work, 'credentials');
    fs.writeFileSync(file, '# shared\n[default]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\n', { mode: 0o600 });

    const loops = Array.from({ length: LOOPS }, (_, n) => `loop${n}`);
    const lanes = Array.from({ length: CLI_LANES }, (_, n) => `cli${n}`);
    const counts = await Promise.all([...loops.map((p) => loopWriter(script, file, p)), ...lanes.map((p) => cliLane(script, file, p))]);

    const sections = (await readCredentialsFile(file))!.sections;
    assert.equal(sections.get('default')?.aws_access_key_id, 'AKIAAAAAAAAAAAAAAAAA');
    let found = 0;
    for (const profile of [...loops, ...lanes]) {
      const values = sections.get(profile);
      for (let i = 0; i < PATCHES; i++) assert.equal(values?.[`k${i}`], `v${i}`, `[${profile}] k${i} lost`);
      found += Object.keys(values ?? {}).length;
    }
    assert.equal(found, (LOOPS + CLI_LANES) * PATCHES);
    assert.deepEqual(fs.readdirSync(work), ['credentials']);
    t.diagnostic(
      `${LOOPS + CLI_LANES} concurrent writers (${LOOPS} long-running loops, ${CLI_LANES} lanes of ${PATCHES} single-patch processes = ` +
        `${LOOPS + CLI_LANES * PATCHES} processes); patches applied ${counts.reduce((a, b) => a + b, 0)}, keys present ${found}, lost 0`,
    );
  });
});
