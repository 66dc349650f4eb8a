/**
 * The bad-input corpus, through the built CLI and the IPC handlers: each input is refused with
 * one sentence and the contract's exit code, before any AWS call, and every file under HOME keeps
 * its hash.
 */
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli, runProcess } from '../helpers/cli';
import { NOBODY, reachableRuntime, runningAsRoot } from '../helpers/unprivileged';
import { snapshot } from '../helpers/snapshot';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ defaultProfile: true }, () => w.writeCredentials(GOOD_FILE));
let tried = 0;
const GOOD_FILE = '# mine\n[work]\nregion = eu-west-1\n';


async function refused(args: string[], exit: 1 | 2, sentence: RegExp, opts: { stdin?: string; env?: NodeJS.ProcessEnv; uid?: number } = {}): Promise<void> {
  tried++;
  const before = snapshot(w.home);
  const requests = w.emulator.requests.length;
  const r = await runCli(opts.env ?? w.env, args, opts.stdin);
  const what = JSON.stringify(args);
  assert.equal(r.code, exit, `${what}: ${r.stderr}`);
  assert.match(r.stderr, /^[^\n]+\n$/, `${what}: one line`);
  assert.match(r.stderr, sentence, what);
  assert.equal(r.stdout, '');
  assert.deepEqual(snapshot(w.home), before, `${what}: no file changed`);
  assert.equal(w.emulator.requests.length, requests, `${what}: no AWS call`);
}

test('MFA codes', async () => {
  for (const code of ['', '12345', '1234567', 'abcdef', '１２３４５６', '      ', '1 2 3 4 5', '12345６', '0x1234', '-12345']) {
    await refused(['login', 'default', '--code', code], 2, /^The MFA code must be exactly 6 digits/);
  }
});

test('profile names and targets (no INI injection)', async () => {
  for (const name of ['[', ']', 'a]b', 'x\n[default]', 'a=b', 'p'.repeat(65), 'p'.repeat(10_000), ' mfa', 'a;b', '']) {
    await refused(['login', name, '--code', '123456'], 2, /^The profile name must be 1 to 64 characters/);
    await refused(['login', 'default', '--code', '123456', '--target', name], 2, /^The target profile name must be 1 to 64 characters/);
    await refused(['keys', 'import', name], 2, /^The profile name must be 1 to 64 characters/);
  }
});

test('serial ARNs', async () => {
  for (const arn of ['arn:aws:iam:123456789012:mfa/alice', 'arn:aws:iam::123456789012:user/alice', 'arn:aws:iam::12345678901:mfa/alice', 'arn:azure:iam::123456789012:mfa/alice', 'alice', 'arn:aws:iam::123456789012:mfa/']) {
    await refused(['login', 'default', '--code', '123456', '--serial', arn], 2, /^The MFA serial must be a device ARN/);
  }
  await refused(['login', 'default', '--code', '123456', '--serial', 'arn:aws:iam::123456789012:u2f/user/alice/yubikey-ABCDEFGHIJ'], 2, /FIDO security key.*STS cannot take its codes/);
});

test('durations', async () => {
  for (const d of ['0', '899', '129601', 'NaN', 'abc', '3600.5', '-900', '']) {
    await refused(['login', 'default', '--code', '123456', '--duration', d], 2, /^The session duration must be a whole number of seconds from 900 to 129600/);
  }
});

test('access keys and secrets', async () => {
  const secret = `${w.user.secretAccessKey}\n`;
  await refused(['keys', 'set', 'k', '--access-key-id', 'ASIAEXAMPLEEXAMPLE12'], 2, /temporary session key/, { stdin: secret });
  for (const id of ['AKIA123', 'AKIAEXAMPLEEXAMPLE123', 'akiaexampleexample12', 'AKIA EXAMPLEEXAMPLE1']) {
    await refused(['keys', 'set', 'k', '--access-key-id', id], 2, /^The access key ID must be 20 characters starting with AKIA/, { stdin: secret });
  }
  for (const s of [`${w.user.secretAccessKey.slice(0, 20)}\n${w.user.secretAccessKey.slice(20)}\n`, 'short\n', `${w.user.secretAccessKey}x\n`]) {
    await refused(['keys', 'set', 'k', '--access-key-id', w.user.accessKeyId], 2, /^The secret access key must be the 40-character secret/, { stdin: s });
  }
  await refused(['keys', 'set', 'k', '--access-key-id', w.user.accessKeyId], 2, /^Give the secret access key as the first line of standard input/, { stdin: '' });
  // Through the app's IPC: a secret with a line break inside is refused, nothing stored.
  for (const s of [`${w.user.secretAccessKey.slice(0, 39)}\n`, `${w.user.secretAccessKey}\n`, `${w.user.secretAccessKey.slice(0, 20)}\r\n${w.user.secretAccessKey.slice(20)}`]) {
    tried++;
    const r = await w.handlers.saveProfile({ original: null, entry: { sourceProfile: 'k', target: 'k-mfa' }, accessKeyId: w.user.accessKeyId, secretAccessKey: s });
    assert.equal(r.ok, false);
    assert.equal(await w.keychain.get('k'), null);
  }
});

test('credentials files: duplicate sections, garbage, 50 MB, unreadable, a directory, a symlink loop', async () => {
  const file = w.paths.credentialsFile;
  const login = ['login', 'default', '--code', '123456'];
  const cases: [string, () => void, RegExp][] = [
    ['duplicate section', () => writeFileSync(file, '[mfa]\na = 1\n[other]\nb = 2\n[mfa]\nc = 3\n'), /line 5 repeats the section \[mfa\]/],
    ['duplicate key', () => writeFileSync(file, '[mfa]\na = 1\na = 2\n'), /line 3/],
    ['binary garbage', () => writeFileSync(file, Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x00, 0xff, 0xfe, 0x01, 0x02, 0x0a])), /binary|not a text/i],
    ['50 MB', () => writeFileSync(file, `[a]\n${'# padding padding padding padding padding padding\n'.repeat(1_000_000)}`), /larger than 10 MB/],
    ['a directory in its place', () => (rmSync(file, { force: true }), mkdirSync(file)), /is a (folder|directory)/i],
    ['a symlink loop', () => (rmSync(file, { force: true }), symlinkSync(`${file}.b`, file), symlinkSync(file, `${file}.b`)), /loops back on itself/],
  ];
  for (const [, make, sentence] of cases) {
    rmSync(path.dirname(file), { recursive: true, force: true });
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    make();
    await refused(login, 1, sentence);
    await refused(['keys', 'import', 'default'], 1, sentence);
  }
  // No read permission: root reads anything, so the CLI runs as nobody over a HOME nobody owns.
  rmSync(path.dirname(file), { recursive: true, force: true });
  w.writeCredentials(GOOD_FILE);
  chmodSync(file, 0o000);
  if (runningAsRoot()) {
    for (const p of [w.home, path.dirname(file), file]) chownSync(p, NOBODY, NOBODY);
    tried++;
    const before = snapshot(w.home);
    // From a copy nobody can reach: the checkout itself may sit in a private folder.
    const rt = reachableRuntime();
    const r = await runProcess(rt.node, [rt.bin, ...login], { env: w.env, uid: NOBODY });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^You do not have permission to read or write .*credentials; make it yours/);
    assert.deepEqual(snapshot(w.home), before);
    for (const p of [w.home, path.dirname(file), file]) chownSync(p, 0, 0);
  } else {
    await refused(login, 1, /^You do not have permission to read or write/);
  }
  chmodSync(file, 0o600);
});

test('figures', (t) => {
  t.diagnostic(`bad inputs tried: ${tried}; accepted: 0; files changed: 0`);
  assert.ok(tried >= 80, `tried ${tried}`);
});
