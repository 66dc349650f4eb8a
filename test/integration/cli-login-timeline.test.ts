/**
 * How a cold `login --code` spends its time, checked by order, never by duration (targets are the
 * bench's): test/helpers/login-timeline.cjs stamps the bundles' require()s, keytar's calls, the
 * HTTP request and the writes from outside the code. Also the SDK bundle's contents (esbuild's
 * metafile). The code cache: cli-code-cache.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ defaultProfile: true, defaultConfig: 'region = us-east-1\n' });
const HOOK = path.resolve(__dirname, '../helpers/login-timeline.cjs');
const DIST = path.resolve(__dirname, '../../dist');

interface Stamp {
  name: string;
  start: number;
  end: number;
  detail?: { file?: string };
}

async function timedLoginWith(extraEnv: NodeJS.ProcessEnv = {}): Promise<{ events: Stamp[]; builtins: string[] }> {
  const out = path.join(w.home, `timeline-${Date.now()}.json`);
  const r = await runCli({ ...w.env, ...extraEnv, BREAKDOWN_OUT: out, NODE_OPTIONS: `--require ${HOOK}` }, ['login', 'default', '--code', w.emulator.nextFreshCode(w.serial)]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(readFileSync(out, 'utf8')) as { events: Stamp[]; builtins: string[] };
}

async function timedLogin(extraEnv: NodeJS.ProcessEnv = {}): Promise<Stamp[]> {
  return (await timedLoginWith(extraEnv)).events;
}

const one = (events: Stamp[], name: string, file?: string): Stamp => {
  const found = events.filter((e) => e.name === name && (file === undefined || e.detail?.file?.endsWith(file)));
  assert.equal(found.length, 1, `one ${name} ${file ?? ''}: ${JSON.stringify(events.map((e) => e.name))}`);
  return found[0]!;
};

test('login --code asks the keychain before the SDK bundle loads, and sends the request after both', async () => {
  const events = await timedLogin();
  const read = one(events, 'keytar.getPassword');
  const sdk = one(events, 'require dist/aws.js');
  // GetSessionToken; this is the key's first login, so its date is unknown and GetCallerIdentity and
  // ListAccessKeys follow with the session just written (key rotation's age column), after the write.
  const requests = events.filter((e) => e.name === 'http request -> response end');
  assert.equal(requests.length, 3, JSON.stringify(events.map((e) => e.name)));
  const http = requests[0]!;
  // The D-Bus round trip runs on a worker thread while the main thread parses the SDK.
  assert.ok(read.start < sdk.start, `keychain read started at ${read.start}, the SDK load at ${sdk.start}`);
  assert.ok(http.start > sdk.end && http.start > read.end);
  // Then the write, as before: under its lock, temp file fsynced, renamed, folder fsynced, unlocked.
  const lock = one(events, 'mkdir', 'credentials.lock');
  const unlock = one(events, 'rmdir', 'credentials.lock');
  const rename = one(events, 'rename', '.aws/credentials');
  const syncs = events.filter((e) => e.name === 'fsync' && e.start > lock.start && e.end < unlock.start);
  assert.ok(syncs.some((s) => s.end < rename.start && /\.credentials\.\d+\.[0-9a-f]+\.tmp$/.test(s.detail!.file!)), 'temp file fsynced before the rename');
  assert.ok(syncs.some((s) => s.start > rename.end && s.detail!.file!.endsWith('.aws')), 'folder fsynced after the rename');
  assert.ok(http.end < lock.start);
  for (const later of requests.slice(1)) assert.ok(later.start > rename.end, 'the key-date requests use the written session');
  assert.match(w.credentialsText() ?? '', /\[mfa\]\naws_access_key_id = ASIA/);
});

test("a cold login loads no built-in module it does not use: zlib (the code cache hashes with node:crypto; the SDK's CRC-32 class loads zlib at its first checksum), fs streams, dns, readline, worker_threads", async () => {
  // Run twice: the first login writes the code caches, the second reads and checks them.
  await timedLogin();
  const { builtins } = await timedLoginWith();
  assert.ok(builtins.includes('crypto') && builtins.includes('https'), builtins.join(' '));
  assert.ok(!builtins.includes('zlib'), 'node:zlib was loaded');
  // fs's ReadStream/WriteStream getters load these: a sign that something spread or walked node:fs (lockFs once did).
  assert.ok(!builtins.includes('internal/fs/streams'), 'node:fs streams were loaded');
  assert.ok(!builtins.includes('dns/promises') && !builtins.includes('readline/promises') && !builtins.includes('worker_threads'), builtins.join(' '));
});

test('dist/aws.js holds what GetSessionToken and ListMFADevices need, not the SDK default credential chain (esbuild metafile)', () => {
  const meta = JSON.parse(readFileSync(path.join(DIST, 'aws.meta.json'), 'utf8')) as { outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }> };
  const [, out] = Object.entries(meta.outputs).find(([f]) => f.endsWith('aws.js'))!;
  const inputs = Object.entries(out.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([f]) => f);
  for (const gone of ['@aws-sdk/credential-provider-', '@aws-sdk/nested-clients', 'bowser', '/dist-cjs/']) {
    assert.deepEqual(inputs.filter((f) => f.includes(gone)), [], `${gone} is not in the bundle`);
  }
  const iamBytes = Object.entries(out.inputs).filter(([f]) => f.includes('@aws-sdk/client-iam/')).reduce((a, [, v]) => a + v.bytesInOutput, 0);
  assert.ok(iamBytes > 0 && iamBytes < 100_000, `client-iam: ${iamBytes} bytes (all of it: ~350 KB)`);
  assert.ok(inputs.some((f) => f.includes('client-iam/dist-es/commands/ListMFADevicesCommand')));
  assert.ok(!inputs.some((f) => f.includes('client-iam/dist-es/commands/CreateUserCommand')));
  assert.equal(out.bytes, statSync(path.join(DIST, 'aws.js')).size);
});

test('the CLI bundles are ASCII: one non-ASCII byte (esbuild escapes strings, not regular expressions) makes every load decode and keep the whole source as two-byte text', () => {
  for (const bundle of ['cli.js', 'cli-program.js', 'aws.js']) {
    const bytes = readFileSync(path.join(DIST, bundle));
    const at = bytes.findIndex((b) => b > 0x7f);
    assert.equal(at, -1, `${bundle}: a non-ASCII byte near ${JSON.stringify(bytes.subarray(Math.max(0, at - 40), at + 10).toString('utf8'))}; write it as a \\u escape`);
  }
});

test('graceful-fs, the default fs of proper-lockfile that we always replace (lockFs), is in no Node bundle', () => {
  for (const bundle of ['cli.js', 'cli-program.js', 'aws.js', 'app.js']) {
    const text = readFileSync(path.join(DIST, bundle), 'utf8');
    assert.ok(!text.includes('node_modules/graceful-fs/'), `${bundle} holds graceful-fs`);
  }
  assert.match(readFileSync(path.join(DIST, 'cli-program.js'), 'utf8'), /node_modules\/proper-lockfile\//);
});
