/**
 * What the settings window says to screen-reader and low-vision users beyond what axe checks, in
 * headless Chromium over the real handlers, keychain and IAM emulator: Discover's progress and
 * results in live regions, field errors after Enter in that same field announced and marked
 * aria-invalid, the language names in their own language, feedback beside the control that caused
 * it (in view, focus ring unclipped), 400 % without sideways scrolling, and Esc over unsaved
 * preferences.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { createWorld, type World } from '../helpers/world';
import { axNode, focusRingInView, fullyInView, liveChanges, liveRegionsSaying, scrollsSideways, watchChanges } from './a11y';
import { rendererSuite, until, type OpenOptions, type RendererPage } from './harness';

let world: World;
const suite = rendererSuite('settings');
afterEach(async () => {
  await world.close();
});

/** The settings window is 640×600; at 200 % and 400 % zoom its page lays out in half and a quarter of that. */
const AT_100: OpenOptions = { viewport: { width: 640, height: 600 } };
const AT_200: OpenOptions = { viewport: { width: 320, height: 300 }, deviceScaleFactor: 2 };
const AT_400: OpenOptions = { viewport: { width: 160, height: 150 }, deviceScaleFactor: 4 };

async function withProfile(devices?: NonNullable<Parameters<typeof createWorld>[0]>['devices']): Promise<World> {
  const w = await createWorld(devices ? { devices } : {});
  await w.storeKeys('default');
  assert.ok((await w.handlers.saveProfile({ original: null, entry: { sourceProfile: 'default', target: 'mfa' } })).ok);
  return w;
}

/** A sentence is announced: it is in a live region that Chromium keeps in the accessibility tree. */
async function announced(p: RendererPage, text: string): Promise<string[]> {
  let found: string[] = [];
  await until(`"${text}" in a live region`, async () => (found = await liveRegionsSaying(p.page, text)).length > 0);
  return found;
}

void describe('settings, beyond axe', () => {
  void test("Discover: looking up, the device found, no device, and IAM's refusal are all announced; focus stays on the button", async () => {
    world = await withProfile();
    const p = await suite.open(world.handlers);
    const { page } = p;
    await page.getByRole('button', { name: 'Edit default' }).click();
    const release = p.hold('discoverDevices');
    await page.locator('#discover').focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await announced(p, 'Looking up MFA devices…'), ['#discover-status status']);
    release();
    const serial = world.user.devices[0]!.serial;
    assert.deepEqual(await announced(p, `Found ${serial}.`), ['#discover-status status']);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'discover');

    // IAM refuses: the stored secret is wrong.
    await world.keychain.set('default', { accessKeyId: world.user.accessKeyId, secretAccessKey: 'x'.repeat(40) });
    await page.keyboard.press('Enter');
    await page.locator('#serial-error').filter({ hasText: /\S/ }).waitFor();
    const refusal = (await page.locator('#serial-error').textContent())!;
    assert.deepEqual(await announced(p, refusal), ['#announcer alert']);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'discover');
  });

  void test('Discover for a user without an MFA device says so in a status', async () => {
    world = await withProfile([]);
    const p = await suite.open(world.handlers);
    await p.page.getByRole('button', { name: 'Edit default' }).click();
    await p.page.locator('#discover').click();
    assert.deepEqual(await announced(p, 'This IAM user has no MFA device.'), ['#discover-status status']);
  });

  void test('an error after Enter in the field that has it is announced, and the field is aria-invalid until fixed', async () => {
    world = await withProfile();
    const p = await suite.open(world.handlers);
    const { page } = p;
    await page.getByRole('button', { name: 'Add profile' }).click();
    for (const [label, field, value, slot] of [
      ['Source profile', '#source', 'my profile', '#source-error'],
      ['MFA device (serial or ARN)', '#serial', 'phone', '#serial-error'],
    ] as const) {
      const input = page.getByLabel(label);
      await input.fill(value);
      if (field === '#serial') await page.getByLabel('Source profile').fill('other');
      await input.press('Enter');
      await page.locator(slot).filter({ hasText: /\S/ }).waitFor();
      const sentence = (await page.locator(slot).textContent())!;
      assert.equal(await page.evaluate(() => document.activeElement?.id), field.slice(1), `${label}: focus did not move`);
      assert.deepEqual(await announced(p, sentence), ['#announcer alert'], `${label}: announced`);
      const node = await axNode(page, field);
      assert.equal(node.invalid, 'true', `${label}: aria-invalid`);
      assert.ok(node.description.includes(sentence), `${label}: the error is in the field's description`);
    }
    // Fixed: no longer invalid after the next save attempt.
    await page.getByLabel('Source profile').fill('other');
    await page.getByLabel('MFA device (serial or ARN)').fill('');
    await page.getByLabel('Target profile').press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved other.' }).waitFor();
    await page.getByRole('button', { name: 'Edit other' }).click();
    assert.equal((await axNode(page, '#source')).invalid, 'false');

    await page.keyboard.press('Escape');
    const warn = page.getByLabel('minutes before');
    await warn.fill('9999');
    await warn.press('Enter');
    await page.locator('#warn-error').filter({ hasText: /\S/ }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'warn-minutes');
    assert.deepEqual(await announced(p, 'Enter a whole number of minutes from 0 to 720.'), ['#announcer alert']);
    assert.equal((await axNode(page, '#warn-minutes')).invalid, 'true');
  });

  void test('the login-item hint is a status kept in the tree while empty, and a refresh does not rewrite it', async () => {
    world = await withProfile();
    let loginItem: 'on' | 'needs-approval' = 'on';
    // What the app's hooks report (main/tray/handler-hooks.ts): macOS switched the login item off.
    const handlers = {
      ...world.handlers,
      getState: async (req: unknown) => {
        const r = await world.handlers.getState(req);
        return r.ok ? { ok: true as const, value: { ...r.value, loginItem } } : r;
      },
    };
    const p = await suite.open(handlers);
    const empty = await axNode(p.page, '#login-item-hint');
    assert.deepEqual([empty.ignored, empty.role, empty.live], [false, 'status', 'polite'], 'in the tree while empty');

    loginItem = 'needs-approval';
    await p.emit('stateChanged', null);
    assert.deepEqual(await announced(p, 'Switched off in System Settings'), ['#login-item-hint status']);
    await watchChanges(p.page, '#login-item-hint');
    for (let i = 0; i < 2; i++) await p.emit('stateChanged', null);
    await until('refreshed twice more', () => p.calls.filter((c) => c.channel === 'getState' && c.reply).length >= 4);
    await p.page.waitForTimeout(200); // the page renders the last reply
    assert.equal(await liveChanges(p.page, '#login-item-hint'), 0, 'the same words are not written again');
  });

  for (const lang of ['en', 'ja'] as const) {
    void test(`the language names are marked with their own language (page in ${lang})`, async () => {
      world = await createWorld();
      assert.ok((await world.handlers.savePreferences({ startAtLogin: false, warnMinutesBefore: 10, removeExpired: true, language: lang })).ok);
      const { page } = await suite.open(world.handlers);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      const langOf = (value: string) => page.locator(`#language option[value="${value}"]`).evaluate((o) => [o.textContent, o.closest('[lang]')!.getAttribute('lang')]);
      assert.deepEqual(await langOf('ja'), ['日本語', 'ja']);
      assert.deepEqual(await langOf('en'), ['English', 'en']);
    });
  }

  for (const [zoom, opts] of [
    ['640×600', AT_100],
    ['200 %', AT_200],
  ] as const) {
    void test(`${zoom}: "Preferences saved." appears beside the button, in view, and the button's focus ring is not clipped`, async () => {
      world = await withProfile();
      // Three profiles: the page is taller than the window, and Save preferences is at its bottom.
      for (const n of ['work', 'lab']) assert.ok((await world.handlers.saveProfile({ original: null, entry: { sourceProfile: n, target: `${n}-mfa` } })).ok);
      const p = await suite.open(world.handlers, opts);
      const { page } = p;
      await page.getByLabel('minutes before').fill('15');
      await page.locator('#save-prefs').focus();
      await page.keyboard.press('Enter');
      await announced(p, 'Preferences saved.');
      const where = (await liveRegionsSaying(page, 'Preferences saved.'))[0]!.split(' ')[0]!;
      assert.equal(await fullyInView(page, where), true, `${where} is in view`);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'save-prefs', 'focus stayed on the button');
      assert.equal(await focusRingInView(page), true, 'with its focus ring inside the window');
    });
  }

  void test('200 %: an import refused by main is said beside the import offer, in view', async () => {
    world = await withProfile();
    // 62 characters: the session profile "<name>-mfa" would be longer than 64, so main refuses.
    const name = 'a_profile_name_of_sixty_two_characters_that_import_must_refuse';
    world.writeCredentials(`[${name}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`);
    const p = await suite.open(world.handlers, AT_200);
    const button = p.page.getByRole('button', { name: `Import ${name}` });
    await button.focus();
    await p.page.keyboard.press('Enter');
    const [where] = await announced(p, 'is too long to name its session profile');
    assert.equal(where, '#importable-status status');
    assert.equal(await fullyInView(p.page, '#importable-status'), true);
    assert.equal(await focusRingInView(p.page), true);
  });

  void test('400 %: the profile list and the preferences do not scroll sideways', async () => {
    world = await withProfile();
    const { page } = await suite.open(world.handlers, AT_400);
    await page.getByRole('button', { name: 'Edit default' }).waitFor();
    assert.equal(await scrollsSideways(page), false);
  });

  void test('Esc over unsaved preference edits asks before closing; without edits it just closes', async () => {
    world = await withProfile();
    const p = await suite.open(world.handlers);
    const { page } = p;
    const dialogs: string[] = [];
    let accept = false;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void (accept ? d.accept() : d.dismiss());
    });
    await page.getByLabel('minutes before').fill('42');
    await page.keyboard.press('Escape');
    await until('asked', () => dialogs.length === 1);
    assert.deepEqual(dialogs, ['Close without saving the changed preferences?']);
    assert.equal(world.ui.settingsClosed, 0, 'kept open');
    assert.equal(await page.getByLabel('minutes before').inputValue(), '42', 'with the edit');

    accept = true;
    await page.keyboard.press('Escape');
    await until('closed after the user agreed', () => world.ui.settingsClosed === 1);

    // Saved: nothing to lose, no question.
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByRole('status').filter({ hasText: 'Preferences saved.' }).waitFor();
    await page.keyboard.press('Escape');
    await until('closed at once', () => world.ui.settingsClosed === 2);
    assert.equal(dialogs.length, 2);
  });
});
