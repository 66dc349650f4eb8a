/**
 * Child of `npm run bench -- --breakdown` (warm-breakdown.ts), run with ../helpers/login-timeline.cjs
 * preloaded: warm in-app logins as benchWarmLogins makes them, each cut into the stretches the hook
 * stamped inside it (the STS round trip, lock folders, fsyncs, the rename) and the JS between them.
 * Prints one JSON line at exit, after the hook has written its events.
 */
import { readFileSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { CachingKeychain } from '../../main/core/keychain';
import { MfaService } from '../../main/core/session';
import { createWorld } from '../helpers/world';
import { medianStretches, stretchesOf, type HookEvent } from './breakdown';
import { median } from './stats';

const epochNow = (): number => performance.timeOrigin + performance.now();

async function main(logins: number): Promise<void> {
  const w = await createWorld({ defaultProfile: true });
  const windows: { start: number; end: number; emulatorMs: number }[] = [];
  try {
    w.writeCredentials('[other]\nregion = eu-west-1\n');
    const app = new MfaService({ paths: w.paths, keychain: new CachingKeychain(w.keychain), aws: w.aws, settings: w.settings, env: w.env });
    for (let i = 0; i < 200; i++) {
      await app.login({ profile: 'default', code: w.emulator.nextFreshCode(w.serial) });
      await app.flush();
    }
    for (let i = 0; i < logins; i++) {
      const code = w.emulator.nextFreshCode(w.serial);
      const s0 = w.emulator.serverTimeMs;
      const start = epochNow();
      await app.login({ profile: 'default', code });
      windows.push({ start, end: epochNow(), emulatorMs: w.emulator.serverTimeMs - s0 });
      await app.flush();
    }
  } finally {
    await w.close();
  }
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
