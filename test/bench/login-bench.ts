/**
 * Login benchmarks against the local emulator:
 *  a. cold CLI process (bin/aws-mfa-tray login) vs the manual routine with the `aws` CLI
 *     (aws sts get-session-token + three aws configure set), both against the same emulator;
 *  b. warm in-process logins as the tray app does them, our own time (emulator time excluded);
 *  d. cold start of `aws-mfa-tray status` (and of `credential-process` on a valid session);
 *  e. a cold login with a 10,000-profile credentials file against one with a one-profile file.
 * Cold-process figures are taken with a given Node binary: the bench runs them on the Node 22
 * devDependency and on the first `node` on the user's PATH (./runtimes.ts).
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import { CachingKeychain } from '../../main/core/keychain';
import { MfaService } from '../../main/core/session';
import { BIN } from '../helpers/cli';
import { createWorld } from '../helpers/world';
import { median, percentile } from './stats';

const CPU_AT_EXIT = path.join(__dirname, 'cpu-at-exit.cjs');

// Async on purpose: the emulator these processes talk to runs in this process's event loop.
const run = promisify(execFile);

function awsCli(): string | null {
  const r = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout || r.stderr).trim() : null;
}

export interface ColdLoginFigures {
  oursMedianMs: number;
  awsMedianMs: number | null;
  awsVersion: string | null;
  ratio: number | null;
  runs: number;
  /** A bare `node -e 0` on the same Node, interleaved with the logins: what this machine's Node start and exit cost. */
  bareNodeMedianMs: number;
}

export async function benchColdLogin(runs = 15, awsRuns = 5, node = process.execPath): Promise<ColdLoginFigures> {
  const w = await createWorld({ defaultProfile: true, defaultConfig: 'region = us-east-1\n' });
  try {
    const serial = w.serial;
    const ours: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      const code = w.emulator.nextFreshCode(serial);
      let t = performance.now();
      await run(node, [BIN, 'login', 'default', '--code', code], { env: w.env });
      ours.push(performance.now() - t);
      t = performance.now();
      await run(node, ['-e', '0'], { env: w.env });
      bare.push(performance.now() - t);
    }
    const version = awsCli();
    let theirs: number[] = [];
    if (version) {
      // The routine users run today: long-term keys in plaintext, four aws invocations.
      const awsHome = `${w.home}/aws-user`;
      const env = {
        ...w.env,
        AWS_SHARED_CREDENTIALS_FILE: `${awsHome}/credentials`,
        AWS_CONFIG_FILE: `${awsHome}/config`,
        AWS_ACCESS_KEY_ID: w.user.accessKeyId,
        AWS_SECRET_ACCESS_KEY: w.user.secretAccessKey,
        AWS_PAGER: '',
      };
      for (let i = 0; i < awsRuns; i++) {
        const code = w.emulator.nextFreshCode(serial);
        const t = performance.now();
        const { stdout: out } = await run(
          'aws',
          ['sts', 'get-session-token', '--serial-number', serial, '--token-code', code, '--endpoint-url', w.emulator.url, '--region', 'us-east-1', '--output', 'json'],
          { env, encoding: 'utf8' },
        );
        const c = (JSON.parse(out) as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } }).Credentials;
        for (const [k, v] of [
          ['aws_access_key_id', c.AccessKeyId],
          ['aws_secret_access_key', c.SecretAccessKey],
          ['aws_session_token', c.SessionToken],
        ] as const) {
          await run('aws', ['configure', 'set', `profile.mfa.${k}`, v], { env });
        }
        theirs.push(performance.now() - t);
      }
    } else theirs = [];
    const o = median(ours);
    const a = theirs.length ? median(theirs) : null;
    return { oursMedianMs: o, awsMedianMs: a, awsVersion: version, ratio: a === null ? null : a / o, runs, bareNodeMedianMs: median(bare) };
  } finally {
    await w.close();
  }
}

export interface WarmLoginFigures {
  logins: number;
  /** login() until the profile is written: what the user waits for. */
  p50Ms: number;
  p99Ms: number;
  /** The same plus the background bookkeeping (sessions.json) that follows each login. */
  withBookkeepingP50Ms: number;
  emulatorP50Ms: number;
}

/** One measured warm login: its start and end, the end of its bookkeeping, and the emulator's own time in it. */
export interface WarmLoginTimes {
  start: number;
  end: number;
  flushed: number;
  emulatorMs: number;
}

/**
 * Warm in-app logins, `logins` of them after 200 unmeasured ones, each reported to `each` on
 * `clock`. Shared by the warm figure and its breakdown (warm-breakdown-child.ts).
 */
export async function warmLogins(logins: number, each: (t: WarmLoginTimes) => void, clock: () => number = () => performance.now()): Promise<void> {
  const w = await createWorld({ defaultProfile: true });
  try {
    const serial = w.serial;
    w.writeCredentials('[other]\nregion = eu-west-1\n');
    // Built as main/app/main.ts builds it: the keychain answers from memory after the first read.
    const app = new MfaService({ paths: w.paths, keychain: new CachingKeychain(w.keychain), aws: w.aws, settings: w.settings, env: w.env });
    // Warm-up (not measured): the first login creates the client, the settings folder and the file;
    // the next ones let V8 optimise the hot path, as it has been in a tray app running for hours.
    for (let i = 0; i < 200; i++) {
      await app.login({ profile: 'default', code: w.emulator.nextFreshCode(serial) });
      await app.flush();
    }
    for (let i = 0; i < logins; i++) {
      const code = w.emulator.nextFreshCode(serial);
      const s0 = w.emulator.serverTimeMs;
      const start = clock();
      await app.login({ profile: 'default', code });
      const end = clock();
      const emulatorMs = w.emulator.serverTimeMs - s0;
      // Real logins are minutes apart, so each one's bookkeeping is done before the next starts.
      await app.flush();
      each({ start, end, flushed: clock(), emulatorMs });
    }
  } finally {
    await w.close();
  }
}

export async function benchWarmLogins(logins = 1000): Promise<WarmLoginFigures> {
  const own: number[] = [];
  const withBookkeeping: number[] = [];
  const server: number[] = [];
  await warmLogins(logins, ({ start, end, flushed, emulatorMs }) => {
    own.push(end - start - emulatorMs);
    withBookkeeping.push(flushed - start - emulatorMs);
    server.push(emulatorMs);
  });
  return {
    logins,
    p50Ms: percentile(own, 50),
    p99Ms: percentile(own, 99),
    withBookkeepingP50Ms: percentile(withBookkeeping, 50),
    emulatorP50Ms: percentile(server, 50),
  };
}

export interface LargeFileLoginFigures {
  profiles: number;
  bytes: number;
  oneProfileMedianMs: number;
  largeMedianMs: number;
  ratio: number;
  /** The same medians in CPU time of the CLI process (less moved by other load on the machine). */
  oneProfileCpuMs: number;
  largeCpuMs: number;
  runs: number;
}

/**
 * Many profiles as a long-time AWS user's file looks: keys, some old sessions with their long
 * tokens, regions, comments now and then (10,000 profiles: about 2 MB).
 */
export function largeCredentialsFile(profiles: number): string {
  const lines: string[] = ['# many accounts'];
  const token = 'IQoJb3JpZ2luX2VjE'.padEnd(420, 'x');
  for (let i = 0; i < profiles; i++) {
    lines.push(`[account-${i}]`, `aws_access_key_id = AKIA${String(i).padStart(16, '0')}`, `aws_secret_access_key = ${'s'.repeat(36)}${String(i).padStart(4, '0')}`);
    if (i % 5 === 0) lines.push(`aws_session_token = ${token}${i}`);
    if (i % 3 === 0) lines.push('region = eu-west-1');
    lines.push(i % 10 === 0 ? '# a comment now and then' : '');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A cold CLI login must cost the same whatever the size of the credentials file: the median of
 * `runs` logins with a one-profile file against the same with a 10,000-profile one (each login
 * replaces the session in [mfa], so the file keeps its size). Interleaved, so drift on a shared
 * machine hits both alike.
 */
export async function benchLargeFileLogin(runs = 5, profiles = 10_000, node = process.execPath): Promise<LargeFileLoginFigures> {
  const w = await createWorld({ defaultProfile: true, defaultConfig: 'region = us-east-1\n' });
  try {
    const serial = w.serial;
    const small = `${w.home}/small-credentials`;
    const large = `${w.home}/large-credentials`;
    writeFileSync(small, '[default]\nregion = us-east-1\n', { mode: 0o600 });
    writeFileSync(large, largeCredentialsFile(profiles), { mode: 0o600 });
    const cpuFile = `${w.home}/cpu-at-exit`;
    const login = async (file: string): Promise<[number, number]> => {
      const code = w.emulator.nextFreshCode(serial);
      rmSync(cpuFile, { force: true });
      const t = performance.now();
      await run(node, ['--require', CPU_AT_EXIT, BIN, 'login', 'default', '--code', code], { env: { ...w.env, AWS_SHARED_CREDENTIALS_FILE: file, CPU_AT_EXIT: cpuFile } });
      return [performance.now() - t, Number(readFileSync(cpuFile, 'utf8'))];
    };
    // One untimed login each: [mfa] exists from then on, as in every later login of a real user.
    await login(small);
    await login(large);
    const a: [number, number][] = [];
    const b: [number, number][] = [];
    for (let i = 0; i < runs; i++) {
      a.push(await login(small));
      b.push(await login(large));
    }
    const oneProfileMedianMs = median(a.map((x) => x[0]));
    const largeMedianMs = median(b.map((x) => x[0]));
    return {
      profiles,
      bytes: statSync(large).size,
      oneProfileMedianMs,
      largeMedianMs,
      ratio: largeMedianMs / oneProfileMedianMs,
      oneProfileCpuMs: median(a.map((x) => x[1])),
      largeCpuMs: median(b.map((x) => x[1])),
      runs,
    };
  } finally {
    await w.close();
  }
}

export async function benchStatusColdStart(runs = 20, node = process.execPath): Promise<{ medianMs: number; runs: number }> {
  const w = await createWorld();
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await run(node, [BIN, 'status'], { env: w.env });
      times.push(performance.now() - t);
    }
    return { medianMs: median(times), runs };
  } finally {
    await w.close();
  }
}

/**
 * `credential-process mfa` on a valid session, cold: answered from the file, no SDK, no keychain.
 * Interleaved with a bare `node -e 0` on the same binary, the floor any Node CLI starts from.
 */
export async function benchCredentialProcessColdStart(runs = 20, node = process.execPath): Promise<{ medianMs: number; bareNodeMedianMs: number; runs: number }> {
  const w = await createWorld();
  try {
    const serial = w.user.devices[0]!.serial;
    await w.storeKeys('default');
    w.writeConfig(`[default]\nmfa_serial = ${serial}\n`);
    await run(node, [BIN, 'login', 'default', '--code', w.emulator.nextFreshCode(serial)], { env: w.env });
    const times: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await run(node, [BIN, 'credential-process', 'mfa'], { env: w.env });
      times.push(performance.now() - t);
      t = performance.now();
      await run(node, ['-e', '0'], { env: w.env });
      bare.push(performance.now() - t);
    }
    return { medianMs: median(times), bareNodeMedianMs: median(bare), runs };
  } finally {
    await w.close();
  }
}
