/**
 * axe-core over every state of both pages, in English and Japanese, light and dark, at 100 % and
 * at 200 % zoom: no violation of any rule axe runs by default (WCAG 2.x A/AA and best practices).
 * What axe cannot judge (focus order, live regions while empty, reflow, announcements) is in the
 * *-a11y, *-announce and settings-unusable tests.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { Locale } from '../../renderer/i18n';
import { configuredWorld, createWorld, type World } from '../helpers/world';
import { RenewBroker } from '../../main/core/renew/broker';
import { withRenewRequests } from '../../main/renewal-agent/renew-requests';
import { axeViolations } from './a11y';
import { appHandlers, breakSettings, terraformRequest } from './fixtures';
import { pageProblems, rendererSuite, until, type OpenOptions, type RendererPage } from './harness';

let world: World;
const suite = rendererSuite('popup');
afterEach(async () => {
  await world.close();
});

const serialOf = (w: World): string => w.user.devices[0]!.serial;

async function setLanguage(w: World, language: Locale): Promise<void> {
  const r = await w.handlers.savePreferences({ startAtLogin: false, warnMinutesBefore: 10, removeExpired: true, language });
  assert.ok(r.ok);
}

/** Runs axe in light and dark on the page as it is; violations are collected with the state's name. */
async function audit(p: RendererPage, state: string, found: string[]): Promise<void> {
  await p.page.evaluate(() => document.fonts.ready);
  for (const colorScheme of ['light', 'dark'] as const) {
    await p.page.emulateMedia({ colorScheme });
    for (const v of await axeViolations(p.page)) found.push(`${state}, ${colorScheme}: ${v}`);
  }
  await p.page.emulateMedia({ colorScheme: 'light' });
}

/** Pages closed before the end of a test get the same check the suite gives the last one. */
async function closePage(p: RendererPage): Promise<void> {
  assert.deepEqual(await pageProblems(p), [], 'no CSP violation, page error or console error');
  await p.close();
}

async function openAt(page: 'popup' | 'settings', w: World, opts: OpenOptions = {}): Promise<RendererPage> {
  return suite.open(w.handlers, { ...opts, page });
}

for (const language of ['en', 'ja'] as const) {
  void describe(`axe, ${language}`, () => {
    void test(`popup: empty, idle, several profiles, waiting, refused, too long, success, 200 % error (${language})`, async () => {
      const found: string[] = [];
      world = await createWorld();
      await setLanguage(world, language);
      let p = await openAt('popup', world);
      await p.page.locator('#empty-view:not([hidden])').waitFor();
      await audit(p, 'no profile', found);
      await closePage(p);

      await world.close();
      world = await configuredWorld();
      await setLanguage(world, language);
      p = await openAt('popup', world);
      await p.page.locator('#code').waitFor();
      await audit(p, 'one profile', found);
      assert.ok((await world.handlers.saveProfile({ original: null, entry: { sourceProfile: 'work', target: 'work-mfa' } })).ok);
      await p.emit('stateChanged', null);
      await p.page.locator('#profile-row:not([hidden])').waitFor();
      await audit(p, 'several profiles', found);

      const release = p.hold('login');
      await p.page.keyboard.type(world.emulator.wrongCode(serialOf(world)));
      await p.page.locator('#login-view[data-busy]').waitFor();
      await audit(p, 'waiting', found);
      release();
      await p.page.locator('#error').filter({ hasText: /\S/ }).waitFor();
      await audit(p, 'refused code', found);

      await p.page.keyboard.insertText('1234567');
      await until('too-long error', async () => (await p.page.locator('#code').getAttribute('aria-invalid')) === 'true');
      await audit(p, 'seven digits', found);

      await p.page.locator('#code').fill('');
      await p.page.keyboard.type(world.emulator.nextFreshCode(serialOf(world)));
      await p.page.locator('#success').filter({ hasText: 'mfa' }).waitFor();
      await audit(p, 'success', found);
      await closePage(p);

      p = await openAt('popup', world, { viewport: { width: 180, height: 220 }, deviceScaleFactor: 2 });
      await p.page.locator('#code').waitFor();
      await p.page.keyboard.type(world.emulator.wrongCode(serialOf(world)));
      await p.page.locator('#error').filter({ hasText: /\S/ }).waitFor();
      await audit(p, '200 % refused code', found);

      assert.deepEqual(found, []);
    });

    void test(`settings: first run, list and import offer, editor, field errors, device choice, saved (${language})`, async () => {
      const found: string[] = [];
      world = await createWorld({ devices: [{ kind: 'virtual' }, { kind: 'u2f' }, { kind: 'virtual' }] });
      await setLanguage(world, language);
      const p = await openAt('settings', world);
      const { page } = p;
      await audit(p, 'first run', found);

      await world.storeKeys('default');
      assert.ok((await world.handlers.saveProfile({ original: null, entry: { sourceProfile: 'default', target: 'mfa' } })).ok);
      world.writeCredentials('[legacy]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
      await p.emit('stateChanged', null);
      await page.locator('#importable:not([hidden])').waitFor();
      await audit(p, 'list and import offer', found);

      await page.locator('#add-profile').click();
      await page.locator('#editor:not([hidden])').waitFor();
      await audit(p, 'add editor', found);
      await page.locator('#source').fill('bad name');
      await page.locator('#access-key-id').fill('ASIAIOSFODNN7EXAMPLE');
      await page.locator('#minutes').fill('10');
      await page.locator('#save').click();
      await page.locator('#source-error').filter({ hasText: /\S/ }).waitFor();
      await audit(p, 'field errors', found);
      await page.keyboard.press('Escape');

      await page.locator('[data-focus-key="edit:default"]').click();
      await page.locator('#discover').click();
      await page.locator('#devices input[type="radio"]').first().waitFor();
      await audit(p, 'device choice', found);
      await page.locator('#devices input[type="radio"]:not(:disabled)').first().check();
      await page.locator('#save').click();
      await page.locator('#status').filter({ hasText: /\S/ }).waitFor();
      await audit(p, 'saved', found);

      assert.deepEqual(found, []);
    });

    void test(`issue 22's states: settings file unusable (both windows), a request with its warning, a long name in full, feedback beside its control (${language})`, async () => {
      const found: string[] = [];
      world = await createWorld();
      breakSettings(world);
      for (const page of ['popup', 'settings'] as const) {
        const p = await suite.open(appHandlers(world, language), { page });
        await p.page.locator('#problem:not(:empty)').waitFor();
        await audit(p, `${page}: settings file unusable`, found);
        await closePage(p);
      }
      await world.close();

      world = await configuredWorld();
      await setLanguage(world, language);
      const long = 'source_profile_name_using_sixty_of_the_allowed_characters_ok';
      assert.ok((await world.handlers.saveProfile({ original: null, entry: { sourceProfile: long, target: 'long-mfa' } })).ok);
      const broker = new RenewBroker({ login: (req) => world.service.loginWithSession(req), show: () => undefined, hide: () => undefined, notice: () => undefined });
      const gone = new AbortController();
      void broker.handle(terraformRequest('default', 'mfa'), gone.signal);
      await until('the request is pending', () => broker.shown() !== null);
      let p = await suite.open(withRenewRequests(world.handlers, broker, { onStateChanged: () => undefined, locale: () => language }), { page: 'popup' });
      await p.emit('popupShown', { sourceProfile: 'default', request: { ...broker.shown()!, expiresAt: Date.now() + 30_000 } });
      await p.page.locator('#request-warning:not(:empty)').waitFor();
      await audit(p, 'request with its warning', found);
      await p.page.locator('#profile').selectOption(long);
      await p.page.locator('#profile-full:not([hidden])').waitFor();
      await audit(p, 'long name in full', found);
      await closePage(p);
      gone.abort();

      p = await suite.open(world.handlers, { page: 'settings' });
      await p.page.locator('#warn-minutes').fill('9999');
      await p.page.locator('#warn-minutes').press('Enter');
      await p.page.locator('#warn-minutes[aria-invalid="true"]').waitFor();
      await audit(p, 'preference refused (aria-invalid)', found);
      await p.page.locator('#warn-minutes').fill('15');
      await p.page.locator('#save-prefs').click();
      await p.page.locator('#prefs-status:not(:empty)').waitFor();
      await audit(p, 'preferences saved, beside the button', found);
      await p.page.locator('[data-focus-key="edit:default"]').click();
      await p.page.locator('#discover').click();
      await p.page.locator('#discover-status:not(:empty)').waitFor();
      await audit(p, 'device found (status beside Discover)', found);

      assert.deepEqual(found, []);
    });
  });
}
