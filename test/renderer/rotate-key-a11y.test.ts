/**
 * Key rotation in the real pages, in headless Chromium over the real handlers (the emulator, the
 * keychain, the rotateKey channel): the settings window's Rotate button and the popup opened by the
 * tray's "Rotate access key…", in each state of the panel (ready, asking for a code, asking about an
 * inactive second key, done, refused), each checked with axe. No reply carries a secret.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { AwsKeyApi } from '../../main/core/keys/key-gateway';
import { currentSession } from '../../main/core/renew/valid-session';
import { createIpcHandlers, type IpcHandlers } from '../../main/ipc/handlers';
import { rotateKeyForApp } from '../../main/ipc/rotate-key';
import { configuredWorld, type World } from '../helpers/world';
import { axeViolations } from './a11y';
import { rendererSuite, until, type RendererPage } from './harness';

let w: World;
let api: AwsKeyApi;
const settingsSuite = rendererSuite('settings');
const popupSuite = rendererSuite('popup');
afterEach(async () => {
  api.destroy();
  await w.close();
});

async function world(withSession: boolean): Promise<IpcHandlers> {
  w = await configuredWorld();
  api = new AwsKeyApi({ env: w.env, timeoutMs: 3000 });
  if (withSession) {
    await w.service.login({ profile: 'default', code: w.emulator.nextFreshCode(w.user.devices[0]!.serial) });
    await w.service.flush();
  }
  return createIpcHandlers({
    service: w.service,
    settings: w.settings,
    ui: { hideWindow: () => undefined, openSettings: () => undefined, closeSettings: () => undefined, onStateChanged: () => undefined },
    platform: process.platform,
    locale: () => 'en',
    rotateKey: rotateKeyForApp({ paths: w.paths, env: w.env, keychain: w.keychain, settings: w.settings, service: w.service, api: () => new AwsKeyApi({ env: w.env, timeoutMs: 3000 }), locale: () => 'en', onStateChanged: () => undefined }),
  });
}

async function noAxeViolations(p: RendererPage, state: string): Promise<void> {
  assert.deepEqual(await axeViolations(p.page), [], `axe, ${state}`);
}

const text = (p: RendererPage, sel: string) => p.page.locator(sel).innerText();
const focusedId = (p: RendererPage) => p.page.evaluate(() => document.activeElement?.id ?? '');

async function noSecretReached(p: RendererPage): Promise<void> {
  const keys = (await w.keychain.get('default'))!;
  const replies = JSON.stringify(p.calls.map((c) => c.reply));
  assert.ok(!replies.includes(keys.secretAccessKey) && !replies.includes(w.user.secretAccessKey), 'no secret in any reply');
  assert.ok(!replies.includes(keys.accessKeyId), 'key IDs only masked');
}

void describe('key rotation in the renderer', () => {
  void test('settings: Rotate key per profile, the panel, done; focus returns to the button', async () => {
    const p = await settingsSuite.open(await world(true));
    const before = (await w.keychain.get('default'))!;
    const button = p.page.getByRole('button', { name: 'Rotate key default' });
    await button.click();
    await until('panel', async () => (await focusedId(p)) === 'rotate-go');
    assert.equal(await text(p, '#rotate-heading'), 'Rotate the access key of default');
    await noAxeViolations(p, 'panel open');

    await p.page.click('#rotate-go');
    await until('rotated', async () => (await text(p, '#rotate-status')).startsWith('Done:'));
    const after = (await w.keychain.get('default'))!;
    assert.notEqual(after.accessKeyId, before.accessKeyId);
    assert.match(await text(p, '#rotate-status'), /^Done: AKIA…\w{4} is in the keychain and works; the old key AKIA…\w{4} was deleted\. Your current session in profile mfa stays valid until it expires/);
    assert.equal(await focusedId(p), 'rotate-close');
    await noAxeViolations(p, 'rotated');
    await noSecretReached(p);

    await p.page.click('#rotate-close');
    assert.equal(await p.page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label')), 'Rotate key default');
    assert.equal(await p.page.locator('#rotate-host').isHidden(), true);
  });

  void test('settings: no session to reuse asks for the code; an inactive second key is deleted only after a yes', async () => {
    const p = await settingsSuite.open(await world(false));
    // A second key, inactive, as --keep-old leaves it.
    await w.service.login({ profile: 'default', code: w.emulator.nextFreshCode(w.user.devices[0]!.serial) });
    await w.service.flush();
    const s = (await currentSession(w.paths.credentialsFile, 'mfa'))!;
    const session = { accessKeyId: s.AccessKeyId, secretAccessKey: s.SecretAccessKey, sessionToken: s.SessionToken };
    const extra = await api.createAccessKey(session, 'alice', { region: 'us-east-1' });
    await api.updateAccessKey(session, 'alice', extra.accessKeyId, 'Inactive', { region: 'us-east-1' });
    w.writeCredentials('');

    await p.page.getByRole('button', { name: 'Rotate key default' }).click();
    await p.page.click('#rotate-go');
    await until('code asked', async () => (await focusedId(p)) === 'rotate-code');
    assert.equal(await p.page.locator('#rotate-code-row').isVisible(), true);
    await noAxeViolations(p, 'asking for a code');

    await p.page.fill('#rotate-code', '12');
    await p.page.click('#rotate-go');
    assert.equal(await text(p, '#rotate-error'), 'The MFA code is 6 digits (0-9).');
    assert.equal(await p.page.getAttribute('#rotate-code', 'aria-invalid'), 'true');
    await noAxeViolations(p, 'code invalid');

    await p.page.fill('#rotate-code', w.emulator.nextFreshCode(w.user.devices[0]!.serial));
    await p.page.click('#rotate-go');
    await until('asked about the inactive key', async () => (await p.page.locator('#rotate-go').innerText()) === 'Delete it and rotate');
    assert.match(await text(p, '#rotate-error'), /^Your IAM user already has a second access key, AKIA…\w{4}, which is inactive/);
    assert.equal(w.emulator.accessKeysOf('alice').length, 2, 'nothing deleted before the yes');
    await noAxeViolations(p, 'asking about the inactive key');

    await p.page.click('#rotate-go');
    await until('rotated', async () => (await text(p, '#rotate-status')).startsWith('Done:'));
    assert.deepEqual(w.emulator.accessKeysOf('alice').map((k) => k.accessKeyId), [(await w.keychain.get('default'))!.accessKeyId]);
    await noSecretReached(p);
  });

  void test('popup: the tray item opens the panel for the profile; a refusal is one sentence in an alert', async () => {
    const p = await popupSuite.open(await world(true));
    w.user.deny = ['iam:CreateAccessKey'];
    await p.emit('popupShown', { sourceProfile: 'default', rotate: true });
    await until('panel', async () => (await focusedId(p)) === 'rotate-go');
    assert.equal(await p.page.locator('#login-view').isHidden(), true);
    await noAxeViolations(p, 'popup panel');

    await p.page.click('#rotate-go');
    await until('refused', async () => (await text(p, '#rotate-error')) !== '');
    assert.match(await text(p, '#rotate-error'), /^Your IAM user's policy does not allow iam:CreateAccessKey, even with the MFA session/);
    await noAxeViolations(p, 'popup refusal');

    await p.page.click('#rotate-close');
    assert.equal(await p.page.locator('#login-view').isVisible(), true);
    assert.equal(await focusedId(p), 'code');
  });
});
