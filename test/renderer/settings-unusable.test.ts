/**
 * A settings.json that cannot be used, in both windows, in headless Chromium over the real handlers
 * and the real file: the sentence is shown (not inside the hidden form), announced (an alert in the
 * tree) and focused through the way out it describes, in the page's language; "Show the file"
 * opens its folder; Reset keeps the broken file as a backup, says where, and the window recovers.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { createWorld, type World } from '../helpers/world';
import { axeViolations, axNode, liveRegionsSaying } from './a11y';
import { appHandlers, breakSettings, BROKEN_SETTINGS } from './fixtures';
import { rendererSuite, until, type RendererPage } from './harness';

let world: World;
const suite = rendererSuite('popup');
afterEach(async () => {
  await world.close();
});

async function broken(): Promise<{ file: string; sentence: (l: 'en' | 'ja') => string }> {
  world = await createWorld();
  const file = breakSettings(world);
  let error: { message: string; ja: string } | undefined;
  try {
    world.settings.read();
  } catch (e) {
    error = e as { message: string; ja: string };
  }
  assert.ok(error, 'the file is refused by the store');
  return { file, sentence: (l) => (l === 'ja' ? error.ja : error.message) };
}

const focusedId = (p: RendererPage): Promise<string> => p.page.evaluate(() => document.activeElement?.id ?? '');

async function assertProblemShown(p: RendererPage, sentence: string, lang: 'en' | 'ja'): Promise<void> {
  const { page } = p;
  await page.locator('#problem').filter({ hasText: /\S/ }).waitFor();
  assert.equal(await page.locator('#problem').textContent(), sentence);
  assert.equal(await page.locator('#problem').isVisible(), true, 'the sentence is on screen');
  assert.deepEqual(await liveRegionsSaying(page, sentence), ['#problem alert'], 'and in an alert that was in the tree before it');
  assert.equal(await page.evaluate(() => document.documentElement.lang), lang, 'the page speaks its language');
  await until('focus on the way out', async () => (await focusedId(p)) === 'reveal-settings');
  const reveal = await axNode(page, '#reveal-settings');
  assert.equal(reveal.description, sentence, 'the focused button is described by the sentence');
  assert.equal(await page.getByRole('button', { name: lang === 'ja' ? '設定をリセット…' : 'Reset the settings…' }).isVisible(), true);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    assert.deepEqual(await axeViolations(page), [], `axe, ${colorScheme}`);
  }
}

void describe('a settings file that cannot be used', () => {
  void test('popup, Japanese system: the sentence is shown, announced and focused in Japanese; Reset keeps a backup and says where', async () => {
    const { file, sentence } = await broken();
    const revealed: string[] = [];
    const p = await suite.open(appHandlers(world, 'ja', revealed));
    await assertProblemShown(p, sentence('ja'), 'ja');
    assert.equal(await p.page.locator('#login-view').isVisible(), false);
    assert.equal(await p.page.locator('#empty-view').isVisible(), false);

    await p.page.keyboard.press('Enter');
    await until('the folder was opened', () => revealed.length === 1);
    assert.deepEqual(revealed, [file]);
    await p.page.locator('#problem-status').filter({ hasText: file }).waitFor();

    const dialogs: string[] = [];
    p.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await p.page.locator('#reset-settings').click();
    await p.page.locator('#problem-status').filter({ hasText: '.broken-' }).waitFor();
    assert.equal(dialogs.length, 1, 'Reset asks first');
    assert.match(dialogs[0]!, /バックアップ/);
    const status = (await p.page.locator('#problem-status').textContent()) ?? '';
    const backup = /(\S+\.broken-\S+?)\s*として/.exec(status)?.[1];
    assert.ok(backup && existsSync(backup), `the backup named in "${status}" exists`);
    assert.equal(readFileSync(backup, 'utf8'), BROKEN_SETTINGS, 'with every byte of the broken file');
    assert.equal(statSync(backup).mode & 0o777, 0o600);
    assert.equal(path.dirname(backup), path.dirname(file));
    assert.deepEqual(world.settings.read().profiles, [], 'a usable default file is in its place');
    assert.deepEqual(await liveRegionsSaying(p.page, backup), ['#problem-status status'], 'where the backup went is announced');

    await p.page.locator('#empty-view:not([hidden])').waitFor();
    assert.equal(await p.page.locator('#problem').textContent(), '');
    assert.equal(await focusedId(p), 'open-settings', 'focus goes on to the next step');
  });

  void test('settings, English system: no page error, the preferences are hidden rather than empty, and a fixed file brings them back', async () => {
    const { file, sentence } = await broken();
    const p = await suite.open(appHandlers(world, 'en', []), { page: 'settings' });
    await assertProblemShown(p, sentence('en'), 'en');
    assert.equal(await p.page.locator('#prefs-form').isVisible(), false, 'no empty preference fields to save over the file');
    assert.equal(await p.page.locator('#add-profile').isVisible(), false);

    // The user fixes the file in an editor; the file watcher's refresh brings the page back.
    writeFileSync(file, '{ "profiles": [], "preferences": { "warnMinutesBefore": 25 } }\n');
    await p.emit('stateChanged', null);
    await p.page.locator('#prefs-form').waitFor({ state: 'visible' });
    assert.equal(await p.page.getByLabel('minutes before').inputValue(), '25', 'the preferences are the file\'s');
    assert.equal(await p.page.locator('#problem').textContent(), '');
  });

  void test('Reset refuses a file that can be read, and changes nothing', async () => {
    world = await createWorld();
    assert.ok((await world.handlers.saveProfile({ original: null, entry: { sourceProfile: 'work', target: 'work-mfa' } })).ok);
    const file = path.join(world.paths.settingsDir, 'settings.json');
    const before = readFileSync(file, 'utf8');
    const r = await appHandlers(world, 'en', []).settingsFile({ action: 'reset' });
    assert.ok(!r.ok);
    assert.equal(r.error.message, 'The settings file can be read, so nothing was reset; close and reopen this window.');
    assert.equal(readFileSync(file, 'utf8'), before);
  });
});
