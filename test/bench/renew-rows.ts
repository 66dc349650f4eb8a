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
  const rows: BenchRow[] = [
    {
      name: `f. credential-process, valid session, cold (median of ${cp.runs}), Node ${cp.benchNode.version}`,
      ours: `${ms(cp.benchNode.medianMs)} (bare node: ${ms(cp.bareNodeMs)})`,
      theirs: awsText,
      ratio: ratio(vsAws(cp.benchNode.medianMs)),
      target: '<= 60 ms and >= 8×',
      met: cp.benchNode.medianMs <= 60 && (vsAws(cp.benchNode.medianMs) ?? 8) >= 8,
    },
  ];
  if (cp.pathNode) {
    rows.push({
      name: `f. the same on the user's PATH node (${cp.pathNode.version})`,
      ours: `${ms(cp.pathNode.medianMs)} (bare node: ${ms(cp.pathNode.bareMs)})`,
      theirs: awsText,
      ratio: ratio(vsAws(cp.pathNode.medianMs)),
      target: '<= 60 ms and >= 8×',
      met: cp.pathNode.medianMs <= 60 && (vsAws(cp.pathNode.medianMs) ?? 8) >= 8,
    });
  }
  const renewal = await benchMfaProcessRenewal();
  rows.push({
    name: `g. renewal through mfa_process, cold (median of ${renewal.runs})`,
    ours: ms(renewal.medianMs),
    theirs: `emulator ${ms(renewal.emulatorMedianMs)} excluded`,
    ratio: '',
    target: 'reported',
    met: null,
  });
  return rows;
}
