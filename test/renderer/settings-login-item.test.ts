/**
 * The settings window shows what the OS will do at login, not only what was asked for: macOS needs
 * the user's approval once they switched the app off in System Settings (the box is off, the window
 * says where to allow it, and ticking it opens that page), and a development run on macOS cannot
 * register itself (the box is disabled and says why). Served by the real handlers wrapped in the
 * app's hooks over a LoginItem whose state the test sets, as main/app/login-item.ts reports it.
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

/** A login item as macOS reports it, moving as main/app/login-item.ts does; `calls` records setEnabled. */
function macLoginItem(initial: LoginItemState): LoginItem & { calls: boolean[]; openedSystemSettings: number; current: LoginItemState } {
  const item = {
    calls: [] as boolean[],
    openedSystemSettings: 0,
    current: initial,
    isEnabled: () => item.current === 'on',
    state: () => item.current,
    setEnabled(on: boolean) {
      item.calls.push(on);
      if (item.current === 'unavailable') return;
      // Only the user can allow it again: the app opens System Settings › Login Items instead.
      if (on && item.current === 'needs-approval') item.openedSystemSettings++;
      else item.current = on ? 'on' : 'off';
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
  void test('switched off in System Settings: the box is off, the sentence says where to allow it, ticking opens that page', async () => {
    world = await createWorld();
    const item = macLoginItem('needs-approval');
    const p = await open(world, item);
    assert.equal(await box(p).isChecked(), false, 'the app will not start at login');
    assert.equal(await box(p).isDisabled(), false);
    assert.match(await hint(p).innerText(), /System Settings › General › Login Items/);
    assert.equal(await hint(p).isVisible(), true);
    // The sentence is the checkbox's description, so a screen reader reads it with the box.
    assert.equal(await box(p).evaluate((el) => el.getAttribute('aria-describedby')), 'login-item-hint');
    assert.deepEqual(await axeViolations(p.page), []);

    // Saving other preferences leaves the login item the user switched off alone.
    await p.page.getByRole('button', { name: 'Save preferences' }).click();
    await p.page.getByText('Preferences saved.').waitFor();
    assert.deepEqual(item.calls, []);

    // Ticking it and saving asks macOS, which means opening System Settings for the user.
    await box(p).check();
    await p.page.getByRole('button', { name: 'Save preferences' }).click();
    await until('System Settings was opened', () => item.openedSystemSettings === 1);
    assert.deepEqual(item.calls, [true]);
    await until('the box shows what macOS will do', async () => !(await box(p).isChecked()));
    assert.match(await hint(p).innerText(), /System Settings › General › Login Items/);
  });

  void test('switching it off and on from the settings window', async () => {
    world = await createWorld();
    const item = macLoginItem('on');
    const p = await open(world, item);
    assert.equal(await box(p).isChecked(), true);
    // Kept in the tree while empty (a live region), so "visible" is not the question: its words are.
    assert.equal(await hint(p).textContent(), '', 'on needs no sentence');
    await box(p).uncheck();
    await p.page.getByRole('button', { name: 'Save preferences' }).click();
    await until('switched off', () => item.current === 'off');
    await box(p).check();
    await p.page.getByRole('button', { name: 'Save preferences' }).click();
    await until('switched on', () => item.current === 'on');
    assert.deepEqual(item.calls, [false, true]);
    assert.equal(await hint(p).textContent(), '');
  });

  void test('a development run on macOS: the box is disabled and says only the installed app can', async () => {
    world = await createWorld();
    const p = await open(world, macLoginItem('unavailable'));
    assert.equal(await box(p).isDisabled(), true);
    assert.match(await hint(p).innerText(), /Only the installed app can start at login/);
    assert.deepEqual(await axeViolations(p.page), []);
  });

  void test('in Japanese the approval sentence names the Japanese System Settings path', async () => {
    world = await createWorld();
    world.settings.write({ ...world.settings.read(), preferences: { ...world.settings.read().preferences, language: 'ja' } });
    const handlers = withAppHooks(world.handlers, { popupVisible: () => true, notifier: silent, locale: () => 'ja', openPopup: () => undefined, loginItem: macLoginItem('needs-approval') });
    const p = await suite.open(handlers);
    await until('the page is in Japanese', async () => (await hint(p).innerText()).includes('システム設定'));
    assert.match(await hint(p).innerText(), /システム設定 › 一般 › ログイン項目 でオフ/);
  });
});
