/**
 * The one replacement in main/core/atomic-write.ts, through both of its drivers: the async one
 * (credentials, sessions.json, the file keychain) and the blocking one (settings, key dates,
 * rotation journals). Same file, same guarantees: 0600 whatever the umask, a symlink kept, no
 * temp file left, the old file whole when the rename fails.
 */
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { resolveWriteTarget, writeFileAtomic, writeFileAtomicSync } from '../../main/core/atomic-write';
import { readJsonFile, writeJsonFile } from '../../main/core/json-file';

const POSIX = process.platform !== 'win32';
const root = mkdtempSync(path.join(os.tmpdir(), 'mfa-atomic-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const dir = (): string => {
  const d = path.join(root, String(n++));
  mkdirSync(d);
  return d;
};

const drivers: [string, (target: string, text: string) => Promise<void>][] = [
  ['async', (t, text) => writeFileAtomic(t, text)],
  // eslint-disable-next-line @typescript-eslint/require-await -- a rejected promise for a sync throw, as assert.rejects wants
  ['blocking', async (t, text) => writeFileAtomicSync(t, text)],
];

for (const [name, write] of drivers) {
  test(`${name}: replaces the file whole, 0600 whatever the umask, nothing left beside it`, async () => {
    const d = dir();
    const file = path.join(d, 'f.json');
    writeFileSync(file, 'old', { mode: 0o644 });
    const mask = process.umask(0);
    try {
      await write(file, 'new text ✓');
    } finally {
      process.umask(mask);
    }
    assert.equal(readFileSync(file, 'utf8'), 'new text ✓');
    if (POSIX) assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(d), ['f.json']);
  });

  test(`${name}: through a symlink the link is kept and its target replaced`, { skip: !POSIX && 'symlinks need privileges on Windows' }, async () => {
    const d = dir();
    writeFileSync(path.join(d, 'real.json'), 'old');
    symlinkSync('real.json', path.join(d, 'link.json'));
    await write(resolveWriteTarget(path.join(d, 'link.json'), 'link.json'), 'new');
    assert.ok(lstatSync(path.join(d, 'link.json')).isSymbolicLink());
    assert.equal(readlinkSync(path.join(d, 'link.json')), 'real.json');
    assert.equal(readFileSync(path.join(d, 'real.json'), 'utf8'), 'new');
  });

  test(`${name}: a rename that fails leaves the target as it was and removes the temp file`, async () => {
    const d = dir();
    const target = path.join(d, 'taken');
    mkdirSync(target); // a folder: rename(2) of a file over it fails (EISDIR)
    writeFileSync(path.join(target, 'inside'), 'x');
    await assert.rejects(write(target, 'new'), (e: NodeJS.ErrnoException) => ['EISDIR', 'EPERM', 'EEXIST', 'ENOTEMPTY'].includes(e.code ?? ''));
    assert.deepEqual(readdirSync(d), ['taken']);
    assert.deepEqual(readdirSync(target), ['inside']);
  });
}

test('async: beforeCommit throwing abandons the write before the rename', async () => {
  const d = dir();
  const file = path.join(d, 'f');
  writeFileSync(file, 'old');
  await assert.rejects(
    writeFileAtomic(file, 'new', () => {
      throw new Error('lock lost');
    }),
    /lock lost/,
  );
  assert.equal(readFileSync(file, 'utf8'), 'old');
  assert.deepEqual(readdirSync(d), ['f']);
});

test('writeJsonFile: creates the folder 0700, writes tab-indented JSON, reads back', () => {
  const d = path.join(dir(), 'settings', 'deeper');
  const file = path.join(d, 's.json');
  writeJsonFile(file, { a: 1, b: ['x'] });
  assert.equal(readFileSync(file, 'utf8'), '{\n\t"a": 1,\n\t"b": [\n\t\t"x"\n\t]\n}\n');
  if (POSIX) assert.equal(statSync(d).mode & 0o777, 0o700);
  assert.deepEqual(readJsonFile(file), { a: 1, b: ['x'] });
  assert.equal(readJsonFile(path.join(d, 'none.json')), undefined);
});
