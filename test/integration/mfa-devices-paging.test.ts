/** ListMFADevices is paged by IAM (MaxItems 100, Marker): discovery reads every page. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AwsGateway } from '../../main/core/sts';
import { startEmulator, type Emulator, type EmulatorUser } from '../emulator/index';

let emu: Emulator;
let many: EmulatorUser;
before(async () => {
  emu = await startEmulator();
  many = emu.addUser({
    userName: 'many',
    accountId: '123456789012',
    devices: Array.from({ length: 150 }, (_, i) => ({ kind: i === 149 ? ('u2f' as const) : ('virtual' as const), serial: i === 149 ? 'arn:aws:iam::123456789012:u2f/user/many/key-ABCDEFGHIJKLMNOP' : `arn:aws:iam::123456789012:mfa/many-${i}` })),
  });
});
after(() => emu.stop());

test('150 devices come back complete, in order, over two pages', async () => {
  const gw = new AwsGateway({ env: { AWS_ENDPOINT_URL_IAM: emu.url } });
  const before = emu.requests.length;
  const devices = await gw.listMfaDevices({ accessKeyId: many.accessKeyId, secretAccessKey: many.secretAccessKey }, 'us-east-1');
  assert.equal(devices.length, 150);
  assert.equal(devices[0]?.serial, 'arn:aws:iam::123456789012:mfa/many-0');
  assert.equal(devices[148]?.serial, 'arn:aws:iam::123456789012:mfa/many-148');
  assert.equal(devices[149]?.kind, 'u2f');
  assert.equal(emu.requests.length - before, 2, 'two pages');
  gw.destroy();
});
