/**
 * `policy` prints the users' own document (seed-policy.json) whole: every statement, action,
 * resource and condition, compared statement by statement; per partition only the ARNs' partition
 * changes; the "current" variant differs only in the virtual-MFA-device naming; and the actions
 * this tool calls before MFA stay in the Deny statement's NotAction list.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ACTIONS_WITHOUT_MFA, mfaPolicy, mfaPolicyJson, type PolicyDocument, type PolicyStatement } from '../../main/core/policy';

const REPO_COPY = path.resolve(__dirname, '../../main/core/seed-policy.json');
/** The users' document, kept beside the repository (../shared; ../../shared from a worktree), not in a clone. */
const ROOT = path.resolve(__dirname, '../..');
const SHARED = [path.resolve(ROOT, '../shared/seed-policy.json'), path.resolve(ROOT, '../../shared/seed-policy.json')].find((f) => existsSync(f));
const document = JSON.parse(readFileSync(REPO_COPY, 'utf8')) as PolicyDocument;

const list = (v: string | string[] | undefined) => (v === undefined ? undefined : [...(Array.isArray(v) ? v : [v])].sort());

/** Semantic equality of two statements: the same Sid, effect, action sets, resources and condition. */
function sameStatement(a: PolicyStatement, b: PolicyStatement): void {
  assert.equal(a.Sid, b.Sid);
  assert.deepEqual(
    { Effect: a.Effect, Action: list(a.Action), NotAction: list(a.NotAction), Resource: list(a.Resource), Condition: a.Condition, keys: Object.keys(a).sort() },
    { Effect: b.Effect, Action: list(b.Action), NotAction: list(b.NotAction), Resource: list(b.Resource), Condition: b.Condition, keys: Object.keys(b).sort() },
    a.Sid,
  );
}

test('the repository copy is the users’ document, byte for byte', (t) => {
  if (!SHARED) return t.skip('shared/seed-policy.json is not beside this checkout');
  assert.equal(readFileSync(REPO_COPY, 'utf8'), readFileSync(SHARED, 'utf8'));
});

test('the printed policy has every statement, action, resource and condition of the document', () => {
  const printed = JSON.parse(mfaPolicyJson()) as PolicyDocument;
  assert.equal(printed.Version, document.Version);
  assert.deepEqual(printed.Statement.map((s) => s.Sid), document.Statement.map((s) => s.Sid));
  assert.equal(printed.Statement.length, 9);
  printed.Statement.forEach((s, i) => sameStatement(s, document.Statement[i]!));
  // Printed as the document is written, so a diff against the user's file is empty.
  assert.equal(mfaPolicyJson(), readFileSync(REPO_COPY, 'utf8'));
});

test('per partition only the partition of each ARN changes', () => {
  for (const partition of ['aws-cn', 'aws-us-gov'] as const) {
    const p = mfaPolicy({ partition });
    const arns = p.Statement.flatMap((s) => list(s.Resource)!).filter((r) => r !== '*');
    assert.ok(arns.length >= 7);
    for (const arn of arns) assert.ok(arn.startsWith(`arn:${partition}:iam::`), arn);
    const back = JSON.parse(JSON.stringify(p).replaceAll(`arn:${partition}:`, 'arn:aws:')) as PolicyDocument;
    back.Statement.forEach((s, i) => sameStatement(s, document.Statement[i]!));
  }
});

test('the "current" variant lets users create virtual MFA devices under any name, and changes nothing else', () => {
  const current = mfaPolicy({ variant: 'current' });
  const bySid = new Map(current.Statement.map((s) => [s.Sid, s]));
  for (const s of document.Statement) {
    if (s.Sid !== 'AllowManageOwnVirtualMFADevice') sameStatement(bySid.get(s.Sid)!, s);
  }
  assert.deepEqual(bySid.get('AllowManageOwnVirtualMFADevice'), {
    Sid: 'AllowManageOwnVirtualMFADevice',
    Effect: 'Allow',
    Action: ['iam:CreateVirtualMFADevice'],
    Resource: 'arn:aws:iam::*:mfa/*',
  });
  assert.deepEqual(bySid.get('AllowDeleteOwnVirtualMFADevice'), {
    Sid: 'AllowDeleteOwnVirtualMFADevice',
    Effect: 'Allow',
    Action: ['iam:DeleteVirtualMFADevice'],
    Resource: 'arn:aws:iam::*:mfa/${aws:username}',
  });
  assert.equal(current.Statement.length, document.Statement.length + 1);
  const actions = (d: PolicyDocument) => new Set(d.Statement.flatMap((s) => [...(s.Action ?? []), ...(s.NotAction ?? [])]));
  assert.deepEqual(actions(current), actions(document), 'no action lost or added');
  // The document's form refuses a device not named after the user; the current one does not.
  const createOn = (d: PolicyDocument) => d.Statement.filter((s) => s.Action?.includes('iam:CreateVirtualMFADevice')).map((s) => s.Resource);
  assert.deepEqual(createOn(document), ['arn:aws:iam::*:mfa/${aws:username}']);
  assert.deepEqual(createOn(current), ['arn:aws:iam::*:mfa/*']);
});

test('what this tool calls without MFA is in the NotAction list of the MFA-enforcing Deny, in every form', () => {
  assert.deepEqual([...ACTIONS_WITHOUT_MFA], ['sts:GetSessionToken', 'iam:ListMFADevices', 'iam:GetUser']);
  for (const partition of ['aws', 'aws-cn', 'aws-us-gov'] as const) {
    for (const variant of ['document', 'current'] as const) {
      const deny = mfaPolicy({ partition, variant }).Statement.filter((s) => s.Effect === 'Deny');
      assert.equal(deny.length, 1);
      assert.deepEqual(deny[0]!.Condition, { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } });
      assert.equal(deny[0]!.Resource, '*');
      for (const action of ACTIONS_WITHOUT_MFA) assert.ok(deny[0]!.NotAction?.includes(action), `${action} (${partition}, ${variant})`);
    }
  }
});
