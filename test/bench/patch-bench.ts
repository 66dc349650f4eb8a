/**
 * Patching one profile of a 10,000-profile credentials file: updateIniFile (lock, read,
 * strict parse, patch, verify, atomic write with fsyncs) against `aws configure set` on the same file.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { updateIniFile } from '../../main/core/credentials-file';
import { median } from './stats';

const run = promisify(execFile);
const PROFILES = 10_000;
// Runs of the same full operation before measuring: the first few run before V8 has optimised the
// scanner and while the heap is still growing, and only added noise to a 2-core shared machine.
const WARM_UP_RUNS = 5;
const OUR_RUNS = 50;
const AWS_RUNS = 5;

function bigFile(): string {
  const lines: string[] = ['# generated for the patch benchmark'];
  for (let i = 0; i < PROFILES; i++) {
    lines.push(
      `[profile${i}]`,
      `aws_access_key_id = AKIA${String(i).padStart(16, '0')}`,
      `aws_secret_access_key = ${'s'.repeat(36)}${String(i).padStart(4, '0')}`,
      i % 10 === 0 ? '# a comment now and then' : '',
    );
  }
  return `${lines.join('\n')}\n`;
}

async function awsAvailable(): Promise<boolean> {
  try {
    await run('aws', ['--version']);
    return true;
  } catch {
    return false;
  }
}

export async function benchPatch(): Promise<{ oursMedianMs: number; awsMedianMs: number | null; ratio: number | null; profiles: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patch-bench-'));
  try {
    const file = path.join(dir, 'credentials');
    fs.writeFileSync(file, bigFile(), { mode: 0o600 });
    const target = `profile${PROFILES / 2}`;

    await updateIniFile(file, () => [{ profile: target, values: { aws_session_token: 'warm-up' } }]);
    for (let i = 0; i < WARM_UP_RUNS; i++) {
      await updateIniFile(file, () => [{ profile: target, values: { aws_access_key_id: `AKIA${String(i).padStart(16, 'W')}` } }]);
    }
    const ours: number[] = [];
    for (let i = 0; i < OUR_RUNS; i++) {
      const t0 = performance.now();
      await updateIniFile(file, () => [{ profile: target, values: { aws_access_key_id: `AKIA${String(i).padStart(16, 'X')}` } }]);
      ours.push(performance.now() - t0);
    }

    let awsMedianMs: number | null = null;
    if (await awsAvailable()) {
      const env = { ...process.env, AWS_SHARED_CREDENTIALS_FILE: file, AWS_CONFIG_FILE: path.join(dir, 'config') };
      const theirs: number[] = [];
      for (let i = 0; i < AWS_RUNS; i++) {
        const t0 = performance.now();
        await run('aws', ['configure', 'set', `profile.${target}.aws_access_key_id`, `AKIA${String(i).padStart(16, 'Y')}`], { env });
        theirs.push(performance.now() - t0);
      }
      awsMedianMs = median(theirs);
    }
    const oursMedianMs = median(ours);
    return { oursMedianMs, awsMedianMs, ratio: awsMedianMs === null ? null : awsMedianMs / oursMedianMs, profiles: PROFILES };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchPatch().then((r) => console.log(JSON.stringify(r)));
}
