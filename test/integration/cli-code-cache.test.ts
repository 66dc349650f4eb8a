/**
 * The built CLI keeps its V8 code cache (main/cli/code-cache.ts) in the user's cache folder, never in
 * a temp folder other users can write to: written by a clean login, used by the next one, not
 * written by help or a failed command, and off with NODE_DISABLE_COMPILE_CACHE.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ defaultProfile: true, defaultConfig: 'region = us-east-1\n' });
const TAG = `${process.version}-${process.arch}`;

/** A fresh cache folder and temp folder for one test; NODE_COMPILE_CACHE unset, as users have it. */
function folders(): { env: NodeJS.ProcessEnv; cache: string; tmp: string } {
  const root = mkdtempSync(path.join(w.home, 'cc-'));
  const env = { ...w.env, XDG_CACHE_HOME: path.join(root, 'xdg'), TMPDIR: path.join(root, 'tmp'), NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined };
  return { env, cache: path.join(root, 'xdg', 'aws-mfa-tray'), tmp: path.join(root, 'tmp') };
}

const login = (env: NodeJS.ProcessEnv, code = w.emulator.nextFreshCode(w.serial)) => runCli(env, ['login', 'default', '--code', code]);
/** The code cache files (the folder also keeps zone-names.json: local-time.test.ts). */
const list = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.v8')).sort() : []);

test('a login writes the two bundles\' caches into XDG_CACHE_HOME/aws-mfa-tray (0700, files 0600); the next login uses them as they are', async () => {
  const { env, cache, tmp } = folders();
  const r = await login(env);
  assert.equal(r.code, 0, r.stderr);
  const names = list(cache);
  assert.equal(names.length, 2, names.join(' '));
  assert.match(names[0]!, new RegExp(`^aws\\.js\\.login\\.${TAG.replace(/\./g, '\\.')}\\.[0-9a-f]+-\\d+\\.v8$`));
  assert.match(names[1]!, new RegExp(`^cli-program\\.js\\.login\\.${TAG.replace(/\./g, '\\.')}\\.[0-9a-f]+-\\d+\\.v8$`));
  assert.equal(statSync(cache).mode & 0o777, 0o700);
  for (const n of names) assert.equal(statSync(path.join(cache, n)).mode & 0o777, 0o600);
  assert.ok(!existsSync(path.join(tmp, 'node-compile-cache')), 'nothing in the temp folder');
  const before = names.map((n) => statSync(path.join(cache, n)));
  const again = await login(env);
  assert.equal(again.code, 0, again.stderr);
  assert.match(w.credentialsText() ?? '', /\[mfa\]\naws_access_key_id = ASIA/);
  assert.deepEqual(list(cache), names);
  const after = names.map((n) => statSync(path.join(cache, n)));
  assert.deepEqual(after.map((s) => [s.ino, s.mtimeMs]), before.map((s) => [s.ino, s.mtimeMs]), 'used, not written again');
  // Another command has its own: status loads only cli-program.js.
  assert.equal((await runCli(env, ['status'])).code, 0);
  assert.equal(list(cache).filter((n) => n.startsWith('cli-program.js.status.')).length, 1);
});

test('without XDG_CACHE_HOME the cache is in ~/.cache/aws-mfa-tray', async () => {
  const { env } = folders();
  const home = mkdtempSync(path.join(os.tmpdir(), 'mfa-cc-home-'));
  const r = await runCli({ ...env, HOME: home, XDG_CACHE_HOME: undefined }, ['status']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(list(path.join(home, '.cache', 'aws-mfa-tray')).length, 1);
});

test('help and a refused command write no cache (it would hold only their path); NODE_DISABLE_COMPILE_CACHE writes none', async () => {
  const { env, cache } = folders();
  assert.equal((await runCli(env, ['login', '--help'])).code, 0);
  const bad = await login(env, '12');
  assert.equal(bad.code, 2);
  assert.deepEqual(list(cache), []);
  const off = await login({ ...env, NODE_DISABLE_COMPILE_CACHE: '1' });
  assert.equal(off.code, 0, off.stderr);
  assert.deepEqual(list(cache), []);
});
