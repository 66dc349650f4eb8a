/**
 * The settings window in headless Chromium over the real handlers, keychain, STS/IAM emulator and
 * a temp HOME: adding a profile with keys (the secret never comes back), validation, discovery,
 * import from ~/.aws/credentials, preferences, removal, Japanese.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createWorld, type World } from '../helpers/world';
import { rendererSuite, until, type RendererPage } from './harness';

let world: World;
const suite = rendererSuite('settings');
afterEach(async () => {
  await world.close();
});

function open(w: World, opts: Parameters<typeof suite.open>[1] = {}): Promise<RendererPage> {
  return suite.open(w.handlers, opts);
}

/** Every text, attribute and form value in the page, to prove a secret is nowhere in it. */
function pageDump(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.documentElement.outerHTML];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.getAttributeNames()) parts.push(el.getAttribute(a) ?? '');
      if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) parts.push(el.value);
    }
    return parts.join('\n');
  });
}

void describe('settings', () => {
  void test('adds a profile with keys: the secret goes out once, comes back in no reply and stays in no DOM node', async () => {
    world = await createWorld();
    const s = await open(world);
    const { page } = s;
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByLabel('Source profile').fill('default');
    await page.getByLabel('Access key ID').fill(world.user.accessKeyId);
    await page.getByLabel('Secret access key').fill(world.user.secretAccessKey);
    assert.equal(await page.getByLabel('Secret access key').getAttribute('type'), 'password');
    await page.getByLabel('Target profile').fill('mfa');
    await page.getByLabel('hours', { exact: true }).fill('8');
    await page.getByLabel('minutes', { exact: true }).fill('30');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await page.getByRole('status').filter({ hasText: 'Saved default.' }).waitFor();
    const item = page.locator('#profile-list li');
    assert.equal(await item.count(), 1);
    const masked = `${world.user.accessKeyId.slice(0, 4)}…${world.user.accessKeyId.slice(-4)}`;
    assert.match((await item.textContent()) ?? '', new RegExp(`Keys in keychain: ${masked}`));

    const saves = s.calls.filter((c) => c.channel === 'saveProfile');
    assert.equal(saves.length, 1, 'the secret was sent exactly once');
    assert.deepEqual(saves[0]!.req, {
      original: null,
      entry: { sourceProfile: 'default', target: 'mfa', durationSeconds: 8 * 3600 + 30 * 60 },
      accessKeyId: world.user.accessKeyId,
      secretAccessKey: world.user.secretAccessKey,
    });
    const replies = JSON.stringify(s.calls.map((c) => c.reply));
    assert.ok(!replies.includes(world.user.secretAccessKey), 'no reply carries the secret');
    assert.ok(!replies.includes(world.user.accessKeyId), 'replies only carry the masked key ID');
    assert.ok(!(await pageDump(page)).includes(world.user.secretAccessKey), 'the secret is in no DOM node, attribute or value');

    assert.deepEqual(await world.keychain.get('default'), { accessKeyId: world.user.accessKeyId, secretAccessKey: world.user.secretAccessKey });
    assert.ok(!(world.credentialsText() ?? '').includes(world.user.secretAccessKey), 'no plaintext long-term secret in the file');
    assert.deepEqual(world.settings.read().profiles, [{ sourceProfile: 'default', target: 'mfa', durationSeconds: 30600 }]);
  });

  void test('client-side validation shows sentences next to the fields and sends nothing', async () => {
    world = await createWorld();
    const { page, calls } = await open(world);
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByLabel('Source profile').fill('my profile');
    await page.getByLabel('Access key ID').fill('ASIAIOSFODNN7EXAMPLE');
    await page.getByLabel('Secret access key').fill('short');
    await page.getByLabel('MFA device (serial or ARN)').fill('arn:aws:iam::123456789012:u2f/user/alice/key');
    await page.getByLabel('minutes', { exact: true }).fill('10');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await page.locator('#source-error').filter({ hasText: 'letters, digits' }).waitFor();
    assert.match((await page.locator('#access-key-error').textContent()) ?? '', /starts with ASIA/);
    assert.match((await page.locator('#secret-error').textContent()) ?? '', /40-character/);
    assert.match((await page.locator('#serial-error').textContent()) ?? '', /FIDO security key/);
    assert.match((await page.locator('#duration-error').textContent()) ?? '', /from 15 minutes to 36 hours/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'source', 'focus goes to the first bad field');
    assert.equal(calls.filter((c) => c.channel === 'saveProfile').length, 0);
  });

  void test('Discover fills the only device, and offers a choice when there are several (FIDO keys disabled)', async () => {
    world = await createWorld({ devices: [{ kind: 'virtual' }, { kind: 'u2f' }, { kind: 'virtual' }] });
    await world.storeKeys('default');
    assert.ok((await world.handlers.saveProfile({ original: null, entry: { sourceProfile: 'default', target: 'mfa' } })).ok);
    const { page } = await open(world);
    await page.getByRole('button', { name: 'Edit default' }).click();
    await page.getByRole('button', { name: 'Discover' }).click();

    const radio = (serial: string) => page.locator(`input[type="radio"][value="${serial}"]`);
    const choices = page.getByRole('radio');
    await choices.first().waitFor();
    assert.equal(await choices.count(), 3);
    const [virtual0, u2f, virtual1] = world.user.devices;
    assert.equal(await radio(u2f!.serial).isDisabled(), true);
    assert.match((await page.locator('#devices').textContent()) ?? '', /AWS STS cannot take its codes/);
    assert.equal(await radio(virtual0!.serial).isEnabled(), true);
    await radio(virtual1!.serial).check();
    assert.equal(await page.getByLabel('MFA device (serial or ARN)').inputValue(), virtual1!.serial);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved default.' }).waitFor();
    assert.equal(world.settings.read().profiles[0]!.serial, virtual1!.serial);
  });

  void test('Discover with a single virtual device fills it in', async () => {
    world = await createWorld();
    await world.storeKeys('default');
    assert.ok((await world.handlers.saveProfile({ original: null, entry: { sourceProfile: 'default', target: 'mfa' } })).ok);
    const { page } = await open(world);
    await page.getByRole('button', { name: 'Edit default' }).click();
    await page.getByRole('button', { name: 'Discover' }).click();
    const serial = world.user.devices[0]!.serial;
    await page.locator('#discover-status').filter({ hasText: serial }).waitFor();
    assert.equal(await page.getByLabel('MFA device (serial or ARN)').inputValue(), serial);
    assert.equal(await page.getByRole('radio').count(), 0);
  });

  void test('imports plaintext keys from ~/.aws/credentials into the keychain', async () => {
    world = await createWorld();
    const other = '[other]\nregion = eu-west-1\n';
    world.writeCredentials(`[default]\naws_access_key_id = ${world.user.accessKeyId}\naws_secret_access_key = ${world.user.secretAccessKey}\n\n${other}`);
    const { page } = await open(world);
    await page.getByText('Keys found in ~/.aws/credentials').waitFor();
    await page.getByRole('button', { name: 'Import default' }).click();

    await page.getByRole('status').filter({ hasText: 'Moved the keys of default into the keychain.' }).waitFor();
    assert.equal(await page.locator('#importable').isVisible(), false);
    assert.equal(await page.locator('#profile-list li').count(), 1);
    assert.equal(await page.getByRole('heading', { name: 'Edit default' }).isVisible(), true, 'the editor opens to finish the profile');
    assert.deepEqual(await world.keychain.get('default'), { accessKeyId: world.user.accessKeyId, secretAccessKey: world.user.secretAccessKey });
    const text = world.credentialsText() ?? '';
    assert.ok(!text.includes(world.user.secretAccessKey) && !text.includes(world.user.accessKeyId), 'the plaintext keys left the file');
    assert.ok(text.includes(other), 'the rest of the file is untouched');
  });

  void test('preferences are saved, the page switches to Japanese, and a bad warning time is refused inline', async () => {
    world = await createWorld();
    const { page, calls } = await open(world);
    const prefs = world.settings.read().preferences;
    assert.equal(await page.getByLabel('Remove expired sessions from ~/.aws/credentials').isChecked(), prefs.removeExpired);
    assert.equal(await page.getByLabel('minutes before').inputValue(), String(prefs.warnMinutesBefore));

    await page.getByLabel('minutes before').fill('1000');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.locator('#warn-error').filter({ hasText: '0 to 720' }).waitFor();
    assert.equal(calls.filter((c) => c.channel === 'savePreferences').length, 0);

    await page.getByLabel('minutes before').fill('5');
    await page.getByLabel('Start at login').setChecked(!prefs.startAtLogin);
    await page.getByLabel('Remove expired sessions from ~/.aws/credentials').uncheck();
    await page.getByLabel('Language').selectOption('ja');
    await page.getByRole('button', { name: 'Save preferences' }).click();

    await page.getByRole('status').filter({ hasText: '環境設定を保存しました。' }).waitFor();
    assert.deepEqual(world.settings.read().preferences, {
      startAtLogin: !prefs.startAtLogin,
      warnMinutesBefore: 5,
      removeExpired: false,
      language: 'ja',
    });
    assert.equal(await page.getByRole('heading', { name: 'プロファイル', exact: true }).isVisible(), true);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');

    // Validation sentences follow the language too.
    await page.getByRole('button', { name: 'プロファイルを追加' }).click();
    await page.getByLabel('ソースプロファイル').fill('bad name');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.locator('#source-error').filter({ hasText: 'ソースプロファイル名は英数字' }).waitFor();
  });

  void test('removing a profile asks first, then deletes it and its keys', async () => {
    world = await createWorld();
    await world.storeKeys('default');
    assert.ok((await world.handlers.saveProfile({ original: null, entry: { sourceProfile: 'default', target: 'mfa' } })).ok);
    const { page } = await open(world, { colorScheme: 'dark' });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await page.getByRole('button', { name: 'Remove default' }).click();
    await page.getByRole('status').filter({ hasText: 'Removed default.' }).waitFor();
    assert.deepEqual(dialogs, ['Remove default? Its keys are deleted from the keychain.']);
    assert.equal(await page.getByText('No profile yet.').isVisible(), true);
    assert.deepEqual(world.settings.read().profiles, []);
    await until('keys gone from the keychain', async () => (await world.keychain.get('default')) === null);
  });
});
