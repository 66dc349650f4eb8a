import type { SessionStatus } from '../core/types';

/** "7h 42m" style, coarse on purpose: the table is for people; --json has the seconds. */
function left(seconds: number): string {
  if (seconds <= 0) return 'expired';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h}h ${m}m left` : m > 0 ? `${m}m left` : `${seconds}s left`;
}

export function formatStatusTable(list: SessionStatus[]): string {
  if (list.length === 0) return 'No sessions yet; get one with "aws-mfa-tray login <profile> --code <6 digits>".';
  // Role profiles chained off a target are listed under it: they work exactly as long as it does.
  const rows = [
    ['TARGET', 'SOURCE', 'EXPIRES (UTC)', 'LEFT'],
    ...list.flatMap((s) => [
      [s.target, s.profile, s.expiration, left(s.secondsLeft)],
      ...(s.roles ?? []).map((r) => [`  ${r.profile} (role)`, r.sourceProfile, s.expiration, left(s.secondsLeft)]),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}
