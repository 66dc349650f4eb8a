/**
 * Inter-process lock on one file, through proper-lockfile: an atomic mkdir of "<file>.lock" beside
 * it, whose mtime the holder refreshes; a lock left by a dead process goes stale after STALE_MS and
 * is then taken over. Within one process, callers also queue on a promise so they do not poll.
 */
import * as fs from 'node:fs';
import * as lockfile from 'proper-lockfile';
import { UserError } from './errors';

type Callback = (err: NodeJS.ErrnoException | null, value?: unknown) => void;

/** A callback-style fs call answered on the calling thread; the callback runs outside the try. */
function onThisThread(call: (...args: never[]) => unknown): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    const cb = args.pop() as Callback;
    let value: unknown;
    try {
      value = (call as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      return cb(e as NodeJS.ErrnoException);
    }
    cb(null, value);
  };
}

/**
 * proper-lockfile's fs, answered on the calling thread as its own lockSync does: mkdir, stat,
 * utimes and rmdir of a lock folder take microseconds (its realpath is not used: callers pass
 * realpath: false), a round trip through libuv's thread pool 20
 * times that. One object for the process: proper-lockfile caches the mtime precision it probes on
 * it (a new object per lock would probe again every time).
 */
export const lockFs = {
  // Only the calls proper-lockfile makes (lib/lockfile.js, lib/mtime-precision.js). Not `...fs`:
  // spreading node:fs runs its lazy getters (ReadStream, promises...), which load fs streams,
  // fs/promises and readline: about 2 ms of every cold start here.
  realpath: fs.realpath,
  rmdirSync: fs.rmdirSync,
  mkdir: onThisThread(fs.mkdirSync),
  stat: onThisThread(fs.statSync),
  utimes: onThisThread(fs.utimesSync),
  rmdir: onThisThread(fs.rmdirSync),
};

/** A holder that has not refreshed its lock for this long is considered dead (proper-lockfile's minimum is 2000). */
export const STALE_MS = 4000;
/** How long to keep trying before giving up with UserError Busy: longer than STALE_MS, so a dead holder's lock is always recovered. */
export const WAIT_MS = 10_000;

export interface HeldLock {
  /** Throws UserError Busy if another process took the lock over (we stalled past STALE_MS): do not commit then. */
  assertHeld(): void;
  release(): Promise<void>;
}

const queues = new Map<string, Promise<unknown>>();

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const myUid = (): number | null => (typeof process.getuid === 'function' ? process.getuid() : null);

/**
 * A lock folder another user made: we cannot remove it when it goes stale (a file inside it gives
 * ENOTEMPTY forever), and no other user updates our files legitimately. Said at once, naming it.
 */
async function foreignLock(lockPath: string, displayPath: string): Promise<UserError | null> {
  const uid = myUid();
  if (uid === null) return null;
  const st = await fs.promises.lstat(lockPath).catch(() => null);
  if (!st || st.uid === uid) return null;
  return new UserError(
    {
      en: `The lock ${lockPath} beside ${displayPath} was made by another user (uid ${st.uid}), so aws-mfa-tray cannot use ${displayPath}; remove ${lockPath} (as that user or root) and check who else writes there.`,
      ja: `${displayPath} の横のロック ${lockPath} は別のユーザー（uid ${st.uid}）が作ったため、aws-mfa-tray は ${displayPath} を使えません。そのユーザーか root で ${lockPath} を削除し、ほかに誰が書き込んでいるか確認してください。`,
    },
    'CredentialsFileUnusable',
  );
}

function busy(displayPath: string): UserError {
  return new UserError({ en: `Another program is updating ${displayPath} right now; try again in a moment.`, ja: `別のプログラムが ${displayPath} を更新中です。少し待ってからやり直してください。` }, 'Busy');
}

async function acquire(target: string, displayPath: string, waitMs: number, pollMs: number): Promise<HeldLock> {
  let compromised = false;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const release = await lockfile.lock(target, {
        realpath: false, // the caller passes the resolved path; the file may not exist yet
        lockfilePath: `${target}.lock`,
        fs: lockFs,
        stale: STALE_MS,
        retries: 0,
        // proper-lockfile's default throws from a timer, which would crash the app: record it instead.
        onCompromised: () => {
          compromised = true;
        },
      });
      return {
        assertHeld() {
          if (compromised) {
            throw new UserError({ en: `Another program took over ${displayPath} while it was being updated; nothing was written, try again.`, ja: `更新中に別のプログラムが ${displayPath} を使い始めました。何も書き込んでいません。やり直してください。` }, 'Busy');
          }
        },
        async release() {
          if (!compromised) await release().catch(() => undefined);
        },
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const foreign = await foreignLock(`${target}.lock`, displayPath);
      if (foreign) throw foreign;
      if (code !== 'ELOCKED') {
        throw new UserError(
          { en: `Cannot create a lock beside ${displayPath} (${code ?? 'unknown error'}); make sure you can write to its folder, then try again.`, ja: `${displayPath} の横にロックファイルを作れません（${code ?? '不明なエラー'}）。フォルダーに書き込めることを確認してからやり直してください。` },
          'CredentialsFileUnusable',
        );
      }
      if (Date.now() >= deadline) throw busy(displayPath);
      await sleep(10 + Math.random() * (pollMs - 10)); // jitter keeps contending processes out of lockstep
    }
  }
}

/**
 * Runs fn while holding the lock on `target` (an absolute, symlink-resolved path). Waiters retry
 * every 10 to `pollMs` ms (a long wait, such as for a person typing a code, polls more slowly).
 */
export async function withFileLock<T>(target: string, displayPath: string, fn: (lock: HeldLock) => Promise<T>, waitMs = WAIT_MS, pollMs = 50): Promise<T> {
  const previous = queues.get(target) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(async () => {
    const lock = await acquire(target, displayPath, waitMs, pollMs);
    try {
      return await fn(lock);
    } finally {
      await lock.release();
    }
  });
  const tail = run.catch(() => undefined);
  queues.set(target, tail);
  void tail.then(() => {
    if (queues.get(target) === tail) queues.delete(target);
  });
  return run;
}
