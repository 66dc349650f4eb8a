// AwsGateway against the local emulator with the real SDK over HTTP: every failure becomes one
// UserError with the right code and sentence, and no secret ever appears in a message.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isUserError, type UserError } from '../../main/core/errors';
import { AwsGateway, resolveEndpoint } from '../../main/core/sts';
import type { LongTermKeys } from '../../main/core/types';
import { startEmulator, type Emulator, type EmulatorUser } from '../emulator/index';

// The SDK reads shared config files from process.env even with explicit credentials: keep it off ~/.aws.
const home = mkdtempSync(join(tmpdir(), 'sts-test-'));
process.env.AWS_CONFIG_FILE = join(home, 'config');
process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'credentials');

let emu: Emulator;
let alice: EmulatorUser;
let bob: EmulatorUser;
let carol: EmulatorUser; // denied iam:ListMFADevices
const secrets: string[] = [];
const messages: string[] = [];
const region = 'us-east-1';

const keysOf = (u: EmulatorUser): LongTermKeys => ({ accessKeyId: u.accessKeyId, secretAccessKey: u.secretAccessKey });
const serialOf = (u: EmulatorUser): string => u.devices[0]!.serial;
const gateway = (extra: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): AwsGateway =>
  new AwsGateway({ env: { AWS_ENDPOINT_URL_STS: emu.url, AWS_ENDPOINT_URL_IAM: emu.url }, ...extra });


async function failsWith(p: Promise<unknown>, code: UserError['code'], sentence: string | RegExp): Promise<UserError> {
  const e = await p.then(
    () => assert.fail(`expected ${code}`),
    (err: unknown) => err,
  );
  assert.ok(isUserError(e), `not a UserError: ${String(e)}`);
  messages.push(e.message);
  assert.equal(e.code, code, e.message);
  if (typeof sentence === 'string') assert.equal(e.message, sentence);
  else assert.match(e.message, sentence);
  return e;
}

const login = (gw: AwsGateway, u: EmulatorUser, code: string, serial = serialOf(u)) =>
  gw.getSessionToken(keysOf(u), { region, serial, code, durationSeconds: 3600 });

before(async () => {
  emu = await startEmulator();
  alice = emu.addUser({ userName: 'alice', devices: [{ kind: 'virtual' }, { kind: 'u2f' }, { kind: 'virtual', serial: 'GAHT12345678' }] });
  bob = emu.addUser({ userName: 'bob' });
  carol = emu.addUser({ userName: 'carol', deny: ['iam:ListMFADevices'] });
  secrets.push(alice.secretAccessKey, bob.secretAccessKey, carol.secretAccessKey);
});
after(async () => {
  await emu.stop();
  rmSync(home, { recursive: true, force: true });
});

void describe('AwsGateway.getSessionToken', () => {
  void it('returns session credentials from STS', async () => {
    emu.resetFaults();
    const gw = gateway();
    const s = await login(gw, alice, emu.nextFreshCode(serialOf(alice)));
    secrets.push(s.secretAccessKey, s.sessionToken);
    assert.match(s.accessKeyId, /^ASIA/);
    assert.ok(s.expiration instanceof Date);
    assert.ok(Math.abs(s.expiration.getTime() - (emu.now() + 3600_000)) < 60_000);
    assert.equal(emu.requests.at(-1)!.action, 'GetSessionToken');
    assert.equal(emu.requests.at(-1)!.accessKeyId, alice.accessKeyId);
    gw.destroy();
  });

  void it('reuses one client per identity (key ID + region) and replaces it when the secret changes', async () => {
    emu.resetFaults();
    const gw = gateway();
    const c1 = gw.stsClient(keysOf(alice), region);
    await login(gw, alice, emu.nextFreshCode(serialOf(alice)));
    await login(gw, alice, emu.nextFreshCode(serialOf(alice)));
    assert.equal(gw.stsClient(keysOf(alice), region), c1);
    assert.notEqual(gw.stsClient(keysOf(alice), 'eu-west-1'), c1);
    assert.notEqual(gw.stsClient(keysOf(bob), region), c1);
    assert.equal(gw.iamClient(keysOf(alice), region), gw.iamClient(keysOf(alice), region));
    const renewed = gw.stsClient({ accessKeyId: alice.accessKeyId, secretAccessKey: bob.secretAccessKey }, region);
    assert.notEqual(renewed, c1);
    gw.destroy();
  });

  void it('maps a wrong code to InvalidCode', async () => {
    emu.resetFaults();
    await failsWith(
      login(gateway(), alice, emu.wrongCode(serialOf(alice))),
      'InvalidCode',
      'AWS did not accept this MFA code; type the 6-digit code your MFA device shows now (if codes keep failing, check the device clock).',
    );
  });

  void it('maps a code used twice to CodeReused, both when this gateway used it and when another process did', async () => {
    emu.resetFaults();
    const sentence = 'This MFA code was already used; wait for your MFA device to show the next code (up to 30 seconds) and enter that one.';
    const gw = gateway();
    const code = emu.nextFreshCode(serialOf(alice));
    await login(gw, alice, code);
    const n = emu.requests.length;
    await failsWith(login(gw, alice, code), 'CodeReused', sentence);
    assert.deepEqual(emu.requests.slice(n).map((r) => r.action), ['GetSessionToken']);
    // A fresh gateway has no memory of the code: the device list shows the serial is right.
    await failsWith(login(gateway(), alice, code), 'CodeReused', sentence);
    assert.equal(emu.requests.at(-1)!.action, 'ListMFADevices');
  });

  void it('maps a serial that is not the user\'s to BadSerial, naming the user\'s TOTP devices', async () => {
    emu.resetFaults();
    await failsWith(
      login(gateway(), bob, '123456', serialOf(alice)),
      'BadSerial',
      `The MFA device ${serialOf(alice)} is not assigned to this IAM user (this user has: ${serialOf(bob)}); use the device ARN shown under Security credentials in the IAM console.`,
    );
  });

  void it('says both possible causes when the device list cannot be read', async () => {
    emu.resetFaults();
    await failsWith(
      login(gateway(), carol, '123456', serialOf(alice)),
      'CodeReused',
      `AWS could not validate this code for MFA device ${serialOf(alice)}; if you just used this code, wait for the next one and try again, otherwise check that this device is assigned to your IAM user.`,
    );
  });

  void it('refuses a U2F key and session (ASIA) keys before calling AWS', async () => {
    emu.resetFaults();
    const n = emu.requests.length;
    await failsWith(login(gateway(), alice, '123456', alice.devices[1]!.serial), 'U2fDevice', /FIDO security key/);
    const asia = { accessKeyId: 'ASIAAAAAAAAAAAAAAAAA', secretAccessKey: alice.secretAccessKey };
    const sentence =
      'This access key ID starts with ASIA, so it is a temporary session key; give your long-term IAM user key (it starts with AKIA).';
    await failsWith(gateway().getSessionToken(asia, { region, serial: serialOf(alice), code: '123456', durationSeconds: 900 }), 'SessionKeys', sentence);
    await failsWith(gateway().listMfaDevices(asia, region), 'SessionKeys', sentence);
    assert.equal(emu.requests.length, n);
  });

  void it('maps an unknown access key to UnknownKey, with the key masked', async () => {
    emu.resetFaults();
    const keys = { accessKeyId: 'AKIAZZZZZZZZZZZZWXYZ', secretAccessKey: alice.secretAccessKey };
    await failsWith(
      gateway().getSessionToken(keys, { region, serial: serialOf(alice), code: '123456', durationSeconds: 900 }),
      'UnknownKey',
      'AWS does not recognise the access key AKIA…WXYZ (it may be deleted or inactive); create or activate an access key for your IAM user in the IAM console and save it in aws-mfa-tray again.',
    );
  });

  void it('maps a wrong secret to WrongSecret, without retrying', async () => {
    emu.resetFaults();
    const keys = { accessKeyId: alice.accessKeyId, secretAccessKey: bob.secretAccessKey };
    const n = emu.requests.length;
    await failsWith(
      gateway().getSessionToken(keys, { region, serial: serialOf(alice), code: emu.nextFreshCode(serialOf(alice)), durationSeconds: 900 }),
      'WrongSecret',
      /^The secret access key saved for AKIA…[A-Z0-9]{4} is not the right one; save the key again/,
    );
    assert.equal(emu.requests.length - n, 1);
  });

  void it('reports a skewed clock instead of letting the SDK correct it', async () => {
    emu.resetFaults();
    const gw = gateway();
    emu.faults.skewSeconds = 20 * 60;
    const n = emu.requests.length;
    await failsWith(
      login(gw, alice, emu.nextFreshCode(serialOf(alice))),
      'ClockSkew',
      "Your computer's clock is 20 minutes behind AWS time; turn on automatic time setting and try again.",
    );
    assert.equal(emu.requests.length - n, 1, 'no silent re-signed retry');
    // Still refused on the next call: the client did not learn the server's offset.
    await failsWith(login(gw, alice, emu.nextFreshCode(serialOf(alice))), 'ClockSkew', /20 minutes behind/);
    // A wrong secret on a skewed clock: AWS checks the time first, and so must the message.
    const wrongSecret = { accessKeyId: alice.accessKeyId, secretAccessKey: bob.secretAccessKey };
    await failsWith(gw.listMfaDevices(wrongSecret, region), 'ClockSkew', /20 minutes behind/);
    emu.faults.skewSeconds = -45 * 60;
    await failsWith(
      gw.listMfaDevices(keysOf(alice), region),
      'ClockSkew',
      "Your computer's clock is 45 minutes ahead of AWS time; turn on automatic time setting and try again.",
    );
    // Within AWS's 15 minutes the call goes through, as it would for the AWS CLI.
    emu.faults.skewSeconds = 10 * 60;
    await login(gw, alice, emu.nextFreshCode(serialOf(alice)));
    emu.resetFaults();
    gw.destroy();
  });

  void it('retries throttling, then reports Throttled', async () => {
    emu.resetFaults();
    emu.faults.throttle = 1;
    await login(gateway(), alice, emu.nextFreshCode(serialOf(alice)));
    emu.faults.throttle = 100;
    const n = emu.requests.length;
    await failsWith(
      login(gateway(), alice, emu.nextFreshCode(serialOf(alice))),
      'Throttled',
      'AWS STS is limiting requests right now (throttled); wait a minute and try again.',
    );
    assert.equal(emu.requests.length - n, 3, 'maxAttempts');
    emu.resetFaults();
  });

  void it('retries 5xx, then reports AwsError', async () => {
    emu.resetFaults();
    emu.faults.serverError = 1;
    await login(gateway(), alice, emu.nextFreshCode(serialOf(alice)));
    emu.faults.serverError = 100;
    await failsWith(
      login(gateway(), alice, emu.nextFreshCode(serialOf(alice))),
      'AwsError',
      'AWS STS had an internal problem (HTTP 500 InternalFailure); wait a moment and try again.',
    );
    emu.resetFaults();
    emu.faults.unavailable = 100;
    await failsWith(gateway().listMfaDevices(keysOf(alice), region), 'AwsError', /^AWS IAM had an internal problem \(HTTP 503 ServiceUnavailable\)/);
    emu.resetFaults();
  });

  void it('maps a malformed answer to AwsError', async () => {
    emu.resetFaults();
    emu.faults.malformed = 100;
    await failsWith(
      login(gateway(), alice, emu.nextFreshCode(serialOf(alice))),
      'AwsError',
      'AWS STS sent an answer that could not be read; try again in a moment.',
    );
    emu.resetFaults();
  });

  void it('maps a refused connection and dropped connections to Network', async () => {
    emu.resetFaults();
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const gw = new AwsGateway({ env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` } });
    // Refused before any request: the host is named. Dropped after the request was sent: the SDK retries, then the generic sentence.
    await failsWith(login(gw, alice, '123456'), 'Network', 'Could not connect to AWS STS at 127.0.0.1 (ECONNREFUSED); check your internet connection (and any proxy or VPN) and try again.');
    emu.faults.drop = 100;
    await failsWith(
      login(gateway(), alice, emu.nextFreshCode(serialOf(alice))),
      'Network',
      'Could not connect to AWS STS; check your internet connection (and any proxy or VPN) and try again.',
    );
    emu.resetFaults();
  });

  void it('gives up with Timeout at the deadline when AWS does not answer', async () => {
    emu.resetFaults();
    emu.faults.delayMs = 30_000;
    await failsWith(
      login(gateway({ timeoutMs: 500 }), alice, emu.nextFreshCode(serialOf(alice))),
      'Timeout',
      'AWS STS did not answer within 1 second; check your internet connection (and any proxy or VPN) and try again.',
    );
    emu.resetFaults();
  });
});

void describe('AwsGateway.listMfaDevices', () => {
  void it('lists devices with their kind from the ARN', async () => {
    emu.resetFaults();
    const devices = await gateway().listMfaDevices(keysOf(alice), region);
    assert.deepEqual(
      devices.map((d) => [d.serial, d.kind]),
      alice.devices.map((d, i) => [d.serial, ['virtual', 'u2f', 'hardware'][i]]),
    );
    assert.match(devices[0]!.enableDate!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
  });

  void it('says which permission is missing on AccessDenied', async () => {
    emu.resetFaults();
    await failsWith(
      gateway().listMfaDevices(keysOf(carol), region),
      'AccessDenied',
      'Your IAM user is not allowed to call iam:ListMFADevices; give the MFA device ARN yourself (--serial or the settings), or ask your administrator to allow iam:ListMFADevices on your own user.',
    );
  });
});

void describe('endpoints and runtime', () => {
  void it('takes endpoints from AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL', async () => {
    emu.resetFaults();
    assert.equal(resolveEndpoint({ AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_STS: 'http://s' }, 'STS'), 'http://s');
    assert.equal(resolveEndpoint({ AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_STS: 'http://s' }, 'IAM'), 'http://a');
    assert.equal(resolveEndpoint({ AWS_ENDPOINT_URL: 'http://a', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, 'IAM'), undefined);
    const gw = new AwsGateway({ env: { AWS_ENDPOINT_URL: emu.url } });
    await login(gw, alice, emu.nextFreshCode(serialOf(alice)));
    assert.equal((await gw.listMfaDevices(keysOf(alice), region)).length, 3);
    gw.destroy();
  });

  void it('prints nothing on stderr (no NodeVersionSupportWarning) when a Node 22 process uses the SDK', async () => {
    const script = `
      const { AwsGateway } = require('./main/core/sts.ts');
      const gw = new AwsGateway({ env: { AWS_ENDPOINT_URL: process.env.EMU_URL } });
      gw.listMfaDevices({ accessKeyId: process.env.EMU_KEY, secretAccessKey: process.env.EMU_SECRET }, 'us-east-1')
        .then((d) => { console.log(d.length); gw.destroy(); }, (e) => { console.log('ERR', e.message); gw.destroy(); });`;
    // Asynchronous: the emulator lives in this process and must keep answering.
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: join(__dirname, '..', '..'),
      env: {
        ...process.env,
        EMU_URL: emu.url,
        EMU_KEY: alice.accessKeyId,
        EMU_SECRET: alice.secretAccessKey,
        NODE_OPTIONS: '',
      },
    });
    const r = { stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => (r.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (r.stderr += d.toString()));
    await new Promise((resolve) => child.on('close', resolve));
    assert.ok(process.version.startsWith('v22'), `tests must run on Node 22, not ${process.version}`);
    assert.equal(r.stdout.trim(), '3');
    assert.equal(r.stderr, '');
  });

  void it('never puts a secret into an error message', () => {
    assert.ok(messages.length >= 15, `collected ${messages.length} messages`);
    for (const m of messages) for (const s of secrets) assert.ok(!m.includes(s), `secret leaked in: ${m}`);
  });
});
