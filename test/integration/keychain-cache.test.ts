/**
 * The app remembers keys it read from the keychain; when the CLI replaces them meanwhile, the next
 * login is rejected by AWS, the app asks the keychain again and succeeds with the new keys, with
 * the same MFA code (a rejected signature does not spend it).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../main/core/errors';
import { CachingKeychain } from '../../main/core/keychain';
import { MfaService } from '../../main/core/session';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite();

test('keys replaced by the CLI are picked up on the next login', async () => {
  const serial = w.serial;
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n`);
  const keychain = new CachingKeychain(w.keychain);
  const app = new MfaService({ paths: w.paths, keychain, aws: w.aws, settings: w.settings, env: w.env });

  await w.keychain.set('default', { accessKeyId: w.user.accessKeyId, secretAccessKey: 'W'.repeat(40) });
  await assert.rejects(app.login({ profile: 'default', code: w.emulator.nextFreshCode(serial) }), (e: unknown) => e instanceof UserError && e.code === 'WrongSecret');
  const requestsBefore = w.emulator.requests.length;

  const set = await runCli(w.env, ['keys', 'set', 'default', '--access-key-id', w.user.accessKeyId], `${w.user.secretAccessKey}\n`);
  assert.equal(set.code, 0, set.stderr);
  const code = w.emulator.nextFreshCode(serial);
  const r = await app.login({ profile: 'default', code });
  assert.equal(r.target, 'mfa');
  assert.equal(w.emulator.requests.length - requestsBefore, 2, 'one rejected try with the remembered keys, one with the new keys');

  // Now remembered: the next login asks the OS keychain nothing, and still works.
  w.keychain.get = () => Promise.reject(new Error('the OS keychain should not be asked'));
  const again = await app.login({ profile: 'default', code: w.emulator.nextFreshCode(serial) });
  assert.equal(again.target, 'mfa');
});
