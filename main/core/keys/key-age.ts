/**
 * How old each long-term key is: the creation date IAM reports (ListAccessKeys with the MFA
 * session, after a login, at most once a day per key while the date is unknown) or the moment
 * this tool created the key. Kept in key-ages.json in the settings folder, by profile and key ID
 * (a key replaced elsewhere is simply unknown again). No secret in it. Also the tray's reminder:
 * once a week per profile while a key is older than the threshold.
 */
import * as path from 'node:path';
import { readJsonFile, writeJsonFile } from '../json-file';
import type { Keychain } from '../keychain';
import { currentSession } from '../renew/valid-session';
import { isAwsRefusal } from './key-errors';
import type { Credentials, KeyApi, KeyApiTarget } from './key-gateway';

export interface KeyAgeEntry {
  accessKeyId: string;
  /** ISO 8601 UTC, when known. */
  created?: string;
  /** The last time AWS was asked (so it is asked at most once a day). */
  checkedAt?: string;
  /** The last reminder shown for this key. */
  remindedAt?: string;
}

export const DAY_MS = 86_400_000;
export const DEFAULT_KEY_AGE_REMINDER_DAYS = 90;
const CHECK_EVERY_MS = DAY_MS;
const REMIND_EVERY_MS = 7 * DAY_MS;

export interface KeyAge {
  profile: string;
  accessKeyId: string;
  /** ISO 8601 UTC, or null while unknown (an imported key before its first login). */
  created: string | null;
  ageDays: number | null;
}

export class KeyAgeStore {
  readonly file: string;

  constructor(settingsDir: string) {
    this.file = path.join(settingsDir, 'key-ages.json');
  }

  read(): Record<string, KeyAgeEntry> {
    let raw: unknown;
    try {
      raw = readJsonFile(this.file);
    } catch {
      return {}; // bookkeeping only: a damaged file costs one ListAccessKeys, and is rewritten
    }
    const profiles = (raw as { profiles?: unknown } | undefined)?.profiles;
    if (!profiles || typeof profiles !== 'object') return {};
    const out: Record<string, KeyAgeEntry> = {};
    for (const [name, e] of Object.entries(profiles as Record<string, Partial<KeyAgeEntry>>)) {
      if (typeof e?.accessKeyId !== 'string') continue;
      const entry: KeyAgeEntry = { accessKeyId: e.accessKeyId };
      for (const k of ['created', 'checkedAt', 'remindedAt'] as const) if (typeof e[k] === 'string' && !Number.isNaN(Date.parse(e[k]))) entry[k] = e[k];
      out[name] = entry;
    }
    return out;
  }

  /** Changes one profile's entry (a new key ID starts a new entry). */
  update(profile: string, accessKeyId: string, change: Partial<Omit<KeyAgeEntry, 'accessKeyId'>>): void {
    const all = this.read();
    const before = all[profile]?.accessKeyId === accessKeyId ? all[profile] : { accessKeyId };
    all[profile] = { ...before, ...change, accessKeyId };
    writeJsonFile(this.file, { version: 1, profiles: all });
  }

  remove(profile: string): void {
    const all = this.read();
    if (!(profile in all)) return;
    delete all[profile];
    writeJsonFile(this.file, { version: 1, profiles: all });
  }
}

export const ageDaysOf = (created: string, now: number): number => Math.max(0, Math.floor((now - Date.parse(created)) / DAY_MS));

/** The keychain's keys with their age, where known. */
export function keyAges(keys: { profile: string; accessKeyId: string }[], store: KeyAgeStore, now: number): KeyAge[] {
  const known = store.read();
  return keys.map(({ profile, accessKeyId }) => {
    const e = known[profile];
    const created = e?.accessKeyId === accessKeyId && e.created ? e.created : null;
    return { profile, accessKeyId, created, ageDays: created ? ageDaysOf(created, now) : null };
  });
}

/** Whether a login should ask AWS for this key's date: unknown, and not asked within a day. */
export function needsAgeCheck(store: KeyAgeStore, profile: string, accessKeyId: string, now: number): boolean {
  const e = store.read()[profile];
  if (!e || e.accessKeyId !== accessKeyId) return true;
  if (e.created) return false;
  return !e.checkedAt || now - Date.parse(e.checkedAt) >= CHECK_EVERY_MS;
}

/**
 * After a login: the key's creation date from ListAccessKeys, with the session just made (the seed
 * policy allows it only with MFA). Best effort, for the caller to run in the background.
 */
export async function refreshKeyAge(opts: {
  store: KeyAgeStore;
  api: KeyApi;
  profile: string;
  accessKeyId: string;
  session: Credentials;
  at: KeyApiTarget;
  now: () => number;
}): Promise<void> {
  const { store, profile, accessKeyId, now } = opts;
  if (!needsAgeCheck(store, profile, accessKeyId, now())) return;
  const checkedAt = new Date(now()).toISOString();
  let created: string | undefined;
  try {
    const who = await opts.api.callerIdentity(opts.session, opts.at);
    if (who.userName) created = (await opts.api.listAccessKeys(opts.session, who.userName, opts.at)).find((k) => k.accessKeyId === accessKeyId)?.created;
  } catch (e) {
    // AWS said no (a policy without iam:ListAccessKeys): not asked again within the day. Cut off
    // (the CLI exiting) or offline: asked again after the next login.
    if (isAwsRefusal(e, 'AccessDenied', 'AccessDeniedException')) store.update(profile, accessKeyId, { checkedAt });
    throw e;
  }
  store.update(profile, accessKeyId, { checkedAt, ...(created ? { created } : {}) });
}

/**
 * The refresh after a login, in the background: the profile's key from the keychain, the session
 * just written to the target, and the AWS calls. `done` never rejects; `cancel()` cuts the calls
 * off (the CLI, at exit: it waits for nothing more than its own bookkeeping).
 */
export function refreshKeyAgeAfterLogin(o: {
  settingsDir: string;
  credentialsFile: string;
  keychain: Pick<Keychain, 'get'>;
  profile: string;
  target: string;
  at: () => Promise<KeyApiTarget>;
  api: () => KeyApi;
  now?: () => number;
}): { done: Promise<void>; cancel(): void } {
  const now = o.now ?? Date.now;
  const store = new KeyAgeStore(o.settingsDir);
  let api: KeyApi | null = null;
  let cancelled = false;
  const work = async (): Promise<void> => {
    const keys = await o.keychain.get(o.profile);
    if (!keys || !needsAgeCheck(store, o.profile, keys.accessKeyId, now())) return;
    const session = await currentSession(o.credentialsFile, o.target);
    if (!session || cancelled) return;
    const at = await o.at();
    if (cancelled) return;
    api = o.api();
    const creds = { accessKeyId: session.AccessKeyId, secretAccessKey: session.SecretAccessKey, sessionToken: session.SessionToken };
    await refreshKeyAge({ store, api, profile: o.profile, accessKeyId: keys.accessKeyId, session: creds, at, now });
  };
  const done = work()
    .catch(() => undefined) // bookkeeping only
    .finally(() => (api)?.destroy());
  return {
    done,
    cancel: () => {
      cancelled = true;
      (api)?.destroy();
    },
  };
}

/** Profiles whose key is older than `thresholdDays` and not reminded of within a week (0: never). */
export function dueReminders(ages: KeyAge[], store: KeyAgeStore, thresholdDays: number, now: number): KeyAge[] {
  if (!(thresholdDays > 0)) return [];
  const known = store.read();
  return ages.filter((a) => {
    if (a.ageDays === null || a.ageDays < thresholdDays) return false;
    const reminded = known[a.profile]?.remindedAt;
    return !reminded || now - Date.parse(reminded) >= REMIND_EVERY_MS;
  });
}
