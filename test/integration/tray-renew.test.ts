/**
 * The tray's own "Renew…" asks the same resolver as the CLI: the profile's mfa_process (with a
 * notification saying to touch the key), else the popup. Real service, keychain, emulator, files.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { NotificationSpec } from '../../main/tray/notifications';
import { startRenewAgent, type RenewAgent } from '../../main/renewal-agent/agent';
import { configuredWorld, type World } from '../helpers/world';

let w: World;
let agent: RenewAgent;
const shown: { spec: NotificationSpec; click?: () => void }[] = [];
const popups: string[] = [];

before(async () => {
  w = await configuredWorld();
  agent = startRenewAgent({
    paths: w.paths,
    settings: w.settings,
    service: w.service,
    showPopup: () => undefined,
    hidePopup: () => undefined,
    openPopup: (p) => popups.push(p),
    notifier: { show: (spec, click) => shown.push({ spec, ...(click ? { click } : {}) }) },
    locale: () => 'en',
    onStateChanged: () => undefined,
    onError: (e) => assert.fail(String(e)),
  });
  await agent.listening;
});
after(async () => {
  await agent.stop();
  await w.close();
});

test('no mfa_process: the popup opens for the profile', async () => {
  await agent.renew('default');
  assert.deepEqual(popups, ['default']);
  assert.equal(shown.length, 0);
});

test('with mfa_process: run with a notification, the session written, success said', async () => {
  const codeFile = path.join(w.home, 'code');
  writeFileSync(codeFile, w.emulator.nextFreshCode(w.user.devices[0]!.serial));
  w.writeConfig(`[default]\nmfa_process = cat ${codeFile}\n`);
  await agent.renew('default');
  assert.deepEqual(
    shown.map((s) => s.spec.title),
    ['Getting the MFA code for default', 'mfa is ready'],
  );
  assert.match(w.credentialsText()!, /\[mfa\]\naws_access_key_id = ASIA/);
  assert.deepEqual(popups, ['default'], 'no popup this time');
});

test('a failing mfa_process: one sentence in a notification whose click offers the popup', async () => {
  shown.length = 0;
  w.writeConfig('[default]\nmfa_process = exit 4\n');
  await agent.renew('default');
  const failed = shown.at(-1)!;
  assert.equal(failed.spec.title, 'MFA login failed');
  assert.equal(failed.spec.body, 'The mfa_process of profile default failed (exit status 4); run `exit 4` in a terminal to see why.');
  failed.click!();
  assert.deepEqual(popups, ['default', 'default']);
});
