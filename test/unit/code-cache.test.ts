/**
 * The CLI's own V8 code cache (main/cli/code-cache.ts), through real child processes and real files:
 * written after the code ran (so it holds the functions V8 compiled lazily), used the next time,
 * refused when damaged, when another user could have written it or when V8's flags differ, never
 * stale after the bundle changed, and off with NODE_DISABLE_COMPILE_CACHE.
 */
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { Script } from 'node:vm';
import { commandOf } from '../../main/cli/code-cache';
import { defaultCacheDir } from '../../main/core/paths';
import { runProcess } from '../helpers/cli';

const CHILD = path.resolve(__dirname, '../helpers/code-cache-child.ts');
const POSIX = process.platform !== 'win32';

/** A bundle with many functions that run only when called, as esbuild's module wrappers are. */
function bundleSource(answer: number): string {
  const fns = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return [x, ${i}].map((y) => y * 2).reduce((a, b) => a + b, 0); }`);
  return `"use strict";\n${fns.join('\n')}\nexports.answer = () => ${answer} + [${fns.map((_, i) => `f${i}`).join(',')}].reduce((a, f) => a + f(1) * 0, 0);\nexports.where = () => [__filename, __dirname, typeof require, module.exports === exports ? 'module' : 'no'];\n`;
}

function setUp(): { dist: string; cache: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mfa-code-cache-'));
  const dist = path.join(root, 'dist');
  mkdirSync(dist);
  writeFileSync(path.join(dist, 'cli-program.js'), bundleSource(42));
  writeFileSync(path.join(dist, 'other.js'), 'exports.plain = true;\n');
  return { dist, cache: path.join(root, 'cache', 'aws-mfa-tray') };
}

interface ChildOut {
  loads: { bundle: string; cache: string }[] | null;
  answer: number;
  where: string[];
  other: boolean;
}

async function load(dist: string, cache: string, opts: { env?: NodeJS.ProcessEnv; flags?: string[] } = {}): Promise<ChildOut> {
  const r = await runProcess(process.execPath, [...(opts.flags ?? []), '--import', 'tsx', CHILD, dist, cache, 'login'], { env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', ...opts.env } });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as ChildOut;
}

const files = (dir: string): string[] => readdirSync(dir).sort();

test('the first run writes the cache after running; the next run uses it and leaves it as it is', async () => {
  const { dist, cache } = setUp();
  const first = await load(dist, cache);
  assert.deepEqual(first.loads, [{ bundle: 'cli-program.js', cache: 'none' }], 'other.js goes through Node as before');
  assert.equal(first.answer, 42);
  assert.deepEqual(first.where, [path.join(dist, 'cli-program.js'), dist, 'function', 'module']);
  assert.equal(first.other, true);
  const [name, ...more] = files(cache);
  assert.deepEqual(more, []);
  assert.match(name!, new RegExp(`^cli-program\\.js\\.login\\.${process.version.replace(/\./g, '\\.')}-${process.arch}\\.[0-9a-f]+-\\d+\\.v8$`));
  const file = path.join(cache, name!);
  if (POSIX) {
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(cache).mode & 0o777, 0o700);
  }
  // Taken after the run: it holds the 200 functions compiled when answer() called them, which a
  // cache made right after compiling (Node's compile cache) does not.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(path.join(dist, 'cli-program.js'), 'utf8')}\n})`;
  const atCompile = new Script(wrapped, { filename: path.join(dist, 'cli-program.js') }).createCachedData().length;
  assert.ok(statSync(file).size > atCompile * 2, `cache ${statSync(file).size} bytes, at compile time ${atCompile}`);

  const before = statSync(file);
  const second = await load(dist, cache);
  assert.deepEqual(second.loads, [{ bundle: 'cli-program.js', cache: 'accepted' }]);
  assert.equal(second.answer, 42);
  const after = statSync(file);
  assert.deepEqual([after.ino, after.mtimeMs], [before.ino, before.mtimeMs], 'not written again');
});

test('a damaged cache file is not given to V8: the run goes on without it and writes a good one', async () => {
  const { dist, cache } = setUp();
  await load(dist, cache);
  const file = path.join(cache, files(cache)[0]!);
  const bytes = readFileSync(file);
  bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
  writeFileSync(file, bytes, { mode: 0o600 });
  const damaged = await load(dist, cache);
  assert.deepEqual(damaged.loads, [{ bundle: 'cli-program.js', cache: 'none' }]);
  assert.equal(damaged.answer, 42);
  assert.deepEqual((await load(dist, cache)).loads, [{ bundle: 'cli-program.js', cache: 'accepted' }]);
});

test('a cache file another user could have written is never loaded, and is replaced by our own', { skip: !POSIX && 'POSIX owners and modes' }, async () => {
  const { dist, cache } = setUp();
  await load(dist, cache);
  const file = path.join(cache, files(cache)[0]!);
  chmodSync(file, 0o664); // group-writable: a good cache, but not ours alone
  assert.deepEqual((await load(dist, cache)).loads, [{ bundle: 'cli-program.js', cache: 'none' }]);
  assert.equal(statSync(file).mode & 0o777, 0o600, 'written again, by us');
  if (process.getuid?.() === 0) {
    chownSync(file, 65534, 65534); // nobody's
    assert.deepEqual((await load(dist, cache)).loads, [{ bundle: 'cli-program.js', cache: 'none' }]);
    assert.equal(statSync(file).uid, 0);
  }
});

test('a cache V8 refuses (other V8 flags) is written again for them', async () => {
  const { dist, cache } = setUp();
  await load(dist, cache);
  const refused = await load(dist, cache, { flags: ['--no-opt'] });
  assert.deepEqual(refused.loads, [{ bundle: 'cli-program.js', cache: 'rejected' }]);
  assert.equal(refused.answer, 42);
  assert.deepEqual((await load(dist, cache, { flags: ['--no-opt'] })).loads, [{ bundle: 'cli-program.js', cache: 'accepted' }]);
});

test('a changed bundle gets a cache of its own (never the old code) and the old one is removed', async () => {
  const { dist, cache } = setUp();
  await load(dist, cache);
  const old = files(cache);
  // The same length, other code: V8's own check compares only the length.
  writeFileSync(path.join(dist, 'cli-program.js'), bundleSource(43));
  assert.equal(statSync(path.join(dist, 'cli-program.js')).size, Buffer.byteLength(bundleSource(42)));
  const changed = await load(dist, cache);
  assert.deepEqual(changed.loads, [{ bundle: 'cli-program.js', cache: 'none' }]);
  assert.equal(changed.answer, 43);
  const now = files(cache);
  assert.equal(now.length, 1);
  assert.notDeepEqual(now, old);
});

test('NODE_DISABLE_COMPILE_CACHE turns it off: Node loads the bundle and nothing is written', async () => {
  const { dist, cache } = setUp();
  const off = await load(dist, cache, { env: { NODE_DISABLE_COMPILE_CACHE: '1' } });
  assert.equal(off.loads, null);
  assert.equal(off.answer, 42);
  assert.throws(() => readdirSync(cache), { code: 'ENOENT' });
});

test('one cache per command: the first argument when it is a command name, else "other"', () => {
  assert.equal(commandOf(['login', 'default', '--code', '123456']), 'login');
  assert.equal(commandOf(['credential-process', 'mfa']), 'credential-process');
  assert.equal(commandOf([]), 'other');
  assert.equal(commandOf(['--json']), 'other');
  assert.equal(commandOf(['../../etc']), 'other');
  assert.equal(commandOf(['LOGIN']), 'other');
});

test('the cache folder per OS: XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, LocalAppData', () => {
  assert.equal(defaultCacheDir({}, '/home/a', 'linux'), '/home/a/.cache/aws-mfa-tray');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/a' }, '/home/a', 'linux'), '/var/cache/a/aws-mfa-tray');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: 'rel' }, '/home/a', 'linux'), '/home/a/.cache/aws-mfa-tray', 'a relative XDG folder is ignored');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x' }, '/Users/a', 'darwin'), '/Users/a/Library/Caches/aws-mfa-tray');
});
