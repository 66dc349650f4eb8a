/**
 * The tray's "Open the AWS console as <role profile>": an item per role profile chained off a live
 * session, whose click signs in through the real core (AssumeRole and the emulator's federation
 * endpoint) and hands the URL to the app's browser opener; greyed out when the session is not live.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { ConsoleGateway } from '../../main/core/console-gateway';
import { openConsoleAs } from '../../main/core/console-open';
import { TrayController, type TrayActions } from '../../main/tray/tray-controller';
import type { MenuItemModel } from '../../main/tray/tray-view';
import { RecordingView } from '../helpers/recording-view';
import { configuredWorld, type World } from '../helpers/world';

let w: World;
let roleArn: string;

before(async () => {
  w = await configuredWorld();
  roleArn = w.emulator.addRole({ name: 'admin' }).arn;
  w.writeConfig(`[profile admin]\nrole_arn = ${roleArn}\nsource_profile = mfa\n`);
  const r = await w.handlers.login({ sourceProfile: 'default', code: w.emulator.nextFreshCode(w.user.devices[0]!.serial) });
  assert.equal(r.ok, true, JSON.stringify(r));
});
after(() => w.close());

const noop = (): void => undefined;

function items(menu: MenuItemModel[]): MenuItemModel[] {
  const mfa = menu.find((i) => i.type === 'submenu' && i.label.startsWith('mfa'));
  return mfa?.type === 'submenu' ? mfa.items : [];
}

test('a live session: "Open the AWS console as admin" signs in as the role and opens the browser with the URL', async () => {
  const opened: string[] = [];
  let pending: Promise<void> = Promise.resolve();
  const env = { ...w.env, AWS_MFA_TRAY_FEDERATION_URL: `${w.emulator.url}/federation` };
  const actions: TrayActions = {
    openPopup: noop,
    openSettings: noop,
    setStartAtLogin: noop,
    copyPolicy: noop,
    quit: noop,
    openConsole: (p) => {
      pending = openConsoleAs(p, { service: w.service, settings: w.settings, env, api: () => new ConsoleGateway({ env }), opener: { open: (u) => (opened.push(u), Promise.resolve()) } });
    },
  };
  const view = new RecordingView();
  const c = new TrayController(view, actions, { platform: 'linux' });
  const sessions = await w.service.status();
  c.render({ profiles: w.settings.read().profiles, sessions, warnMinutesBefore: 15, startAtLogin: false, locale: 'en' }, Date.now());
  const item = items(view.menu).find((i) => i.type === 'item' && i.label === 'Open the AWS console as admin');
  assert.ok(item && item.type === 'item' && item.enabled && item.action, JSON.stringify(items(view.menu)));
  c.handle(item.action);
  await pending;
  assert.equal(opened.length, 1);
  assert.deepEqual(
    w.emulator.requests.slice(-2).map((q) => q.action),
    ['AssumeRole', 'getSigninToken'],
  );
  const status = await new Promise<number>((resolve, reject) => request(opened[0]!, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject).end());
  assert.equal(status, 302, 'the browser got a working sign-in URL');

  // Expired: the item stays, greyed out.
  c.render({ profiles: w.settings.read().profiles, sessions, warnMinutesBefore: 15, startAtLogin: false, locale: 'ja' }, Date.now() + 13 * 3_600_000);
  const ja = items(view.menu).find((i) => i.type === 'item' && i.label === 'admin として AWS コンソールを開く');
  assert.ok(ja && ja.type === 'item' && !ja.enabled);
});
