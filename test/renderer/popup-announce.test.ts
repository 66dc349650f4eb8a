/**
 * What the popup says to screen-reader and low-vision users beyond what axe checks, in headless
 * Chromium over the real handlers and the real broker: the code field's description (the sixth
 * digit sends; who waits), the request line kept in the tree and rewritten only when its words
 * change, its end time, warning and extension, the result kept up until read or a key, a long
 * profile name shown in full, and the spinner under reduced motion.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { RenewBroker } from '../../main/core/renew/broker';
import { withRenewRequests } from '../../main/renewal-agent/renew-requests';
import { configuredWorld, createWorld, type World } from '../helpers/world';
import { axeViolations, axNode, fullyInView, liveChanges, liveRegionsSaying, scrollsSideways, watchChanges } from './a11y';
import { rendererSuite, until, type RendererPage } from './harness';
import { hhmm, terraformRequest as request } from './fixtures';

let world: World;
const suite = rendererSuite('popup');
afterEach(async () => {
  await world.close();
});

const serialOf = (w: World): string => w.user.devices[0]!.serial;
const focusedId = (p: RendererPage): Promise<string> => p.page.evaluate(() => document.activeElement?.id ?? '');

/** Timers the test fires by hand and a clock it moves: the broker's 5 minutes pass at once. */
function manualTime(start: number) {
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const clock = { now: start };
  return {
    clock,
    timers,
    deps: {
      now: () => clock.now,
      timers: {
        setTimeout: (fn: () => void, ms: number) => {
          const t = { fn, ms, cleared: false };
          timers.push(t);
          return t;
        },
        clearTimeout: (h: unknown) => void ((h as { cleared: boolean } | null) && ((h as { cleared: boolean }).cleared = true)),
      },
    },
  };
}

async function withBroker(timeoutMs: number) {
  world = await createWorld();
  await world.storeKeys('default');
  assert.ok((await world.handlers.saveProfile({ original: null, entry: { sourceProfile: 'default', target: 'mfa', serial: serialOf(world) } })).ok);
  assert.ok((await world.handlers.saveProfile({ original: null, entry: { sourceProfile: 'work', target: 'work-mfa' } })).ok);
  const time = manualTime(Date.now());
  const broker = new RenewBroker({
    login: (req) => world.service.loginWithSession(req),
    show: () => undefined,
    hide: () => undefined,
    notice: () => undefined,
    timeoutMs,
    ...time.deps,
  });
  const p = await suite.open(withRenewRequests(world.handlers, broker, { onStateChanged: () => undefined, locale: () => 'en' }));
  const waiting = broker.handle(request('default', 'mfa'), new AbortController().signal);
  await until('the request is pending', () => broker.shown() !== null);
  await p.emit('popupShown', { sourceProfile: 'default', request: broker.shown()! });
  await p.page.locator('#request').filter({ hasText: 'terraform' }).waitFor();
  return { p, broker, time, waiting };
}

void describe('popup, beyond axe', () => {
  void test('the code field says that the sixth digit sends the code; the result stays up, and a key closes the window', async () => {
    world = await configuredWorld();
    const p = await suite.open(world.handlers);
    await p.page.locator('#code').waitFor();
    assert.match((await axNode(p.page, '#code')).description, /the sixth digit sends the code/);

    await p.page.keyboard.type(world.emulator.nextFreshCode(serialOf(world)));
    await p.page.locator('#success').filter({ hasText: 'ready' }).waitFor();
    assert.match((await p.page.locator('#success').textContent()) ?? '', /This window closes in a few seconds; any key closes it now\.$/, 'the closing is said with the result');
    await p.page.waitForTimeout(2500);
    assert.equal(world.ui.hidden, 0, 'still up 2.5 s after success (it was 1.5 s)');
    await p.page.keyboard.press('Shift');
    assert.equal(world.ui.hidden, 0, 'a modifier alone does not close it');
    await p.page.keyboard.press('Space');
    await until('a key closed the window', () => world.ui.hidden === 1);
    assert.deepEqual(p.calls.filter((c) => c.channel === 'hideWindow').map((c) => c.req), [null]);
  });

  void test('the request line is in the tree while empty, describes the code field, states its end, and is not rewritten by refreshes or arrow keys', async () => {
    const { p, broker } = await withBroker(5 * 60_000);
    const end = broker.shown()!.expiresAt;
    const line = `credential_process for profile mfa, run by terraform is waiting for this code until ${hhmm(end)} (Esc cancels it).`;
    assert.equal(await p.page.locator('#request').textContent(), line);
    const code = await axNode(p.page, '#code');
    assert.ok(code.description.startsWith(line), `the code field's description starts with who waits: ${code.description}`);
    assert.equal(await p.page.locator('#request-warning').textContent(), '', 'no warning with 5 minutes left');

    await watchChanges(p.page, '#request');
    await p.emit('stateChanged', null);
    await until('state refreshed', () => p.calls.filter((c) => c.channel === 'getState').length >= 3);
    await p.page.locator('#profile').focus();
    await p.page.keyboard.press('ArrowDown');
    await p.page.keyboard.press('ArrowUp');
    await p.emit('stateChanged', null);
    await until('state refreshed again', () => p.calls.filter((c) => c.channel === 'getState' && c.reply).length >= 4);
    await p.page.waitForTimeout(200); // the page renders the last reply
    assert.equal(await liveChanges(p.page, '#request'), 0, 'the same words are not written again');

    // Answered: the line empties but stays in the tree for the next request.
    await p.page.locator('#code').focus();
    await p.page.keyboard.type(world.emulator.nextFreshCode(serialOf(world)));
    await p.page.locator('#success').filter({ hasText: 'mfa' }).waitFor();
    const empty = await axNode(p.page, '#request');
    assert.equal(await p.page.locator('#request').textContent(), '');
    assert.equal(empty.ignored, false, 'the empty line is still in the accessibility tree');
    assert.equal(empty.live, 'polite');
  });

  void test('a minute before the command gives up the popup warns, and "Wait 5 more minutes" gives the command its time again', async () => {
    const { p, broker, time, waiting } = await withBroker(5 * 60_000);
    const first = broker.shown()!;
    // The popup opened late: 4½ of the 5 minutes are gone. The warning comes at once.
    await p.emit('popupShown', { sourceProfile: 'default', request: { ...first, expiresAt: Date.now() + 30_000 } });
    const warning = p.page.locator('#request-warning');
    await warning.filter({ hasText: /\S/ }).waitFor();
    assert.match((await warning.textContent()) ?? '', /^The command stops waiting at \d\d:\d\d, in less than a minute: choose "Wait 5 more minutes"/);
    assert.deepEqual(await liveRegionsSaying(p.page, 'stops waiting'), ['#request-warning alert']);
    assert.equal(await focusedId(p), 'code', 'the warning does not take focus from the code');
    for (const colorScheme of ['light', 'dark'] as const) {
      await p.page.emulateMedia({ colorScheme });
      assert.deepEqual(await axeViolations(p.page), [], `axe with the warning, ${colorScheme}`);
    }

    time.clock.now += 10 * 60_000;
    await p.page.keyboard.press('Shift+Tab');
    await p.page.keyboard.press('Shift+Tab');
    assert.equal(await focusedId(p), 'extend', 'the button is two Shift+Tabs from the code (past the profile list)');
    assert.equal(await p.page.locator('#extend').textContent(), 'Wait 5 more minutes');
    await p.page.keyboard.press('Enter');
    const newEnd = time.clock.now + 5 * 60_000;
    await p.page.locator('#request').filter({ hasText: `until ${hhmm(newEnd)}` }).waitFor();
    assert.equal(await warning.textContent(), '', 'the warning is gone');
    assert.equal(broker.shown()!.expiresAt, newEnd);
    assert.deepEqual(
      time.timers.map((t) => t.cleared),
      [true, false],
      'the first limit was cancelled and a new one armed',
    );

    // The new limit runs out: the command is told, once.
    time.timers[1]!.fn();
    const reply = await waiting;
    assert.ok(!reply.ok && reply.error.code === 'CodeTimeout');
    // Extending a request that is over says so.
    const again = await p.page.evaluate((id) => window.mfaTray.extendRequest({ id }), first.id);
    assert.ok(!again.ok && /No command is waiting/.test(again.error.message));
  });

  void test('a 60-character profile name is shown in full under the closed list', async () => {
    world = await configuredWorld();
    const long = 'source_profile_name_using_sixty_of_the_allowed_characters_ok';
    assert.equal(long.length, 60);
    await world.storeKeys(long);
    assert.ok((await world.handlers.saveProfile({ original: null, entry: { sourceProfile: long, target: 'long-mfa' } })).ok);
    const p = await suite.open(world.handlers);
    await p.page.locator('#profile-row:not([hidden])').waitFor();
    assert.equal(await p.page.locator('#profile-full').isVisible(), false, 'a short name fits: nothing more');

    await p.page.locator('#profile').selectOption(long);
    const full = p.page.locator('#profile-full');
    await full.waitFor({ state: 'visible' });
    assert.equal(await full.textContent(), `${long} → long-mfa`);
    assert.equal(await fullyInView(p.page, '#profile-full'), true, 'the whole name can be read');
    assert.equal(await scrollsSideways(p.page), false);
    assert.equal((await axNode(p.page, '#profile')).name, 'Profile', 'the list keeps its label');
  });

  void test('with reduced motion the spinner stands still', async () => {
    world = await configuredWorld();
    const p = await suite.open(world.handlers);
    await p.page.emulateMedia({ reducedMotion: 'reduce' });
    const release = p.hold('login');
    await p.page.locator('#code').focus();
    await p.page.keyboard.type(world.emulator.wrongCode(serialOf(world)));
    await p.page.locator('#login-view[data-busy]').waitFor();
    const spinner = await p.page.locator('.spinner').evaluate((el) => ({ shown: getComputedStyle(el).display !== 'none', running: el.getAnimations().length }));
    assert.deepEqual(spinner, { shown: true, running: 0 });
    release();
    await p.page.locator('#error').filter({ hasText: /\S/ }).waitFor();
  });
});
