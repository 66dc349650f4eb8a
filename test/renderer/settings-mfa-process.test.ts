/**
 * The code command (mfa_process) in the settings editor, in headless Chromium over the real
 * handlers: kept in the settings, written into ~/.aws/config only when the box is ticked, the
 * config file's own command named when there is one, bad input refused beside the field.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { configuredWorld, type World } from '../helpers/world';
import { rendererSuite, until } from './harness';

let world: World;
const suite = rendererSuite('settings');
afterEach(async () => {
  await world.close();
});

const cmd = 'ykman oath accounts code --single "AWS:alice"';

void describe('settings: code command', () => {
  void test('kept in the settings; the config file untouched unless the box is ticked', async () => {
    world = await configuredWorld();
    world.writeConfig('# mine\n[default]\nregion = eu-west-1\n');
    const { page, calls } = await suite.open(world.handlers);
    await page.getByRole('button', { name: /Edit/ }).first().click();
    const field = page.getByLabel('Code command (mfa_process)');
    const box = page.getByLabel('Also write it to ~/.aws/config');
    assert.equal(await box.isDisabled(), true, 'nothing to write yet');
    await field.fill(cmd);
    assert.equal(await box.isDisabled(), false);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved default.' }).waitFor();
    const first = calls.filter((c) => c.channel === 'saveProfile')[0]!.req as { entry: { mfaProcess?: string }; writeMfaProcessToConfig?: boolean };
    assert.equal(first.entry.mfaProcess, cmd);
    assert.equal(first.writeMfaProcessToConfig, undefined);
    assert.equal(world.configText(), '# mine\n[default]\nregion = eu-west-1\n');
    assert.equal(world.settings.read().profiles[0]!.mfaProcess, cmd);

    await page.getByRole('button', { name: /Edit/ }).first().click();
    assert.equal(await field.inputValue(), cmd, 'shown again when editing');
    await box.check();
    const states = calls.filter((c) => c.channel === 'getState').length;
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    // The status line still shows the first save: wait for this one's reply and the state reloaded after it.
    await until('the second save answered', () => calls.filter((c) => c.channel === 'saveProfile' && c.reply).length === 2);
    await until('the state reloaded', () => calls.filter((c) => c.channel === 'getState' && c.reply).length > states);
    assert.equal(world.configText(), `# mine\n[default]\nregion = eu-west-1\nmfa_process = ${cmd}\n`);

    // Now the config file has one: the editor says it is used first.
    await page.getByRole('button', { name: /Edit/ }).first().click();
    await page.locator('#mfa-process-help').filter({ hasText: 'already has one' }).waitFor();
    assert.match((await page.locator('#mfa-process-help').textContent()) ?? '', /is used first: ykman oath accounts code --single "AWS:alice"$/);
  });

  void test('a command too long is refused beside the field; one the config file would cut is refused by main', async () => {
    world = await configuredWorld();
    const { page, calls } = await suite.open(world.handlers);
    await page.getByRole('button', { name: /Edit/ }).first().click();
    await page.getByLabel('Code command (mfa_process)').fill('x'.repeat(1025));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#mfa-process-error').filter({ hasText: 'one line of up to 1024 characters' }).waitFor();
    assert.equal(calls.filter((c) => c.channel === 'saveProfile').length, 0, 'nothing sent');

    await page.getByLabel('Code command (mfa_process)').fill('get-code ; echo');
    await page.getByLabel('Also write it to ~/.aws/config').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#form-error').filter({ hasText: 'would cut this command' }).waitFor();
    assert.equal(world.configText(), null);
    assert.equal(world.settings.read().profiles[0]!.mfaProcess, undefined);
  });
});
