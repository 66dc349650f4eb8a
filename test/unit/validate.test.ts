/** The validation rules every input passes: accepted forms normalised, everything else one usage sentence. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isYes } from '../../main/cli/confirm';
import { UserError } from '../../main/core/errors';
import {
  maskAccessKeyId,
  validateAccessKeyId,
  validateCode,
  validateDuration,
  validateProfileName,
  validateSecretAccessKey,
  validateSerial,
} from '../../main/core/validate';

function usage(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof UserError && e.kind === 'usage' && re.test(e.message) && !e.message.includes('\n'));
}

test('codes: 6 ASCII digits, pasted spaces and dashes tolerated', () => {
  assert.equal(validateCode('123456'), '123456');
  assert.equal(validateCode('123 456'), '123456');
  assert.equal(validateCode('123-456'), '123456');
  for (const bad of ['', '12345', '1234567', 'abcdef', '１２３４５６', '12345a', '12\n3456', ' ', '١٢٣٤٥٦', null, 123456]) {
    usage(() => validateCode(bad), /exactly 6 digits|6-digit code/);
  }
});

test('profile names: an allow-list that cannot inject INI', () => {
  for (const ok of ['default', 'mfa', 'work-prod', 'a.b_c+d@e', 'x'.repeat(64)]) assert.equal(validateProfileName(ok), ok);
  for (const bad of ['', '[', ']', 'a]b', 'a\nb', 'a=b', 'a b', ' mfa', 'x'.repeat(65), 'a;b', 'a#b', 'é', 'profile mfa', undefined]) {
    usage(() => validateProfileName(bad), /1 to 64 characters/);
  }
});

test('serials: mfa ARNs in every partition and hardware serials; user/, u2f and junk refused', () => {
  for (const ok of ['arn:aws:iam::123456789012:mfa/alice', 'arn:aws-cn:iam::123456789012:mfa/path/bob', 'arn:aws-us-gov:iam::123456789012:mfa/x', 'GAHT12345678']) {
    assert.equal(validateSerial(ok), ok);
  }
  for (const bad of ['arn:aws:iam::123456789012:user/alice', 'arn:aws:iam::12345:mfa/alice', 'arn:azure:iam::123456789012:mfa/a', 'arn:aws:iam::123456789012:mfa/', 'mfa/alice', '']) {
    usage(() => validateSerial(bad), /device ARN/);
  }
  usage(() => validateSerial('arn:aws:iam::123456789012:u2f/user/alice/key-ABCDEF'), /FIDO security key/);
});

test('durations: whole seconds 900..129600', () => {
  assert.equal(validateDuration('900'), 900);
  assert.equal(validateDuration(129600), 129600);
  for (const bad of [0, 899, 129601, '899', 'abc', '1e4', 3600.5, '', null, -1]) usage(() => validateDuration(bad), /900 to 129600/);
});

test('access keys: AKIA + 16, ASIA explained, secrets 40 chars and never echoed', () => {
  assert.equal(validateAccessKeyId('AKIAIOSFODNN7EXAMPLE'), 'AKIAIOSFODNN7EXAMPLE');
  usage(() => validateAccessKeyId('ASIAIOSFODNN7EXAMPLE'), /temporary session key/);
  for (const bad of ['AKIA123', 'AKIAIOSFODNN7EXAMPLE1', 'akiaiosfodnn7example', '']) usage(() => validateAccessKeyId(bad), /20 characters/);
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  assert.equal(validateSecretAccessKey(secret), secret);
  for (const bad of [`${secret}\n`, `${secret.slice(0, 39)}\n`, secret.slice(1), `${secret}x`, 'a b'.repeat(13) + 'c']) {
    assert.throws(() => validateSecretAccessKey(bad), (e: unknown) => e instanceof UserError && !e.message.includes(bad.trim()));
  }
  assert.equal(maskAccessKeyId('AKIAIOSFODNN7EXAMPLE'), 'AKIA…MPLE');
});

test('a yes at a prompt (confirm, keys rotate): y, yes or はい in any case, spaces around; anything else is no', () => {
  for (const a of ['y', 'Y', ' yes ', 'YES', 'はい', ' はい\t']) assert.equal(isYes(a), true, a);
  for (const a of ['', 'n', 'no', 'yess', 'y es', 'いいえ', 'ok']) assert.equal(isYes(a), false, a);
});
