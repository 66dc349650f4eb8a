import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LoginItem } from '../../main/core/autostart';
import type { IpcHandlers } from '../../main/ipc/handlers';
import { withAppHooks } from '../../main/tray/handler-hooks';
import { ExpiryNotifications, loginResultNotification, type NotificationSpec, type Notifier } from '../../main/tray/notifications';
import { ChangeScheduler } from '../../main/tray/scheduler';
import type { SessionStatus } from '../../main/core/types';
import { FakeTime } from '../helpers/fake-time';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const M = 60_000;

class RecordingNotifier implements Notifier {
  shown: { spec: NotificationSpec; at: number; activate?: () => void }[] = [];
  constructor(private readonly time: FakeTime) {}
  show(spec: NotificationSpec, onActivate?: () => void): void {
    this.shown.push({ spec, at: this.time.now(), activate: onActivate });
  }
}

const session = (profile: string, target: string, expiry: number): SessionStatus => ({
  profile,
  target,
  expiration: new Date(expiry).toISOString(),
  secondsLeft: 0,
});

function setup(sessions: SessionStatus[], warn = 10) {
  const time = new FakeTime(T0);
  const notifier = new RecordingNotifier(time);
  const opened: string[] = [];
  const planner = new ExpiryNotifications(notifier, (p) => opened.push(p));
  const scheduler = new ChangeScheduler((now) => planner.due(now), time, time);
  planner.plan(sessions, warn, 'en', time.now());
  scheduler.recompute();
  return { time, notifier, opened, planner, scheduler };
}

test('warns N minutes before and at expiry, each once, at the exact instants', () => {
  const { time, notifier, opened, scheduler } = setup([session('default', 'mfa', T0 + 60 * M)]);
  time.advanceTo(T0 + 50 * M - 1);
  assert.equal(notifier.shown.length, 0);
  time.advanceTo(T0 + 3 * 3600_000);
  assert.deepEqual(
    notifier.shown.map((n) => [n.at - T0, n.spec.title, n.spec.actionLabel]),
    [
      [50 * M, 'mfa session expires in 10 minutes', 'Enter MFA code…'],
      [60 * M, 'mfa session expired', 'Enter MFA code…'],
    ],
  );
  assert.equal(scheduler.wakeups, 2, 'woken only for the two notifications');
  notifier.shown[0]!.activate!();
  assert.deepEqual(opened, ['default'], 'the action opens the popup for that profile');
});

test('re-planning (a state refresh) does not repeat a notification', () => {
  const sessions = [session('default', 'mfa', T0 + 60 * M)];
  const { time, notifier, planner, scheduler } = setup(sessions);
  time.advanceTo(T0 + 55 * M);
  planner.plan(sessions, 10, 'en', time.now());
  scheduler.recompute();
  time.advanceTo(T0 + 61 * M);
  assert.deepEqual(notifier.shown.map((n) => n.spec.title), ['mfa session expires in 10 minutes', 'mfa session expired']);
});

test('what was already past when the app first saw a session is not announced', () => {
  const { time, notifier } = setup([session('default', 'mfa', T0 + 5 * M), session('old', 'old-mfa', T0 - M)]);
  time.advanceTo(T0 + 10 * M);
  assert.deepEqual(notifier.shown.map((n) => n.spec.title), ['mfa session expired']);
});

test('after sleeping through both instants only the expiry is announced', () => {
  const { time, notifier, scheduler } = setup([session('default', 'mfa', T0 + 60 * M)]);
  time.jumpTo(T0 + 5 * 3600_000);
  scheduler.recompute();
  assert.deepEqual(notifier.shown.map((n) => n.spec.title), ['mfa session expired']);
});

test('warning 0 means no warning; a renewed session is planned afresh', () => {
  const { time, notifier, planner, scheduler } = setup([session('default', 'mfa', T0 + 30 * M)], 0);
  time.advanceTo(T0 + 20 * M);
  assert.equal(notifier.shown.length, 0);
  planner.plan([session('default', 'mfa', T0 + 80 * M)], 15, 'ja', time.now());
  scheduler.recompute();
  time.advanceTo(T0 + 90 * M);
  assert.deepEqual(notifier.shown.map((n) => [n.at - T0, n.spec.title]), [
    [65 * M, 'mfa のセッションはあと 15 分で期限切れです'],
    [80 * M, 'mfa のセッションが期限切れになりました'],
  ]);
});

test('login result notification texts', () => {
  const ok = loginResultNotification({ ok: true, value: { target: 'mfa', expiration: new Date(T0).toISOString() } }, 'en', () => '21:00');
  assert.deepEqual(ok, { title: 'mfa is ready', body: 'Session valid until 21:00.' });
  const bad = loginResultNotification({ ok: false, error: { message: 'That code was not accepted.' } }, 'en');
  assert.equal(bad.title, 'MFA login failed');
  assert.equal(bad.body, 'That code was not accepted.');
});

function fakeHandlers(loginOk: boolean, startAtLogin = true): IpcHandlers {
  const fail = () => Promise.resolve({ ok: false as const, error: { code: 'BadInput' as const, message: 'x' } });
  return {
    getState: fail,
    saveProfile: fail,
    removeProfile: fail,
    importKeys: fail,
    discoverDevices: fail,
    hideWindow: fail,
    openSettings: fail,
    closeSettings: fail,
    rotateKey: fail,
    settingsFile: fail,
    extendRequest: fail,
    login: () =>
      Promise.resolve(
        loginOk
          ? { ok: true as const, value: { profile: 'default', target: 'mfa', serial: 'arn:aws:iam::123456789012:mfa/a', expiration: new Date(T0).toISOString() } }
          : { ok: false as const, error: { code: 'InvalidCode' as const, message: 'That code was not accepted.' } },
      ),
    savePreferences: () =>
      Promise.resolve({ ok: true as const, value: { startAtLogin, warnMinutesBefore: 10, removeExpired: true, language: 'auto' as const } }),
  };
}

function hooks(visible: boolean) {
  const time = new FakeTime(T0);
  const notifier = new RecordingNotifier(time);
  const opened: (string | null)[] = [];
  let enabled = false;
  const loginItem: LoginItem = { isEnabled: () => enabled, setEnabled: (on) => void (enabled = on) };
  return { notifier, opened, loginItem, get enabled() { return enabled; }, h: { popupVisible: () => visible, notifier, locale: () => 'en' as const, openPopup: (p: string | null) => opened.push(p), loginItem } };
}

test('login results are notified only when the popup is closed; a failure offers to retry', async () => {
  const open = hooks(true);
  await withAppHooks(fakeHandlers(true), open.h).login({ sourceProfile: 'default', code: '123456' });
  assert.equal(open.notifier.shown.length, 0);

  const closed = hooks(false);
  const r = await withAppHooks(fakeHandlers(false), closed.h).login({ sourceProfile: 'default', code: '123456' });
  assert.equal(r.ok, false, 'the result itself passes through');
  assert.equal(closed.notifier.shown[0]!.spec.title, 'MFA login failed');
  closed.notifier.shown[0]!.activate!();
  assert.deepEqual(closed.opened, ['default']);

  const closedOk = hooks(false);
  await withAppHooks(fakeHandlers(true), closedOk.h).login({ sourceProfile: 'default', code: '123456' });
  assert.equal(closedOk.notifier.shown[0]!.spec.title, 'mfa is ready');
});

test('saving preferences applies start-at-login to the OS login item', async () => {
  const x = hooks(true);
  await withAppHooks(fakeHandlers(true, true), x.h).savePreferences({});
  assert.equal(x.enabled, true);
  await withAppHooks(fakeHandlers(true, false), x.h).savePreferences({});
  assert.equal(x.enabled, false);
});
