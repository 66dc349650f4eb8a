/**
 * The assume-role-with-MFA-session pattern (README): role profiles whose source_profile is a target
 * are listed under it by `status`, and the AWS CLI really assumes the role with the session the
 * tool wrote, against the emulator.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, runProcess } from '../helpers/cli';
import { hasAwsCli } from '../helpers/peers';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ keys: ['default'] }, async () => {
  const serial = w.serial;
  w.emulator.addRole({ name: 'Admin', requireMfa: true });
  w.emulator.addRole({ name: 'Audit', requireMfa: true });
  // The README's pattern, plus a second hop and a role off the long-term profile (not chained off a target).
  w.writeConfig(
    [
      '[default]',
      `mfa_serial = ${serial}`,
      'region = us-east-1',
      '',
      '[profile admin]',
      'role_arn = arn:aws:iam::123456789012:role/Admin',
      'source_profile = mfa',
      'region = us-east-1',
      '',
      '[profile audit]',
      'role_arn = arn:aws:iam::123456789012:role/Audit',
      'source_profile = admin',
      '',
      '[profile direct]',
      'role_arn = arn:aws:iam::123456789012:role/Admin',
      'source_profile = default',
      '',
    ].join('\n'),
  );
  const login = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)]);
  assert.equal(login.stderr, '');
});


test('status lists the role profiles chained off a target under it, with its countdown', async () => {
  const json = await runCli(w.env, ['status', '--json']);
  assert.equal(json.code, 0);
  const [mfa, ...rest] = JSON.parse(json.stdout) as { target: string; roles: { profile: string; roleArn: string; sourceProfile: string }[] }[];
  assert.equal(rest.length, 0);
  assert.equal(mfa!.target, 'mfa');
  assert.deepEqual(mfa!.roles, [
    { profile: 'admin', roleArn: 'arn:aws:iam::123456789012:role/Admin', sourceProfile: 'mfa' },
    { profile: 'audit', roleArn: 'arn:aws:iam::123456789012:role/Audit', sourceProfile: 'admin' },
  ]);

  const table = (await runCli(w.env, ['status'])).stdout.split('\n');
  assert.match(table[1]!, /^mfa\s+default\s+arn:\S+\s+\d{4}-\d\d-\d\d \d\d:\d\d \S+\s+11h \d+m left$/);
  assert.match(table[2]!, /^ {2}admin \(role\)\s+mfa\s+\d{4}-\d\d-\d\d \d\d:\d\d \S+\s+11h \d+m left$/);
  assert.match(table[3]!, /^ {2}audit \(role\)\s+admin\s+\d{4}-\d\d-\d\d \d\d:\d\d \S+\s+11h \d+m left$/);
  assert.equal(table.length, 5, 'the role off the long-term profile is not listed');
});

test('the AWS CLI assumes the role with the MFA session the tool wrote (README pattern)', { skip: hasAwsCli ? false : 'no AWS CLI on PATH that honours AWS_ENDPOINT_URL_STS' }, async () => {
  const env = { ...w.env, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
  const admin = await runProcess('aws', ['sts', 'get-caller-identity', '--profile', 'admin', '--output', 'json'], { env });
  assert.equal(admin.stderr, '');
  assert.match((JSON.parse(admin.stdout) as { Arn: string }).Arn, /^arn:aws:sts::123456789012:assumed-role\/Admin\//);
  const audit = await runProcess('aws', ['sts', 'get-caller-identity', '--profile', 'audit', '--output', 'json'], { env });
  assert.equal(audit.stderr, '');
  assert.match((JSON.parse(audit.stdout) as { Arn: string }).Arn, /^arn:aws:sts::123456789012:assumed-role\/Audit\//);
  // The long-term keys alone cannot take the role: it asks for MFA, which is the point of the pattern.
  const direct = await runProcess('aws', ['sts', 'assume-role', '--role-arn', 'arn:aws:iam::123456789012:role/Admin', '--role-session-name', 'nomfa'], {
    env: { ...env, AWS_ACCESS_KEY_ID: w.user.accessKeyId, AWS_SECRET_ACCESS_KEY: w.user.secretAccessKey },
  });
  assert.notEqual(direct.code, 0);
  assert.match(direct.stderr, /\(AccessDenied\) when calling the AssumeRole operation/);
});
