/**
 * Rotates a profile's long-term access key with the MFA session (the seed policy allows the IAM key
 * calls only with MFA): the user named from sts:GetCallerIdentity with the long-term key, then
 * CreateAccessKey, a check that the new key works (retried while IAM propagates it), the keychain,
 * and only then DeleteAccessKey (or UpdateAccessKey Inactive) of the old key, every call with an
 * explicit UserName.
 *
 * Crash safety: the keychain always holds a key that works, because the new key is stored only once
 * AWS accepts it, and the old key is removed only once the new one is stored. A journal (key IDs
 * only) written before CreateAccessKey lets the next rotate tell what an interrupted one left: a key
 * made but never stored is deleted; an old key left behind is removed.
 *
 * Sessions: AWS documents that temporary credentials "are valid until they expire, and they cannot
 * be revoked" (IAM User Guide, "Disabling permissions for temporary security credentials"); they
 * carry the IAM user's permissions, not the key's. So the current session stays in place, and the
 * next renewal signs GetSessionToken with the new key.
 */
import { UserError, type Sentence } from '../errors';
import type { Keychain } from '../keychain';
import type { LongTermKeys } from '../types';
import { maskAccessKeyId, validateCode, validateProfileName } from '../validate';
import type { KeyAgeStore } from './key-age';
import {
  inactiveSecondKeyError,
  isAwsRefusal,
  keychainWriteError,
  notAnIamUserError,
  oldKeyLeftError,
  propagationError,
  twoActiveKeysError,
} from './key-errors';
import type { AccessKeyInfo, Credentials, KeyApi, KeyApiTarget } from './key-gateway';
import { clearJournal, readJournal, writeJournal, type RotationJournal } from './rotation-journal';

export type RotateStep = 'identity' | 'session' | 'listed' | 'journal' | 'created' | 'verified' | 'stored' | 'old-removed';

export interface RotateOptions {
  /** A 6-digit code, when no valid session can be reused (else the usual code sources). */
  code?: string;
  /** Deactivate the old key instead of deleting it. */
  keepOld?: boolean;
  /** The user agreed that this inactive second key may be deleted to make room. */
  deleteInactiveKeyId?: string;
}

export interface RotateResult {
  profile: string;
  userName: string;
  oldAccessKeyId: string;
  newAccessKeyId: string;
  oldKey: 'deleted' | 'deactivated';
  /** ISO 8601 UTC. */
  created: string;
  /** This call finished a rotation a crash had interrupted (no new key was made now). */
  resumed: boolean;
}

export interface RotateDeps {
  keychain: Keychain;
  settingsDir: string;
  api: KeyApi;
  ages: KeyAgeStore;
  /** The profile's region, endpoints and network settings. */
  target(profile: string): Promise<KeyApiTarget>;
  /** The MFA session of the profile's target: a valid one reused, else one login (with `code`, else a code source). */
  session(profile: string, code: string | undefined): Promise<Credentials>;
  /** One sentence for the person (what an interrupted rotation left, and what is done about it). */
  tell?(sentence: Sentence): void;
  /** After each step (progress; the crash tests stop the process here). */
  onStep?(step: RotateStep): void | Promise<void>;
  /** How long the new key may take to work. Default 15 s. */
  verifyTimeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The second key is in the way; `keyId` says which (the UI asks about deleting it when inactive). */
export class SecondKeyError extends UserError {
  constructor(
    sentence: UserError,
    readonly keyId: string,
    readonly status: 'Active' | 'Inactive',
  ) {
    super({ en: sentence.message, ja: sentence.ja }, sentence.code, sentence.kind);
  }
}

const m = maskAccessKeyId;

const text = {
  orphan: (id: string): Sentence => ({
    en: `An earlier rotation was interrupted after it created access key ${m(id)}, which never reached the keychain; deleting it now.`,
    ja: `以前のローテーションがアクセスキー ${m(id)} を作成した後に中断され、そのキーはキーチェーンに保存されていません。いま削除します。`,
  }),
  finishing: (id: string, keepOld: boolean): Sentence => ({
    en: `An earlier rotation was interrupted after the new key was stored; ${keepOld ? 'deactivating' : 'deleting'} the old key ${m(id)} now.`,
    ja: `以前のローテーションは新しいキーを保存した後に中断されました。古いキー ${m(id)} をいま${keepOld ? '無効化' : '削除'}します。`,
  }),
};

function noKeys(profile: string): UserError {
  return new UserError(
    {
      en: `No long-term keys for profile ${profile} in the keychain; add them with "aws-mfa-tray keys set ${profile} --access-key-id AKIA..." or "aws-mfa-tray keys import ${profile}".`,
      ja: `キーチェーンにプロファイル ${profile} の長期キーがありません。"aws-mfa-tray keys set ${profile} --access-key-id AKIA..." または "aws-mfa-tray keys import ${profile}" で追加してください。`,
    },
    'NoKeys',
  );
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function rotate(profileName: string, opts: RotateOptions, deps: RotateDeps): Promise<RotateResult> {
  // Everything typed is checked before the keychain, a file or AWS is touched.
  const profile = validateProfileName(profileName);
  const code = opts.code === undefined ? undefined : validateCode(opts.code);
  const keepOld = opts.keepOld ?? false;
  const now = deps.now ?? Date.now;
  const step = async (s: RotateStep): Promise<void> => void (await deps.onStep?.(s));

  const old = await deps.keychain.get(profile);
  if (!old) throw noKeys(profile);
  const at = await deps.target(profile);
  // The long-term key names its user: no IAM deny can block GetCallerIdentity.
  const who = await deps.api.callerIdentity(old, at);
  if (!who.userName) throw notAnIamUserError(who.arn);
  const userName = who.userName;
  await step('identity');

  const session = await deps.session(profile, code);
  await step('session');
  let listed = await deps.api.listAccessKeys(session, userName, at);
  await step('listed');

  const journal = readJournal(deps.settingsDir, profile);
  if (journal && journal.userName === userName) {
    const resumed = await resumeInterrupted(journal, old, listed, session, at, deps);
    if (resumed) return resumed;
    listed = listed.filter((k) => k.accessKeyId === old.accessKeyId || journal.keyIdsBefore.includes(k.accessKeyId));
  }
  clearJournal(deps.settingsDir, profile);

  // IAM's limit of two keys: say which key is in the way; an inactive one goes only when the user agreed.
  const other = listed.find((k) => k.accessKeyId !== old.accessKeyId);
  if (other) {
    if (other.status === 'Active') throw new SecondKeyError(twoActiveKeysError(other.accessKeyId), other.accessKeyId, 'Active');
    if (opts.deleteInactiveKeyId !== other.accessKeyId) throw new SecondKeyError(inactiveSecondKeyError(other.accessKeyId), other.accessKeyId, 'Inactive');
    await deps.api.deleteAccessKey(session, userName, other.accessKeyId, at);
    listed = listed.filter((k) => k !== other);
  }

  writeJournal(deps.settingsDir, {
    version: 1,
    profile,
    userName,
    oldKeyId: old.accessKeyId,
    keyIdsBefore: listed.map((k) => k.accessKeyId),
    keepOld,
    startedAt: new Date(now()).toISOString(),
  });
  await step('journal');

  let created;
  try {
    created = await deps.api.createAccessKey(session, userName, at);
  } catch (e) {
    clearJournal(deps.settingsDir, profile); // nothing was made
    if (isAwsRefusal(e, 'LimitExceededException', 'LimitExceeded')) {
      // Someone made a second key meanwhile (the console): the same sentence as above.
      const fresh = (await deps.api.listAccessKeys(session, userName, at).catch(() => [] as AccessKeyInfo[])).find((k) => k.accessKeyId !== old.accessKeyId);
      if (fresh) throw new SecondKeyError(fresh.status === 'Active' ? twoActiveKeysError(fresh.accessKeyId) : inactiveSecondKeyError(fresh.accessKeyId), fresh.accessKeyId, fresh.status);
    }
    throw e;
  }
  const fresh: LongTermKeys = { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey };
  await step('created');

  // Whatever goes wrong from here until the keychain holds the new key: the new key is deleted again.
  const undo = async (error: UserError): Promise<never> => {
    await deps.api.deleteAccessKey(session, userName, fresh.accessKeyId, at).catch(() => undefined);
    clearJournal(deps.settingsDir, profile);
    throw error;
  };

  const timeoutMs = deps.verifyTimeoutMs ?? 15_000;
  if (!(await works(fresh, who.arn, at, deps, timeoutMs))) await undo(propagationError(fresh.accessKeyId, Math.round(timeoutMs / 1000)));
  await step('verified');

  try {
    await deps.keychain.set(profile, fresh);
    deps.keychain.forget?.(profile);
    const stored = await deps.keychain.get(profile);
    if (stored?.accessKeyId !== fresh.accessKeyId || stored.secretAccessKey !== fresh.secretAccessKey) throw new Error('not kept');
  } catch {
    // The old key must stay the one in the keychain (it still works: it has not been touched).
    await deps.keychain.set(profile, old).catch(() => undefined);
    await undo(keychainWriteError(old.accessKeyId));
  }
  writeJournal(deps.settingsDir, { ...(readJournal(deps.settingsDir, profile) ?? journalOf(profile, userName, old, listed, keepOld, now)), storedKeyId: fresh.accessKeyId });
  recordAge(deps, profile, fresh.accessKeyId, created.created);
  await step('stored');

  await removeOld(old.accessKeyId, keepOld, session, userName, at, deps);
  await step('old-removed');
  clearJournal(deps.settingsDir, profile);
  return { profile, userName, oldAccessKeyId: old.accessKeyId, newAccessKeyId: fresh.accessKeyId, oldKey: keepOld ? 'deactivated' : 'deleted', created: created.created, resumed: false };
}

function journalOf(profile: string, userName: string, old: LongTermKeys, listed: AccessKeyInfo[], keepOld: boolean, now: () => number): RotationJournal {
  return { version: 1, profile, userName, oldKeyId: old.accessKeyId, keyIdsBefore: listed.map((k) => k.accessKeyId), keepOld, startedAt: new Date(now()).toISOString() };
}

function recordAge(deps: RotateDeps, profile: string, accessKeyId: string, created: string): void {
  try {
    deps.ages.update(profile, accessKeyId, { created, checkedAt: created });
  } catch {
    // bookkeeping only: the next login's ListAccessKeys finds the date
  }
}

/** GetCallerIdentity with the new key until AWS accepts it as the same user (IAM propagates new keys). */
async function works(keys: LongTermKeys, arn: string, at: KeyApiTarget, deps: RotateDeps, timeoutMs: number): Promise<boolean> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const until = now() + timeoutMs;
  // Short steps: IAM usually needs a few seconds, and each step more is waited in full.
  for (let wait = 200; ; wait = Math.min(Math.round(wait * 1.5), 500)) {
    try {
      return (await deps.api.callerIdentity(keys, at)).arn === arn;
    } catch (e) {
      if (!isAwsRefusal(e, 'InvalidClientTokenId', 'SignatureDoesNotMatch')) throw e;
    }
    if (now() + wait > until) return false;
    await sleep(wait);
  }
}

async function removeOld(id: string, keepOld: boolean, session: Credentials, userName: string, at: KeyApiTarget, deps: RotateDeps): Promise<void> {
  try {
    if (keepOld) await deps.api.updateAccessKey(session, userName, id, 'Inactive', at);
    else await deps.api.deleteAccessKey(session, userName, id, at);
  } catch (e) {
    if (isAwsRefusal(e, 'NoSuchEntityException', 'NoSuchEntity')) return; // already gone
    // The first clause of the reason (what happened), without its own advice: the sentence has one.
    const clause = (s: string): string => s.split(/[;\uff1b\u3002]/)[0]!.replace(/\.$/, '');
    const why = e instanceof UserError ? { en: clause(e.message), ja: clause(e.ja) } : { en: 'unexpected error', ja: '予期しないエラー' };
    throw oldKeyLeftError(id, why);
  }
}

/**
 * What an interrupted rotation left. The new key stored (the keychain holds neither the old key nor
 * one that existed before): the old key is removed and the rotation is over. The old key still in
 * the keychain: a key made but never stored is deleted, and the caller goes on with a fresh rotation.
 */
async function resumeInterrupted(
  journal: RotationJournal,
  current: LongTermKeys,
  listed: AccessKeyInfo[],
  session: Credentials,
  at: KeyApiTarget,
  deps: RotateDeps,
): Promise<RotateResult | null> {
  const profile = journal.profile;
  const newStored = current.accessKeyId !== journal.oldKeyId && !journal.keyIdsBefore.includes(current.accessKeyId);
  if (newStored) {
    const oldKey = listed.find((k) => k.accessKeyId === journal.oldKeyId);
    if (oldKey && !(journal.keepOld && oldKey.status === 'Inactive')) {
      deps.tell?.(text.finishing(journal.oldKeyId, journal.keepOld));
      await removeOld(journal.oldKeyId, journal.keepOld, session, journal.userName, at, deps);
    }
    clearJournal(deps.settingsDir, profile);
    const created = listed.find((k) => k.accessKeyId === current.accessKeyId)?.created ?? deps.ages.read()[profile]?.created ?? new Date().toISOString();
    recordAge(deps, profile, current.accessKeyId, created);
    return { profile, userName: journal.userName, oldAccessKeyId: journal.oldKeyId, newAccessKeyId: current.accessKeyId, oldKey: journal.keepOld ? 'deactivated' : 'deleted', created, resumed: true };
  }
  if (current.accessKeyId === journal.oldKeyId) {
    for (const orphan of listed.filter((k) => k.accessKeyId !== current.accessKeyId && !journal.keyIdsBefore.includes(k.accessKeyId))) {
      deps.tell?.(text.orphan(orphan.accessKeyId));
      await deps.api.deleteAccessKey(session, journal.userName, orphan.accessKeyId, at).catch((e: unknown) => {
        if (!isAwsRefusal(e, 'NoSuchEntityException', 'NoSuchEntity')) throw e;
      });
    }
  }
  return null;
}
