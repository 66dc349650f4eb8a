/**
 * `npm run bench -- --breakdown`: where one cold CLI login's time goes, against the local emulator.
 *
 * Two sources, both from outside the shipped code (nothing in dist/ knows it is measured):
 *  - a timeline: ./breakdown-hook.cjs, preloaded with --require, stamps the bundles' require()s,
 *    keytar's calls, the HTTP request, lock folders, fsyncs, renames and the 'exit' event; the
 *    bench stamps the spawn and the moment it sees the process end. Between two stamps the process
 *    runs our JS (or the SDK's); each stretch is named after the stamps around it. Medians of `runs`.
 *  - a CPU profile (node --cpu-prof) of one more login, its samples mapped through the bundles'
 *    source maps to the package or source file they ran in: what the JS stretches are made of.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { BIN } from '../helpers/cli';
import { createWorld, type World } from '../helpers/world';
import { median } from './stats';

const run = promisify(execFile);
const HOOK = path.resolve(__dirname, '../helpers/login-timeline.cjs');
/** The hook's clock: epoch milliseconds, as login-timeline.cjs stamps them. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

export interface HookEvent {
  name: string;
  start: number;
  end: number;
  detail?: { file?: string; firstByte?: number };
}

/** One timeline stretch: what was going on, and for how long. */
export interface Stretch {
  label: string;
  ms: number;
}

export interface Breakdown {
  node: string;
  runs: number;
  totalMs: number;
  /** Stretches in the order they happen, medians over the runs. */
  stretches: Stretch[];
  /** Of the HTTP round trip, the emulator's own time (it runs in the bench process). */
  emulatorMs: number;
  /** CPU time of one profiled login by where it ran (package or source file), largest first. */
  cpu: Stretch[];
  cpuTotalMs: number;
}

/** A stable name for a file an event touched (temp names differ every run). */
function fileName(file = ''): string {
  if (/\.credentials\.\d+\.[0-9a-f]+\.tmp$/.test(file)) return 'credentials temp file';
  if (/\.sessions\.json\.\d+\.[0-9a-f]+\.tmp$/.test(file)) return 'sessions.json temp file';
  if (/credentials\.lock$/.test(file)) return 'credentials.lock';
  if (/sessions\.json\.lock$/.test(file)) return 'sessions.json.lock';
  if (/\.aws$/.test(file)) return '~/.aws folder';
  return file.split('/').pop() ?? file;
}

function eventLabel(e: HookEvent): string {
  switch (e.name) {
    case 'mkdir':
      return `lock: mkdir ${fileName(e.detail?.file)}`;
    case 'rmdir':
      return `unlock: rmdir ${fileName(e.detail?.file)}`;
    case 'fsync':
      return `fsync ${fileName(e.detail?.file)}`;
    case 'rename':
      return `rename over ${fileName(e.detail?.file)}`;
    case 'http request -> response end':
      return 'STS round trip (request sent -> last byte of the answer)';
    case 'keytar.getPassword':
      return 'keychain read (keytar.getPassword over D-Bus)';
    default:
      return e.name;
  }
}

/** What runs between two stamps, named after the stamps around it. */
function gapLabel(prev: string, next: string): string {
  if (prev === 'spawn') return 'Node start (spawn -> first preloaded line)';
  if (prev === 'called') return `JS: from the call until "${next}"`;
  if (next === 'returned') return `JS: after "${prev}", until the call returns`;
  if (next === 'exit seen by the parent') return 'exit (exit event -> process gone)';
  return `JS: after "${prev}", until "${next}"`;
}

/**
 * Cuts a run's timeline into stretches: every moment belongs to the events running then (joined
 * with " || " when they overlap), or to the JS between the last stamp and the next.
 */
export function stretchesOf(t0: number, tEnd: number, events: HookEvent[], ends: { first: string; last: string } = { first: 'spawn', last: 'exit event' }): Stretch[] {
  const evs = events.filter((e) => e.name !== 'hook' && e.name !== 'exit event');
  const hook = events.find((e) => e.name === 'hook')!;
  const exit = events.find((e) => e.name === 'exit event')!;
  const points = [...new Set([t0, hook.start, exit.start, tEnd, ...evs.flatMap((e) => [e.start, e.end])])].sort((a, b) => a - b);
  const out: Stretch[] = [];
  let lastEnded = ends.first;
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i]!, points[i + 1]!];
    // Nested require()s are inside their parents' span; only the innermost one is named.
    const active = evs.filter((e) => e.start <= a && e.end >= b);
    const innermost = active.filter((e) => !active.some((o) => o !== e && o.start >= e.start && o.end <= e.end && e.name.startsWith('require') && o.name.startsWith('require')));
    let label: string;
    if (a >= exit.start) label = gapLabel('', 'exit seen by the parent');
    else if (innermost.length) label = innermost.map(eventLabel).join(' || ');
    else label = gapLabel(lastEnded, evs.find((e) => e.start >= b)?.name ? eventLabel(evs.find((e) => e.start >= b)!) : ends.last);
    for (const e of evs) if (e.end === b) lastEnded = eventLabel(e);
    if (out.length && out[out.length - 1]!.label === label) out[out.length - 1]!.ms += b - a;
    else out.push({ label, ms: b - a });
  }
  return out;
}

/**
 * Medians per stretch over runs (a label that comes back, such as the keychain read around the SDK
 * load, by its n-th time), in the order of the run whose stretches are the most common shape.
 */
export function medianStretches(perRun: Stretch[][]): Stretch[] {
  const keyed = perRun.map((s) => {
    const seen = new Map<string, number>();
    return s.map((x) => ({ ...x, key: `${x.label}#${seen.set(x.label, (seen.get(x.label) ?? 0) + 1).get(x.label)!}` }));
  });
  const order = keyed.map((s) => s.map((x) => x.key).join('\n'));
  const counts = new Map<string, number>();
  for (const o of order) counts.set(o, (counts.get(o) ?? 0) + 1);
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const shape = keyed[order.indexOf(common)]!;
  return shape.map(({ label, key }) => ({ label, ms: median(keyed.map((s) => s.find((x) => x.key === key)?.ms ?? 0)) }));
}

async function timedLogin(w: World, node: string, extraArgs: string[], env: NodeJS.ProcessEnv): Promise<{ t0: number; tEnd: number; emulatorMs: number }> {
  const code = w.emulator.nextFreshCode(w.serial);
  const s0 = w.emulator.serverTimeMs;
  const t0 = epochNow();
  await run(node, [...extraArgs, BIN, 'login', 'default', '--code', code], { env: { ...w.env, ...env } });
  return { t0, tEnd: epochNow(), emulatorMs: w.emulator.serverTimeMs - s0 };
}

/** Where a profile sample ran: a package of node_modules, one of our source files, or Node/V8 itself. */
function placeOf(url: string, line: number, column: number, maps: Map<string, SourceMap | null>, fn: string): string {
  if (fn === '(garbage collector)') return 'V8: garbage collector';
  if (fn === '(program)') return 'V8/native: (program) - compiling, code cache, addons';
  if (fn === '(idle)') return '(idle: waiting for I/O, D-Bus, the network)';
  if (!url) return `native: ${fn || '(anonymous)'}`;
  if (url.startsWith('node:')) return url.startsWith('node:internal/modules') ? 'Node: module loader' : `Node: ${url.replace(/^node:(internal\/)?/, '').split('/')[0]}`;
  let file = url.startsWith('file:') ? fileURLToPath(url) : url;
  if (!maps.has(file)) {
    let map: SourceMap | null = null;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
    } catch {
      map = null;
    }
    maps.set(file, map);
  }
  const map = maps.get(file);
  const entry: { originalSource?: string } | undefined = map?.findEntry(line, column);
  if (entry?.originalSource) file = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : entry.originalSource;
  const bundle = path.basename(url);
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + 'node_modules/'.length).split('/');
    const pkg = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
    return `${bundle}: ${pkg}`;
  }
  const main = file.lastIndexOf('main/');
  return `${bundle}: ${main >= 0 ? file.slice(main) : path.basename(file)}`;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

function cpuByPlace(profile: CpuProfile): { places: Stretch[]; totalMs: number } {
  const maps = new Map<string, SourceMap | null>();
  const placeOfNode = new Map<number, string>();
  for (const n of profile.nodes) placeOfNode.set(n.id, placeOf(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber, maps, n.callFrame.functionName));
  const sums = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    // timeDeltas[i] is the time since the previous sample: it belongs to the sample before (i).
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const place = placeOfNode.get(id)!;
    sums.set(place, (sums.get(place) ?? 0) + dt);
    if (!place.startsWith('(idle')) total += dt;
  });
  return { places: [...sums].map(([label, ms]) => ({ label, ms })).sort((a, b) => b.ms - a.ms), totalMs: total };
}

export async function benchBreakdown(runs = 7, node = process.execPath): Promise<Breakdown> {
  const w = await createWorld({ defaultProfile: true, defaultConfig: 'region = us-east-1\n' });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mfa-breakdown-'));
  try {
    // One login first: [mfa] exists and the compile cache is warm, as for every later login of a user.
    await timedLogin(w, node, [], {});
    const perRun: Stretch[][] = [];
    const totals: number[] = [];
    const emulator: number[] = [];
    const out = path.join(tmp, 'events.json');
    for (let i = 0; i < runs; i++) {
      const { t0, tEnd, emulatorMs } = await timedLogin(w, node, ['--require', HOOK], { BREAKDOWN_OUT: out });
      const { events } = JSON.parse(readFileSync(out, 'utf8')) as { events: HookEvent[] };
      perRun.push(stretchesOf(t0, tEnd, events));
      totals.push(tEnd - t0);
      emulator.push(emulatorMs);
    }
    const stretches = medianStretches(perRun);
    const profDir = path.join(tmp, 'prof');
    await timedLogin(w, node, ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-interval', '100'], {});
    const profile = JSON.parse(readFileSync(path.join(profDir, readdirSync(profDir)[0]!), 'utf8')) as CpuProfile;
    const cpu = cpuByPlace(profile);
    return { node, runs, totalMs: median(totals), stretches, emulatorMs: median(emulator), cpu: cpu.places, cpuTotalMs: cpu.totalMs };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await w.close();
  }
}

export function printBreakdown(b: Breakdown, version: string): void {
  const fmt = (n: number): string => n.toFixed(1).padStart(7);
  console.log(`\nbreakdown of one cold CLI login on ${version} (timeline: median of ${b.runs} runs; wall ${b.totalMs.toFixed(1)} ms)`);
  console.log(`${'ms'.padStart(7)}  ${'% '.padStart(5)}  stretch`);
  for (const s of b.stretches) console.log(`${fmt(s.ms)}  ${((100 * s.ms) / b.totalMs).toFixed(0).padStart(4)}%  ${s.label}`);
  console.log(`         (of the STS round trip, ${b.emulatorMs.toFixed(1)} ms is the emulator's own time; the sum of medians is ${b.stretches.reduce((a, s) => a + s.ms, 0).toFixed(1)} ms)`);
  console.log(`\nCPU of one profiled login by where it ran (node --cpu-prof, 0.1 ms samples through the source maps; ${b.cpuTotalMs.toFixed(1)} ms busy):`);
  for (const s of b.cpu.filter((x) => x.ms >= 0.5)) console.log(`${fmt(s.ms)}  ${s.label}`);
}
