/**
 * What the tool remembers between runs, apart from settings: the sessions it wrote (for `status`,
 * the tray and clean-up) and the last accepted MFA code per device (AWS refuses a code twice, so
 * we refuse it locally first, without spending a request). sessions.json in the settings folder.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import lockfile from 'proper-lockfile';
import { UserError } from './errors';
import { lockFs } from './file-lock';
import { readJsonFile, writeJsonFileAsync } from './json-file';

/** A session the tool wrote: one per credentials file and target profile. */
export interface SessionRecord {
  /**
   * The credentials file it was written to, as an absolute path: the same target name in another
   * file (AWS_SHARED_CREDENTIALS_FILE) is another session. '' for records from before files were
   * recorded; those stand for whichever file is in use, as they did then.
   */
  credentialsFile: string;
  target: string;
  /** The source profile whose keys made it. */
  profile: string;
  expiration: string;
  /** The ASIA key written, so clean-up never deletes a session some other tool wrote since. */
  accessKeyId: string;
}

export interface SessionState {
  sessions: SessionRecord[];
  lastCodes: Record<string, { code: string; at: number }>;
}

const empty = (): SessionState => ({ sessions: [], lastCodes: {} });

/** How a credentials file is named in the records. */
export const credentialsFileKey = (file: string): string => path.resolve(file);

/** The records that describe sessions in `file` (legacy records without a file included). */
export function sessionsIn(state: SessionState, file: string): SessionRecord[] {
  const key = credentialsFileKey(file);
  const own = state.sessions.filter((s) => s.credentialsFile === key);
  return [...own, ...state.sessions.filter((s) => s.credentialsFile === '' && !own.some((o) => o.target === s.target))];
}

/** Records `rec` as the session of its file and target, replacing any earlier one (and a legacy one of that target). */
export function putSession(state: SessionState, rec: SessionRecord): void {
  state.sessions = state.sessions.filter((s) => s.target !== rec.target || (s.credentialsFile !== rec.credentialsFile && s.credentialsFile !== ''));
  state.sessions.push(rec);
}

/** Forgets the session of `file` and `target` if it is still the one with `accessKeyId`. */
export function dropSession(state: SessionState, file: string, target: string, accessKeyId: string): void {
  const key = credentialsFileKey(file);
  state.sessions = state.sessions.filter(
    (s) => !(s.target === target && (s.credentialsFile === key || s.credentialsFile === '') && s.accessKeyId === accessKeyId),
  );
}

function parseRecord(s: Partial<Record<keyof SessionRecord, unknown>> | null, target?: string): SessionRecord | null {
  if (!s || typeof s !== 'object') return null;
  const t = target ?? s.target;
  const file = target === undefined ? s.credentialsFile : '';
  if (typeof t !== 'string' || typeof file !== 'string') return null;
  if (typeof s.profile !== 'string' || typeof s.expiration !== 'string' || typeof s.accessKeyId !== 'string') return null;
  return { credentialsFile: file, target: t, profile: s.profile, expiration: s.expiration, accessKeyId: s.accessKeyId };
}

function parse(raw: unknown): SessionState {
  if (!raw || typeof raw !== 'object') return empty();
  const r = raw as { sessions?: unknown; lastCodes?: SessionState['lastCodes'] };
  const state = empty();
  // Now a list of records; before, an object from target name to record (no file).
  const records = Array.isArray(r.sessions)
    ? r.sessions.map((s) => parseRecord(s as Record<string, unknown>))
    : Object.entries((r.sessions ?? {}) as Record<string, Record<string, unknown>>).map(([target, s]) => parseRecord(s, target));
  for (const rec of records) if (rec) putSession(state, rec);
  for (const [serial, c] of Object.entries(r.lastCodes ?? {})) {
    if (c && typeof c.code === 'string' && typeof c.at === 'number') state.lastCodes[serial] = { code: c.code, at: c.at };
  }
  return state;
}

interface Change {
  change: (state: SessionState) => void;
  resolve: (state: SessionState) => void;
  reject: (e: unknown) => void;
}

export class SessionStateStore {
  readonly file: string;
  private readonly queue: Change[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly settingsDir: string) {
    this.file = path.join(settingsDir, 'sessions.json');
  }

  read(): SessionState {
    try {
      return parse(readJsonFile(this.file));
    } catch {
      // A damaged state file only loses history (status lines, reuse check); it is rewritten on the next update.
      return empty();
    }
  }

  /**
   * Read-modify-write under an inter-process lock, so the app and the CLI never drop each other's
   * records. Within one process, changes that arrive while a write is in flight are applied together
   * in the next one: one lock and one write for the batch instead of lock retries per change.
   */
  update(change: (state: SessionState) => void): Promise<SessionState> {
    return new Promise((resolve, reject) => {
      this.queue.push({ change, resolve, reject });
      this.running ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        const failed = new Map<Change, unknown>();
        const state = await this.locked((s) => {
          for (const c of batch) {
            try {
              c.change(s);
            } catch (e) {
              failed.set(c, e);
            }
          }
        });
        for (const c of batch) {
          if (failed.has(c)) c.reject(failed.get(c));
          else c.resolve(state);
        }
      } catch (e) {
        for (const c of batch) c.reject(e);
      }
    }
    this.running = null;
  }

  private async locked(change: (state: SessionState) => void): Promise<SessionState> {
    mkdirSync(this.settingsDir, { recursive: true, mode: 0o700 });
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(this.file, {
        realpath: false,
        lockfilePath: `${this.file}.lock`,
        fs: lockFs,
        stale: 10_000,
        retries: { retries: 50, minTimeout: 20, maxTimeout: 200 },
      });
    } catch {
      throw new UserError({ en: 'Another aws-mfa-tray is busy updating its session list; try again in a moment.', ja: '別の aws-mfa-tray がセッション一覧を更新中です。少し待ってからやり直してください。' }, 'Busy');
    }
    try {
      const state = this.read();
      change(state);
      await writeJsonFileAsync(this.file, state, { underLock: true });
      return state;
    } finally {
      await release();
    }
  }
}
