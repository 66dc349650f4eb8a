/**
 * Our own small files (settings, key dates, rotation journals) on Windows' Node: the blocking
 * writer (writeJsonFile) replaces the file while another process holds it open for a moment, by
 * the same retries as the credentials file's writer, waiting without an event loop.
 */
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readJsonFile, writeJsonFile } from '../../../main/core/json-file';
import { run, tempDir, winTest } from '../support/lane';

// A child of this same bundle: says it is about to write, then writes with the blocking writer.
if (process.env.AMT_LANE_CHILD === 'json') {
  const file = process.env.AMT_FILE!;
  writeFileSync(`${file}.ready`, '');
  writeJsonFile(file, { written: 'by the child' });
  process.exit(0);
} else {
  winTest('a file another process holds open for a moment is replaced once it lets go; nothing is left beside it', async () => {
    const dir = tempDir('json-held');
    const file = path.join(dir, 'settings.json');
    writeJsonFile(file, { written: 'first' });
    const fd = openSync(file, 'r');
    const child = run(process.execPath, [__filename], { ...process.env, AMT_LANE_CHILD: 'json', AMT_FILE: file });
    // Let go shortly after the child starts writing (its retries wait 1.1 s in all).
    for (let i = 0; i < 600 && !existsSync(`${file}.ready`); i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 100));
    closeSync(fd);
    const r = await child;
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readJsonFile(file), { written: 'by the child' });
    assert.deepEqual(readdirSync(dir).sort(), ['settings.json', 'settings.json.ready']);
  });
}
