/**
 * `npm run bench`: every figure with its target and, where users have one, the alternative
 * (the AWS CLI routine) side by side. Targets are reported, never asserted in tests.
 */
import { benchBreakdown, printBreakdown } from './breakdown';
import { benchWarmBreakdown, printWarmBreakdown } from './warm-breakdown';
import { benchCountdown } from './countdown-bench';
import { endpointRows } from './endpoint-bench';
import { benchColdLogin, benchCredentialProcessColdStart, benchLargeFileLogin, benchStatusColdStart, benchWarmLogins } from './login-bench';
import { benchPatch } from './patch-bench';
import { benchProxyLogin } from './proxy-bench';
import { renewRows, type BenchRow } from './renew-rows';
import { rotateRows } from './rotate-rows';
import { runtimes } from './runtimes';
import { ms, ratio } from './stats';

type Row = BenchRow;

function print(rows: Row[]): void {
  const head = ['benchmark', 'aws-mfa-tray', 'alternative', 'ratio', 'target', 'met'];
  const cells = [head, ...rows.map((r) => [r.name, r.ours, r.theirs, r.ratio, r.target, r.met === null ? 'n/a' : r.met ? 'yes' : 'NO'])];
  const widths = head.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  for (const c of cells) console.log(c.map((x, i) => x.padEnd(widths[i]!)).join('  '));
}

type Runtimes = ReturnType<typeof runtimes>;

/**
 * The three headline figures (issue 24): cold CLI login, warm in-app login, credential-process
 * against a bare Node start, each on every runtime where it is a cold process.
 */
async function headlineRows(nodes: Runtimes, on: (rt: Runtimes[number]) => string): Promise<Row[]> {
  const rows: Row[] = [];
  let aws: { ms: number | null; version: string | null } = { ms: null, version: null };
  for (const rt of nodes) {
    // The AWS CLI routine is timed once (it does not run on our Node); each runtime is compared with it.
    const cold = await benchColdLogin(15, rt === nodes[0] ? 5 : 0, rt.node);
    if (rt === nodes[0]) aws = { ms: cold.awsMedianMs, version: cold.awsVersion };
    const r = aws.ms === null ? null : aws.ms / cold.oursMedianMs;
    rows.push({
      name: `a. code -> profile, cold CLI (median of ${cold.runs})${on(rt)}`,
      // Beside it, this machine's bare Node start and exit, so a figure from a slower machine can be read.
      ours: `${ms(cold.oursMedianMs)} (node -e 0: ${ms(cold.bareNodeMedianMs)})`,
      theirs: aws.ms === null ? 'aws CLI not found' : `${ms(aws.ms)} (${aws.version?.split(' ')[0]})`,
      ratio: ratio(r),
      target: '<= 90 ms and >= 20× faster',
      met: cold.oursMedianMs <= 90 && (r === null || r >= 20),
    });
  }
  const warm = await benchWarmLogins();
  rows.push({
    name: `b. warm in-process login p50 (${warm.logins} logins)`,
    ours: ms(warm.p50Ms),
    theirs: `p99 ${ms(warm.p99Ms)}; +bookkeeping p50 ${ms(warm.withBookkeepingP50Ms)}; emulator ${ms(warm.emulatorP50Ms)} excluded`,
    ratio: '',
    target: 'p50 <= 2 ms',
    met: warm.p50Ms <= 2,
  });
  for (const rt of nodes) {
    const cp = await benchCredentialProcessColdStart(20, rt.node);
    const r = cp.medianMs / cp.bareNodeMedianMs;
    rows.push({
      name: `d. cold credential-process, valid session (median of ${cp.runs})${on(rt)}`,
      ours: ms(cp.medianMs),
      theirs: `${ms(cp.bareNodeMedianMs)} (node -e 0, interleaved)`,
      ratio: `${r.toFixed(2)}× node -e 0`,
      target: '<= 1.2× node -e 0',
      met: r <= 1.2,
    });
  }
  return rows;
}

async function mainBench(breakdownOnly: boolean): Promise<void> {
  const nodes = runtimes();
  for (const rt of nodes) console.log(`cold-process figures on ${rt.label}: ${rt.version}`);
  const on = (rt: (typeof nodes)[number]): string => (nodes.length > 1 ? ` [${rt.version}]` : '');
  for (const rt of nodes) printBreakdown(await benchBreakdown(7, rt.node), rt.version);
  printWarmBreakdown(await benchWarmBreakdown(), process.version);
  console.log('');
  const rows: Row[] = await headlineRows(nodes, on);
  if (breakdownOnly) return print(rows);
  const patch = await benchPatch();
  rows.push({
    name: `c. patch 1 profile in ${patch.profiles} (median)`,
    ours: ms(patch.oursMedianMs),
    theirs: patch.awsMedianMs === null ? 'aws CLI not found' : `${ms(patch.awsMedianMs)} (aws configure set)`,
    ratio: ratio(patch.ratio),
    target: '<= 20 ms and >= 20×',
    met: patch.oursMedianMs <= 20 && (patch.ratio === null || patch.ratio >= 20),
  });
  for (const rt of nodes) {
    const status = await benchStatusColdStart(20, rt.node);
    rows.push({
      name: `d. cold start of status (median of ${status.runs})${on(rt)}`,
      ours: ms(status.medianMs),
      theirs: '',
      ratio: '',
      target: '<= 150 ms',
      met: status.medianMs <= 150,
    });
  }
  for (const rt of nodes) {
    const large = await benchLargeFileLogin(5, 10_000, rt.node);
    rows.push({
      name: `f. cold login, ${large.profiles.toLocaleString('en')} profiles (${(large.bytes / 1e6).toFixed(1)} MB) vs 1 (median of ${large.runs})${on(rt)}`,
      ours: ms(large.largeMedianMs),
      theirs: `${ms(large.oneProfileMedianMs)} (one-profile file); CPU ${ms(large.largeCpuMs)} vs ${ms(large.oneProfileCpuMs)}: ${ratio(large.largeCpuMs / large.oneProfileCpuMs)}`,
      ratio: ratio(large.ratio),
      target: '<= 1.3× the one-profile login',
      met: large.ratio <= 1.3,
    });
  }
  const proxied = await benchProxyLogin();
  rows.push({
    name: `e. login via CONNECT proxy + TLS (private CA), cold CLI (median of ${proxied.runs})`,
    ours: `${ms(proxied.oursMedianMs)} (${proxied.tunnelsPerLogin} tunnel/login)`,
    theirs: proxied.awsMedianMs === null ? 'aws CLI not found' : `${ms(proxied.awsMedianMs)} (aws sts get-session-token, same proxy and CA)`,
    ratio: ratio(proxied.ratio),
    target: 'faster than aws',
    met: proxied.ratio === null ? null : proxied.ratio > 1,
  });
  rows.push(...(await renewRows()));
  rows.push(...(await rotateRows()));
  rows.push(...(await endpointRows()));
  const cd = benchCountdown();
  rows.push({
    name: 'countdown wake-ups over a 12 h session',
    ours: String(cd.wakeups),
    theirs: `${cd.perSecond} (once a second)`,
    ratio: ratio(cd.perSecond / cd.wakeups),
    target: '<= 800',
    met: cd.wakeups <= 800,
  });
  print(rows);
}

// --breakdown: where one cold login's time goes, and the three headline figures only.
mainBench(process.argv.includes('--breakdown')).catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
