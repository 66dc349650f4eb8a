/**
 * exec --server renewing through the running tray app: the popup opens in the background while
 * the command keeps working, names the program ("terraform, through exec --server"), and its one
 * code reaches the command without a restart. Real agent socket, broker, service, emulator.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { RequestView } from '../../main/core/renew/broker';
import { askerText } from '../../main/core/renew/asker-text';
import { startRenewAgent, type RenewAgent } from '../../main/renewal-agent/agent';
import { runCli } from '../helpers/cli';
import { peerEnv } from '../helpers/peers';
import { configuredWorld, type World } from '../helpers/world';

let w: World;
let agent: RenewAgent;
const shown: RequestView[] = [];

before(async () => {
  w = await configuredWorld();
  agent = startRenewAgent({
    paths: w.paths,
    settings: w.settings,
    service: w.service,
    showPopup: (view) => {
      shown.push(view);
      // The person types the code a second later.
      setTimeout(() => void agent.broker.submit(view.profile, w.emulator.nextFreshCode(w.user.devices[0]!.serial)), 1000);
    },
    hidePopup: () => undefined,
    openPopup: () => undefined,
    notifier: { show: () => undefined },
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

test('the popup names the program and its code reaches the running command', async () => {
  const serial = w.user.devices[0]!.serial;
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n`);
  const login = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)]);
  assert.equal(login.code, 0, login.stderr);
  const section = /\[mfa\]\naws_access_key_id = (\S+)\n[^]*?aws_credential_expiration = (\S+)/.exec(w.credentialsText()!)!;
  const oldKey = section[1]!;
  const endAt = Math.floor((Date.now() + 12_000) / 1000) * 1000;
  w.writeCredentials(w.credentialsText()!.replace(section[2]!, new Date(endAt).toISOString().replace(/\.\d{3}Z$/, 'Z')));
  // A program called terraform that reads its credentials from the endpoint every half second.
  const bin = path.join(w.home, 'tools');
  mkdirSync(bin, { recursive: true });
  const terraform = path.join(bin, 'terraform');
  writeFileSync(
    terraform,
    `#!${process.execPath}\nconst http = require('node:http'); const u = new URL(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI); const keys = [];\n` +
      `const once = () => http.get({ host: '127.0.0.1', port: u.port, path: u.pathname, headers: { Authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN } }, (r) => { let b = ''; r.on('data', (d) => (b += d)); r.on('end', () => keys.push(r.statusCode === 200 ? JSON.parse(b).AccessKeyId : 'ERR ' + r.statusCode)); });\n` +
      `const t = setInterval(once, 500); setTimeout(() => { clearInterval(t); console.log(JSON.stringify(keys)); }, ${endAt - Date.now() + 3000});\n`,
  );
  chmodSync(terraform, 0o755);
  const r = await runCli({ ...peerEnv(w), AWS_MFA_TRAY_RENEW_LEAD_SECONDS: '10' }, ['exec', '--server', 'mfa', '--', terraform]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(shown.length, 1, 'one popup');
  assert.equal(askerText(shown[0]!.asker, shown[0]!.target, 'en'), 'terraform, through exec --server with profile mfa');
  const keys = JSON.parse(r.stdout) as string[];
  assert.deepEqual(keys.filter((k) => k.startsWith('ERR')), [], 'every fetch answered with a session');
  assert.equal(keys[0], oldKey, 'the old session while the popup was open');
  const fresh = /\[mfa\]\naws_access_key_id = (\S+)/.exec(w.credentialsText()!)![1]!;
  assert.notEqual(fresh, oldKey);
  assert.equal(keys.at(-1), fresh, 'the new session after the code, past the old expiry, without a restart');
});
