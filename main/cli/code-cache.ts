/**
 * A V8 code cache for the CLI's two large bundles (dist/cli-program.js, dist/aws.js), taken once a
 * command has run instead of right after compiling. esbuild wraps every module of a bundle in a
 * function that V8 compiles only when it is first called, so a cache made at compile time (Node's
 * own `module.enableCompileCache`) holds little more than the wrappers; one made after a login
 * holds everything the login ran. Measured: docs/performance.md, issue 24.
 *
 * One cache per bundle, command and Node, named by a hash of the bundle and its size, in the user's
 * own cache folder (never a shared temp folder: code cache is code, and V8 trusts it). A file is
 * used only when we own it and nobody else can write to it, and only when its own hash holds.
 * The hash is SHA-1 from node:crypto, which every command loads anyway, rather than zlib's
 * CRC-32: loading node:zlib alone cost more than both hashes (measured: docs/performance.md).
 * Written at a clean exit (code 0), once, when there was none or V8 refused it (another Node or
 * other V8 flags); NODE_DISABLE_COMPILE_CACHE turns it off, as it does Node's.
 */
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';
import { hash } from 'node:crypto';

/** The bundles worth it: the rest (cli.js, keytar's few lines) compile in well under a millisecond. */
const BUNDLES = ['cli-program.js', 'aws.js'];
const MAGIC = Buffer.from('AMT2');
/** Bytes of the data's SHA-1 kept in the header: 64 bits tell a damaged file from a good one. */
const SUM = 8;
const HEADER = MAGIC.length + SUM;

function sum(data: Buffer): Buffer {
  return hash('sha1', data, 'buffer').subarray(0, SUM);
}

type Loader = (module: nodeModule.Module, filename: string) => void;
const extensions = (nodeModule as unknown as { Module: { _extensions: Record<string, Loader> } }).Module._extensions;

/** The command a cache is for: the first argument when it looks like one, else one shared "other". */
export function commandOf(args: readonly string[]): string {
  const first = args[0] ?? '';
  return /^[a-z][a-z-]{0,31}$/.test(first) ? first : 'other';
}

/** Only a file of ours that nobody else could have written (POSIX; Windows' LocalAppData is the user's own). */
function oursAlone(st: { uid: number; mode: number }): boolean {
  if (typeof process.getuid !== 'function') return true;
  return st.uid === process.getuid() && (st.mode & 0o022) === 0;
}

/** The cache bytes of `file`, or null when there is none, it is not ours alone, or it is damaged. */
export function readCache(file: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || !oursAlone(st) || st.size <= HEADER) return null;
    const all = readFileSync(fd);
    if (!all.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    const data = all.subarray(HEADER);
    return all.subarray(MAGIC.length, HEADER).equals(sum(data)) ? data : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Writes `data` as `file` (temp file, then rename: a reader never sees half) and removes the same bundle's older caches. */
export function writeCache(dir: string, name: string, data: Buffer, stalePrefix: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || !oursAlone(st)) return;
  const file = path.join(dir, name);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    const header = Buffer.alloc(HEADER);
    MAGIC.copy(header);
    sum(data).copy(header, MAGIC.length);
    writeSync(fd, header);
    writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, file);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
  for (const old of readdirSync(dir)) {
    if (old.startsWith(stalePrefix) && old !== name && !old.endsWith('.tmp')) {
      try {
        unlinkSync(path.join(dir, old));
      } catch {
        // another process removed it first
      }
    }
  }
}

export interface CodeCacheLoad {
  bundle: string;
  /** 'accepted': V8 used the cache; 'rejected': V8 refused it; 'none': there was none usable. */
  cache: 'accepted' | 'rejected' | 'none';
}

export interface CodeCache {
  /** What each bundle loaded so far found (for the tests). */
  readonly loads: CodeCacheLoad[];
  /** Writes the caches that were missing or refused; never throws. */
  save(): void;
}

/**
 * Loads `distDir`'s large bundles through the cache from now on (a require() of them comes here).
 * Returns null, changing nothing, when turned off.
 */
export function installCodeCache(distDir: string, cacheDir: string, command: string, env: NodeJS.ProcessEnv): CodeCache | null {
  if (env.NODE_DISABLE_COMPILE_CACHE) return null;
  const tag = `${process.version}-${process.arch}`;
  const pending: { script: Script; name: string; prefix: string }[] = [];
  const loads: CodeCacheLoad[] = [];
  const original = extensions['.js']!;
  const ours = new Set(BUNDLES.map((b) => path.join(distDir, b)));
  extensions['.js'] = function load(module, filename) {
    if (!ours.has(filename)) return original.call(this, module, filename);
    const source = readFileSync(filename);
    const bundle = path.basename(filename);
    const prefix = `${bundle}.${command}.`;
    const name = `${prefix}${tag}.${sum(source).toString('hex')}-${source.length}.v8`;
    const cachedData = readCache(path.join(cacheDir, name)) ?? undefined;
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`, { filename, cachedData });
    const rejected = cachedData !== undefined && script.cachedDataRejected === true;
    loads.push({ bundle, cache: cachedData === undefined ? 'none' : rejected ? 'rejected' : 'accepted' });
    if (cachedData === undefined || rejected) pending.push({ script, name, prefix });
    const fn = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: nodeModule.Module, f: string, d: string) => void;
    fn.call(module.exports, module.exports, nodeModule.createRequire(filename), module, filename, path.dirname(filename));
  };
  return {
    loads,
    save(): void {
      for (const p of pending.splice(0)) {
        try {
          writeCache(cacheDir, p.name, p.script.createCachedData(), p.prefix);
        } catch {
          // a cache is only ever a speed-up: a folder we cannot write to costs the next run its time, nothing else
        }
      }
    },
  };
}
