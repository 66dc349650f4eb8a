/**
 * Key rotation end to end in core: the real SDK against the emulator (which enforces the seed
 * policy: only the MFA session may manage keys), the real keychain, real files in a temp HOME.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Keychain } from '../../main/core/keychain';
import { KeyAgeStore } from '../../main/core/keys/key-age';
import { AwsKeyApi } from '../../main/core/keys/key-gateway';
import { rotate, type RotateDeps, type RotateOptions } from '../../main/core/keys/rotate';
import { journalFile } from '../../main/core/keys/rotation-journal';
import { rotationDeps } from '../../main/core/keys/rotation-session';
import { currentSession } from '../../main/core/renew/valid-session';
import type { Sentence } from '../../main/core/errors';
import { configuredWorld, type World } from '../helpers/world';

let w: World;
let api: AwsKeyApi;
const told: Sentence[] = [];
let renewals = 0;

function deps(over: Partial<RotateDeps> & { keychain?: Keychain } = {}): RotateDeps {
  const base = rotationDeps({
    paths: w.paths,
    env: w.env,
    keychain: over.keychain ?? w.keychain,
    settings: w.settings,
    service: w.service,
    api,
    renew: async (req) => {
      renewals++;
      return w.service.loginWithSession({ profile: req.profile, target: req.target, code: w.emulator.nextFreshCode(w.user.devices[0]!.serial) });
    },
  });
  return { ...base, tell: (s) => told.push(s), ...over };
}

const run = (opts: RotateOptions = {}, over: Partial<RotateDeps> = {}) => rotate('default', opts, deps(over));
const keysAtAws = () => w.emulator.accessKeysOf('alice');
const stored = async () => (await w.keychain.get('default'))!;

async function identityOf(creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<string | undefined> {
  const c = new STSClient({ region: 'us-east-1', endpoint: w.emulator.url, credentials: creds, maxAttempts: 1 });
  try {
    return (await c.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    c.destroy();
  }
}

async function login(): Promise<void> {
  await w.service.login({ profile: 'default', code: w.emulator.nextFreshCode(w.user.devices[0]!.serial) });
  await w.service.flush();
}

before(async () => {
  w = await configuredWorld();
  api = new AwsKeyApi({ env: w.env, timeoutMs: 3000 });
});
after(async () => {
  api.destroy();
  await w.close();
});
beforeEach(async () => {
  told.length = 0;
  renewals = 0;
  w.emulator.keyPropagationMs = 0;
  w.user.deny = [];
  w.emulator.resetFaults();
  await login();
});

const ARN = 'arn:aws:iam::123456789012:user/alice';

void describe('keys rotate (core)', () => {
  void it('reuses the valid session, makes the IAM calls with it, stores a working new key and deletes the old one; the credentials file is untouched', async () => {
    const before = await stored();
    const file = w.credentialsText();
    const from = w.emulator.requests.length;
    const session = (await currentSession(w.paths.credentialsFile, 'mfa'))!;

    const r = await run();

    assert.equal(r.oldAccessKeyId, before.accessKeyId);
    assert.equal(r.userName, 'alice');
    assert.equal(r.oldKey, 'deleted');
    const now = await stored();
    assert.equal(now.accessKeyId, r.newAccessKeyId);
    assert.notEqual(now.secretAccessKey, before.secretAccessKey);
    assert.deepEqual(keysAtAws().map((k) => k.accessKeyId), [r.newAccessKeyId], 'exactly one key left at AWS');
    assert.equal(await identityOf(now), ARN, 'the stored key works');
    assert.equal(w.credentialsText(), file, 'credentials file byte for byte the same');
    assert.equal(renewals, 0, 'no new login');
    assert.ok(!existsSync(journalFile(w.paths.settingsDir, 'default')), 'journal removed');

    // Who signed what: the user named with the long-term key, every IAM call with the MFA session.
    const calls = w.emulator.requests.slice(from);
    assert.deepEqual(calls[0], { ...calls[0]!, action: 'GetCallerIdentity', accessKeyId: before.accessKeyId });
    const iamCalls = calls.filter((c) => /AccessKey/.test(c.action));
    assert.deepEqual(iamCalls.map((c) => c.action), ['ListAccessKeys', 'CreateAccessKey', 'DeleteAccessKey']);
    for (const c of iamCalls) assert.equal(c.accessKeyId, session.AccessKeyId);
    assert.ok(!calls.some((c) => c.action === 'GetSessionToken'));

    // AWS documents that temporary credentials stay valid until they expire: the session still works.
    assert.equal(await identityOf({ accessKeyId: session.AccessKeyId, secretAccessKey: session.SecretAccessKey, sessionToken: session.SessionToken }), ARN);
    // ... and the next login signs with the new key.
    await login();
    assert.equal(w.emulator.requests.filter((c) => c.action === 'GetSessionToken').at(-1)!.accessKeyId, r.newAccessKeyId);

    // The tool recorded when it created the key.
    const age = new KeyAgeStore(w.paths.settingsDir).read().default!;
    assert.equal(age.accessKeyId, r.newAccessKeyId);
    assert.ok(Math.abs(Date.parse(age.created!) - Date.now()) < 60_000);
  });

  void it('logs in once when the session has expired, with a code from the usual sources', async () => {
    w.emulator.expireSessions();
    w.writeCredentials((w.credentialsText() ?? '').replace(/aws_credential_expiration = .*/, 'aws_credential_expiration = 2001-01-01T00:00:00Z'));
    const r = await run();
    assert.equal(renewals, 1);
    assert.equal((await stored()).accessKeyId, r.newAccessKeyId);
  });

  void it('with keepOld deactivates the old key; the next rotate offers to delete that inactive key and changes nothing until agreed', async () => {
    const first = await run({ keepOld: true });
    assert.equal(first.oldKey, 'deactivated');
    assert.deepEqual(keysAtAws().map((k) => [k.accessKeyId, k.status]), [[first.oldAccessKeyId, 'Inactive'], [first.newAccessKeyId, 'Active']]);

    const keys = await stored();
    const e = await run().then(() => assert.fail('expected a refusal'), (x: unknown) => x as Error & { code: string; keyId: string; status: string });
    assert.equal(e.code, 'InactiveSecondKey');
    assert.equal(e.keyId, first.oldAccessKeyId);
    assert.match(e.message, /^Your IAM user already has a second access key, AKIA…\w{4}, which is inactive, and IAM allows only two; confirm that it may be deleted/);
    assert.deepEqual(await stored(), keys, 'keychain unchanged');
    assert.equal(keysAtAws().length, 2, 'never three keys');

    const second = await run({ deleteInactiveKeyId: e.keyId });
    assert.deepEqual(keysAtAws().map((k) => k.accessKeyId), [second.newAccessKeyId]);
  });

  void it('stops at a second active key, in one sentence, changing nothing', async () => {
    const session = (await currentSession(w.paths.credentialsFile, 'mfa'))!;
    const other = await api.createAccessKey({ accessKeyId: session.AccessKeyId, secretAccessKey: session.SecretAccessKey, sessionToken: session.SessionToken }, 'alice', { region: 'us-east-1' });
    const keys = await stored();
    const from = w.emulator.requests.length;
    await assert.rejects(run(), (e: Error & { code: string }) => {
      assert.equal(e.code, 'TwoKeys');
      assert.match(e.message, /^Your IAM user already has two access keys \(the other one, AKIA…\w{4}, is active and may be in use elsewhere\), and IAM allows only two; delete or deactivate it in the IAM console, then rotate again\.$/);
      return true;
    });
    assert.deepEqual(await stored(), keys);
    assert.deepEqual(keysAtAws().map((k) => k.status), ['Active', 'Active']);
    assert.ok(!w.emulator.requests.slice(from).some((c) => /^(Create|Delete|Update)AccessKey$/.test(c.action)), 'no change requested');
    await api.deleteAccessKey({ accessKeyId: session.AccessKeyId, secretAccessKey: session.SecretAccessKey, sessionToken: session.SessionToken }, 'alice', other.accessKeyId, { region: 'us-east-1' });
  });

  void it('waits while IAM propagates the new key, and keeps the old key when it never works', async () => {
    w.emulator.keyPropagationMs = 900;
    const ok = await run();
    assert.equal((await stored()).accessKeyId, ok.newAccessKeyId);

    w.emulator.keyPropagationMs = 60_000;
    const keys = await stored();
    await assert.rejects(run({}, { verifyTimeoutMs: 700 }), (e: Error & { code: string }) => {
      assert.equal(e.code, 'PropagationTimeout');
      assert.match(e.message, /^AWS did not accept the new access key AKIA…\w{4} within 1 seconds, so it was deleted again and your old key is kept; wait a minute and rotate again\.$/);
      return true;
    });
    assert.deepEqual(await stored(), keys);
    assert.deepEqual(keysAtAws().map((k) => k.accessKeyId), [keys.accessKeyId]);
  });

  void it('keeps the old key and deletes the new one again when the keychain cannot store it', async () => {
    const keys = await stored();
    const failing: Keychain = {
      get: (p) => w.keychain.get(p),
      list: () => w.keychain.list(),
      remove: (p) => w.keychain.remove(p),
      // The write of the new key fails (a locked keyring); writing the old key back works.
      set: async (p, k) => {
        if (k.accessKeyId !== keys.accessKeyId) throw new Error('Secret Service: locked');
        await w.keychain.set(p, k);
      },
    };
    await assert.rejects(run({}, { keychain: failing }), (e: Error & { code: string }) => {
      assert.equal(e.code, 'KeychainUnavailable');
      assert.equal(e.message, `The keychain could not store the new access key, so it was deleted again and your old key ${keys.accessKeyId.slice(0, 4)}…${keys.accessKeyId.slice(-4)} is kept; unlock the keychain, then rotate again.`);
      return true;
    });
    assert.deepEqual(await stored(), keys);
    assert.deepEqual(keysAtAws().map((k) => k.accessKeyId), [keys.accessKeyId]);
    assert.equal(await identityOf(keys), ARN);
  });

  void it('names the missing action when the policy forbids it, changing nothing', async () => {
    const keys = await stored();
    w.user.deny = ['iam:CreateAccessKey'];
    await assert.rejects(run(), (e: Error & { code: string; ja: string }) => {
      assert.equal(e.code, 'AccessDenied');
      assert.match(e.message, /^Your IAM user's policy does not allow iam:CreateAccessKey, even with the MFA session; ask your administrator/);
      assert.match(e.ja, /iam:CreateAccessKey が許可されていません/);
      return true;
    });
    assert.deepEqual(await stored(), keys);
    assert.equal(keysAtAws().length, 1);
    assert.ok(!existsSync(journalFile(w.paths.settingsDir, 'default')));
  });

  void it('refuses a bad code before anything is touched', async () => {
    const from = w.emulator.requests.length;
    await assert.rejects(run({ code: '12ab' }), (e: Error & { kind: string }) => e.kind === 'usage');
    await assert.rejects(rotate('bad name!', {}, deps()), (e: Error & { kind: string }) => e.kind === 'usage');
    assert.equal(w.emulator.requests.length, from);
  });
});
