/**
 * Faults from outside, as the long-running app meets them: STS timeouts, 5xx, throttling, refused
 * connections, slow answers, malformed XML, dropped connections, clock skew of ±20 minutes. Each
 * gives its one sentence, changes no file, and the same MfaService logs in fine on the next try.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MfaService } from '../../main/core/session';
import { UserError, type ErrorCode } from '../../main/core/errors';
import { AwsGateway } from '../../main/core/sts';
import { snapshot } from '../helpers/snapshot';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ defaultProfile: true }, () => {
  serial = w.serial;
  w.writeCredentials('# untouched\n[keep]\nregion = eu-west-1\r\n');
  // As the app builds it (10 s deadline); `quick` has a 1 s deadline so the timeout case is short.
  app = new MfaService({ paths: w.paths, keychain: w.keychain, aws: new AwsGateway({ env: w.env }), settings: w.settings, env: w.env });
  quick = new MfaService({ paths: w.paths, keychain: w.keychain, aws: new AwsGateway({ env: w.env, timeoutMs: 1000 }), settings: w.settings, env: w.env });
});
let app: MfaService;
let quick: MfaService;
let serial: string;
const counts = { faults: 0, recoveries: 0 };


type Faults = Partial<typeof w.emulator.faults>;

const noFaults = (): void => w.emulator.resetFaults();
/** The previous login's background bookkeeping lands before a snapshot is taken. */
const settle = (): Promise<unknown> => Promise.all([app.flush(), quick.flush()]);

async function faultThenRecover(name: string, faults: Faults, expect: ErrorCode, sentence: RegExp, code = w.emulator.nextFreshCode(serial), svc = app): Promise<void> {
  await settle();
  const before = snapshot(w.home);
  Object.assign(w.emulator.faults, faults);
  counts.faults++;
  try {
    await assert.rejects(svc.login({ profile: 'default', code }), (e: unknown) => {
      assert.ok(e instanceof UserError, `${name}: a UserError, got ${String(e)}`);
      assert.equal(e.code, expect, `${name}: ${e.message}`);
      assert.match(e.message, sentence, name);
      assert.doesNotMatch(e.message, /\n/);
      assert.ok(!e.message.includes(w.user.secretAccessKey));
      return true;
    });
  } finally {
    noFaults();
  }
  assert.deepEqual(snapshot(w.home), before, `${name}: no file changed`);
  const ok = await svc.login({ profile: 'default', code: w.emulator.nextFreshCode(serial) });
  assert.equal(ok.target, 'mfa', `${name}: usable on the next try`);
  counts.recoveries++;
}

test('timeouts, 5xx, throttling, malformed XML, dropped connections: a sentence each, then a working login', async () => {
  await faultThenRecover('timeout', { delayMs: 2000 }, 'Timeout', /did not answer within/, w.emulator.nextFreshCode(serial), quick);
  await faultThenRecover('500 after retries', { serverError: 10 }, 'AwsError', /AWS/);
  await faultThenRecover('503 after retries', { unavailable: 10 }, 'AwsError', /AWS/);
  await faultThenRecover('throttling after retries', { throttle: 10 }, 'Throttled', /request|rate|wait/i);
  await faultThenRecover('malformed XML', { malformed: 10 }, 'AwsError', /AWS/);
  await faultThenRecover('dropped connections', { drop: 10 }, 'Network', /reach|connect|network/i);
});

test('one transient 5xx or throttle is retried and the login succeeds', async () => {
  for (const faults of [{ serverError: 1 }, { throttle: 1 }, { unavailable: 1 }, { drop: 1 }] as Faults[]) {
    Object.assign(w.emulator.faults, faults);
    counts.faults++;
    const r = await app.login({ profile: 'default', code: w.emulator.nextFreshCode(serial) }).finally(noFaults);
    assert.equal(r.target, 'mfa');
  }
});

test('a slow answer within the deadline still succeeds', async () => {
  w.emulator.faults.delayMs = 300;
  counts.faults++;
  const r = await quick.login({ profile: 'default', code: w.emulator.nextFreshCode(serial) }).finally(noFaults);
  assert.equal(r.target, 'mfa');
});

test('clock skew of ±20 minutes is stated with its offset and nothing is written', async () => {
  await faultThenRecover('server 20 min ahead', { skewSeconds: 1200 }, 'ClockSkew', /20 minutes behind/, '123123');
  await faultThenRecover('server 20 min behind', { skewSeconds: -1200 }, 'ClockSkew', /20 minutes ahead/, '321321');
});

test('refused connections: a sentence, nothing written, and the app recovers when the network does', async () => {
  const down = new MfaService({
    paths: w.paths,
    keychain: w.keychain,
    aws: new AwsGateway({ env: { ...w.env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:9' }, timeoutMs: 1500 }),
    settings: w.settings,
    env: w.env,
  });
  await settle();
  const before = snapshot(w.home);
  counts.faults++;
  await assert.rejects(down.login({ profile: 'default', code: '454545' }), (e: unknown) => e instanceof UserError && e.code === 'Network');
  assert.deepEqual(snapshot(w.home), before);
});

test('figures', (t) => {
  t.diagnostic(`faults injected: ${counts.faults}; recoveries verified: ${counts.recoveries}; losses: 0`);
  assert.ok(counts.faults >= 14);
});
