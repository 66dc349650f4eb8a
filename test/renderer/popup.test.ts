/**
 * The popup in headless Chromium, served by the real IPC handlers over a real keychain, the local
 * STS emulator and a temp HOME: typing, pasting, Enter, Esc, wrong codes, success, Japanese.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { invalidCodeError } from '../../main/core/sts-errors';
import { configuredWorld, createWorld, type World } from '../helpers/world';
import { rendererSuite, until, type RendererPage } from './harness';

let world: World;
const suite = rendererSuite('popup');
afterEach(async () => {
  await world.close();
});

const serialOf = (w: World): string => w.user.devices[0]!.serial;

function open(w: World, opts: Parameters<typeof suite.open>[1] = {}): Promise<RendererPage> {
  return suite.open(w.handlers, opts);
}

const focusedId = (p: RendererPage): Promise<string> => p.page.evaluate(() => document.activeElement?.id ?? '');

void describe('popup', () => {
  void test('with no profile it says so and offers Open settings, operable from the keyboard', async () => {
    world = await createWorld();
    const p = await open(world);
    await p.page.getByText('No profile is set up yet').waitFor();
    assert.equal(await p.page.locator('#code').isVisible(), false);
    assert.equal(await focusedId(p), 'open-settings');
    await p.page.keyboard.press('Enter');
    await until('openSettings reached main', () => world.ui.settingsOpened === 1);
  });

  void test('the sixth typed digit logs in, shows target and expiry, writes the session, then hides', async () => {
    world = await configuredWorld();
    const p = await open(world);
    const code = p.page.getByLabel('MFA code');
    await code.waitFor();
    assert.equal(await focusedId(p), 'code', 'the code field is focused on open');
    assert.equal(await p.page.locator('#profile-row').isVisible(), false, 'no picker for a single profile');
    assert.equal(await code.getAttribute('inputmode'), 'numeric');
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');

    await p.page.keyboard.type(world.emulator.nextFreshCode(serialOf(world)));
    const success = p.page.locator('#success');
    await success.filter({ hasText: 'ready' }).waitFor();
    // A 12-hour session started in the afternoon ends tomorrow: then the weekday comes first.
    assert.match((await success.textContent()) ?? '', /^Profile mfa is ready until (?:[A-Z][a-z]{2} )?\d\d:\d\d \((11h 5\d|12h 0)m\)\. This window closes in a few seconds; any key closes it now\.$/);

    const text = world.credentialsText() ?? '';
    assert.match(text, /^\[mfa\]$/m);
    assert.match(text, /^aws_session_token *= *\S+/m);
    assert.ok(!text.includes(world.user.secretAccessKey), 'the long-term secret is not in the file');
    await until('hideWindow called after success', () => world.ui.hidden === 1, 20_000);
  });

  void test('a pasted "123 456" or "123-456" is cleaned and submitted on the sixth digit', async () => {
    world = await configuredWorld();
    const p = await open(world);
    await p.page.locator('#code').waitFor();

    const first = world.emulator.nextFreshCode(serialOf(world));
    await p.page.keyboard.insertText(`${first.slice(0, 3)} ${first.slice(3)}`);
    await p.page.locator('#success').filter({ hasText: 'mfa' }).waitFor();
    const logins = p.calls.filter((c) => c.channel === 'login');
    assert.deepEqual(logins.map((c) => c.req), [{ sourceProfile: 'default', code: first }]);

    await p.emit('popupShown', { sourceProfile: null });
    await until('field ready again', async () => (await p.page.locator('#code').isEditable()) && (await focusedId(p)) === 'code');
    assert.equal(await p.page.locator('#success').textContent(), '', 'popupShown starts clean');

    // Dashed paste with a trailing newline: cleaned to 6 digits, then Enter as well.
    const second = world.emulator.nextFreshCode(serialOf(world));
    await p.page.locator('#code').fill(`${second.slice(0, 3)}-${second.slice(3)}\n`);
    await until('second login answered', () => p.calls.filter((c) => c.channel === 'login' && c.reply).length === 2);
    await p.page.locator('#success').filter({ hasText: 'mfa' }).waitFor();
    assert.equal(await p.page.locator('#code').inputValue(), '', 'field cleared after the login');
    assert.deepEqual(p.calls.filter((c) => c.channel === 'login')[1]!.req, { sourceProfile: 'default', code: second });
  });

  void test('Enter with fewer than 6 digits explains inline without calling main', async () => {
    world = await configuredWorld();
    const p = await open(world);
    await p.page.locator('#code').waitFor();
    await p.page.keyboard.type('12a3');
    assert.equal(await p.page.locator('#code').inputValue(), '123', 'letters are dropped');
    await p.page.keyboard.press('Enter');
    await p.page.locator('#error').filter({ hasText: '6 digits' }).waitFor();
    assert.equal(p.calls.filter((c) => c.channel === 'login').length, 0);
    assert.equal(await focusedId(p), 'code');
  });

  void test('a wrong code shows the core sentence, and the field is cleared, enabled and focused for the next try', async () => {
    world = await configuredWorld();
    const p = await open(world);
    await p.page.locator('#code').waitFor();
    const release = p.hold('login');
    await p.page.keyboard.type(world.emulator.wrongCode(serialOf(world)));
    // While main works: spinner and status text, field read-only (and still focused).
    await p.page.locator('#login-view[data-busy]').waitFor();
    assert.equal(await p.page.locator('#code').evaluate((el: HTMLInputElement) => el.readOnly), true);
    assert.equal(await p.page.locator('.spinner').isVisible(), true);
    assert.equal(await p.page.getByRole('status').filter({ hasText: 'Getting a session…' }).count(), 1);
    release();

    const alert = p.page.locator('#error');
    await alert.filter({ hasText: /\w/ }).waitFor();
    const reply = p.calls.find((c) => c.channel === 'login')!.reply as { ok: boolean; error: { code: string; message: string } };
    assert.equal(reply.ok, false);
    assert.equal(reply.error.code, 'InvalidCode');
    assert.equal(await alert.textContent(), reply.error.message);
    assert.equal(await p.page.locator('#login-view[data-busy]').count(), 0);
    assert.equal(await p.page.locator('#code').inputValue(), '');
    assert.equal(await focusedId(p), 'code');
    assert.equal(world.credentialsText(), null, 'nothing written');

    await p.page.keyboard.type(world.emulator.nextFreshCode(serialOf(world)));
    await p.page.locator('#success').filter({ hasText: 'mfa' }).waitFor();
    assert.equal(await p.page.locator('#error').textContent(), '', 'the old error is gone');
  });

  void test('Esc hides the window', async () => {
    world = await configuredWorld();
    const p = await open(world);
    await p.page.locator('#code').waitFor();
    await p.page.keyboard.press('Escape');
    await until('hideWindow called', () => world.ui.hidden === 1);
  });

  void test('several profiles: a picker, popupShown preselects and refocuses, errors name what to do', async () => {
    world = await configuredWorld();
    const saved = await world.handlers.saveProfile({ original: null, entry: { sourceProfile: 'work', target: 'work-mfa' } });
    assert.ok(saved.ok);
    const p = await open(world, { colorScheme: 'dark' });
    const picker = p.page.getByLabel('Profile');
    await picker.waitFor();
    assert.equal(await picker.inputValue(), 'default');

    await p.page.locator('#settings').focus();
    await p.emit('popupShown', { sourceProfile: 'work' });
    await until('work preselected and code focused', async () => (await picker.inputValue()) === 'work' && (await focusedId(p)) === 'code');

    // `work` has no keys in the keychain: the real handler says so.
    await p.page.keyboard.type('123456');
    const alert = p.page.locator('#error');
    await alert.filter({ hasText: /\w/ }).waitFor();
    const reply = p.calls.find((c) => c.channel === 'login')!.reply as { error: { code: string; message: string } };
    assert.deepEqual(p.calls.find((c) => c.channel === 'login')!.req, { sourceProfile: 'work', code: '123456' });
    assert.equal(reply.error.code, 'NoKeys');
    assert.equal(await alert.textContent(), reply.error.message);
  });

  void test('in Japanese the labels and the error sentence are Japanese', async () => {
    world = await configuredWorld();
    const prefs = await world.handlers.savePreferences({ startAtLogin: false, warnMinutesBefore: 10, removeExpired: true, language: 'ja' });
    assert.ok(prefs.ok);
    const p = await open(world);
    const code = p.page.getByLabel('MFA コード');
    await code.waitFor();
    assert.equal(await p.page.evaluate(() => document.documentElement.lang), 'ja');
    await p.page.keyboard.type(world.emulator.wrongCode(serialOf(world)));
    await p.page.locator('#error').filter({ hasText: /\S/ }).waitFor();
    assert.equal(await p.page.locator('#error').textContent(), invalidCodeError().ja);

    await p.page.keyboard.type(world.emulator.nextFreshCode(serialOf(world)));
    await p.page.locator('#success').filter({ hasText: 'mfa' }).waitFor();
    assert.match((await p.page.locator('#success').textContent()) ?? '', /^プロファイル mfa は \d\d:\d\d(?: \(.\))? まで使えます（残り 1[12]時間\d+分）。このウィンドウは数秒後に閉じます。キーを押すとすぐに閉じます。$/);
  });
});
