/**
 * Countdown cost over a 12-hour session: timer wake-ups of the real tray controller + scheduler
 * under a fake clock, against 43,200 for a once-a-second ticker. Also used by the scheduler test.
 */
import { ChangeScheduler } from '../../main/tray/scheduler';
import { TrayController, type TrayInput } from '../../main/tray/tray-controller';
import { FakeTime } from '../helpers/fake-time';
import { RecordingView } from '../helpers/recording-view';

export const TWELVE_HOURS = 12 * 3600 * 1000;

export function runTwelveHourSession(platform: NodeJS.Platform = 'darwin', onWake?: (time: FakeTime, view: RecordingView, input: TrayInput) => void) {
  // Start mid-second, as a real login does.
  const time = new FakeTime(Date.UTC(2026, 0, 15, 9, 0, 0) + 437);
  const view = new RecordingView();
  const noop = () => undefined;
  const controller = new TrayController(
    view,
    { openPopup: noop, openSettings: noop, setStartAtLogin: noop, copyPolicy: noop, quit: noop },
    { platform, formatTime: () => '21:00' },
  );
  const input: TrayInput = {
    profiles: [{ sourceProfile: 'default', target: 'mfa' }],
    sessions: [{ profile: 'default', target: 'mfa', expiration: new Date(time.now() + TWELVE_HOURS).toISOString(), secondsLeft: 43200 }],
    warnMinutesBefore: 10,
    startAtLogin: true,
    locale: 'en',
  };
  const scheduler = new ChangeScheduler(
    (now) => {
      const next = controller.render(input, now);
      onWake?.(time, view, input);
      return next;
    },
    time,
    time,
  );
  scheduler.recompute();
  return { time, view, scheduler, input, expiry: Date.parse(input.sessions[0]!.expiration) };
}

export function benchCountdown(): { wakeups: number; perSecond: 43200 } {
  const { time, scheduler, expiry } = runTwelveHourSession();
  time.advanceTo(expiry + 3600_000);
  return { wakeups: scheduler.wakeups, perSecond: 43200 };
}

if (process.argv[1]?.endsWith('countdown-bench.ts')) console.log(benchCountdown());
