/**
 * A whole login on Windows' Node: the core's MfaService, the real SDK over HTTP to the local STS/IAM
 * emulator (run on Windows' Node too), the session written to a credentials file at a drive-letter
 * path, then read back by the built CLI's credential-process. The keychain is the lane's in-process
 * stand-in (no Windows keytar here).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { FileSettingsStore } from '../../../main/core/settings';
import { MfaService } from '../../../main/core/session';
import { AwsGateway } from '../../../main/core/sts';
import { startEmulator, type Emulator } from '../../emulator/index';
import { CLI, run, winTest, winWorld } from '../support/lane';
import { MemoryKeychain } from '../support/memory-keychain';

let emu: Emulator;
before(async () => {
  emu = await startEmulator();
});
after(() => emu.stop());

winTest('login with an MFA code writes the session to C:\\...\\.aws\\credentials, and the CLI answers credential-process from it', async () => {
  const w = winWorld('login');
  const user = emu.addUser({ userName: 'alice' });
  const serial = user.devices[0]!.serial;
  mkdirSync(path.dirname(w.config), { recursive: true });
  writeFileSync(w.config, `[default]\r\nmfa_serial = ${serial}\r\nregion = eu-west-1\r\n`);
  writeFileSync(w.credentials, '[unrelated]\r\nregion = x\r\n');
  const env: NodeJS.ProcessEnv = { ...w.env, AWS_ENDPOINT_URL_STS: emu.url, AWS_ENDPOINT_URL_IAM: emu.url };
  delete env.AWS_ENDPOINT_URL;
  const keychain = new MemoryKeychain();
  await keychain.set('default', { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey });
  const service = new MfaService({
    paths: { credentialsFile: w.credentials, configFile: w.config, settingsDir: w.settings },
    keychain,
    aws: new AwsGateway({ env, timeoutMs: 5000 }),
    settings: new FileSettingsStore(w.settings),
    env,
  });
  const result = await service.login({ profile: 'default', code: emu.nextFreshCode(serial) });
  assert.equal(result.target, 'mfa');
  const text = readFileSync(w.credentials, 'utf8');
  assert.ok(text.startsWith('[unrelated]\r\nregion = x\r\n'), 'the bytes before the session changed');
  assert.match(text, /\[mfa\]\r?\naws_access_key_id = ASIA/);
  assert.ok(!text.includes(user.secretAccessKey), 'the long-term secret reached the file');

  const r = await run(process.execPath, [CLI, 'credential-process', 'mfa'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match((JSON.parse(r.stdout) as { AccessKeyId: string }).AccessKeyId, /^ASIA/);
});

winTest('the npm CLI on Windows without a Windows keytar binary: keys list says the keychain module could not be loaded, and why, in one sentence, exit 1', async () => {
  const w = winWorld('nokeytar');
  const r = await run(process.execPath, [CLI, 'keys', 'list'], w.env);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
  // The checkout's keytar.node is a Linux ELF file: Windows' loader refuses it (a real failed load, as after a bad unpack).
  assert.match(r.stderr, /^The keychain module \(keytar\) could not be loaded \(.+\); reinstall aws-mfa-tray, then try again\.\r?\n$/);
  assert.doesNotMatch(r.stderr, /unlock/);
  assert.equal(r.stderr.trim().split(/\r?\n/).length, 1, r.stderr);
});
