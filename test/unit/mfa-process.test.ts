/**
 * Code source a on its own: mfa_process run by the shell, its output checked, a 30 s (here 2 s)
 * limit that ends the command, and a code already used answered by waiting for the next TOTP step.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { UserError } from '../../main/core/errors';
import { codeFromOutput, mfaProcessSource } from '../../main/core/renew/sources/mfa-process';

const req = { profile: 'default', target: 'mfa', asker: { command: 'credential-process' as const } };

test('the output is the code: 6 digits, blank space around them allowed, nothing else', () => {
  assert.equal(codeFromOutput('p', '123456\n'), '123456');
  assert.equal(codeFromOutput('p', '  654321  \r\n'), '654321');
  for (const bad of ['12345', '1234567', 'Touch your key\n123456', 'abcdef', '']) assert.throws(() => codeFromOutput('p', bad), { code: 'MfaProcessFailed' });
});

test('no mfa_process: not available here (null); with one: announced, checked first, then run', async () => {
  const seen: string[] = [];
  const none = mfaProcessSource({ commandFor: () => Promise.resolve(undefined), announce: () => Promise.resolve() });
  assert.equal(await none.obtain(req), null);
  const source = mfaProcessSource({
    commandFor: () => Promise.resolve('echo 012345'),
    announce: (p) => Promise.resolve(void seen.push(`announce ${p}`)),
    beforeRun: (r) => Promise.resolve(void seen.push(`check ${r.target}`)),
  });
  const answer = await source.obtain(req);
  assert.equal(answer?.kind === 'code' && answer.code, '012345');
  assert.deepEqual(seen, ['check mfa', 'announce default']);
});

test('a command that gives no code within the limit is ended, with one sentence', async () => {
  const marker = `mfa-process-timeout-${process.pid}`;
  const source = mfaProcessSource({ commandFor: () => Promise.resolve(`exec sleep 30 # ${marker}`), announce: () => Promise.resolve(), timeoutMs: 2000 });
  const t = Date.now();
  await assert.rejects(source.obtain(req), (e: UserError) => {
    assert.equal(e.code, 'MfaProcessFailed');
    assert.match(e.message, /^The mfa_process of profile default gave no code within 2 seconds \(did the security key wait for a touch\?\); run `exec sleep 30 # mfa-process-timeout-\d+` in a terminal to check it\.$/);
    return true;
  });
  assert.ok(Date.now() - t < 5000);
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(!execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).includes(marker), 'the command no longer runs');
});

test('a code already used: wait for the next 30 s step and run the command once more', async () => {
  let runs = 0;
  const slept: number[] = [];
  const source = mfaProcessSource({
    commandFor: () => Promise.resolve('echo 111111'),
    announce: () => Promise.resolve(void runs++),
    now: () => 30_000 * 1000 + 10_000, // 10 s into a 30 s step
    sleep: (ms) => Promise.resolve(void slept.push(ms)),
  });
  const first = await source.obtain(req);
  assert.ok(first?.kind === 'code' && first.retry);
  const again = await first.retry(new UserError({ en: 'used', ja: 'used' }, 'CodeReused'));
  assert.equal(again?.kind, 'code');
  assert.deepEqual(slept, [21_000], 'until the next step, plus a second');
  assert.equal(runs, 2);
  // Only once, and only for a reused code.
  assert.equal(again?.kind === 'code' && again.retry ? await again.retry(new UserError({ en: 'used', ja: 'used' }, 'CodeReused')) : 'none', null);
  assert.equal(await first.retry(new UserError({ en: 'wrong', ja: 'wrong' }, 'InvalidCode')), null);
});
