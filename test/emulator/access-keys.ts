/**
 * IAM's access key actions (CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey) under
 * the seed policy (../shared/seed-policy.json): AllowManageOwnAccessKeys on the caller's own user,
 * and DenyAllExceptListedIfNoMFA, whose BoolIfExists condition denies them to long-term keys (no
 * aws:MultiFactorAuthPresent in the request) and to sessions made without a code. IAM's quota of
 * two keys per user, its texts, and a propagation delay before a new key signs anything.
 */
// Types only from ./actions: it imports KEY_ACTIONS from here at load time.
import type { Caller } from './actions';
import { isoSeconds, randomKeyId, randomSecret, type AccessKeyRecord, type Directory, type UserRecord } from './identity';
import { validation } from './messages';
import { AwsFault, esc } from './xml';

export const KEY_ACTIONS = ['CreateAccessKey', 'ListAccessKeys', 'UpdateAccessKey', 'DeleteAccessKey'] as const;
export type KeyAction = (typeof KEY_ACTIONS)[number];

/** IAM's AccessKeysPerUser quota. */
export const MAX_KEYS_PER_USER = 2;

export const isKeyAction = (action: string): action is KeyAction => (KEY_ACTIONS as readonly string[]).includes(action);

export const keysOf = (dir: Directory, owner: UserRecord): AccessKeyRecord[] =>
  [...dir.accessKeys.values()].filter((k) => k.owner === owner).sort((a, b) => a.createdMs - b.createdMs);

const userArn = (u: UserRecord): string => `arn:aws:iam::${u.user.accountId}:user/${u.user.userName}`;

function denied(caller: Caller, action: string, userName: string, explicit: boolean): AwsFault {
  const why = explicit ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
  return new AwsFault(403, 'AccessDenied', `User: ${userArn(caller.owner)} is not authorized to perform: ${action} on resource: user ${userName} ${why}`);
}

/**
 * The user a key call is about, after the seed policy's checks. Order as IAM evaluates: an explicit
 * deny (no MFA) wins over everything; then only the caller's own user is allowed.
 */
function authorize(caller: Caller, action: KeyAction, params: URLSearchParams): UserRecord {
  const named = params.get('UserName');
  // IAM: "If a temporary access key is used, then UserName is required."
  if (named === null && caller.session) throw new AwsFault(400, 'ValidationError', 'Must specify userName when calling with non-User credentials');
  const userName = named ?? caller.owner.user.userName;
  if (named !== null && !/^[\w+=,.@-]{1,64}$/.test(named)) {
    throw new AwsFault(400, 'ValidationError', validation(named, 'userName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]+'));
  }
  const iamAction = `iam:${action}`;
  if (!caller.session?.mfa) throw denied(caller, iamAction, userName, true);
  if (caller.owner.user.deny?.includes(iamAction) || userName !== caller.owner.user.userName) throw denied(caller, iamAction, userName, false);
  return caller.owner;
}

function keyIdParam(params: URLSearchParams): string {
  const id = params.get('AccessKeyId');
  if (id === null) throw new AwsFault(400, 'ValidationError', validation('null', 'accessKeyId', 'Member must not be null'));
  if (!/^\w{16,128}$/.test(id)) throw new AwsFault(400, 'ValidationError', validation(id, 'accessKeyId', 'Member must satisfy regular expression pattern: [\\w]+'));
  return id;
}

function ownKey(dir: Directory, owner: UserRecord, id: string): AccessKeyRecord {
  const key = dir.accessKeys.get(id);
  if (!key || key.owner !== owner) throw new AwsFault(404, 'NoSuchEntity', `The Access Key with id ${id} cannot be found.`);
  return key;
}

export interface KeyActionOptions {
  nowMs: number;
  /** How long a new key is refused before it works (IAM's eventual consistency). */
  propagationMs: number;
}

/** Runs one key action; returns the inner XML of its Result element ('' for the two without one). */
export function keyAction(dir: Directory, caller: Caller, action: KeyAction, params: URLSearchParams, opts: KeyActionOptions): string {
  const owner = authorize(caller, action, params);
  const name = esc(owner.user.userName);
  switch (action) {
    case 'ListAccessKeys': {
      const members = keysOf(dir, owner)
        .map(
          (k) =>
            `      <member>\n        <UserName>${name}</UserName>\n        <AccessKeyId>${k.accessKeyId}</AccessKeyId>\n` +
            `        <Status>${k.status}</Status>\n        <CreateDate>${isoSeconds(k.createdMs)}</CreateDate>\n      </member>\n`,
        )
        .join('');
      return `    <UserName>${name}</UserName>\n    <IsTruncated>false</IsTruncated>\n    <AccessKeyMetadata>\n${members}    </AccessKeyMetadata>\n`;
    }
    case 'CreateAccessKey': {
      if (keysOf(dir, owner).length >= MAX_KEYS_PER_USER) throw new AwsFault(409, 'LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${MAX_KEYS_PER_USER}`);
      const key: AccessKeyRecord = {
        accessKeyId: randomKeyId('AKIA'),
        secretAccessKey: randomSecret(),
        status: 'Active',
        createdMs: opts.nowMs,
        usableFromMs: opts.nowMs + opts.propagationMs,
        owner,
      };
      dir.accessKeys.set(key.accessKeyId, key);
      dir.byKey.set(key.accessKeyId, owner);
      return (
        `    <AccessKey>\n      <UserName>${name}</UserName>\n      <AccessKeyId>${key.accessKeyId}</AccessKeyId>\n` +
        `      <Status>Active</Status>\n      <SecretAccessKey>${esc(key.secretAccessKey)}</SecretAccessKey>\n` +
        `      <CreateDate>${isoSeconds(key.createdMs)}</CreateDate>\n    </AccessKey>\n`
      );
    }
    case 'UpdateAccessKey': {
      const key = ownKey(dir, owner, keyIdParam(params));
      const status = params.get('Status');
      if (status !== 'Active' && status !== 'Inactive') {
        throw new AwsFault(400, 'ValidationError', validation(String(status), 'status', 'Member must satisfy enum value set: [Active, Inactive]'));
      }
      key.status = status;
      return '';
    }
    case 'DeleteAccessKey': {
      const key = ownKey(dir, owner, keyIdParam(params));
      // Sessions made with the key keep working until they expire: AWS documents that temporary
      // credentials "are valid until they expire, and they cannot be revoked" (IAM User Guide,
      // "Disabling permissions for temporary security credentials"); they carry the user's permissions.
      dir.accessKeys.delete(key.accessKeyId);
      dir.byKey.delete(key.accessKeyId);
      return '';
    }
  }
}
