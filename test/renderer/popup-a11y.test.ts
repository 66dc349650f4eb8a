/**
 * The popup for keyboard, zoom and screen-reader users, in headless Chromium over the real
 * handlers: 200 % zoom, the profile list under arrow keys, focus while waiting and after success,
 * live regions in the accessibility tree, the code field's invalid state and six-digit rule, and
 * the contrast of the placeholder and field borders.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { configuredWorld, type World } from '../helpers/world';
import { assertControlContrast, axNode, buttonsWithBrokenWords, fullyInView, reachableByWheel, scrollsSideways } from './a11y';
import { rendererSuite, until, type OpenOptions, type RendererPage } from './harness';

let world: World;
const suite = rendererSuite('popup');
afterEach(async () => {
  await world.close();
});

/** The popup window is 360×440; at 200 % zoom its page lays out in 180×220 CSS pixels. */
const ZOOM_200: OpenOptions = { viewport: { width: 180, height: 220 }, deviceScaleFactor: 2 };

const serialOf = (w: World): string => w.user.devices[0]!.serial;
const focusedId = (p: RendererPage): Promise<string> => p.page.evaluate(() => document.activeElement?.id ?? '');
const logins = (p: RendererPage) => p.calls.filter((c) => c.channel === 'login');

async function withProfiles(...names: string[]): Promise<World> {
  const w = await configuredWorld();
  for (const n of names) assert.ok((await w.handlers.saveProfile({ original: null, entry: { sourceProfile: n, target: `${n}-mfa` } })).ok);
  return w;
}

async function open(w: World, opts: OpenOptions = {}): Promise<RendererPage> {
  const p = await suite.open(w.handlers, opts);
  await p.page.locator('#code').waitFor();
  return p;
}

void describe('popup accessibility', () => {
  void test('at 200 % zoom an error and the footer can be read in full: the page reflows and scrolls', async () => {
    world = await withProfiles('work');
    const p = await open(world, ZOOM_200);
    await p.page.keyboard.type(world.emulator.wrongCode(serialOf(world)));
    await p.page.locator('#error').filter({ hasText: /\w/ }).waitFor();
    assert.equal(await fullyInView(p.page, '#error'), true, 'the new sentence is scrolled into view by itself');
    assert.equal(await fullyInView(p.page, '#code'), true, 'together with the field it is about');
    assert.ok(((await p.page.locator('#profile').boundingBox())?.width ?? 0) >= 150, 'the profile list takes the full width (label above it)');

    assert.equal(await scrollsSideways(p.page), false, 'no sideways scrolling at 180 CSS px');
    assert.deepEqual(await buttonsWithBrokenWords(p.page), [], 'button labels keep their words whole');
    assert.equal(await reachableByWheel(p.page, '#error'), true, 'the whole error sentence can be scrolled into view');
    assert.equal(await reachableByWheel(p.page, '.popup-footer'), true, 'the footer can be scrolled into view');
  });

  void test('at 200 % zoom the Japanese success message and the footer stay reachable', async () => {
    world = await configuredWorld();
    assert.ok((await world.handlers.savePreferences({ startAtLogin: false, warnMinutesBefore: 10, removeExpired: true, language: 'ja' })).ok);
    const p = await open(world, ZOOM_200);
    await p.page.keyboard.type(world.emulator.nextFreshCode(serialOf(world)));
    await p.page.locator('#success').filter({ hasText: 'mfa' }).waitFor();

    assert.equal(await scrollsSideways(p.page), false);
    assert.equal(await reachableByWheel(p.page, '#success'), true, 'the success sentence can be read in full');
    assert.equal(await reachableByWheel(p.page, '.popup-footer'), true, 'the footer can be scrolled into view');
  });

  void test('arrow keys walk the profile list without moving focus; Tab then reaches the code for that profile', async () => {
    world = await withProfiles('work', 'lab');
    const p = await open(world);
    assert.equal(await focusedId(p), 'code');
    await p.page.keyboard.press('Shift+Tab');
    assert.equal(await focusedId(p), 'profile');

    const picker = p.page.locator('#profile');
    await p.page.keyboard.press('ArrowDown');
    assert.equal(await picker.inputValue(), 'work');
    assert.equal(await focusedId(p), 'profile', 'focus stays on the list after one step');
    await p.page.keyboard.press('ArrowDown');
    assert.equal(await picker.inputValue(), 'lab');
    assert.equal(await focusedId(p), 'profile', 'and after two');
    await p.page.keyboard.press('ArrowUp');
    assert.equal(await picker.inputValue(), 'work');
    assert.equal(await focusedId(p), 'profile');
    assert.match((await p.page.locator('#session').textContent()) ?? '', /^work-mfa:/, 'the footer follows the choice');

    await p.page.keyboard.press('Tab');
    assert.equal(await focusedId(p), 'code');
    await p.page.keyboard.type('123456');
    await until('the login was sent', () => logins(p).length === 1);
    assert.deepEqual(logins(p)[0]!.req, { sourceProfile: 'work', code: '123456' });
  });

  void test('while waiting for AWS the code field keeps focus (read-only, not disabled); after success focus stays there', async () => {
    world = await configuredWorld();
    const p = await open(world);
    const code = p.page.locator('#code');
    const release = p.hold('login');
    await p.page.keyboard.type(world.emulator.nextFreshCode(serialOf(world)));
    await p.page.locator('#busy').filter({ hasText: 'Getting a session…' }).waitFor();
    assert.equal(await focusedId(p), 'code', 'focus stays on the code field while waiting');
    assert.equal(await code.isDisabled(), false, 'not disabled (a disabled field drops focus)');
    assert.equal(await code.evaluate((el: HTMLInputElement) => el.readOnly), true, 'read-only while waiting');
    await p.page.keyboard.type('9');
    assert.equal(logins(p).length, 1, 'typing while waiting sends nothing more');

    release();
    await p.page.locator('#success').filter({ hasText: 'ready' }).waitFor();
    assert.equal(await focusedId(p), 'code', 'after success focus is still on the field, not on <body>');
    assert.equal(await code.evaluate((el: HTMLInputElement) => el.readOnly), true, 'and it stays read-only until the popup is shown again');
    assert.equal(await p.page.locator('#busy').textContent(), '', 'the busy text is gone');

    await p.emit('popupShown', { sourceProfile: null });
    await until('field editable again', async () => !(await code.evaluate((el: HTMLInputElement) => el.readOnly)) && (await focusedId(p)) === 'code');
  });

  void test('the error, success and busy regions are in the accessibility tree while empty; busy text is a status', async () => {
    world = await configuredWorld();
    const p = await open(world);
    for (const [sel, role, live] of [
      ['#error', 'alert', 'assertive'],
      ['#success', 'status', 'polite'],
      ['#busy', 'status', 'polite'],
    ] as const) {
      const node = await axNode(p.page, sel);
      assert.equal(node.ignored, false, `${sel} is in the accessibility tree while empty`);
      assert.equal(node.role, role, `${sel} role`);
      assert.equal(node.live, live, `${sel} live`);
    }
    const box = await p.page.locator('#error').boundingBox();
    assert.ok(box && box.width <= 1 && box.height <= 1, `empty regions take no room: ${JSON.stringify(box)}`);

    const release = p.hold('login');
    await p.page.keyboard.type(world.emulator.wrongCode(serialOf(world)));
    await p.page.locator('#busy').filter({ hasText: 'Getting a session…' }).waitFor();
    assert.ok(((await p.page.locator('#busy').boundingBox())?.height ?? 0) > 5, 'the busy text is shown');
    const busy = await axNode(p.page, '#busy');
    assert.equal(busy.role, 'status');
    assert.equal(busy.name === '' || busy.name === 'Getting a session…', true);
    // aria-busy on an ancestor tells screen readers to hold back announcements inside it.
    assert.equal(await p.page.locator('[aria-busy="true"] #busy, [aria-busy="true"] #error, [aria-busy="true"] #success').count(), 0);
    release();
    await p.page.locator('#error').filter({ hasText: /\w/ }).waitFor();
    assert.equal(await p.page.locator('#busy').textContent(), '');
  });

  void test('a refused code sets aria-invalid until the next edit; 7 or 8 digits are refused, not cut to six', async () => {
    world = await configuredWorld();
    const p = await open(world);
    const code = p.page.locator('#code');
    assert.notEqual(await code.getAttribute('aria-invalid'), 'true');

    // Refused by AWS.
    await p.page.keyboard.type(world.emulator.wrongCode(serialOf(world)));
    await p.page.locator('#error').filter({ hasText: /\w/ }).waitFor();
    assert.equal(await code.getAttribute('aria-invalid'), 'true', 'after a refused code');
    await p.page.keyboard.type('1');
    assert.equal(await code.getAttribute('aria-invalid'), 'false', 'cleared by the next edit');

    // Refused here: too short on Enter.
    await p.page.keyboard.press('Enter');
    await p.page.locator('#error').filter({ hasText: '6 digits' }).waitFor();
    assert.equal(await code.getAttribute('aria-invalid'), 'true');

    // Seven and eight pasted digits: nothing is sent, the digits stay to be corrected.
    for (const pasted of ['1234567', '12345678', '123 456 78']) {
      await code.fill('');
      await code.focus();
      await p.page.keyboard.insertText(pasted);
      await p.page.locator('#error').filter({ hasText: '6 digits' }).waitFor();
      assert.equal(await code.getAttribute('aria-invalid'), 'true', pasted);
      assert.equal(await code.inputValue(), pasted.replace(/\D/g, ''), `${pasted}: the digits are kept, not cut`);
      await p.page.keyboard.press('Enter');
      assert.equal(logins(p).length, 1, `${pasted}: nothing sent`);
    }
  });

  void test('spaces, dashes, full-width digits and non-breaking spaces are still accepted as six digits', async () => {
    world = await configuredWorld();
    const p = await open(world);
    const code = p.page.locator('#code');
    const cases = ['123 456', '123-456', '１２３４５６', '123\u00a0456', ' 123456\n'];
    for (const [i, pasted] of cases.entries()) {
      await code.fill('');
      await code.focus();
      await p.page.keyboard.insertText(pasted);
      await until(`login ${i + 1} answered`, () => logins(p).filter((c) => c.reply).length === i + 1);
      assert.deepEqual(logins(p)[i]!.req, { sourceProfile: 'default', code: '123456' }, JSON.stringify(pasted));
      await p.page.locator('#error').filter({ hasText: /\w/ }).waitFor();
    }
  });

  for (const scheme of ['light', 'dark'] as const) {
    void test(`${scheme}: the placeholder has text contrast (4.5:1) and field borders 3:1 against both sides`, async () => {
      world = await withProfiles('work');
      const p = await open(world, { colorScheme: scheme });
      const controls = await assertControlContrast(p.page, 'input[type="text"], select');
      assert.deepEqual(controls.map((c) => c.what).sort(), ['input#code', 'select#profile']);
    });
  }
});
