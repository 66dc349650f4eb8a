/**
 * Benchmarks of issue 8 (the MFA prompt for every AWS tool):
 *  g. `credential-process` on a valid session, cold process, median of 20: on the Node these
 *     benchmarks run (node@22 from the devDependencies) and on the Node a user's PATH gives
 *     (bin/aws-mfa-tray runs on whatever `node` is first on PATH), beside AWS CLI v2's
 *     `aws configure export-credentials --profile mfa --format process` on the same files;
 *  h. renewal through mfa_process, cold (credential-process on an expired session; the command
 *     prints a fresh code), emulator time excluded.
 */
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { BIN, runCli } from '../helpers/cli';
import { createWorld, type World } from '../helpers/world';
import { runtimes } from './runtimes';
import { median } from './stats';

const run = promisify(execFile);

/** The first `aws` that is CLI v2 (`aws` on PATH here is v1; Debian's awscli package is v2). */
function awsV2(): { bin: string; version: string } | null {
  for (const bin of ['aws', '/usr/bin/aws', '/usr/local/bin/aws']) {
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    const version = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    if (r.status === 0 && version.startsWith('aws-cli/2')) return { bin, version: version.split(' ')[0]! };
  }
  return null;
}

async function timed(runs: number, warmups: number, once: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await once();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await once();
    out.push(performance.now() - t);
  }
  return out;
}

/** A credentials file of realistic size: the session plus a dozen other profiles. */
async function worldWithSession(): Promise<World> {
  const w = await createWorld({ defaultProfile: true, defaultConfig: 'region = us-east-1\n' });
  const others = Array.from({ length: 12 }, (_, i) => `[team-${i}]\nregion = eu-west-${(i % 3) + 1}\noutput = json\n`).join('\n');
  w.writeCredentials(`${others}\n`);
  const login = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(w.serial)]);
  if (login.code !== 0) throw new Error(login.stderr);
  return w;
}

export interface CredentialProcessFigures {
  runs: number;
  /** Per Node (the bench's, and the user's PATH one when it differs): ours and a bare start. */
  nodes: { version: string; medianMs: number; bareMs: number }[];
  aws: { version: string; medianMs: number } | null;
}

export async function benchCredentialProcess(runs = 20): Promise<CredentialProcessFigures> {
  const w = await worldWithSession();
  try {
    const nodes: CredentialProcessFigures['nodes'] = [];
    for (const rt of runtimes()) {
      const ours = await timed(runs, 2, () => run(rt.node, [BIN, 'credential-process', 'mfa'], { env: w.env }));
      const bare = await timed(runs, 2, () => run(rt.node, ['-e', '0'], { env: w.env }));
      nodes.push({ version: rt.version, medianMs: median(ours), bareMs: median(bare) });
    }
    const v2 = awsV2();
    const aws = v2
      ? await timed(runs, 1, () => run(v2.bin, ['configure', 'export-credentials', '--profile', 'mfa', '--format', 'process'], { env: w.env }))
      : null;
    return { runs, nodes, aws: v2 && aws ? { version: v2.version, medianMs: median(aws) } : null };
  } finally {
    await w.close();
  }
}

export interface MfaProcessRenewalFigures {
  runs: number;
  medianMs: number;
  emulatorMedianMs: number;
}

export async function benchMfaProcessRenewal(runs = 10): Promise<MfaProcessRenewalFigures> {
  const w = await createWorld({ keys: ['default'] });
  try {
    const serial = w.serial;
    const codeFile = path.join(w.home, 'code');
    w.writeConfig(`[default]\nmfa_serial = ${serial}\nregion = us-east-1\nmfa_process = cat ${codeFile}\n`);
    const expired = `[mfa]\naws_access_key_id = ASIAEXPIREDEXPIRED00\naws_secret_access_key = ${'e'.repeat(40)}\naws_session_token = old\naws_credential_expiration = 2020-01-01T00:00:00Z\n`;
    const ours: number[] = [];
    const server: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      w.writeCredentials(expired);
      writeFileSync(codeFile, w.emulator.nextFreshCode(serial));
      const s0 = w.emulator.serverTimeMs;
      const t = performance.now();
      await run(process.execPath, [BIN, 'credential-process', 'mfa'], { env: w.env });
      const inServer = w.emulator.serverTimeMs - s0;
      if (i === 0) continue; // warm-up: the compile cache and the settings folder
      ours.push(performance.now() - t - inServer);
      server.push(inServer);
    }
    return { runs, medianMs: median(ours), emulatorMedianMs: median(server) };
  } finally {
    await w.close();
  }
}
