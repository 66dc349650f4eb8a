/**
 * Issue 19 in the app's renewal agent. A squatter the app's socket meets at start reaches the user, not only stderr: the
 * renew agent reports it (app-ready.ts puts it in the tray's ⚠ line) and the settings window gets
 * it through AppState.endpointSquatter. And the tray's own renew refuses a config folder others can
 * change. Real sockets, files and the real IPC handlers of a test world.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { LoginItem } from '../../main/core/autostart';
import { AgentServer } from '../../main/core/renew/agent-server';
import { agentEndpoint } from '../../main/core/renew/endpoint';
import { PROTOCOL_VERSION } from '../../main/core/renew/protocol';
import { withAppHooks } from '../../main/tray/handler-hooks';
import { startRenewAgent } from '../../main/renewal-agent/agent';
import type { NotificationSpec } from '../../main/tray/notifications';
import { trayStrings } from '../../main/tray/strings';
import { configuredWorld, type World } from '../helpers/world';

let w: World;
before(async () => {
  w = await configuredWorld();
});
after(async () => {
  await w?.close();
});

const loginItem: LoginItem = { isEnabled: () => false, setEnabled: () => undefined };
/** The agent's deps of a world with no windows: only the squatter report and the socket's name matter here. */
const agentDeps = (more: Partial<Parameters<typeof startRenewAgent>[0]>) => ({
  paths: w.paths,
  settings: w.settings,
  service: w.service,
  showPopup: () => undefined,
  hidePopup: () => undefined,
  openPopup: () => undefined,
  notifier: { show: () => undefined },
  locale: () => 'en' as const,
  onStateChanged: () => undefined,
  onError: () => undefined,
  ...more,
});

test('a name held by something without our key: the agent reports it, listens elsewhere, and getState carries it', async () => {
  const taken = 'c0ffee'.repeat(4);
  // Where the app will first try to listen, found by a probe with the same name.
  const probe = await AgentServer.start(agentEndpoint(w.paths.settingsDir), () => Promise.resolve({ v: PROTOCOL_VERSION, ok: true }), undefined, { name: () => taken });
  const address = probe.place.address;
  await probe.close();
  const squatter: Server = createServer((s) => {
    s.on('error', () => undefined);
    s.end('{}\n');
  });
  await new Promise<void>((r) => squatter.listen(address, () => r()));
  const names = [taken, 'beef'.repeat(6)];
  const reported: string[] = [];
  const errors: unknown[] = [];
  const agent = startRenewAgent(agentDeps({ onError: (e) => errors.push(e), onSquatter: (a) => reported.push(a), server: { name: () => names.shift()! } }));
  try {
    await agent.listening;
    assert.deepEqual(reported, [address]);
    assert.equal(agent.squatted(), address);
    const handlers = withAppHooks(w.handlers, { popupVisible: () => true, notifier: { show: () => undefined }, locale: () => 'en', openPopup: () => undefined, loginItem, endpointSquatter: () => agent.squatted() });
    const state = await handlers.getState(null);
    assert.equal(state.ok && state.value.endpointSquatter, address);
    assert.ok(trayStrings('en').squatterNotice.length + 'aws-mfa-tray\n⚠ '.length <= 127, 'fits a Windows tooltip');
    assert.ok(trayStrings('ja').squatterNotice.length + 'aws-mfa-tray\n⚠ '.length <= 127);
  } finally {
    await agent.stop();
    await new Promise((r) => squatter.close(r));
  }
});

test('no squatter: nothing reported, endpointSquatter null', async () => {
  const reported: string[] = [];
  const agent = startRenewAgent(agentDeps({ onSquatter: (a) => reported.push(a) }));
  try {
    await agent.listening;
    assert.deepEqual(reported, []);
    assert.equal(agent.squatted(), null);
    const state = await w.handlers.getState(null);
    assert.equal(state.ok && state.value.endpointSquatter, null);
  } finally {
    await agent.stop();
  }
});

test("the tray's own renew never runs an mfa_process from a config folder everyone can write: the notification says why", async () => {
  const marker = path.join(w.paths.settingsDir, 'ran');
  w.writeConfig(`[default]\nmfa_serial = ${w.user.devices[0]!.serial}\nmfa_process = touch ${marker}; echo 123456\n`);
  const folder = path.dirname(w.paths.configFile);
  const shown: NotificationSpec[] = [];
  const agent = startRenewAgent(agentDeps({ notifier: { show: (spec) => shown.push(spec) } }));
  chmodSync(folder, 0o777);
  try {
    await agent.renew('default');
    assert.equal(existsSync(marker), false, 'the command did not run');
    assert.equal(shown.length, 1);
    assert.match(shown[0]!.body, new RegExp(`^${folder} can be changed by every user, so the AWS config and credentials in it cannot be trusted`));
  } finally {
    chmodSync(folder, 0o700);
    await agent.stop();
  }
});
