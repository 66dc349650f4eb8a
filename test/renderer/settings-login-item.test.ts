/**
 * The settings window shows what the OS will do at login, not only what was asked for: macOS may
 * wait for the user's approval (the box stays ticked, the window says where to approve), and a
 * development run on macOS cannot register itself (the box is disabled and says why). Served by the
 * real handlers wrapped in the app's hooks over a LoginItem whose state the test sets, as
 * main/app/login-item.ts reports it from Electron.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { LoginItem, LoginItemState } from '../../main/core/autostart';
import { withAppHooks } from '../../main/tray/handler-hooks';
import type { Notifier } from '../../main/tray/notifications';
import { createWorld, type World } from '../helpers/world';
import { axeViolations } from './a11y';
import { rendererSuite, until, type RendererPage } from './harness';

let world: World;
const suite = rendererSuite('settings');
afterEach(async () => {
  await world.close();
});

/** A login item as macOS reports it; setEnabled records the calls and moves the state as macOS would. */
function macLoginItem(initial: LoginItemState): LoginItem & { calls: boolean[]; current: LoginItemState } {
  const item = {
    calls: [] as boolean[],
    current: initial,
    isEnabled: () => item.current === 'on',
    state: () => item.current,
    setEnabled(on: boolean) {
      item.calls.push(on);
      if (item.current !== 'unavailable') item.current = on ? 'on' : 'off';
    },
  };
  return item;
}

const silent: Notifier = { show: () => undefined };

async function open(w: World, item: LoginItem): Promise<RendererPage> {
  const handlers = withAppHooks(w.handlers, { popupVisible: () => true, notifier: silent, locale: () => 'en', openPopup: () => undefined, loginItem: item });
  return suite.open(handlers);
}

const box = (p: RendererPage) => p.page.getByRole('checkbox', { name: 'Start at login' });
const hint = (p: RendererPage) => p.page.locator('#login-item-hint');

void describe('start at login in the settings window', () => {
  void test('waiting for macOS approval: ticked, says where to approve, and saving leaves the request alone', async () => {
    world = await createWorld();
    const item = macLoginItem('needs-approval');
    const p = await open(world, item);
    assert.equal(await box(p).isChecked(), true, 'it was asked for');
    assert.equal(await box(p).isDisabled(), false);
    assert.match(await hint(p).innerText(), /System Settings › General › Login Items/);
    assert.equal(await hint(p).isVisible(), true);
    // The sentence is the checkbox's description, so a screen reader reads it with the box.
    const described = await box(p).evaluate((el) => el.getAttribute('aria-describedby'));
    assert.equal(described, 'login-item-hint');
    assert.deepEqual(await axeViolations(p.page), []);

    await p.page.getByRole('button', { name: 'Save preferences' }).click();
    await p.page.getByText('Preferences saved.').waitFor();
    assert.deepEqual(item.calls, [], 'saving other preferences does not register it again');
    assert.equal(await box(p).isChecked(), true);

    // Unticking withdraws the request; the hint goes once the state says so.
    await box(p).uncheck();
    await p.page.getByRole('button', { name: 'Save preferences' }).click();
    await until('the login item was switched off', () => item.calls.length === 1);
    assert.deepEqual(item.calls, [false]);
    await until('the hint is gone', async () => (await hint(p).innerText()) === '');
    assert.equal(await hint(p).isVisible(), false);
    assert.equal(await box(p).isChecked(), false);
  });

  void test('a development run on macOS: the box is disabled and says only the installed app can', async () => {
    world = await createWorld();
    const p = await open(world, macLoginItem('unavailable'));
    assert.equal(await box(p).isDisabled(), true);
    assert.match(await hint(p).innerText(), /Only the installed app can start at login/);
    assert.deepEqual(await axeViolations(p.page), []);
  });

  void test('on and off need no sentence, and the box shows the OS state', async () => {
    world = await createWorld();
    const on = await open(world, macLoginItem('on'));
    assert.equal(await box(on).isChecked(), true);
    assert.equal(await hint(on).isVisible(), false);
    await world.close();

    world = await createWorld();
    const off = await open(world, macLoginItem('off'));
    assert.equal(await box(off).isChecked(), false);
    assert.equal(await hint(off).isVisible(), false);
  });

  void test('in Japanese the approval sentence names the Japanese System Settings path', async () => {
    world = await createWorld();
    world.settings.write({ ...world.settings.read(), preferences: { ...world.settings.read().preferences, language: 'ja' } });
    const handlers = withAppHooks(world.handlers, { popupVisible: () => true, notifier: silent, locale: () => 'ja', openPopup: () => undefined, loginItem: macLoginItem('needs-approval') });
    const p = await suite.open(handlers);
    await until('the page is in Japanese', async () => (await hint(p).innerText()).includes('システム設定'));
    assert.match(await hint(p).innerText(), /システム設定 › 一般 › ログイン項目/);
  });
});
