// The emulator's IAM key actions driven by the real AWS SDK: the seed policy lets the MFA session,
// and only it, manage the caller's own keys; IAM's two-key quota; propagation of a new key.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  IAMClient,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { startEmulator, type Emulator, type EmulatorUser } from './index';

interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

let emu: Emulator;
let alice: EmulatorUser;
let bob: EmulatorUser;

const sts = (c: Creds) => new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials: c, maxAttempts: 1 });
const iam = (c: Creds) => new IAMClient({ region: 'us-east-1', endpoint: emu.url, credentials: c, maxAttempts: 1 });
const longTerm = (u: EmulatorUser): Creds => ({ accessKeyId: u.accessKeyId, secretAccessKey: u.secretAccessKey });

async function session(u: EmulatorUser, withMfa = true): Promise<Creds> {
  const serial = u.devices[0]!.serial;
  const out = await sts(longTerm(u)).send(new GetSessionTokenCommand(withMfa ? { SerialNumber: serial, TokenCode: emu.nextFreshCode(serial) } : {}));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

async function refused(p: Promise<unknown>, name: string, status: number, message?: RegExp): Promise<void> {
  const e = await p.then(
    () => assert.fail(`expected ${name}`),
    (err: unknown) => err as Error & { $metadata?: { httpStatusCode?: number } },
  );
  assert.equal(e.name, name, e.message);
  assert.equal(e.$metadata?.httpStatusCode, status);
  if (message) assert.match(e.message, message);
}

before(async () => {
  emu = await startEmulator();
  alice = emu.addUser({ userName: 'alice' });
  bob = emu.addUser({ userName: 'bob' });
});
after(() => emu.stop());

void describe('IAM access keys under the seed policy', () => {
  void it('refuses every key call signed with the long-term key alone (explicit deny without MFA)', async () => {
    const client = iam(longTerm(alice));
    const explicit = /User: arn:aws:iam::123456789012:user\/alice is not authorized to perform: iam:\w+ on resource: user alice with an explicit deny/;
    await refused(client.send(new ListAccessKeysCommand({ UserName: 'alice' })), 'AccessDenied', 403, explicit);
    await refused(client.send(new ListAccessKeysCommand({})), 'AccessDenied', 403, explicit);
    await refused(client.send(new CreateAccessKeyCommand({ UserName: 'alice' })), 'AccessDenied', 403, explicit);
    await refused(client.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: alice.accessKeyId, Status: 'Inactive' })), 'AccessDenied', 403, explicit);
    await refused(client.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: alice.accessKeyId })), 'AccessDenied', 403, explicit);
    assert.equal(emu.accessKeysOf('alice').length, 1, 'nothing changed');
    assert.equal(emu.accessKeysOf('alice')[0]!.status, 'Active');
  });

  void it('refuses them to a session made without an MFA code too', async () => {
    const s = await session(alice, false);
    await refused(iam(s).send(new CreateAccessKeyCommand({ UserName: 'alice' })), 'AccessDenied', 403, /explicit deny/);
    assert.equal(emu.accessKeysOf('alice').length, 1);
  });

  void it('lets the MFA session manage its own keys, with UserName required as for any temporary key', async () => {
    const s = await session(alice);
    const client = iam(s);
    await refused(client.send(new ListAccessKeysCommand({})), 'ValidationError', 400, /Must specify userName when calling with non-User credentials/);
    const listed = await client.send(new ListAccessKeysCommand({ UserName: 'alice' }));
    assert.deepEqual(listed.AccessKeyMetadata?.map((k) => [k.AccessKeyId, k.Status, k.UserName]), [[alice.accessKeyId, 'Active', 'alice']]);
    assert.ok(listed.AccessKeyMetadata[0]!.CreateDate instanceof Date);

    const created = (await client.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    assert.match(created.AccessKeyId!, /^AKIA[A-Z2-7]{16}$/);
    assert.match(created.SecretAccessKey!, /^[A-Za-z0-9+/]{40}$/);
    assert.equal(created.Status, 'Active');
    // The new key signs requests, as alice.
    const who = await sts({ accessKeyId: created.AccessKeyId!, secretAccessKey: created.SecretAccessKey! }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:iam::123456789012:user/alice');

    // IAM's quota: two keys per user.
    await refused(client.send(new CreateAccessKeyCommand({ UserName: 'alice' })), 'LimitExceededException', 409, /Cannot exceed quota for AccessKeysPerUser: 2/);
    assert.equal(emu.accessKeysOf('alice').length, 2);

    await client.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: created.AccessKeyId!, Status: 'Inactive' }));
    await refused(sts({ accessKeyId: created.AccessKeyId!, secretAccessKey: created.SecretAccessKey! }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
    await client.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: created.AccessKeyId! }));
    assert.deepEqual(emu.accessKeysOf('alice').map((k) => k.accessKeyId), [alice.accessKeyId]);
    await refused(client.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: created.AccessKeyId! })), 'NoSuchEntityException', 404, /cannot be found/);
  });

  void it("never touches another user's keys, even from an MFA session", async () => {
    const s = await session(alice);
    await refused(iam(s).send(new ListAccessKeysCommand({ UserName: 'bob' })), 'AccessDenied', 403, /on resource: user bob because no identity-based policy allows/);
    await refused(iam(s).send(new DeleteAccessKeyCommand({ UserName: 'bob', AccessKeyId: bob.accessKeyId })), 'AccessDenied', 403);
    assert.equal(emu.accessKeysOf('bob').length, 1);
  });

  void it("refuses an action the user's policy lacks (deny list) with AWS's wording", async () => {
    const s = await session(alice);
    alice.deny = ['iam:CreateAccessKey'];
    try {
      await refused(iam(s).send(new CreateAccessKeyCommand({ UserName: 'alice' })), 'AccessDenied', 403, /iam:CreateAccessKey on resource: user alice because no identity-based policy allows/);
    } finally {
      alice.deny = [];
    }
  });

  void it('refuses a new key until IAM has propagated it', async () => {
    const s = await session(alice);
    emu.keyPropagationMs = 400;
    try {
      const k = (await iam(s).send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
      const creds = { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };
      await refused(sts(creds).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
      await new Promise((r) => setTimeout(r, 450));
      assert.equal((await sts(creds).send(new GetCallerIdentityCommand({}))).Arn, 'arn:aws:iam::123456789012:user/alice');
      await iam(s).send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: k.AccessKeyId! }));
    } finally {
      emu.keyPropagationMs = 0;
    }
  });

  void it('keeps a session working after the key that made it is deleted (temporary credentials cannot be revoked)', async () => {
    const carol = emu.addUser({ userName: 'carol' });
    const s = await session(carol);
    const k = (await iam(s).send(new CreateAccessKeyCommand({ UserName: 'carol' }))).AccessKey!;
    await iam(s).send(new DeleteAccessKeyCommand({ UserName: 'carol', AccessKeyId: carol.accessKeyId }));
    await refused(sts(longTerm(carol)).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
    assert.equal((await sts(s).send(new GetCallerIdentityCommand({}))).Arn, 'arn:aws:iam::123456789012:user/carol');
    const listed = await iam(s).send(new ListAccessKeysCommand({ UserName: 'carol' }));
    assert.deepEqual(listed.AccessKeyMetadata?.map((m) => m.AccessKeyId), [k.AccessKeyId]);
  });
});
