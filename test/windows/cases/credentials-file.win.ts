/**
 * The credentials file on Windows' Node: an existing file replaced atomically (rename over it, with
 * the EPERM/EBUSY retries a virus scanner or indexer makes necessary), other bytes (CRLF included)
 * kept, no temp file left; and the lock between processes (mkdir of "<file>.lock"), so two writers at
 * once lose nothing.
 */
import assert from 'node:assert/strict';
import { openSync, closeSync, readdirSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { updateIniFile } from '../../../main/core/credentials-file';
import { run, sessionSection, tempDir, winTest } from '../support/lane';

// A child of this same bundle: patches one profile under the lock (see the lock test below).
if (process.env.AMT_LANE_CHILD === 'patch') {
  const [file, profile] = [process.env.AMT_FILE!, process.env.AMT_PROFILE!];
  void updateIniFile(file, () => [{ profile, values: { aws_access_key_id: `ASIA${profile.toUpperCase().padEnd(16, 'X')}`, aws_session_token: 'tok' } }]).then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(String(e));
      process.exit(1);
    },
  );
} else {
  const BEFORE = '# keep me\r\n[default]\r\naws_access_key_id = AKIAWINDOWSLANE00001\r\naws_secret_access_key = kkkk\r\n\r\n[other]\r\nregion = x\r\n';
  const patchMfa = (file: string) => updateIniFile(file, () => [{ profile: 'mfa', values: { aws_access_key_id: 'ASIAWINDOWSLANE00001', aws_session_token: 'tok' } }]);

  winTest('an existing credentials file is replaced whole: other sections byte for byte (CRLF kept), no temp file left', async () => {
    const dir = tempDir('atomic');
    const file = path.join(dir, 'credentials');
    writeFileSync(file, BEFORE);
    assert.equal(await patchMfa(file), true);
    const after = readFileSync(file, 'utf8');
    assert.ok(after.startsWith(BEFORE), `the bytes before the new section changed:\n${after}`);
    assert.match(after, /\[mfa\]\r?\naws_access_key_id = ASIAWINDOWSLANE00001/);
    assert.deepEqual(readdirSync(dir).sort(), ['credentials'], 'a temp or lock file was left behind');
  });

  winTest('a reader that holds the file open for a moment (a scanner, an editor) delays the replace; it does not fail it', async () => {
    const dir = tempDir('atomic-held');
    const file = path.join(dir, 'credentials');
    writeFileSync(file, BEFORE);
    const fd = openSync(file, 'r');
    const released = new Promise<void>((r) => setTimeout(() => (closeSync(fd), r()), 150));
    assert.equal(await patchMfa(file), true);
    await released;
    assert.match(readFileSync(file, 'utf8'), /\[mfa\]/);
    assert.deepEqual(readdirSync(dir).sort(), ['credentials']);
  });

  winTest('a reader that never lets go: the old file stays whole, nothing half-written, no temp left, one sentence', async () => {
    const dir = tempDir('atomic-stuck');
    const file = path.join(dir, 'credentials');
    writeFileSync(file, BEFORE);
    const fd = openSync(file, 'r');
    try {
      // Real Windows may let the rename through (the reader shares delete); wine refuses it. Either way nothing is torn.
      const outcome = await patchMfa(file).then(
        () => 'written',
        (e: Error) => e.message,
      );
      const text = readFileSync(file, 'utf8');
      if (outcome === 'written') assert.match(text, /\[mfa\]/);
      else {
        assert.equal(text, BEFORE);
        assert.equal(outcome.split(/(?<=\.) /).length <= 2, true, outcome);
      }
      const buf = Buffer.alloc(BEFORE.length);
      readSync(fd, buf, 0, buf.length, 0);
      assert.equal(buf.toString(), BEFORE, 'the open handle reads the old file whole');
    } finally {
      closeSync(fd);
    }
    assert.deepEqual(readdirSync(dir).sort(), ['credentials']);
  });

  winTest('two processes patching the file at once both land (the lock serialises them)', async () => {
    const dir = tempDir('lock');
    const file = path.join(dir, 'credentials');
    writeFileSync(file, sessionSection('mfa', 3600));
    const child = (profile: string) => run(process.execPath, [__filename], { ...process.env, AMT_LANE_CHILD: 'patch', AMT_FILE: file, AMT_PROFILE: profile });
    const results = await Promise.all(['alpha', 'beta', 'gamma', 'delta'].map(child));
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(file, 'utf8');
    for (const p of ['mfa', 'alpha', 'beta', 'gamma', 'delta']) assert.match(text, new RegExp(`^\\[${p}\\]$`, 'm'), `section ${p} was lost:\n${text}`);
    assert.deepEqual(readdirSync(dir), ['credentials'], 'the lock folder was left behind');
  });

  winTest('a lock left by a writer that died is taken over after it goes stale', async () => {
    const dir = tempDir('stale');
    const file = path.join(dir, 'credentials');
    writeFileSync(file, '');
    const { mkdirSync, utimesSync } = await import('node:fs');
    mkdirSync(`${file}.lock`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    await updateIniFile(file, () => [{ profile: 'mfa', values: { aws_access_key_id: 'ASIAWINDOWSLANE00001' } }]);
    assert.match(readFileSync(file, 'utf8'), /\[mfa\]/);
  });
}
