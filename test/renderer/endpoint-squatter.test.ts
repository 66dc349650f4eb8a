/**
 * Issue 19: when the app found something at its request pipe that could not prove the app's key
 * (a squatter), the settings window says so in one sentence, en and ja, through AppState's
 * endpointSquatter, served by the real handlers in the app's hooks as main/app/app-ready.ts wires them.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { LoginItem } from '../../main/core/autostart';
import { withAppHooks } from '../../main/tray/handler-hooks';
import { configuredWorld, type World } from '../helpers/world';
import { axeViolations } from './a11y';
import { rendererSuite, type RendererPage } from './harness';

let world: World;
const suite = rendererSuite('settings');
afterEach(async () => {
  await world.close();
});

const loginItem: LoginItem = { isEnabled: () => false, setEnabled: () => undefined };
const PIPE = '\\\\.\\pipe\\aws-mfa-tray-c0ffeec0ffeec0ffeec0ffee';

async function open(squatter: string | null): Promise<RendererPage> {
  const handlers = withAppHooks(world.handlers, { popupVisible: () => true, notifier: { show: () => undefined }, locale: () => 'en', openPopup: () => undefined, loginItem, endpointSquatter: () => squatter });
  return suite.open(handlers, { page: 'settings' });
}

void describe('a squatter at the request pipe', () => {
  for (const [lang, sentence] of [
    ['en', /^When this app started, another program was already listening at \\\\\.\\pipe\\aws-mfa-tray-c0ffee(c0ffee){3}, where commands ask it for codes, and could not prove it is this app: .*tell your administrator\.$/],
    ['ja', /^このアプリの起動時、コマンドがコードを尋ねる \\\\\.\\pipe\\aws-mfa-tray-c0ffee(c0ffee){3} で別のプログラムがすでに待ち受けており、.*管理者に知らせてください。$/],
  ] as const) {
    void test(`${lang}: the settings window names it in one sentence; no axe violation`, async () => {
      world = await configuredWorld();
      assert.ok((await world.handlers.savePreferences({ startAtLogin: false, warnMinutesBefore: 10, removeExpired: true, language: lang })).ok);
      const p = await open(PIPE);
      const line = p.page.locator('#endpoint-squatter');
      assert.equal(await line.isVisible(), true);
      assert.match(await line.innerText(), sentence);
      assert.deepEqual(await axeViolations(p.page), []);
    });
  }

  void test('none found: no such sentence', async () => {
    world = await configuredWorld();
    const p = await open(null);
    assert.equal(await p.page.locator('#endpoint-squatter').isVisible(), false);
  });
});
