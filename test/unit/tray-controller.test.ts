import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionStatus, Settings } from '../../main/core/types';
import { ExpiryNotifications, type NotificationSpec } from '../../main/tray/notifications';
import { TrayApp } from '../../main/tray/tray-app';
import { TrayController, type TrayActions, type TrayInput } from '../../main/tray/tray-controller';
import type { MenuItemModel } from '../../main/tray/tray-view';
import { FakeTime } from '../helpers/fake-time';
import { RecordingView } from '../helpers/recording-view';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const M = 60_000;

function recordingActions() {
  const calls: string[] = [];
  const actions: TrayActions = {
    openPopup: (p) => calls.push(`openPopup:${p}`),
    openSettings: () => calls.push('openSettings'),
    setStartAtLogin: (on) => calls.push(`setStartAtLogin:${on}`),
    copyPolicy: (p) => calls.push(`copyPolicy:${p}`),
    rotateKey: (p) => calls.push(`rotateKey:${p}`),
    quit: () => calls.push('quit'),
  };
  return { calls, actions };
}

function session(profile: string, target: string, expiry: number): SessionStatus {
  return { profile, target, expiration: new Date(expiry).toISOString(), secondsLeft: Math.max(0, Math.floor((expiry - T0) / 1000)) };
}

function input(over: Partial<TrayInput> = {}): TrayInput {
  return {
    profiles: [
      { sourceProfile: 'default', target: 'mfa' },
      { sourceProfile: 'prod', target: 'prod-mfa' },
    ],
    sessions: [session('default', 'mfa', T0 + 7 * 3600_000 + 42 * M + 5000)],
    warnMinutesBefore: 10,
    startAtLogin: true,
    locale: 'en',
    ...over,
  };
}

const labels = (menu: MenuItemModel[]) => menu.map((i) => (i.type === 'separator' ? '---' : i.label));

test('menu: enter code first, a line per profile with its state, then settings, login item, policy, quit', () => {
  const view = new RecordingView();
  const c = new TrayController(view, recordingActions().actions, { platform: 'darwin', formatTime: () => '16:42' });
  c.render(input(), T0);
  assert.deepEqual(labels(view.menu), [
    'Enter MFA code…',
    '---',
    'mfa — 7h 42m left',
    'prod-mfa — no session',
    '---',
    'Settings…',
    'Start at login',
    'Copy MFA-enforcing IAM policy',
    '---',
    'Quit',
  ]);
  const mfa = view.menu[2]!;
  assert.equal(mfa.type, 'submenu');
  assert.deepEqual(mfa.type === 'submenu' && mfa.items, [
    { type: 'item', label: 'Renew…', enabled: true, action: { kind: 'renew', sourceProfile: 'default' } },
    { type: 'item', label: 'Keys from profile default', enabled: false },
    { type: 'item', label: 'Expires at 16:42', enabled: false },
    { type: 'item', label: 'Rotate access key…', enabled: true, action: { kind: 'rotateKey', sourceProfile: 'default' } },
    { type: 'item', label: 'Copy IAM policy for this profile', enabled: true, action: { kind: 'copyPolicy', sourceProfile: 'default' } },
  ]);
  const prod = view.menu[3]!;
  assert.deepEqual(prod.type === 'submenu' && prod.items[0], { type: 'item', label: 'Log in…', enabled: true, action: { kind: 'renew', sourceProfile: 'prod' } });
  assert.deepEqual(view.menu[6], { type: 'checkbox', label: 'Start at login', checked: true, action: { kind: 'toggleStartAtLogin' } });
});

test('macOS: countdown in the title, template-style icon without text', () => {
  const view = new RecordingView();
  new TrayController(view, recordingActions().actions, { platform: 'darwin' }).render(input(), T0);
  assert.equal(view.title, '7h 42m');
  assert.deepEqual(view.image, { state: 'active', text: '' });
  assert.equal(view.toolTip, 'aws-mfa-tray\nmfa — 7h 42m left\nprod-mfa — no session');
});

test('Windows and Linux: no title, short text drawn in the icon, tooltip lines', () => {
  for (const platform of ['win32', 'linux'] as const) {
    const view = new RecordingView();
    new TrayController(view, recordingActions().actions, { platform }).render(input(), T0);
    assert.equal(view.title, '');
    assert.deepEqual(view.image, { state: 'active', text: '7h' });
    assert.match(view.toolTip, /mfa — 7h 42m left/);
  }
});

test('the icon follows the session with the least time left; expired only when nothing is live', () => {
  const view = new RecordingView();
  const c = new TrayController(view, recordingActions().actions, { platform: 'linux' });
  const two = [session('default', 'mfa', T0 + 3600_000 * 5), session('prod', 'prod-mfa', T0 + 8 * M)];
  c.render(input({ sessions: two }), T0);
  assert.deepEqual(view.image, { state: 'expiring-soon', text: '8m' });
  c.render(input({ sessions: [session('default', 'mfa', T0 - 1000)] }), T0);
  assert.deepEqual(view.image, { state: 'expired', text: '' });
  assert.deepEqual(labels(view.menu).slice(2, 4), ['mfa — expired', 'prod-mfa — no session']);
  c.render(input({ sessions: [] }), T0);
  assert.deepEqual(view.image, { state: 'none', text: '' });
});

test('sessions for unconfigured profiles (written by the CLI) get a line too; no profiles at all says so', () => {
  const view = new RecordingView();
  const c = new TrayController(view, recordingActions().actions, { platform: 'linux' });
  c.render(input({ profiles: [], sessions: [session('ci', 'ci-mfa', T0 + 30 * M)] }), T0);
  assert.deepEqual(labels(view.menu).slice(2, 3), ['ci-mfa — 30m left']);
  c.render(input({ profiles: [], sessions: [] }), T0);
  assert.deepEqual(view.menu[2], { type: 'item', label: 'No profile set up yet', enabled: false });
});

test('Japanese labels', () => {
  const view = new RecordingView();
  new TrayController(view, recordingActions().actions, { platform: 'darwin' }).render(input({ locale: 'ja' }), T0);
  assert.equal(labels(view.menu)[0], 'MFA コードを入力…');
  assert.equal(labels(view.menu)[2], 'mfa — 残り 7h 42m');
});

test('nothing is pushed again when nothing changed', () => {
  const view = new RecordingView();
  const c = new TrayController(view, recordingActions().actions, { platform: 'darwin' });
  c.render(input(), T0);
  const n = view.calls.length;
  assert.equal(n, 4);
  c.render(input(), T0 + 1000);
  assert.equal(view.calls.length, n);
  c.render(input({ startAtLogin: false }), T0 + 2000);
  assert.deepEqual(view.calls.slice(n).map((x) => x.method), ['setMenu']);
});

test('menu actions reach the app', () => {
  const { calls, actions } = recordingActions();
  const c = new TrayController(new RecordingView(), actions, { platform: 'darwin' });
  c.render(input({ startAtLogin: true }), T0);
  c.handle({ kind: 'enterCode' });
  c.handle({ kind: 'renew', sourceProfile: 'prod' });
  c.handle({ kind: 'settings' });
  c.handle({ kind: 'toggleStartAtLogin' });
  c.handle({ kind: 'copyPolicy' });
  c.handle({ kind: 'copyPolicy', sourceProfile: 'prod' });
  c.handle({ kind: 'rotateKey', sourceProfile: 'prod' });
  c.handle({ kind: 'quit' });
  assert.deepEqual(calls, ['openPopup:null', 'openPopup:prod', 'openSettings', 'setStartAtLogin:false', 'copyPolicy:null', 'copyPolicy:prod', 'rotateKey:prod', 'quit']);
});

test('TrayApp: removes expired sessions when asked to, and keeps showing them as expired', async () => {
  const time = new FakeTime(T0);
  const view = new RecordingView();
  const shown: NotificationSpec[] = [];
  const settings: Settings = {
    profiles: [{ sourceProfile: 'default', target: 'mfa' }],
    defaultTarget: 'mfa',
    preferences: { startAtLogin: true, warnMinutesBefore: 10, removeExpired: true, language: 'auto' },
  };
  let sessions = [session('default', 'mfa', T0 + 20 * M)];
  let removals = 0;
  const app = new TrayApp({
    source: {
      status: () => Promise.resolve(sessions),
      removeExpiredSessions: () => {
        removals++;
        const gone = sessions.filter((s) => Date.parse(s.expiration) <= time.now()).map((s) => s.target);
        sessions = sessions.filter((s) => !gone.includes(s.target));
        return Promise.resolve(gone);
      },
      readSettings: () => settings,
    },
    controller: new TrayController(view, recordingActions().actions, { platform: 'linux' }),
    notifications: new ExpiryNotifications({ show: (s) => shown.push(s) }, () => undefined),
    loginItem: { isEnabled: () => true },
    locale: () => 'en',
    clock: time,
    timers: time,
  });
  await app.refresh();
  assert.deepEqual(view.image, { state: 'active', text: '20m' });
  time.advanceTo(T0 + 10 * M);
  assert.deepEqual(view.image, { state: 'expiring-soon', text: '10m' });
  assert.deepEqual(shown.map((s) => s.title), ['mfa session expires in 10 minutes']);
  time.advanceTo(T0 + 20 * M);
  await new Promise((r) => setImmediate(r));
  assert.equal(removals, 1);
  assert.deepEqual(sessions, []);
  assert.deepEqual(view.image, { state: 'expired', text: '' });
  assert.equal(labels(view.menu)[2], 'mfa — expired');
  assert.deepEqual(shown.map((s) => s.title), ['mfa session expires in 10 minutes', 'mfa session expired']);
  assert.equal(time.pendingCount, 0, 'nothing left to wake for');
  app.stop();
});

test('role profiles chained off a target are listed under it with the same countdown', () => {
  const view = new RecordingView();
  const c = new TrayController(view, recordingActions().actions, { platform: 'linux', formatTime: () => '16:42' });
  const roles = [
    { profile: 'admin', roleArn: 'arn:aws:iam::123456789012:role/Admin', sourceProfile: 'mfa' },
    { profile: 'audit', roleArn: 'arn:aws:iam::123456789012:role/Audit', sourceProfile: 'admin' },
  ];
  const s = { ...session('default', 'mfa', T0 + 42 * M), roles };
  c.render(input({ sessions: [s] }), T0);
  const mfa = view.menu[2]!;
  assert.deepEqual(mfa.type === 'submenu' && mfa.items.map((i) => i.type !== 'separator' && i.label), [
    'Renew…',
    'Keys from profile default',
    'Expires at 16:42',
    'Role profile admin — 42m left',
    'Role profile audit — 42m left',
    'Rotate access key…',
    'Copy IAM policy for this profile',
  ]);
  c.render(input({ sessions: [s], locale: 'ja' }), T0 + 50 * M);
  const ja = view.menu[2]!;
  assert.deepEqual(ja.type === 'submenu' && ja.items.slice(3, 5).map((i) => i.type !== 'separator' && i.label), [
    'ロールプロファイル admin — 使用不可',
    'ロールプロファイル audit — 使用不可',
  ]);
});
