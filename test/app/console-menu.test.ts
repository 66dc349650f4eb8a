/**
 * The real main process (Electron stand-in): under a live session, the tray menu has "Open the AWS
 * console as <role profile>"; a click signs in through the core (AssumeRole, the emulator's
 * federation endpoint) and hands the URL to shell.openExternal.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';
import { appSuite, is, labels } from './harness';

const suite = appSuite(
  (w) => ({
    XDG_CONFIG_HOME: path.join(w.home, '.config'),
    FAKE_ELECTRON_PLATFORM: 'linux',
    AWS_MFA_TRAY_FEDERATION_URL: `${w.emulator.url}/federation`,
  }),
  async (w) => {
    await w.storeKeys('default');
    const role = w.emulator.addRole({ name: 'admin' }).arn;
    w.writeConfig(`[default]\nmfa_serial = ${w.user.devices[0]!.serial}\n\n[profile admin]\nrole_arn = ${role}\nsource_profile = mfa\n`);
    const r = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(w.user.devices[0]!.serial)]);
    assert.equal(r.code, 0, r.stderr);
  },
);

test('the tray item opens the browser signed in as the role', { timeout: 30_000 }, async () => {
  const app = await suite.start();
  await app.command({ cmd: 'ready' });
  await app.waitFor('the tray menu', (c) => c.target === 'tray' && c.method === 'setContextMenu' && JSON.stringify(c.args).includes('Open the AWS console as admin'));
  const s = await app.snapshot();
  const line = labels(s.trays[0]!.menu).find((l) => l.startsWith('mfa — '))!;
  assert.ok(labels(s.trays[0]!.menu!.find((i) => i.label === line)?.submenu).includes('Open the AWS console as admin'));
  const mark = app.calls.length;
  await app.command({ cmd: 'click', labels: ['mfa — *', 'Open the AWS console as admin'] });
  const opened = await app.waitFor('shell.openExternal', is('shell', 'openExternal'), mark);
  const url = String(opened.args[0]);
  assert.ok(url.startsWith(`${suite.w.emulator.url}/federation?Action=login&`), url);
  const status = await new Promise<number>((resolve, reject) => request(url, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject).end());
  assert.equal(status, 302, 'a working sign-in URL');
  assert.doesNotMatch(app.stderr, /aws-mfa-tray:/, 'nothing was reported');
});
