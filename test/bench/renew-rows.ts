/** The rows of the renewal benchmarks (renew-bench.ts) in `npm run bench`'s table. */
import { benchCredentialProcess, benchMfaProcessRenewal } from './renew-bench';
import { ms, ratio } from './stats';

export interface BenchRow {
  name: string;
  ours: string;
  theirs: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

export async function renewRows(): Promise<BenchRow[]> {
  const cp = await benchCredentialProcess();
  const awsText = cp.aws ? `${ms(cp.aws.medianMs)} (aws configure export-credentials, ${cp.aws.version})` : 'AWS CLI v2 not found';
  const vsAws = (oursMs: number): number | null => (cp.aws ? cp.aws.medianMs / oursMs : null);
  const rows: BenchRow[] = cp.nodes.map((n, i) => ({
    name: `g. credential-process, valid session, cold (median of ${cp.runs})${i === 0 ? '' : " on the user's PATH node"} [${n.version}]`,
    ours: `${ms(n.medianMs)} (bare node: ${ms(n.bareMs)})`,
    theirs: awsText,
    ratio: ratio(vsAws(n.medianMs)),
    target: '<= 60 ms and >= 8×',
    met: n.medianMs <= 60 && (vsAws(n.medianMs) ?? 8) >= 8,
  }));
  const renewal = await benchMfaProcessRenewal();
  rows.push({
    name: `h. renewal through mfa_process, cold (median of ${renewal.runs})`,
    ours: ms(renewal.medianMs),
    theirs: `emulator ${ms(renewal.emulatorMedianMs)} excluded`,
    ratio: '',
    target: 'reported',
    met: null,
  });
  return rows;
}
