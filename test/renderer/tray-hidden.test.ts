/**
 * Linux without a tray host: the popup (and the settings, before anything is set up) says in one
 * plain sentence why it opened and how to come back, in English and Japanese, without taking the
 * focus from the code field and without axe violations. Served by the real handlers wrapped in the
 * app's hooks, as main/app/app-ready.ts wires them.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { LoginItem } from '../../main/core/autostart';
import { withAppHooks } from '../../main/tray/handler-hooks';
import { configuredWorld, type World } from '../helpers/world';
import { axeViolations, axNode } from './a11y';
import { rendererSuite, type RendererPage } from './harness';

let world: World | undefined;
const suite = rendererSuite('popup');
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const loginItem: LoginItem = { isEnabled: () => false, setEnabled: () => undefined };
const EN = /^Your desktop shows no tray icons, so aws-mfa-tray opens this window instead: start aws-mfa-tray again from the app menu to bring it back \(on GNOME, the AppIndicator extension shows the icon\)\.$/;
const JA = /^このデスクトップにはトレイアイコンが表示されないため、aws-mfa-tray は代わりにこのウィンドウを開きます。.*AppIndicator 拡張機能/;

async function open(trayHidden: boolean, page: 'popup' | 'settings' = 'popup'): Promise<RendererPage> {
  const handlers = withAppHooks(world!.handlers, { popupVisible: () => true, notifier: { show: () => undefined }, locale: () => 'en', openPopup: () => undefined, loginItem, trayHidden: () => trayHidden });
  return suite.open(handlers, { page });
}

async function language(lang: 'en' | 'ja'): Promise<void> {
  assert.ok((await world!.handlers.savePreferences({ startAtLogin: false, warnMinutesBefore: 10, removeExpired: true, language: lang })).ok);
}

void describe('no tray icon on this desktop', () => {
  for (const [lang, sentence] of [['en', EN], ['ja', JA]] as const) {
    void test(`${lang}: the popup says how to come back; the code field keeps the focus; no axe violation`, async () => {
      world = await configuredWorld();
      await language(lang);
      const p = await open(true);
      const hint = p.page.locator('#tray-hidden');
      assert.equal(await hint.isVisible(), true);
      assert.match(await hint.innerText(), sentence);
      assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'code');
      // A plain paragraph: read in order, not announced over what the user is typing.
      const node = await axNode(p.page, '#tray-hidden');
      assert.notEqual(node.role, 'alert');
      assert.equal(node.live, null);
      assert.deepEqual(await axeViolations(p.page), []);
    });

    void test(`${lang}: the settings window opened at first start says it too`, async () => {
      world = await configuredWorld();
      await language(lang);
      const p = await open(true, 'settings');
      assert.match(await p.page.locator('#tray-hidden').innerText(), sentence);
      assert.deepEqual(await axeViolations(p.page), []);
    });
  }

  void test('where the tray shows the icon there is no such sentence', async () => {
    world = await configuredWorld();
    const p = await open(false);
    assert.equal(await p.page.locator('#tray-hidden').isVisible(), false);
  });
});
