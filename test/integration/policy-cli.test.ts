/**
 * `aws-mfa-tray policy` as a user runs it, and the tool's own calls before MFA checked against
 * the policy: a full discovery + login + refused-code flow against the emulator records which AWS
 * actions the tool really calls with the long-term keys; each must be one the policy leaves open
 * without MFA (its Deny's NotAction list).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIONS_WITHOUT_MFA, mfaPolicy, mfaPolicyJson } from '../../main/core/policy';
import { ACTIONS } from '../emulator/actions';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ keys: ['default'] });

test('policy prints the whole document; --partition and --variant choose the form; bad values are one sentence', async () => {
  const r = await runCli(w.env, ['policy']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, mfaPolicyJson());
  assert.equal(r.stderr, '');
  const gov = await runCli(w.env, ['policy', '--partition', 'aws-us-gov', '--variant', 'current']);
  assert.equal(gov.stdout, mfaPolicyJson({ partition: 'aws-us-gov', variant: 'current' }));
  for (const [args, sentence] of [
    [['--partition', 'aws-mars'], 'The partition must be one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc (usually aws, aws-cn or aws-us-gov), not "aws-mars".\n'],
    [['--variant', 'newest'], 'The policy variant must be "document" (as AWS\'s IAM User Guide prints it: each virtual MFA device named after its user) or "current" (virtual MFA devices under any name), not "newest".\n'],
  ] as const) {
    const bad = await runCli(w.env, ['policy', ...args]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr, sentence);
  }
});

test('without --partition: the partition of the configured MFA device, else aws', async () => {
  const partitionOf = async (args: string[] = []) => {
    const r = await runCli(w.env, ['policy', ...args]);
    assert.equal(r.code, 0, r.stderr);
    return /"arn:([a-z-]+):iam::\*:user/.exec(r.stdout)?.[1];
  };
  assert.equal(await partitionOf(), 'aws', 'nothing configured');
  // Not set up in the tray yet: the default profile's mfa_serial in the config.
  w.writeConfig('[default]\nmfa_serial = arn:aws-cn:iam::123456789012:mfa/alice\n\n[profile gov]\nregion = us-gov-west-1\n');
  assert.equal(await partitionOf(), 'aws-cn');
  // The profile's mfa_serial in the config; the settings' serial wins over it.
  w.settings.write({ ...w.settings.read(), profiles: [{ sourceProfile: 'default', target: 'mfa' }] });
  assert.equal(await partitionOf(), 'aws-cn');
  w.settings.write({ ...w.settings.read(), profiles: [{ sourceProfile: 'default', target: 'mfa', serial: 'arn:aws-us-gov:iam::123456789012:mfa/alice' }] });
  assert.equal(await partitionOf(), 'aws-us-gov');
  // --profile: that profile only; one with no MFA device configured gets aws.
  assert.equal(await partitionOf(['--profile', 'gov']), 'aws');
  // Two configured profiles in different partitions: one sentence, choose.
  w.settings.write({
    ...w.settings.read(),
    profiles: [
      { sourceProfile: 'default', target: 'mfa', serial: 'arn:aws-us-gov:iam::123456789012:mfa/alice' },
      { sourceProfile: 'cn', target: 'cn-mfa', serial: 'arn:aws-cn:iam::123456789012:mfa/alice' },
    ],
  });
  const both = await runCli(w.env, ['policy']);
  assert.equal(both.code, 2);
  assert.equal(both.stderr, 'Your profiles are in several AWS partitions (aws-us-gov: default; aws-cn: cn); choose one with --partition or --profile.\n');
  assert.equal(await partitionOf(['--profile', 'cn']), 'aws-cn');
  assert.equal(await partitionOf(['--partition', 'aws']), 'aws');
  w.settings.write({ ...w.settings.read(), profiles: [] });
  w.writeConfig('');
});

test('every AWS action the tool calls before MFA is open without MFA in the policy', async () => {
  w.writeConfig('[default]\nregion = us-east-1\n');
  const serial = w.serial;
  const mark = w.emulator.requests.length;
  // Discovery + login; then a serial that is not the user's, which AWS cannot validate and the tool
  // then checks against the user's device list; then a wrong code.
  const ok = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)]);
  assert.equal(ok.code, 0, ok.stderr);
  const other = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial), '--serial', 'arn:aws:iam::123456789012:mfa/somebody-else']);
  assert.match(other.stderr, /is not assigned to this IAM user/);
  const wrong = await runCli(w.env, ['login', 'default', '--code', w.emulator.wrongCode(serial)]);
  assert.match(wrong.stderr, /did not accept this MFA code/);
  const made = w.emulator.requests.slice(mark);
  // Signed with the long-term key (before MFA); the key's creation date is then asked with the new session.
  const called = [...new Set(made.filter((r) => r.accessKeyId === w.user.accessKeyId).map((r) => `${ACTIONS[r.action]}:${r.action}`))].sort();
  assert.deepEqual(called, ['iam:ListMFADevices', 'sts:GetSessionToken']);
  const withSession = [...new Set(made.filter((r) => r.accessKeyId?.startsWith('ASIA')).map((r) => `${ACTIONS[r.action]}:${r.action}`))].sort();
  assert.deepEqual(withSession, ['iam:ListAccessKeys', 'sts:GetCallerIdentity']);
  assert.deepEqual(made.filter((r) => r.accessKeyId !== w.user.accessKeyId && !r.accessKeyId?.startsWith('ASIA')), [], 'no unsigned or foreign request');
  const notAction = mfaPolicy().Statement.find((s) => s.Sid === 'DenyAllExceptListedIfNoMFA')!.NotAction!;
  for (const action of called) {
    assert.ok((ACTIONS_WITHOUT_MFA as readonly string[]).includes(action), `${action} is declared`);
    assert.ok(notAction.includes(action), `${action} is not denied without MFA`);
  }
  w.writeConfig('');
});
