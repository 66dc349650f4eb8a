import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ProfilePatch, updateIniFile } from '../../main/core/credentials-file';
import { parseCredentialsText, readCredentialsFile } from '../../main/core/credentials-read';
import { patchProfileText } from '../../main/core/ini-patch';
import { isUserError, type UserError } from '../../main/core/errors';
import { withFileLock } from '../../main/core/file-lock';
import { childJson, NOBODY, reachableRuntime, runningAsRoot } from '../helpers/unprivileged';
import { bundleWriter } from '../reliability/fixtures/bundle';
import { assertMode, posixOnly } from '../helpers/platform';

const tmpRoots: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cred-unit-'));
  tmpRoots.push(d);
  return d;
}
after(() => {
  for (const d of tmpRoots) fs.rmSync(d, { recursive: true, force: true });
});

const sha = (p: string): string => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

/** Asserts fn throws a UserError with this code whose message matches. */
function refuses(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isUserError(e), `expected a UserError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}
async function refusesAsync(p: Promise<unknown>, code: string, message: RegExp): Promise<UserError> {
  let caught: unknown;
  await p.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => {
      caught = e;
    },
  );
  assert.ok(isUserError(caught), `expected a UserError, got ${String(caught)}`);
  assert.equal(caught.code, code);
  assert.match(caught.message, message);
  return caught;
}

void describe('patchProfileText keeps every byte it does not own', () => {
  void it('replaces existing keys in place, keeping comments, order, blank lines and indentation', () => {
    const text = [
      '# top comment',
      '; another style',
      '[default]',
      'aws_access_key_id = AKIADEFAULT',
      '',
      '[mfa]',
      '  # inside mfa',
      '  aws_access_key_id=OLDKEY',
      '\taws_session_token =  OLDTOKEN',
      'region = eu-west-1',
      '',
      '; trailing about next',
      '[other]',
      'x = 1',
      '',
    ].join('\n');
    const out = patchProfileText(text, 'mfa', { aws_access_key_id: 'NEWKEY', aws_session_token: 'NEWTOKEN' });
    assert.equal(out, text.replace('  aws_access_key_id=OLDKEY', '  aws_access_key_id=NEWKEY').replace('\taws_session_token =  OLDTOKEN', '\taws_session_token =  NEWTOKEN'));
  });

  void it('appends new keys after the last key of the section, before trailing blank and comment lines', () => {
    const text = '[mfa]\na = 1\n  # note\nb = 2\n\n# about x\n[x]\nc = 3\n';
    const out = patchProfileText(text, 'mfa', { aws_session_token: 'T', aws_credential_expiration: '2030-01-01T00:00:00.000Z' });
    assert.equal(out, '[mfa]\na = 1\n  # note\nb = 2\naws_session_token = T\naws_credential_expiration = 2030-01-01T00:00:00.000Z\n\n# about x\n[x]\nc = 3\n');
  });

  void it('puts keys right after the header of a section that has none', () => {
    assert.equal(patchProfileText('[mfa]\n# empty\n[b]\n', 'mfa', { k: 'v' }), '[mfa]\nk = v\n# empty\n[b]\n');
  });

  void it('creates a missing section at the end after one blank line, as a person leaves between sections', () => {
    assert.equal(patchProfileText('[a]\nx = 1\n', 'mfa', { k: 'v', j: 'w' }), '[a]\nx = 1\n\n[mfa]\nk = v\nj = w\n');
    assert.equal(patchProfileText('[a]\nx = 1\n\n', 'mfa', { k: 'v' }), '[a]\nx = 1\n\n[mfa]\nk = v\n', 'no second blank line');
    assert.equal(patchProfileText('[a]\nx = 1\n  \n', 'mfa', { k: 'v' }), '[a]\nx = 1\n  \n[mfa]\nk = v\n', 'a blank line of spaces counts');
    assert.equal(patchProfileText('# only a comment\n', 'mfa', { k: 'v' }), '# only a comment\n\n[mfa]\nk = v\n');
    assert.equal(patchProfileText('', 'mfa', { k: 'v' }), '[mfa]\nk = v\n', 'no blank line at the top of an empty file');
  });

  void it('gives a last line without a line break its line break, then the blank line', () => {
    assert.equal(patchProfileText('[a]\nx = 1', 'mfa', { k: 'v' }), '[a]\nx = 1\n\n[mfa]\nk = v\n');
  });

  void it('a last section removed whole takes its blank separator with it: add then remove gives the file back', () => {
    const session = { aws_access_key_id: 'ASIAEXAMPLEEXAMPLE01', aws_secret_access_key: 's', aws_session_token: 't', aws_credential_expiration: '2030-01-01T00:00:00Z' };
    const none = Object.fromEntries(Object.keys(session).map((k) => [k, null]));
    for (const text of ['', '[a]\nx = 1\n', '[a]\r\nx = 1\r\n', '# c\n[a]\nx = 1\n# trailing comment\n']) {
      const added = patchProfileText(text, 'mfa', session);
      assert.equal(patchProfileText(added, 'mfa', none, { removeSectionIfEmpty: true }), text, JSON.stringify(text));
    }
    // Not the last section: the blank line before it belongs to what precedes it and stays.
    const middle = '[a]\nx = 1\n\n[mfa]\nk = v\n\n[b]\ny = 2\n';
    assert.equal(patchProfileText(middle, 'mfa', { k: null }, { removeSectionIfEmpty: true }), '[a]\nx = 1\n\n\n[b]\ny = 2\n');
  });

  void it('keeps a missing final newline when the last line is replaced', () => {
    assert.equal(patchProfileText('[mfa]\nk = old', 'mfa', { k: 'new' }), '[mfa]\nk = new');
  });

  void it('gives the old last line a line break when a key is appended after it', () => {
    assert.equal(patchProfileText('[mfa]\nk = v', 'mfa', { j: 'w' }), '[mfa]\nk = v\nj = w\n');
  });

  void it('follows CRLF files: replaced lines keep CRLF, new lines and sections use it', () => {
    const text = '# c\r\n[a]\r\nx = 1\r\n\r\n[mfa]\r\nk = old\r\n';
    assert.equal(patchProfileText(text, 'mfa', { k: 'new', j: 'w' }), '# c\r\n[a]\r\nx = 1\r\n\r\n[mfa]\r\nk = new\r\nj = w\r\n');
    assert.equal(patchProfileText(text, 'z', { k: 'v' }), `${text}\r\n[z]\r\nk = v\r\n`);
    assert.equal(patchProfileText('[a]\r\nx = 1', 'z', { k: 'v' }), '[a]\r\nx = 1\r\n\r\n[z]\r\nk = v\r\n');
  });

  void it('keeps unicode in comments, names and values untouched', () => {
    const text = '# 認証情報 — ünïcödé 🎉\n[a]\nnote = café ☕ 東京\n[mfa]\nk = v\n';
    assert.equal(patchProfileText(text, 'mfa', { k: 'w' }), text.replace('k = v', 'k = w'));
  });

  void it('replaces a key together with its continuation lines and leaves other nested values alone', () => {
    const text = '[mfa]\ns3 =\n  max_concurrent_requests = 20\n  # c\n  max_queue_size = 1000\nk = v\n[b]\nnested =\n  x = 1\n';
    assert.equal(patchProfileText(text, 'mfa', { s3: 'flat' }), '[mfa]\ns3 = flat\nk = v\n[b]\nnested =\n  x = 1\n');
    assert.equal(patchProfileText(text, 'mfa', { k: 'w' }), text.replace('k = v', 'k = w'));
    assert.equal(patchProfileText(text, 'mfa', { s3: null }), '[mfa]\nk = v\n[b]\nnested =\n  x = 1\n');
  });

  void it('matches keys case-insensitively like the AWS CLI and writes our spelling so the SDK finds it', () => {
    assert.equal(patchProfileText('[mfa]\nAWS_Session_Token = old\n', 'mfa', { aws_session_token: 'new' }), '[mfa]\naws_session_token = new\n');
  });

  void it('deletes keys, and with removeSectionIfEmpty the header and its inner comments, keeping what follows the last key', () => {
    const text = '[a]\nx = 1\n\n[mfa]\n# managed\nk = v\n\nj = w\n\n# about b\n[b]\ny = 2\n';
    assert.equal(patchProfileText(text, 'mfa', { k: null }), '[a]\nx = 1\n\n[mfa]\n# managed\n\nj = w\n\n# about b\n[b]\ny = 2\n');
    assert.equal(patchProfileText(text, 'mfa', { k: null, j: null }), '[a]\nx = 1\n\n[mfa]\n# managed\n\n\n# about b\n[b]\ny = 2\n');
    assert.equal(patchProfileText(text, 'mfa', { k: null, j: null }, { removeSectionIfEmpty: true }), '[a]\nx = 1\n\n\n# about b\n[b]\ny = 2\n');
    assert.equal(patchProfileText(text, 'mfa', { k: null }, { removeSectionIfEmpty: true }), '[a]\nx = 1\n\n[mfa]\n# managed\n\nj = w\n\n# about b\n[b]\ny = 2\n');
    assert.equal(patchProfileText('[a]\nx = 1\n[mfa]\nk = v', 'mfa', { k: null }, { removeSectionIfEmpty: true }), '[a]\nx = 1\n');
  });

  void it('changes nothing when deleting from a missing section or setting the same values again', () => {
    const text = '[a]\nx = 1';
    assert.equal(patchProfileText(text, 'mfa', { k: null }), text);
    const once = patchProfileText(text, 'mfa', { k: 'v' });
    assert.equal(patchProfileText(once, 'mfa', { k: 'v' }), once);
  });

  void it('refuses bad profile names, setting names and values without echoing the value', () => {
    for (const bad of ['', 'a b', 'a]', 'x\n[y', '__proto__', 'constructor', 'toString', 'a'.repeat(65)]) {
      assert.throws(() => patchProfileText('', bad, { k: 'v' }), (e: unknown) => isUserError(e) && e.kind === 'usage');
    }
    assert.throws(() => patchProfileText('', 'mfa', { 'a=b': 'v' }), (e: unknown) => isUserError(e) && e.kind === 'usage');
    for (const v of ['SECRET\n[evil]', 'SECRET #x', ' SECRET', '', 'SE\u0000CRET']) {
      assert.throws(
        () => patchProfileText('', 'mfa', { aws_secret_access_key: v }),
        (e: unknown) => isUserError(e) && e.kind === 'usage' && !e.message.includes('SECRET'),
      );
    }
  });
});

void describe('parseCredentialsText', () => {
  void it('reads settings as the SDK does: inline comments stripped, nested values as parent.child', () => {
    const sections = parseCredentialsText('# c\n[a]\nk = v # note\ns3 =\n  max = 20\nn = 1\n[b]\n', 'creds');
    assert.deepEqual({ ...sections.get('a') }, { k: 'v', 's3.max': '20', n: '1' });
    assert.deepEqual({ ...sections.get('b') }, {});
    assert.deepEqual([...sections.keys()], ['a', 'b']);
  });

  void it('keeps a setting named __proto__ as data', () => {
    const a = parseCredentialsText('[a]\n__proto__ = x\n', 'f').get('a')!;
    assert.equal(a.__proto__, 'x');
  });

  const cases: [string, string, RegExp][] = [
    ['duplicate section', '[a]\nk = 1\n[b]\n[a]\n', /^creds line 4 repeats the section \[a\]/],
    ['duplicate key', '[a]\nk = 1\nK = 2\n', /^creds line 3 repeats the setting K/],
    ['key outside any section', '# c\nk = 1\n[a]\n', /^creds line 2 sets a value before any \[section\]/],
    ['garbage line', '[a]\nthis is not ini\n', /^creds line 2 is not a "key = value" setting/],
    ['colon separator', '[a]\nk: v\n', /^creds line 2 uses ":"/],
    ['NUL bytes', '[a]\nk = v\u0000\u0000\n', /^creds line 2 contains NUL bytes/],
    ['control characters', '[a]\n\u0007k = v\n', /^creds line 2 contains control characters/],
    ['lone carriage return', '[a]\rk = v\n', /^creds line 1 contains a carriage return/],
    ['byte-order mark', '\ufeff[a]\n', /^creds line 1 contains a byte-order mark/],
    ['header with trailing text', '[a] junk\n', /^creds line 1 looks like a section header/],
    ['empty header', '[]\n', /^creds line 1 looks like a section header/],
    ['indented key=value continuing a value', '[a]\nk = v\n  j = w\n', /^creds line 3 is indented/],
    ['indented key after nested parent', '[a]\n  s3 =\n  k = v\n', /^creds line 3 is indented after the nested setting s3/],
    ['SDK-blocked section name', '[__proto__]\n', /^creds line 1 names a section/],
  ];
  for (const [name, text, message] of cases) {
    void it(`refuses ${name}, naming the file and line`, () => {
      refuses(() => parseCredentialsText(text, 'creds'), 'CredentialsFileUnusable', message);
      refuses(() => parseCredentialsText(text, 'creds'), 'CredentialsFileUnusable', /fix that line by hand, then try again\.$/);
    });
  }

  void it('never quotes a line in a refusal (it may hold a secret)', () => {
    assert.throws(() => parseCredentialsText('[a]\nSECRETVALUE\n', 'creds'), (e: unknown) => isUserError(e) && !e.message.includes('SECRETVALUE'));
  });
});

void describe('readCredentialsFile and updateIniFile on real files', () => {
  let writer: string;
  before(async () => {
    const b = await bundleWriter();
    tmpRoots.push(b.dir);
    writer = b.script;
  });

  void it('returns null for a missing file and parses an existing one', async () => {
    const d = tmp();
    assert.equal(await readCredentialsFile(path.join(d, 'nope')), null);
    fs.writeFileSync(path.join(d, 'c'), '[a]\nk = v\n');
    const r = await readCredentialsFile(path.join(d, 'c'));
    assert.equal(r?.text, '[a]\nk = v\n');
    assert.equal(r?.sections.get('a')?.k, 'v');
  });

  /** Every refusal: same code and sentence from read and update, decide never called, bytes unchanged. */
  async function assertRefusedUntouched(file: string, message: RegExp, fingerprint: () => string): Promise<void> {
    const before = fingerprint();
    await refusesAsync(readCredentialsFile(file), 'CredentialsFileUnusable', message);
    let decided = false;
    await refusesAsync(
      updateIniFile(file, () => {
        decided = true;
        return [{ profile: 'mfa', values: { k: 'v' } }];
      }),
      'CredentialsFileUnusable',
      message,
    );
    assert.equal(decided, false);
    assert.equal(fingerprint(), before);
    const leftovers = fs.readdirSync(path.dirname(path.resolve(file))).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'));
    assert.deepEqual(leftovers, []);
  }

  void it('refuses unparsable content with file and line, leaving the file untouched', async () => {
    const f = path.join(tmp(), 'credentials');
    fs.writeFileSync(f, '[a]\nk = 1\n[a]\n');
    await assertRefusedUntouched(f, new RegExp(`^${f} line 3 repeats the section \\[a\\]`), () => sha(f));
  });

  void it('refuses binary garbage and non-UTF-8 bytes', async () => {
    const d = tmp();
    const bin = path.join(d, 'bin');
    fs.writeFileSync(bin, Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x00, 0xff, 0x10, 0x80]));
    await assertRefusedUntouched(bin, /contains binary data \(NUL bytes\), not text; restore it from a backup/, () => sha(bin));
    const latin1 = path.join(d, 'latin1');
    fs.writeFileSync(latin1, Buffer.from('[a]\nnote = caf\xe9\n', 'latin1'));
    await assertRefusedUntouched(latin1, /is not UTF-8 text/, () => sha(latin1));
  });

  void it('refuses a folder in place of the file', async () => {
    const f = path.join(tmp(), 'credentials');
    fs.mkdirSync(f);
    fs.writeFileSync(path.join(f, 'inner'), 'x');
    await assertRefusedUntouched(f, /is a folder, not a file; move it out of the way/, () => fs.readdirSync(f).join());
  });

  void it('refuses a symlink loop', async () => {
    const d = tmp();
    fs.symlinkSync('b', path.join(d, 'a'));
    fs.symlinkSync('a', path.join(d, 'b'));
    await assertRefusedUntouched(path.join(d, 'a'), /is a symbolic link that loops back on itself/, () => fs.readlinkSync(path.join(d, 'a')) + fs.readlinkSync(path.join(d, 'b')));
  });

  void it('refuses a 50 MB file, saying it is over 10 MB', async () => {
    const f = path.join(tmp(), 'credentials');
    fs.writeFileSync(f, `[a]\n${'# padding padding padding padding padding padding\n'.repeat(1_000_000)}`);
    assert.ok(fs.statSync(f).size > 50_000_000);
    await assertRefusedUntouched(f, /is larger than 10 MB/, () => sha(f));
  });

  void it('refuses a file it may not read (checked as an unprivileged user when tests run as root)', { skip: posixOnly('chmod 000 and uid switching; on Windows the ACL decides who reads a file') }, () => {
    const d = tmp();
    fs.chmodSync(d, 0o777); // the folder stays writable: only the file is off limits
    const f = path.join(d, 'credentials');
    fs.writeFileSync(f, '[a]\nk = v\n', { mode: 0o600 });
    fs.chmodSync(f, 0o000);
    const before = sha(f);
    // root reads anything, so the read runs in a child as nobody, on a Node copy nobody can reach
    // (the checkout may sit in a private folder); the writer bundle already lives in a 0755 folder.
    const asNobody = runningAsRoot() ? { uid: NOBODY, gid: NOBODY } : {};
    const node = runningAsRoot() ? reachableRuntime().node : process.execPath;
    for (const cmd of [['read', f], ['set', f, 'mfa', 'k', 'v']]) {
      const result = childJson<{ ok: boolean; code: string; message: string }>(node, [writer, ...cmd], asNobody);
      assert.equal(result.ok, false);
      assert.equal(result.code, 'CredentialsFileUnusable');
      assert.match(result.message, new RegExp(`^You do not have permission to read or write ${f}; make it yours`));
    }
    assert.equal(sha(f), before);
    assert.deepEqual(fs.readdirSync(d), ['credentials']);
  });

  void it('creates a missing file 0600 inside missing folders 0700, and returns whether it changed', async () => {
    const d = tmp();
    const f = path.join(d, 'home', '.aws', 'credentials');
    assert.equal(await updateIniFile(f, () => [{ profile: 'mfa', values: { k: 'v' } }]), true);
    assert.equal(fs.readFileSync(f, 'utf8'), '[mfa]\nk = v\n');
    assertMode(f, 0o600);
    assertMode(path.join(d, 'home', '.aws'), 0o700);
    assertMode(path.join(d, 'home'), 0o700);
    const inode = fs.statSync(f).ino;
    assert.equal(await updateIniFile(f, () => [{ profile: 'mfa', values: { k: 'v' } }]), false);
    assert.equal(await updateIniFile(f, () => []), false);
    assert.equal(fs.statSync(f).ino, inode, 'an unchanged file is not rewritten');
    assert.equal(await updateIniFile(path.join(d, 'other'), () => []), false);
    assert.equal(fs.existsSync(path.join(d, 'other')), false);
  });

  void it('tightens an existing 0644 file to 0600 and leaves an existing folder mode alone', async () => {
    const d = tmp();
    fs.chmodSync(d, 0o755);
    const f = path.join(d, 'credentials');
    fs.writeFileSync(f, '[a]\nk = v\n', { mode: 0o644 });
    await updateIniFile(f, () => [{ profile: 'a', values: { k: 'w' } }]);
    assertMode(f, 0o600);
    assertMode(d, 0o755);
  });

  void it('passes the strictly parsed sections to decide and applies several patches', async () => {
    const f = path.join(tmp(), 'credentials');
    fs.writeFileSync(f, '[src]\naws_access_key_id = AKIA\n');
    let seen: unknown;
    await updateIniFile(f, (sections): ProfilePatch[] => {
      seen = Object.fromEntries([...sections].map(([k, v]) => [k, { ...v }]));
      return [
        { profile: 'src', values: { aws_access_key_id: null }, removeSectionIfEmpty: true },
        { profile: 'mfa', values: { a: '1' } },
        { profile: 'mfa', values: { b: '2' } },
      ];
    });
    assert.deepEqual(seen, { src: { aws_access_key_id: 'AKIA' } });
    assert.equal(fs.readFileSync(f, 'utf8'), '[mfa]\na = 1\nb = 2\n');
  });

  void it('reuses a read made just before when the file is unchanged; a read of some sections only, only for patches to them', async () => {
    const f = path.join(tmp(), 'credentials');
    const text = '[src]\nregion = eu-west-1\n\n[other]\nk = v\n';
    fs.writeFileSync(f, text);
    const seen = (await readCredentialsFile(f, { sections: ['src', 'mfa'] }))!;
    assert.deepEqual([...seen.sections.keys()], ['src'], 'only the sections asked for (and present)');
    const asked: string[][] = [];
    // A patch to a section the read has: decided once, on the read's sections.
    await updateIniFile(f, (sections) => (asked.push([...sections.keys()]), [{ profile: 'mfa', values: { a: '1' } }]), seen);
    assert.deepEqual(asked, [['src']]);
    assert.equal(fs.readFileSync(f, 'utf8'), `${text}\n[mfa]\na = 1\n`);
    // A patch to a section it has not: the file is scanned in full and decide asked again.
    asked.length = 0;
    const again = (await readCredentialsFile(f, { sections: ['src'] }))!;
    await updateIniFile(f, (sections) => (asked.push([...sections.keys()]), [{ profile: 'other', values: { k: null } }]), again);
    assert.deepEqual(asked, [['src'], ['src', 'other', 'mfa']]);
    assert.equal(fs.readFileSync(f, 'utf8'), '[src]\nregion = eu-west-1\n\n[other]\n\n[mfa]\na = 1\n');
  });

  void it('writes through a symlink to its target and keeps the link, also when the target does not exist yet', async () => {
    const d = tmp();
    fs.mkdirSync(path.join(d, 'dotfiles'));
    const real = path.join(d, 'dotfiles', 'credentials');
    fs.writeFileSync(real, '[a]\nk = v\n', { mode: 0o600 });
    const link = path.join(d, 'credentials');
    fs.symlinkSync('dotfiles/credentials', link);
    await updateIniFile(link, () => [{ profile: 'a', values: { k: 'w' } }]);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readlinkSync(link), 'dotfiles/credentials');
    assert.equal(fs.readFileSync(real, 'utf8'), '[a]\nk = w\n');

    const dangling = path.join(d, 'dangling');
    fs.symlinkSync(path.join(d, 'dotfiles', 'new-target'), dangling);
    await updateIniFile(dangling, () => [{ profile: 'a', values: { k: 'v' } }]);
    assert.ok(fs.lstatSync(dangling).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(d, 'dotfiles', 'new-target'), 'utf8'), '[a]\nk = v\n');
    assertMode(path.join(d, 'dotfiles', 'new-target'), 0o600);
  });

  void it('removes temp files left by a writer that died mid-write', async () => {
    const d = tmp();
    const f = path.join(d, 'credentials');
    const leftover = path.join(d, '.credentials.12345.0123456789ab.tmp');
    const unrelated = path.join(d, '.credentials.notours.tmp');
    fs.writeFileSync(leftover, 'half');
    fs.writeFileSync(unrelated, 'keep');
    await updateIniFile(f, () => [{ profile: 'a', values: { k: 'v' } }]);
    assert.equal(fs.existsSync(leftover), false);
    assert.equal(fs.existsSync(unrelated), true);
  });

  void it('serialises concurrent updates within one process without losing any', async () => {
    const f = path.join(tmp(), 'credentials');
    await Promise.all(Array.from({ length: 20 }, (_, i) => updateIniFile(f, () => [{ profile: `p${i % 4}`, values: { [`k${i}`]: `v${i}` } }])));
    const sections = (await readCredentialsFile(f))!.sections;
    for (let i = 0; i < 20; i++) assert.equal(sections.get(`p${i % 4}`)?.[`k${i}`], `v${i}`);
  });

  void it('waits for a lock held by another process, recovers it once that process is killed, and keeps the file intact', async () => {
    const f = path.join(tmp(), 'credentials');
    fs.writeFileSync(f, '[a]\nk = v\n');
    const child = spawn(process.execPath, [writer, 'hold', f], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (b: Buffer) => b.toString().includes('locked') && resolve()));
    assert.ok(fs.statSync(`${f}.lock`).isDirectory());
    const waiting = updateIniFile(f, () => [{ profile: 'a', values: { k: 'w' } }]);
    child.kill('SIGKILL'); // a dead holder: its lock dir stays behind and must go stale
    assert.equal(await waiting, true);
    assert.equal(fs.readFileSync(f, 'utf8'), '[a]\nk = w\n');
    assert.equal(fs.existsSync(`${f}.lock`), false);
  });

  void it('gives up with Busy, file untouched, when the lock stays held by a live process', async () => {
    const f = path.join(tmp(), 'credentials');
    fs.writeFileSync(f, '[a]\nk = v\n');
    const before = sha(f);
    const child = spawn(process.execPath, [writer, 'hold', f], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => child.stdout.on('data', (b: Buffer) => b.toString().includes('locked') && resolve()));
      // withFileLock with a short wait, so the test does not sit through the full 10 s.
      await refusesAsync(withFileLock(f, f, () => Promise.resolve(), 300), 'Busy', /^Another program is updating .* right now; try again in a moment\.$/);
    } finally {
      child.kill('SIGKILL');
    }
    assert.equal(sha(f), before);
  });

  void it('reports a lock taken over mid-update (onCompromised) as Busy instead of crashing, and writes nothing', async () => {
    const f = path.join(tmp(), 'credentials');
    await refusesAsync(
      withFileLock(f, f, async (lock) => {
        fs.rmdirSync(`${f}.lock`); // what another process does when it judges our lock stale
        // proper-lockfile notices on its next refresh (every 2 s); poll instead of guessing a delay.
        for (let i = 0; i < 300; i++) {
          lock.assertHeld();
          await new Promise((r) => setTimeout(r, 50));
        }
      }),
      'Busy',
      /took over .* while it was being updated; nothing was written/,
    );
    assert.equal(fs.existsSync(f), false);
  });
});
