/**
 * Benchmarks of issue 21 (exec --server's credential endpoint), on the real CLI process:
 *  i. a credential fetch from a warm endpoint, p50 and p99, by a command under `exec --server`:
 *     over one kept-alive connection (botocore's pool) and over a new connection each time (the JS
 *     SDK's fromHttp makes and destroys its handler per fetch); beside a cold `credential-process`;
 *  j. the endpoint's CPU time while the command runs and asks nothing, from /proc: the aws-mfa-tray
 *     process's user+system time and the context switches of all its threads (each wake-up of any
 *     thread is one) over the idle window. BENCH_IDLE_SECONDS sets the window (default 60; the
 *     issue's figure is 600). Linux only (/proc).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { BIN, runCli } from '../helpers/cli';
import { createWorld, type World } from '../helpers/world';
import type { BenchRow } from './renew-rows';
import { median, ms } from './stats';

const FETCHES = 2000;

/** The command under exec --server: FETCHES fetches each way, then its latencies as JSON. */
const FETCHER = `
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const u = new URL(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI);
const headers = { Authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN, Accept: 'application/json' };
const once = (agent) => new Promise((resolve, reject) => {
  const t = performance.now();
  http.get({ host: '127.0.0.1', port: u.port, path: u.pathname, headers, agent }, (res) => {
    let b = ''; res.on('data', (d) => (b += d)); res.on('end', () => (JSON.parse(b).AccessKeyId ? resolve(performance.now() - t) : reject(new Error(b))));
  }).on('error', reject);
});
(async () => {
  const kept = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out = { keepAlive: [], fresh: [] };
  for (let i = 0; i < 200; i++) await once(kept);
  for (let i = 0; i < ${FETCHES}; i++) out.keepAlive.push(await once(kept));
  for (let i = 0; i < ${FETCHES}; i++) out.fresh.push(await once(false));
  kept.destroy();
  console.log(JSON.stringify(out));
})();`;

const pct = (v: number[], p: number): number => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)]!;

async function worldWithSession(): Promise<World> {
  const w = await createWorld();
  await w.storeKeys('default');
  const serial = w.user.devices[0]!.serial;
  w.writeConfig(`[default]\nmfa_serial = ${serial}\nregion = us-east-1\n`);
  const login = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)]);
  if (login.code !== 0) throw new Error(login.stderr);
  return w;
}

export async function benchEndpointFetch(w: World): Promise<{ keepAlive: number[]; fresh: number[]; coldCpMs: number }> {
  const r = await runCli(w.env, ['exec', '--server', 'mfa', '--', process.execPath, '-e', FETCHER]);
  if (r.code !== 0) throw new Error(r.stderr);
  const out = JSON.parse(r.stdout) as { keepAlive: number[]; fresh: number[] };
  const cold: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const cp = await runCli(w.env, ['credential-process', 'mfa']);
    if (cp.code !== 0) throw new Error(cp.stderr);
    cold.push(performance.now() - t);
  }
  return { ...out, coldCpMs: median(cold) };
}

/** CPU time (ms, 10 ms ticks) and context switches of every thread of `pid`. */
function procFigures(pid: number): { cpuMs: number; switches: number; threads: number } {
  const tick = 10; // USER_HZ is 100 on Linux
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * tick;
  let switches = 0;
  const tasks = readdirSync(`/proc/${pid}/task`);
  for (const t of tasks) {
    const s = readFileSync(`/proc/${pid}/task/${t}/status`, 'utf8');
    switches += Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(s)?.[1] ?? 0) + Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(s)?.[1] ?? 0);
  }
  return { cpuMs, switches, threads: tasks.length };
}

export async function benchEndpointIdle(w: World, idleSeconds: number): Promise<{ cpuMs: number; switches: number; threads: number; idleSeconds: number }> {
  // The command fetches once (the endpoint's connection then idles out after 10 s), then sleeps.
  const settleMs = 12_000;
  const script = `require('node:http').get({ host: '127.0.0.1', port: new URL(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI).port, path: new URL(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI).pathname, headers: { Authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN } }, (r) => { r.resume(); r.on('end', () => setTimeout(() => {}, ${(idleSeconds + 20) * 1000})); });`;
  const child = spawn(process.execPath, [BIN, 'exec', '--server', 'mfa', '--', process.execPath, '-e', script], { env: w.env, stdio: 'ignore', detached: true });
  const ended = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    await new Promise((r) => setTimeout(r, settleMs));
    const before = procFigures(child.pid!);
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const after = procFigures(child.pid!);
    return { cpuMs: after.cpuMs - before.cpuMs, switches: after.switches - before.switches, threads: after.threads, idleSeconds };
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await ended;
  }
}

export async function endpointRows(): Promise<BenchRow[]> {
  if (process.platform !== 'linux') return [];
  const w = await worldWithSession();
  try {
    const f = await benchEndpointFetch(w);
    const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS) > 0 ? Number(process.env.BENCH_IDLE_SECONDS) : 60;
    const idle = await benchEndpointIdle(w, idleSeconds);
    const p50 = pct(f.keepAlive, 50);
    const p99 = pct(f.keepAlive, 99);
    return [
      {
        name: `i. credential fetch from a warm exec --server endpoint, kept-alive connection (${FETCHES} fetches)`,
        ours: `p50 ${ms(p50)}, p99 ${ms(p99)}`,
        theirs: `${ms(f.coldCpMs)} (cold credential-process, median of 20)`,
        ratio: `${(f.coldCpMs / p50).toFixed(0)}×`,
        target: 'p50 <= 2 ms, p99 <= 10 ms',
        met: p50 <= 2 && p99 <= 10,
      },
      {
        name: `i. the same, a new connection per fetch as the JS SDK does (${FETCHES} fetches)`,
        ours: `p50 ${ms(pct(f.fresh, 50))}, p99 ${ms(pct(f.fresh, 99))}`,
        theirs: '',
        ratio: '',
        target: 'p50 <= 2 ms, p99 <= 10 ms',
        met: pct(f.fresh, 50) <= 2 && pct(f.fresh, 99) <= 10,
      },
      {
        name: `j. endpoint CPU over ${idle.idleSeconds} s idle (command running, asking nothing)`,
        ours: `${idle.cpuMs} ms CPU, ${idle.switches} wake-ups (${idle.threads} threads)`,
        theirs: '',
        ratio: '',
        target: '≈ 0 (no timers)',
        met: idle.cpuMs <= 10 && idle.switches <= 2,
      },
    ];
  } finally {
    await w.close();
  }
}
