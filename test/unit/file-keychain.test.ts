/**
 * The encrypted key file (main/core/file-keychain.ts), through real files and Node's real crypto:
 * the same operations as the OS keychain, a wrong passphrase and a damaged file each one sentence
 * with the file's bytes unchanged, 0600 writes, and no secret in the file in the clear.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { FileKeychain, type PassphraseSource } from '../../main/core/file-keychain';

const dir = mkdtempSync(path.join(os.tmpdir(), 'file-keychain-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const CHEAP = { N: 1024, r: 8, p: 1 }; // the format records the cost; tests need not pay the default's
const A = { accessKeyId: 'AKIAAAAAAAAAAAAAAAA1', secretAccessKey: 'a'.repeat(40) };
const B = { accessKeyId: 'AKIABBBBBBBBBBBBBBB2', secretAccessKey: 'b/B+'.repeat(10) };
let n = 0;
const fresh = (): string => path.join(dir, `f${n++}`, 'keys.enc');

/** A passphrase source that records how it was asked. */
function asking(pass: string): PassphraseSource & { asked: string[] } {
  const asked: string[] = [];
  const f: PassphraseSource = (mode) => {
    asked.push(mode);
    return Promise.resolve(pass);
  };
  return Object.assign(f, { asked });
}

test('set, get, list, remove, as the OS keychain does; the file is 0600 and holds no key in the clear', async () => {
  const file = fresh();
  const ask = asking('correct horse');
  const kc = new FileKeychain(file, ask, CHEAP);
  assert.equal(await kc.get('default'), null);
  assert.deepEqual(await kc.list(), []);
  assert.equal(await kc.remove('default'), false);
  await kc.set('default', A);
  await kc.set('work', B);
  assert.deepEqual(ask.asked, ['create'], 'asked once, as a new file');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(statSync(path.dirname(file)).mode & 0o777, 0o700);
  const text = readFileSync(file, 'utf8');
  for (const s of [A.secretAccessKey, B.secretAccessKey, A.accessKeyId, 'work']) assert.ok(!text.includes(s), `${s} in the clear`);

  // Another process (a new instance) opens it with the passphrase.
  const other = new FileKeychain(file, asking('correct horse'), CHEAP);
  assert.deepEqual(await other.get('default'), A);
  assert.deepEqual(await other.list(), [
    { profile: 'default', accessKeyId: A.accessKeyId },
    { profile: 'work', accessKeyId: B.accessKeyId },
  ]);
  assert.equal(await other.remove('default'), true);
  assert.equal(await other.remove('default'), false);
  assert.deepEqual(await kc.list(), [{ profile: 'work', accessKeyId: B.accessKeyId }]);
  // Every write has its own nonce.
  await other.set('default', A);
  const t1 = readFileSync(file, 'utf8');
  await other.set('default', A);
  assert.notEqual(readFileSync(file, 'utf8'), t1);
});

test('a wrong passphrase: one sentence, nothing changed, the right one still opens everything', async () => {
  const file = fresh();
  await new FileKeychain(file, asking('right'), CHEAP).set('default', A);
  const before = readFileSync(file);
  const wrong = new FileKeychain(file, asking('wrong'), CHEAP);
  for (const op of [() => wrong.get('default'), () => wrong.list(), () => wrong.set('x', B), () => wrong.remove('default')]) {
    await assert.rejects(op, (e: Error & { code?: string; ja?: string }) => {
      assert.equal(e.code, 'KeychainLocked');
      assert.equal(e.message, `The passphrase does not open the key file ${file}; nothing was changed, so try again with the right one (or set AWS_MFA_TRAY_FILE_PASSPHRASE to it).`);
      assert.match(e.ja!, /^パスフレーズでキーファイル .* を開けません。/);
      return true;
    });
  }
  assert.deepEqual(readFileSync(file), before);
  assert.deepEqual(await new FileKeychain(file, asking('right'), CHEAP).get('default'), A);
});

test('a damaged file (cut short, flipped data, changed cost, not JSON): one sentence, never overwritten, nothing lost', async () => {
  const file = fresh();
  await new FileKeychain(file, asking('pw'), CHEAP).set('default', A);
  const good = readFileSync(file, 'utf8');
  const sealed = JSON.parse(good) as { data: string; kdf: { N: number } };
  const flipped = Buffer.from(sealed.data, 'base64');
  flipped[0] = flipped[0]! ^ 1;
  const damages = [
    good.slice(0, good.length / 2),
    JSON.stringify({ ...sealed, data: flipped.toString('base64') }),
    JSON.stringify({ ...sealed, kdf: { ...sealed.kdf, N: 2048 } }), // a changed cost derives another key: not the right passphrase, nor damage to ignore
    'not json at all',
    '',
  ];
  for (const bad of damages) {
    writeFileSync(file, bad, { mode: 0o600 });
    const kc = new FileKeychain(file, asking('pw'), CHEAP);
    for (const op of [() => kc.get('default'), () => kc.set('default', B), () => kc.remove('default')]) {
      await assert.rejects(op, (e: Error & { code?: string }) => {
        assert.ok(e.code === 'KeychainCorrupt' || e.code === 'KeychainLocked', `${e.code}: ${e.message}`);
        if (e.code === 'KeychainCorrupt') assert.equal(e.message, `The key file ${file} is damaged and was left as it is; restore it from a backup, or move it away and store your keys again with "aws-mfa-tray keys set".`);
        return true;
      });
    }
    assert.equal(readFileSync(file, 'utf8'), bad, 'left as it was');
  }
  // Restored from the backup, everything is there.
  writeFileSync(file, good, { mode: 0o600 });
  assert.deepEqual(await new FileKeychain(file, asking('pw'), CHEAP).get('default'), A);
});

test('flipped ciphertext is called damaged, not a wrong passphrase (the check value tells them apart)', async () => {
  const file = fresh();
  await new FileKeychain(file, asking('pw'), CHEAP).set('default', A);
  const sealed = JSON.parse(readFileSync(file, 'utf8')) as { data: string };
  const flipped = Buffer.from(sealed.data, 'base64');
  flipped[3] = flipped[3]! ^ 0x40;
  writeFileSync(file, JSON.stringify({ ...sealed, data: flipped.toString('base64') }));
  await assert.rejects(new FileKeychain(file, asking('pw'), CHEAP).get('default'), { code: 'KeychainCorrupt' });
});

test('an empty passphrase is refused before anything is written', async () => {
  const file = fresh();
  await assert.rejects(new FileKeychain(file, asking(''), CHEAP).set('default', A), { code: 'BadInput' });
  assert.throws(() => statSync(file), { code: 'ENOENT' });
});

test('concurrent writers in one process lose nothing (the file lock serialises them)', async () => {
  const file = fresh();
  await new FileKeychain(file, asking('pw'), CHEAP).set('seed', A);
  const names = Array.from({ length: 8 }, (_, i) => `p${i}`);
  await Promise.all(names.map((p) => new FileKeychain(file, asking('pw'), CHEAP).set(p, B)));
  const list = await new FileKeychain(file, asking('pw'), CHEAP).list();
  assert.deepEqual(list.map((e) => e.profile).sort(), ['seed', ...names].sort());
});

test('the choice: AWS_MFA_TRAY_KEYCHAIN wins over the settings; the app takes the passphrase from its environment only', async () => {
  const { chooseKeychain, keychainForApp } = await import('../../main/core/keychain-choice');
  const { KeytarKeychain } = await import('../../main/core/keychain');
  const settingsDir = path.join(dir, 'choice');
  const store = (keychain?: 'os' | 'file') => ({ read: () => ({ profiles: [], defaultTarget: 'mfa', preferences: { startAtLogin: false, warnMinutesBefore: 10, removeExpired: true, language: 'auto' as const }, ...(keychain ? { keychain } : {}) }), write: () => undefined, saveProfile: () => undefined });
  const ask = asking('x');
  assert.ok(chooseKeychain({ env: {}, settings: store(), settingsDir, ask }) instanceof KeytarKeychain);
  assert.ok(chooseKeychain({ env: {}, settings: store('file'), settingsDir, ask }) instanceof FileKeychain);
  assert.ok(chooseKeychain({ env: { AWS_MFA_TRAY_KEYCHAIN: 'os' }, settings: store('file'), settingsDir, ask }) instanceof KeytarKeychain);
  assert.throws(() => chooseKeychain({ env: { AWS_MFA_TRAY_KEYCHAIN: 'vault' }, settings: store(), settingsDir, ask }), { code: 'BadInput' });
  const app = keychainForApp({ AWS_MFA_TRAY_KEYCHAIN: 'file' }, store(), settingsDir);
  await assert.rejects(app.set('default', A), { code: 'KeychainLocked', message: /^The key file needs its passphrase, which the app cannot ask for/ });
  const withPass = keychainForApp({ AWS_MFA_TRAY_KEYCHAIN: 'file', AWS_MFA_TRAY_FILE_PASSPHRASE: 'pw' }, store(), settingsDir);
  assert.ok(withPass instanceof FileKeychain);
  assert.ok(keychainForApp({ AWS_MFA_TRAY_KEYCHAIN: 'vault' }, store(), settingsDir) instanceof KeytarKeychain, 'a bad variable leaves the app on the OS keychain');
});
