/**
 * Child of `npm run bench -- --breakdown` (warm-breakdown.ts), run with ../helpers/login-timeline.cjs
 * preloaded: the warm in-app logins of the warm figure (warmLogins in login-bench.ts), each cut into the stretches the hook
 * stamped inside it (the STS round trip, lock folders, fsyncs, the rename) and the JS between them.
 * Prints one JSON line at exit, after the hook has written its events.
 */
import { readFileSync, writeSync } from 'node:fs';
import { epochNow, medianStretches, stretchesOf, type HookEvent } from './breakdown';
import { warmLogins, type WarmLoginTimes } from './login-bench';
import { median } from './stats';

async function main(logins: number): Promise<void> {
  const windows: WarmLoginTimes[] = [];
  await warmLogins(logins, (t) => windows.push(t), epochNow);
  process.on('exit', () => {
    const { events } = JSON.parse(readFileSync(process.env.BREAKDOWN_OUT!, 'utf8')) as { events: HookEvent[] };
    const perLogin = windows.map(({ start, end }) => {
      const inside = events.filter((e) => e.start >= start && e.end <= end && e.name !== 'hook' && e.name !== 'exit event');
      const marks = [{ name: 'hook', start, end: start }, ...inside, { name: 'exit event', start: end, end }];
      return stretchesOf(start, end, marks, { first: 'called', last: 'returned' });
    });
    const out = {
      logins,
      totalMs: median(windows.map((x) => x.end - x.start)),
      emulatorMs: median(windows.map((x) => x.emulatorMs)),
      stretches: medianStretches(perLogin),
    };
    writeSync(1, `${JSON.stringify(out)}\n`);
  });
}

void main(Number(process.argv[2] ?? 500));
