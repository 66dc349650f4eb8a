// The emulator driven by the real AWS SDK over HTTP: every response shape and error the app relies on.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { IAMClient, ListMFADevicesCommand } from '@aws-sdk/client-iam';
import { startEmulator, type Emulator, type EmulatorUser } from './index';
import { MSG } from './messages';
import type { EmulatorKeysFile } from './serve';
import { base32Decode, base32Encode, totp } from './totp';
import { assertMode } from '../helpers/platform';

interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

let emu: Emulator;
let alice: EmulatorUser;
let bob: EmulatorUser;

const keysOf = (u: EmulatorUser): Creds => ({ accessKeyId: u.accessKeyId, secretAccessKey: u.secretAccessKey });
const serialOf = (u: EmulatorUser): string => u.devices[0]!.serial;

function sts(creds: Creds, extra: Partial<STSClientConfig> = {}): STSClient {
  return new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials: creds, maxAttempts: 1, ...extra });
}
function iam(creds: Creds): IAMClient {
  return new IAMClient({ region: 'us-east-1', endpoint: emu.url, credentials: creds, maxAttempts: 1 });
}


async function rejectsWith(p: Promise<unknown>, name: string, status: number, message?: string | RegExp): Promise<Error> {
  const e = await p.then(
    () => assert.fail(`expected ${name}`),
    (err: unknown) => err as Error & { $metadata?: { httpStatusCode?: number } },
  );
  assert.equal(e.name, name, e.message);
  assert.equal(e.$metadata?.httpStatusCode, status);
  if (typeof message === 'string') assert.equal(e.message, message);
  else if (message) assert.match(e.message, message);
  return e;
}

const login = (u: EmulatorUser, code: string, extra: { DurationSeconds?: number; SerialNumber?: string } = {}) =>
  sts(keysOf(u)).send(new GetSessionTokenCommand({ SerialNumber: serialOf(u), TokenCode: code, ...extra }));

before(async () => {
  emu = await startEmulator({ users: [{ userName: 'alice', accountId: '111122223333' }] });
  alice = emu.addUser({ userName: 'alice2', devices: [{ kind: 'virtual' }, { kind: 'u2f' }] });
  bob = emu.addUser({ userName: 'bob' });
});
after(() => emu.stop());

function resetFaults(): void {
  emu.resetFaults();
  emu.allowCodeReuse = false;
}

void describe('totp', () => {
  void it('matches the RFC 6238 SHA-1 test vectors (last 6 digits)', () => {
    const seed = base32Encode(Buffer.from('12345678901234567890'));
    assert.equal(seed, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    assert.equal(totp(seed, 59_000), '287082');
    assert.equal(totp(seed, 1111111109_000), '081804');
    assert.equal(totp(seed, 1234567890_000), '005924');
    assert.equal(totp(seed, 20000000000_000), '353130');
  });
  void it('decodes base32 typed with spaces, lower case and padding', () => {
    assert.deepEqual(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq=='), Buffer.from('12345678901234567890'));
  });
});

void describe('GetSessionToken', () => {
  void it('issues ASIA session credentials that expire after DurationSeconds', async () => {
    resetFaults();
    const before = emu.now();
    const r = await login(alice, emu.nextFreshCode(serialOf(alice)), { DurationSeconds: 900 });
    const c = r.Credentials!;
    assert.match(c.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
    assert.match(c.SecretAccessKey!, /^[A-Za-z0-9/+]{40}$/);
    assert.ok(c.SessionToken!.length > 200);
    const exp = c.Expiration!.getTime();
    assert.ok(exp >= Math.floor(before / 1000) * 1000 + 900_000 && exp <= emu.now() + 900_000, `expiration ${c.Expiration!.toISOString()}`);
    assert.match(r.$metadata.requestId!, /^[0-9a-f-]{36}$/);
  });

  void it('refuses a wrong code as AWS does', async () => {
    resetFaults();
    await rejectsWith(login(alice, emu.wrongCode(serialOf(alice))), 'AccessDenied', 403, MSG.invalidCode);
  });

  void it('refuses a code used a second time, unless allowCodeReuse is set', async () => {
    resetFaults();
    const code = emu.totp(serialOf(bob));
    await login(bob, code);
    await rejectsWith(login(bob, code), 'AccessDenied', 403, MSG.unableToValidate);
    emu.allowCodeReuse = true;
    await login(bob, code);
    emu.allowCodeReuse = false;
  });

  void it('nextFreshCode gives codes that each work once, beyond the 3 codes of the window', async () => {
    resetFaults();
    const codes = Array.from({ length: 8 }, () => emu.nextFreshCode(serialOf(alice)));
    assert.equal(new Set(codes).size, codes.length);
    await Promise.all(codes.map((c) => login(alice, c)));
    await rejectsWith(login(alice, codes[7]!), 'AccessDenied', 403, MSG.unableToValidate);
  });

  void it('refuses a serial that is not one of the caller\'s devices, and a U2F key', async () => {
    resetFaults();
    const code = emu.nextFreshCode(serialOf(bob));
    await rejectsWith(login(alice, code, { SerialNumber: serialOf(bob) }), 'AccessDenied', 403, MSG.unableToValidate);
    await rejectsWith(login(alice, '123456', { SerialNumber: alice.devices[1]!.serial }), 'AccessDenied', 403, MSG.unableToValidate);
  });

  void it('validates DurationSeconds and TokenCode like AWS', async () => {
    resetFaults();
    await rejectsWith(login(alice, '123456', { DurationSeconds: 899 }), 'ValidationError', 400, /Value '899' at 'durationSeconds'.*greater than or equal to 900/);
    await rejectsWith(login(alice, '123456', { DurationSeconds: 129601 }), 'ValidationError', 400, /less than or equal to 129600/);
    await rejectsWith(login(alice, '12345'), 'ValidationError', 400, /at 'tokenCode'/);
    await rejectsWith(login(alice, '12345a'), 'ValidationError', 400, /regular expression pattern/);
  });

  void it('refuses to be called with session credentials', async () => {
    resetFaults();
    const c = (await login(alice, emu.nextFreshCode(serialOf(alice)))).Credentials!;
    const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    await rejectsWith(sts(session).send(new GetSessionTokenCommand({})), 'AccessDenied', 403, MSG.sessionCredentials);
  });
});

void describe('authentication', () => {
  void it('refuses an unknown access key', async () => {
    resetFaults();
    const creds = { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: alice.secretAccessKey };
    await rejectsWith(sts(creds).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403, MSG.invalidToken);
  });

  void it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    resetFaults();
    const creds = { accessKeyId: alice.accessKeyId, secretAccessKey: bob.secretAccessKey };
    await rejectsWith(sts(creds).send(new GetCallerIdentityCommand({})), 'SignatureDoesNotMatch', 403, MSG.badSignature);
  });

  void it('refuses a signature more than 15 minutes behind or ahead of its (skewed) clock', async () => {
    resetFaults();
    const noFix = { disableClockSkewCorrection: true } as Partial<STSClientConfig>;
    emu.faults.skewSeconds = 20 * 60;
    const e = await rejectsWith(
      sts(keysOf(alice), noFix).send(new GetCallerIdentityCommand({})),
      'SignatureDoesNotMatch',
      403,
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
    // The Date header follows the skewed clock.
    const date = Date.parse((e as unknown as { $response: { headers: Record<string, string> } }).$response.headers.date!);
    assert.ok(Math.abs(date - Date.now() - 20 * 60_000) < 5_000, `Date header ${new Date(date).toISOString()}`);
    emu.faults.skewSeconds = -20 * 60;
    await rejectsWith(
      sts(keysOf(alice), noFix).send(new GetCallerIdentityCommand({})),
      'SignatureDoesNotMatch',
      403,
      /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
    );
    // A skew within 15 minutes is accepted, like AWS.
    emu.faults.skewSeconds = 10 * 60;
    await sts(keysOf(alice), noFix).send(new GetCallerIdentityCommand({}));
    resetFaults();
  });

  void it('lets the SDK\'s own clock correction recover from the skewed Date header', async () => {
    resetFaults();
    emu.faults.skewSeconds = 30 * 60;
    const n = emu.requests.length;
    const r = await sts(keysOf(alice), { maxAttempts: 3 }).send(new GetCallerIdentityCommand({}));
    assert.equal(r.$metadata.attempts, 2);
    assert.equal(emu.requests.length - n, 2);
    resetFaults();
  });

  void it('answers a request without a signature with MissingAuthenticationToken in AWS\'s XML error shape', async () => {
    resetFaults();
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    assert.equal(res.status, 403);
    assert.match(res.headers.get('x-amzn-requestid')!, /^[0-9a-f-]{36}$/);
    assert.ok(Math.abs(Date.parse(res.headers.get('date')!) - Date.now()) < 5_000);
    const body = await res.text();
    assert.match(
      body,
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>MissingAuthenticationToken<\/Code>\s*<Message>Request is missing Authentication Token<\/Message>\s*<\/Error>\s*<RequestId>[0-9a-f-]{36}<\/RequestId>\s*<\/ErrorResponse>\s*$/,
    );
  });
});

void describe('GetCallerIdentity', () => {
  void it('works with long-term keys and with issued session credentials until they expire', async () => {
    resetFaults();
    const long = await sts(keysOf(alice)).send(new GetCallerIdentityCommand({}));
    assert.equal(long.Arn, 'arn:aws:iam::123456789012:user/alice2');
    assert.equal(long.Account, '123456789012');
    assert.match(long.UserId!, /^AIDA/);
    const c = (await login(alice, emu.nextFreshCode(serialOf(alice)))).Credentials!;
    const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const viaSession = await sts(session).send(new GetCallerIdentityCommand({}));
    assert.equal(viaSession.Arn, long.Arn);
    await rejectsWith(
      sts({ ...session, sessionToken: `${session.sessionToken}x` }).send(new GetCallerIdentityCommand({})),
      'InvalidClientTokenId',
      403,
      MSG.invalidToken,
    );
    emu.expireSessions();
    await rejectsWith(sts(session).send(new GetCallerIdentityCommand({})), 'ExpiredToken', 403, MSG.expiredToken);
  });
});

void describe('ListMFADevices', () => {
  void it('lists virtual and U2F devices with their ARNs', async () => {
    resetFaults();
    const r = await iam(keysOf(alice)).send(new ListMFADevicesCommand({}));
    assert.equal(r.IsTruncated, false);
    assert.equal(r.MFADevices!.length, 2);
    assert.equal(r.MFADevices![0]!.SerialNumber, 'arn:aws:iam::123456789012:mfa/alice2');
    assert.equal(r.MFADevices![0]!.UserName, 'alice2');
    assert.ok(r.MFADevices![0]!.EnableDate instanceof Date);
    assert.match(r.MFADevices![1]!.SerialNumber!, /^arn:aws:iam::123456789012:u2f\/user\/alice2\/.+/);
  });

  void it('answers AccessDenied naming the action when the policy does not allow it', async () => {
    resetFaults();
    bob.deny = ['iam:ListMFADevices'];
    await rejectsWith(
      iam(keysOf(bob)).send(new ListMFADevicesCommand({})),
      'AccessDenied',
      403,
      'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListMFADevices on resource: user bob because no identity-based policy allows the iam:ListMFADevices action',
    );
    bob.deny = [];
    await rejectsWith(iam(keysOf(bob)).send(new ListMFADevicesCommand({ UserName: 'alice2' })), 'AccessDenied', 403, /user alice2/);
  });
});

void describe('faults', () => {
  void it('throttles the next N requests; the SDK retries past them', async () => {
    resetFaults();
    emu.faults.throttle = 1;
    await rejectsWith(sts(keysOf(alice)).send(new GetCallerIdentityCommand({})), 'Throttling', 400, 'Rate exceeded');
    emu.faults.throttle = 2;
    const r = await sts(keysOf(alice), { maxAttempts: 3 }).send(new GetCallerIdentityCommand({}));
    assert.equal(r.$metadata.attempts, 3);
    assert.equal(emu.faults.throttle, 0);
  });

  void it('answers 500 InternalFailure and 503 ServiceUnavailable', async () => {
    resetFaults();
    emu.faults.serverError = 1;
    await rejectsWith(sts(keysOf(alice)).send(new GetCallerIdentityCommand({})), 'InternalFailure', 500);
    emu.faults.unavailable = 1;
    await rejectsWith(sts(keysOf(alice)).send(new GetCallerIdentityCommand({})), 'ServiceUnavailable', 503);
  });

  void it('sends malformed XML', async () => {
    resetFaults();
    emu.faults.malformed = 1;
    await assert.rejects(sts(keysOf(alice)).send(new GetCallerIdentityCommand({})), /XML parse error|Deserialization error/);
  });

  void it('drops the connection', async () => {
    resetFaults();
    emu.faults.drop = 1;
    await assert.rejects(sts(keysOf(alice)).send(new GetCallerIdentityCommand({})), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'ECONNRESET', e.message);
      return true;
    });
  });

  void it('delays responses', async () => {
    resetFaults();
    emu.faults.delayMs = 2_000;
    const client = sts(keysOf(alice), { requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true } });
    await assert.rejects(client.send(new GetCallerIdentityCommand({})), { name: 'TimeoutError' });
    resetFaults();
  });

  void it('logs requests and the time spent inside handlers', async () => {
    resetFaults();
    const n = emu.requests.length;
    const t = emu.serverTimeMs;
    await sts(keysOf(bob)).send(new GetCallerIdentityCommand({}));
    assert.deepEqual(
      emu.requests.slice(n).map((r) => [r.action, r.accessKeyId]),
      [['GetCallerIdentity', bob.accessKeyId]],
    );
    assert.ok(emu.serverTimeMs > t);
  });
});

void describe('AssumeRole and session key prefixes', () => {
  const sessionOf = async (u: EmulatorUser): Promise<Creds> => {
    const c = (await login(u, emu.nextFreshCode(serialOf(u)))).Credentials!;
    return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
  };

  void it('an MFA session assumes a role that asks for MFA; the role session is who GetCallerIdentity names', async () => {
    resetFaults();
    const role = emu.addRole({ name: 'Admin', requireMfa: true });
    const r = await sts(await sessionOf(bob)).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: 'bob-cli' }));
    assert.match(r.Credentials!.AccessKeyId!, /^ASIA/);
    assert.equal(r.AssumedRoleUser!.Arn, 'arn:aws:sts::123456789012:assumed-role/Admin/bob-cli');
    assert.equal(r.AssumedRoleUser!.AssumedRoleId, `${role.roleId}:bob-cli`);
    const secondsLeft = (r.Credentials!.Expiration!.getTime() - Date.now()) / 1000;
    assert.ok(secondsLeft > 3500 && secondsLeft <= 3600, `default role session is an hour, got ${secondsLeft}`);
    const c = r.Credentials!;
    const who = await sts({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:sts::123456789012:assumed-role/Admin/bob-cli');

    // Long-term keys have no MFA: the role's trust refuses them, as the seed policy's pattern does.
    await rejectsWith(sts(keysOf(bob)).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: 'x1' })), 'AccessDenied', 403, /not authorized to perform: sts:AssumeRole/);
    await rejectsWith(
      sts(await sessionOf(bob)).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/Nope', RoleSessionName: 'x1' })),
      'AccessDenied',
      403,
    );
  });

  void it('hands out AKIA-prefixed session keys when asked, as moto does, and they still need their token', async () => {
    resetFaults();
    emu.sessionKeyPrefix = 'AKIA';
    try {
      const s = await sessionOf(bob);
      assert.match(s.accessKeyId, /^AKIA/);
      const who = await sts(s).send(new GetCallerIdentityCommand({}));
      assert.match(who.Arn!, /:user\/bob$/);
      await rejectsWith(sts({ accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
    } finally {
      emu.sessionKeyPrefix = 'ASIA';
    }
  });
});

void describe('serve.ts', () => {
  void it('serves a demo user, prints URL and codes, and keeps the secret out of stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-serve-'));
    const keysFile = join(dir, 'keys.json');
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'serve.ts'), '--keys-file', keysFile], {
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (/^code \d{6}$/m.test(out)) resolve();
        });
        child.on('exit', (c) => reject(new Error(`serve.ts exited with ${c}: ${out}`)));
      });
      const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as EmulatorKeysFile;
      assertMode(keysFile, 0o600);
      assert.ok(out.includes(keys.url) && out.includes(keys.accessKeyId) && out.includes(keys.serial));
      assert.ok(!out.includes(keys.secretAccessKey) && !out.includes(keys.seedBase32));
      const client = new STSClient({ region: 'us-east-1', endpoint: keys.url, credentials: keys, maxAttempts: 1 });
      const r = await client.send(new GetSessionTokenCommand({ SerialNumber: keys.serial, TokenCode: totp(keys.seedBase32, Date.now()) }));
      assert.match(r.Credentials!.AccessKeyId!, /^ASIA/);
      client.destroy();
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((resolve) => child.on('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
