/**
 * `npm run bench`: every figure with its target and, where users have one, the alternative
 * (the AWS CLI routine) side by side. Targets are reported, never asserted in tests.
 */
import { benchCountdown } from './countdown-bench';
import { benchColdLogin, benchStatusColdStart, benchWarmLogins } from './login-bench';
import { benchPatch } from './patch-bench';
import { benchProxyLogin } from './proxy-bench';
import { ms, ratio } from './stats';

interface Row {
  name: string;
  ours: string;
  theirs: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

function print(rows: Row[]): void {
  const head = ['benchmark', 'aws-mfa-tray', 'alternative', 'ratio', 'target', 'met'];
  const cells = [head, ...rows.map((r) => [r.name, r.ours, r.theirs, r.ratio, r.target, r.met === null ? 'n/a' : r.met ? 'yes' : 'NO'])];
  const widths = head.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  for (const c of cells) console.log(c.map((x, i) => x.padEnd(widths[i]!)).join('  '));
}

async function mainBench(): Promise<void> {
  const rows: Row[] = [];
  const cold = await benchColdLogin();
  rows.push({
    name: `a. code -> profile, cold CLI (median of ${cold.runs})`,
    ours: ms(cold.oursMedianMs),
    theirs: cold.awsMedianMs === null ? 'aws CLI not found' : `${ms(cold.awsMedianMs)} (${cold.awsVersion?.split(' ')[0]})`,
    ratio: ratio(cold.ratio),
    target: '>= 10× faster',
    met: cold.ratio === null ? null : cold.ratio >= 10,
  });
  const warm = await benchWarmLogins();
  rows.push({
    name: `b. warm in-process login p50 (${warm.logins} logins)`,
    ours: ms(warm.p50Ms),
    theirs: `p99 ${ms(warm.p99Ms)}; +bookkeeping p50 ${ms(warm.withBookkeepingP50Ms)}; emulator ${ms(warm.emulatorP50Ms)} excluded`,
    ratio: '',
    target: 'p50 <= 5 ms',
    met: warm.p50Ms <= 5,
  });
  const patch = await benchPatch();
  rows.push({
    name: `c. patch 1 profile in ${patch.profiles} (median)`,
    ours: ms(patch.oursMedianMs),
    theirs: patch.awsMedianMs === null ? 'aws CLI not found' : `${ms(patch.awsMedianMs)} (aws configure set)`,
    ratio: ratio(patch.ratio),
    target: '<= 20 ms and >= 20×',
    met: patch.oursMedianMs <= 20 && (patch.ratio === null || patch.ratio >= 20),
  });
  const status = await benchStatusColdStart();
  rows.push({
    name: `d. cold start of status (median of ${status.runs})`,
    ours: ms(status.medianMs),
    theirs: '',
    ratio: '',
    target: '<= 150 ms',
    met: status.medianMs <= 150,
  });
  const proxied = await benchProxyLogin();
  rows.push({
    name: `e. login via CONNECT proxy + TLS (private CA), cold CLI (median of ${proxied.runs})`,
    ours: `${ms(proxied.oursMedianMs)} (${proxied.tunnelsPerLogin} tunnel/login)`,
    theirs: proxied.awsMedianMs === null ? 'aws CLI not found' : `${ms(proxied.awsMedianMs)} (aws sts get-session-token, same proxy and CA)`,
    ratio: ratio(proxied.ratio),
    target: 'faster than aws',
    met: proxied.ratio === null ? null : proxied.ratio > 1,
  });
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

mainBench().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
