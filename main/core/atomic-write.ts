/**
 * Crash-safe replacement of a file: temp file in the same folder (0600), write, fsync, rename over
 * the target, fsync the folder. Hand-written because write-file-atomic 7 neither fsyncs the folder
 * (so the rename itself may be lost on power failure) nor keeps a dangling symlink (its realpath
 * fallback replaces the link with a file).
 *
 * The metadata calls (lstat, realpath, open, write, rename, close) are made on the calling thread:
 * each takes microseconds, and a round trip through libuv's thread pool costs 20 times that (2 µs
 * against 48 µs for a stat, measured here), over a dozen of them per write. Only the fsyncs, which
 * wait for the disk, go to the pool, so a slow disk never stalls the event loop.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { UserError } from './errors';
import { assertRootSafePath } from './folder-safety';
import { HOST_PLATFORM } from './host';

/** fsync on the thread pool: the one call here that waits for the disk. */
export const fsyncOffThread: (fd: number) => Promise<void> = promisify(fs.fsync);

const MAX_LINKS = 40; // Linux's own limit on symlinks followed in one lookup

function tempPrefix(target: string): string {
  return `.${path.basename(target)}.`;
}
const TEMP_SUFFIX_RE = /^\d+\.[0-9a-f]{12}\.tmp$/;

/**
 * The file to actually replace: follows a symlink chain (even to a target that does not exist
 * yet) so the link itself is kept, and resolves the folder so every path spelling locks the same
 * file. Refuses a symlink loop.
 */
export function resolveWriteTarget(filePath: string, displayPath: string): string {
  let cur = path.resolve(filePath);
  for (let i = 0; i <= MAX_LINKS; i++) {
    assertRootSafePath(cur, displayPath);
    let isLink: boolean;
    try {
      isLink = fs.lstatSync(cur).isSymbolicLink();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      isLink = false;
    }
    if (!isLink) {
      try {
        // .native: the same realpath(3) / GetFinalPathNameByHandle the promise API calls.
        return path.join(fs.realpathSync.native(path.dirname(cur)), path.basename(cur));
      } catch {
        return cur; // folder does not exist yet; the writer creates it
      }
    }
    cur = path.resolve(path.dirname(cur), fs.readlinkSync(cur));
  }
  throw new UserError({ en: `${displayPath} is a symbolic link that loops back on itself; point it at a real file or remove it.`, ja: `${displayPath} は自分自身を指すシンボリックリンクです。実在のファイルを指すようにするか、削除してください。` }, 'CredentialsFileUnusable');
}

/** Removes temp files left by writers that died mid-write. Call only while holding the file's lock. */
export function removeLeftoverTemps(target: string): void {
  const prefix = tempPrefix(target);
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(target));
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix) || !TEMP_SUFFIX_RE.test(n.slice(prefix.length))) continue;
    try {
      fs.unlinkSync(path.join(path.dirname(target), n));
    } catch {
      // gone already, or not ours to remove: the write does not depend on it
    }
  }
}

/** Creates the folder (0700) if missing; existing folders are left as they are. */
export function ensureFolder(target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
}

/** What the replacement waits for: the disk (an fsync) or time (a Windows rename retry). */
type Wait = { fsync: number } | { sleepMs: number };

/**
 * The one replacement, written once for both drivers below: it yields where it waits, and the
 * async driver waits off the event loop while the sync one blocks.
 */
function* replacement(target: string, data: string | readonly string[], beforeCommit: () => void, platform: NodeJS.Platform): Generator<Wait, void, void> {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `${tempPrefix(target)}${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.fchmodSync(fd, 0o600); // 'wx' + mode is subject to umask only, but be explicit
      // Each piece encoded on its own (a caller's pieces are slices of a larger text: joining them
      // would copy it all once more) and written whole.
      for (const piece of typeof data === 'string' ? [data] : data) {
        const bytes = Buffer.from(piece, 'utf8');
        for (let off = 0; off < bytes.length; ) off += fs.writeSync(fd, bytes, off, bytes.length - off);
      }
      yield { fsync: fd };
    } finally {
      fs.closeSync(fd);
    }
    beforeCommit();
    // Windows refuses a rename while another process (antivirus, an editor) has the target open.
    for (let attempt = 0; !renamed; attempt++) {
      try {
        fs.renameSync(tmp, target);
        renamed = true;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (platform !== 'win32' || attempt >= 10 || !['EPERM', 'EACCES', 'EBUSY'].includes(code ?? '')) throw e;
        yield { sleepMs: 20 * (attempt + 1) };
      }
    }
  } finally {
    if (!renamed) {
      try {
        fs.unlinkSync(tmp);
      } catch {
        // never created, or already gone
      }
    }
  }
  // Folders cannot be opened for fsync on Windows; NTFS journals the rename.
  if (platform === 'win32') return;
  const dirFd = fs.openSync(dir, 'r');
  try {
    yield { fsync: dirFd };
  } finally {
    fs.closeSync(dirFd);
  }
}

/**
 * Replaces `target` (already symlink-resolved) with `data` (or its pieces, in order), mode 0600. `beforeCommit` runs just
 * before the rename and may throw to abandon the write (the target is then untouched).
 */
export async function writeFileAtomic(
  target: string,
  data: string | readonly string[],
  beforeCommit: () => void = () => undefined,
  platform: NodeJS.Platform = HOST_PLATFORM,
): Promise<void> {
  const steps = replacement(target, data, beforeCommit, platform);
  for (let step = steps.next(); !step.done; ) {
    const w = step.value;
    // A failed wait is thrown into the replacement, so its finally blocks close and clean up.
    step = await ('fsync' in w ? fsyncOffThread(w.fsync) : new Promise<void>((r) => setTimeout(r, w.sleepMs))).then(
      () => steps.next(),
      (e: unknown) => steps.throw(e),
    );
  }
}

/**
 * The same, blocking: for small files of our own written from synchronous APIs (settings, key
 * dates, rotation journals), where the caller already waits for the write.
 */
export function writeFileAtomicSync(target: string, data: string, platform: NodeJS.Platform = HOST_PLATFORM): void {
  const steps = replacement(target, data, () => undefined, platform);
  for (let step = steps.next(); !step.done; ) {
    const w = step.value;
    step = resumeAfter(steps, () => ('fsync' in w ? fs.fsyncSync(w.fsync) : Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, w.sleepMs)));
  }
}

/** Runs a blocking wait, then resumes the replacement, throwing the wait's error into it as the async driver does. */
function resumeAfter(steps: Generator<Wait, void, void>, wait: () => unknown): IteratorResult<Wait, void> {
  try {
    wait();
  } catch (e) {
    return steps.throw(e);
  }
  return steps.next();
}
