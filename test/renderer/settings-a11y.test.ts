/**
 * The settings window for keyboard, zoom and screen-reader users, in headless Chromium over the
 * real handlers: no sideways scrolling at 320 CSS px, where focus goes after the editor closes,
 * saves or removes, live regions while empty, field border contrast, the duration sentence, Esc.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { Channel } from '../../main/ipc/contract';
import { createWorld, type World } from '../helpers/world';
import { assertControlContrast, axNode, buttonsWithBrokenWords, scrollsSideways } from './a11y';
import { rendererSuite, until, type OpenOptions, type RendererPage } from './harness';

let world: World;
const suite = rendererSuite('settings');
afterEach(async () => {
  await world.close();
});

/** The settings window is 640 px wide: at 200 % zoom that is the 320 CSS px of WCAG 1.4.10. */
const AT_320: OpenOptions = { viewport: { width: 320, height: 600 } };

const LONG_SERIAL = 'arn:aws:iam::123456789012:mfa/alice_authenticator_on_the_corporate_phone_issued_2024_06';
// 60 characters: import adds "-mfa" for the target, which must stay within 64.
const LONG_NAME = 'source_profile_name_using_sixty_of_the_allowed_characters_ok';

function open(w: World, opts: OpenOptions = {}): Promise<RendererPage> {
  return suite.open(w.handlers, opts);
}

const focused = (p: RendererPage): Promise<string> =>
  p.page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '<body>';
    return el.id ? `#${el.id}` : (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName);
  });

/** Enter on `button` while main holds its reply: focus stays on the button. Returns the release. */
async function pressWhileHeld(p: RendererPage, channel: Channel, button: string): Promise<() => void> {
  const release = p.hold(channel);
  await p.page.locator(button).focus();
  await p.page.keyboard.press('Enter');
  await until(`${channel} was sent`, () => p.calls.some((c) => c.channel === channel));
  assert.equal(await focused(p), button, `focus stays on ${button} while waiting`);
  return release;
}

/** Enter on the button named `name` (from the keyboard), then the status line that says `said`. */
async function pressForStatus(p: RendererPage, name: string, said: string): Promise<void> {
  await p.page.getByRole('button', { name }).focus();
  await p.page.keyboard.press('Enter');
  await p.page.getByRole('status').filter({ hasText: said }).waitFor();
}

async function configured(serial?: string): Promise<World> {
  const w = await createWorld({ devices: [{ kind: 'virtual', serial: serial ?? LONG_SERIAL }] });
  await w.storeKeys('default');
  assert.ok((await w.handlers.saveProfile({ original: null, entry: { sourceProfile: 'default', target: 'mfa', ...(serial ? { serial } : {}) } })).ok);
  return w;
}

void describe('settings accessibility', () => {
  void test('at 320 CSS px nothing scrolls sideways: long device ARNs and long names wrap', async () => {
    world = await createWorld({
      devices: [
        { kind: 'virtual', serial: LONG_SERIAL },
        { kind: 'virtual', serial: `${LONG_SERIAL}-backup` },
      ],
    });
    await world.storeKeys('default');
    assert.ok((await world.handlers.saveProfile({ original: null, entry: { sourceProfile: 'default', target: 'mfa', serial: LONG_SERIAL } })).ok);
    world.writeCredentials(`[${LONG_NAME}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`);
    const { page } = await open(world, AT_320);
    await page.getByRole('button', { name: `Import ${LONG_NAME}` }).waitFor();
    assert.equal(await scrollsSideways(page), false, 'the list (device ARN) and the import offer (long name)');
    assert.deepEqual(await buttonsWithBrokenWords(page), [], 'button labels wrap between words only');

    await page.getByRole('button', { name: 'Edit default' }).click();
    assert.equal(await scrollsSideways(page), false, 'the editor');
    await page.getByRole('button', { name: 'Discover' }).click();
    await page.getByRole('radio').first().waitFor();
    assert.equal(await scrollsSideways(page), false, 'the device choice');
    assert.deepEqual(await buttonsWithBrokenWords(page), []);

    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: `Import ${LONG_NAME}` }).click();
    await page.getByRole('heading', { name: `Edit ${LONG_NAME}` }).waitFor();
    assert.equal(await scrollsSideways(page), false, 'the editor heading with a long name');
  });

  void test('the "Found <device ARN>" sentence wraps at 320 CSS px', async () => {
    world = await configured();
    const { page } = await open(world, AT_320);
    await page.getByRole('button', { name: 'Edit default' }).click();
    await page.getByRole('button', { name: 'Discover' }).click();
    await page.locator('#discover-status').filter({ hasText: 'Found' }).waitFor();
    assert.equal(await scrollsSideways(page), false);
  });

  void test('Esc and Cancel return focus to the control that opened the editor', async () => {
    world = await configured(LONG_SERIAL);
    const p = await open(world);
    const { page } = p;

    await page.getByRole('button', { name: 'Add profile' }).focus();
    await page.keyboard.press('Enter');
    await until('the editor has focus', async () => (await focused(p)) === '#source');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#editor').isVisible(), false);
    assert.equal(await focused(p), '#add-profile', 'Esc: back on Add profile');

    await page.getByRole('button', { name: 'Edit default' }).focus();
    await page.keyboard.press('Enter');
    await until('the editor has focus', async () => (await focused(p)) === '#source');
    await page.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await focused(p), 'Edit default', 'Cancel: back on the Edit button that opened it');

    // A refresh from main re-draws the list; the keyboard user stays where they were.
    await p.emit('stateChanged', null);
    await until('the list was re-drawn', () => p.calls.filter((c) => c.channel === 'getState').length >= 2);
    await page.waitForFunction(() => document.activeElement !== document.body);
    assert.equal(await focused(p), 'Edit default', 'focus survives a re-drawn list');
  });

  void test('after Save and after Remove focus goes to Add profile', async () => {
    world = await configured(LONG_SERIAL);
    const p = await open(world);
    const { page } = p;
    page.on('dialog', (d) => void d.accept());

    await page.getByRole('button', { name: 'Edit default' }).click();
    await page.getByLabel('Target profile').fill('mfa2');
    await page.getByLabel('Target profile').press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved default.' }).waitFor();
    assert.equal(await focused(p), '#add-profile', 'after Save');

    await pressForStatus(p, 'Remove default', 'Removed default.');
    assert.equal(await focused(p), '#add-profile', 'after Remove');
  });

  void test('while saving, discovering or importing, focus stays on the button pressed (busy, not disabled)', async () => {
    world = await configured(LONG_SERIAL);
    assert.ok((await world.handlers.saveProfile({ original: null, entry: { sourceProfile: 'work', target: 'work-mfa' } })).ok);
    world.writeCredentials(`[legacy]\naws_access_key_id = ${world.user.accessKeyId}\naws_secret_access_key = ${world.user.secretAccessKey}\n`);
    const p = await open(world);
    const { page } = p;

    // Save refused by main (the target is taken): focus stays on Save while waiting and after.
    await page.getByRole('button', { name: 'Edit default' }).click();
    await page.getByLabel('Target profile').fill('work-mfa');
    const release = await pressWhileHeld(p, 'saveProfile', '#save');
    assert.equal(await page.locator('#save').getAttribute('aria-disabled'), 'true');
    await page.keyboard.press('Enter');
    release();
    await page.locator('#form-error').filter({ hasText: 'work-mfa' }).waitFor();
    assert.equal(p.calls.filter((c) => c.channel === 'saveProfile').length, 1, 'a second Enter while waiting sent nothing');
    assert.equal(await focused(p), '#save', 'and after the refusal');
    assert.notEqual(await page.locator('#save').getAttribute('aria-disabled'), 'true');

    // Discover with one device: focus stays on Discover while IAM answers and after.
    await page.getByLabel('MFA device (serial or ARN)').fill('');
    const releaseDiscover = await pressWhileHeld(p, 'discoverDevices', '#discover');
    releaseDiscover();
    await page.locator('#discover-status').filter({ hasText: 'Found' }).waitFor();
    assert.equal(await focused(p), '#discover');
    await page.keyboard.press('Escape');

    // Import from inside the editor: the Import button goes away, focus moves on to Discover.
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByLabel('Source profile').fill('legacy');
    await pressForStatus(p, 'Import from ~/.aws/credentials', 'Moved the keys of legacy');
    assert.equal(await focused(p), '#discover', 'next step after importing keys: find the MFA device');
  });

  void test('the status line and error regions are in the accessibility tree while empty', async () => {
    world = await configured(LONG_SERIAL);
    const { page } = await open(world);
    for (const [sel, role] of [
      ['#status', 'status'],
      ['#prefs-error', 'alert'],
    ] as const) {
      const node = await axNode(page, sel);
      assert.equal(node.ignored, false, `${sel} is in the tree while empty`);
      assert.equal(node.role, role);
    }
    await page.getByRole('button', { name: 'Add profile' }).click();
    const formError = await axNode(page, '#form-error');
    assert.equal(formError.ignored, false, '#form-error is in the tree once the form shows');
    assert.equal(formError.role, 'alert');
  });

  for (const scheme of ['light', 'dark'] as const) {
    void test(`${scheme}: field, list and button borders have 3:1 against both sides`, async () => {
      world = await configured(LONG_SERIAL);
      const { page } = await open(world, { colorScheme: scheme });
      await page.getByRole('button', { name: 'Edit default' }).click();
      const controls = await assertControlContrast(page, 'input[type="text"], input[type="password"], input[type="number"], select, button:not(.primary):not(.quiet)');
      assert.ok(controls.length >= 10, `found ${controls.length} controls`);
    });
  }

  void test('the English duration error speaks in hours and minutes, like the fields', async () => {
    world = await createWorld();
    const { page } = await open(world);
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByLabel('Source profile').fill('default');
    await page.getByLabel('minutes', { exact: true }).fill('10');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const error = page.locator('#duration-error');
    await error.filter({ hasText: /\w/ }).waitFor();
    assert.equal(await error.textContent(), 'The session duration must be from 15 minutes to 36 hours.');
  });

  void test('Esc closes the window when no editor is open; with the editor open it closes only the editor', async () => {
    world = await configured(LONG_SERIAL);
    const p = await open(world);
    const { page } = p;
    await page.getByRole('button', { name: 'Edit default' }).click();
    await page.getByLabel('Target profile').focus();
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#editor').isVisible(), false);
    assert.equal(world.ui.settingsClosed, 0, 'the first Esc closed the editor, not the window');
    assert.equal(await focused(p), 'Edit default', 'and focus went back to Edit');

    await page.keyboard.press('Escape');
    await until('the window was asked to close', () => world.ui.settingsClosed === 1);
    assert.deepEqual(
      p.calls.filter((c) => c.channel === 'closeSettings').map((c) => c.req),
      [null],
    );
    assert.equal(world.ui.hidden, 0);
  });
});
