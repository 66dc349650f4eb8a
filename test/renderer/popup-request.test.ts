/**
 * The popup opened by a command's code request (credential_process, exec, login), in headless
 * Chromium over the real IPC handlers, broker, keychain and emulator: it names who asks, focuses
 * the code field, answers every waiting command with the session, and Esc cancels with one sentence.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { RenewBroker } from '../../main/core/renew/broker';
import { withRenewRequests } from '../../main/renewal-agent/renew-requests';
import { createWorld, type World } from '../helpers/world';
import { axeViolations } from './a11y';
import { rendererSuite, until, type RendererPage } from './harness';
import { hhmm, terraformRequest as request } from './fixtures';

let world: World;
const suite = rendererSuite('popup');
afterEach(async () => {
  await world.close();
});

const focusedId = (p: RendererPage): Promise<string> => p.page.evaluate(() => document.activeElement?.id ?? '');

async function setup(opts: { configure: boolean; language?: 'ja' }) {
  world = await createWorld();
  await world.storeKeys('default');
  if (opts.configure) {
    const r = await world.handlers.saveProfile({ original: null, entry: { sourceProfile: 'default', target: 'mfa', serial: world.user.devices[0]!.serial } });
    assert.ok(r.ok);
  } else {
    world.writeConfig(`[default]\nmfa_serial = ${world.user.devices[0]!.serial}\n`);
  }
  if (opts.language) await world.handlers.savePreferences({ startAtLogin: false, warnMinutesBefore: 10, removeExpired: true, language: opts.language });
  const shown: unknown[] = [];
  const broker = new RenewBroker({
    login: (req) => world.service.loginWithSession(req),
    precheck: (req) => world.service.preflight(req.profile, req.target),
    show: (v) => shown.push(v),
    hide: () => undefined,
    notice: () => undefined,
  });
  const handlers = withRenewRequests(world.handlers, broker, { onStateChanged: () => undefined, locale: () => opts.language ?? 'en' });
  const p = await suite.open(handlers);
  await p.page.locator('body:not([data-loading])').waitFor();
  return { p, broker, shown };
}

void describe('popup opened by a request', () => {
  void test('names who asks, focuses the code, and answers every waiting command with one login', async () => {
    const { p, broker } = await setup({ configure: true });
    const gone = new AbortController().signal;
    const waiting = [broker.handle(request('default', 'mfa'), gone), broker.handle(request('default', 'mfa'), gone)];
    await until('the request is pending', () => broker.shown()?.callers === 2);
    await p.page.locator('#settings').focus();
    await p.emit('popupShown', { sourceProfile: 'default', request: broker.shown()! });
    const asks = p.page.locator('#request');
    await asks.filter({ hasText: 'terraform' }).waitFor();
    assert.equal(await asks.textContent(), `credential_process for profile mfa, run by terraform is waiting for this code until ${hhmm(broker.shown()!.expiresAt)} (Esc cancels it).`);
    assert.equal(await asks.getAttribute('role'), 'status');
    await until('the code field has focus', async () => (await focusedId(p)) === 'code');
    for (const colorScheme of ['light', 'dark'] as const) {
      await p.page.emulateMedia({ colorScheme });
      assert.deepEqual(await axeViolations(p.page), [], `axe, ${colorScheme}`);
    }

    const sessions = () => world.emulator.requests.filter((r) => r.action === 'GetSessionToken').length;
    const before = sessions();
    await p.page.keyboard.type(world.emulator.nextFreshCode(world.user.devices[0]!.serial));
    await p.page.locator('#success').filter({ hasText: 'mfa' }).waitFor();
    const [a, b] = await Promise.all(waiting);
    assert.deepEqual(a, b);
    assert.ok(a!.ok && a!.credentials?.AccessKeyId.startsWith('ASIA'));
    assert.equal(sessions(), before + 1, 'one STS call for both');
    assert.ok(!JSON.stringify(p.calls).includes(a!.ok ? a!.credentials!.SecretAccessKey : 'x'), 'the session secret never reaches the page');
    assert.equal(await asks.textContent(), '', 'answered: the line is gone (kept in the tree, empty, for the next request)');
  });

  for (const language of [undefined, 'ja'] as const) {
    void test(`Windows kept the keyboard elsewhere (clickToType): a live line says to click the window (${language ?? 'en'}), and goes once it has the focus`, async () => {
      const { p, broker } = await setup({ configure: true, language });
      const waiting = broker.handle(request('default', 'mfa'), new AbortController().signal);
      await until('the request is pending', () => broker.shown() !== null);
      const line = p.page.locator('#click-to-type');
      assert.equal(await line.textContent(), '', 'empty before (kept in the tree, so it is announced when filled)');
      await p.emit('popupShown', { sourceProfile: 'default', request: broker.shown()!, clickToType: true });
      const words = language === 'ja'
        ? 'Windows がキーボードを別のウィンドウに残しました。このウィンドウをクリックしてからコードを入力してください。'
        : 'Windows kept the keyboard in the other window: click this window, then type the code.';
      await line.filter({ hasText: words }).waitFor();
      assert.equal(await line.getAttribute('role'), 'status');
      assert.deepEqual(await axeViolations(p.page), [], `axe, ${language ?? 'en'}`);
      // The user clicks the window: it has the keyboard, the line has done its job.
      await p.page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await until('the line is gone', async () => (await line.textContent()) === '');
      // Shown again with the focus (no clickToType): nothing to say.
      await p.emit('popupShown', { sourceProfile: 'default', request: broker.shown()! });
      assert.equal(await line.textContent(), '');
      broker.cancel(broker.shown()!.id);
      await waiting;
    });
  }

  void test('a profile that is not configured in the app (keys from the CLI) is offered with the target the command needs', async () => {
    const { p, broker } = await setup({ configure: false });
    const waiting = broker.handle(request('default', 'mfa'), new AbortController().signal);
    await until('the request is pending', () => broker.shown() !== null);
    await p.emit('popupShown', { sourceProfile: 'default', request: broker.shown()! });
    await p.page.locator('#single-profile').filter({ hasText: 'default → mfa' }).waitFor();
    await p.page.keyboard.type(world.emulator.nextFreshCode(world.user.devices[0]!.serial));
    const reply = await waiting;
    assert.ok(reply.ok && reply.login?.target === 'mfa');
  });

  void test('Esc cancels the request: the waiting commands get one sentence; in Japanese the line is Japanese', async () => {
    const { p, broker } = await setup({ configure: true, language: 'ja' });
    const waiting = broker.handle(request('default', 'mfa'), new AbortController().signal);
    await until('the request is pending', () => broker.shown() !== null);
    const id = broker.shown()!.id;
    await p.emit('popupShown', { sourceProfile: 'default', request: broker.shown()! });
    await p.page.locator('#request').filter({ hasText: 'terraform' }).waitFor();
    assert.equal(
      await p.page.locator('#request').textContent(),
      `terraform が実行したプロファイル mfa の credential_process がこのコードを ${hhmm(broker.shown()!.expiresAt)} まで待っています（Esc で取り消し）。`,
    );
    await p.page.keyboard.press('Escape');
    const reply = await waiting;
    assert.ok(!reply.ok);
    assert.equal(reply.error.code, 'CodeCancelled');
    assert.equal(reply.error.message, 'The MFA code request was cancelled in the tray; run the command again to get a new prompt.');
    assert.deepEqual(p.calls.filter((c) => c.channel === 'hideWindow').map((c) => c.req), [{ cancelRequest: id }]);
    assert.equal(world.ui.hidden, 1);
  });
});
