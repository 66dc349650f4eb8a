/**
 * A login costs the same with a large credentials file: the file is read by the tool's own scanner
 * only (once to check it before the code is spent, once under the lock to write it), never by the
 * SDK's parser, neither for the source profile's settings nor for the SDK clients' own lookups.
 * The time itself is measured in `npm run bench` (test/bench/login-bench.ts), not here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { largeCredentialsFile } from '../bench/login-bench';
import { BIN, runProcess } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ keys: ['default'] }, () => {
  serial = w.serial;
});
let serial: string;

const COUNTER = path.resolve(__dirname, '../helpers/count-reads.cjs');

test('a login reads the credentials file twice with its own scanner and the SDK not at all', async () => {
  w.writeConfig('[default]\nregion = us-east-1\n');
  // mfa_serial in the credentials file: the source profile's settings still come from it.
  w.writeCredentials(`[default]\nmfa_serial = ${serial}\n\n${largeCredentialsFile(2000)}`);
  const out = `${w.home}/reads.json`;
  const env = { ...w.env, COUNT_READS_OF: w.paths.credentialsFile, COUNT_READS_OUT: out };
  const r = await runProcess(process.execPath, ['--require', COUNTER, BIN, 'login', 'default', '--code', w.emulator.nextFreshCode(serial), '--json'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { serial: string }).serial, serial, 'mfa_serial read from the credentials file');
  // Two more, after the result is printed, on a key's first login only: the session and the region
  // for ListAccessKeys (the key's creation date, then known).
  assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), { reads: 4 });
  assert.match(w.credentialsText()!, /\n\n\[mfa\]\naws_access_key_id = ASIA/);
  const again = await runProcess(process.execPath, ['--require', COUNTER, BIN, 'login', 'default', '--code', w.emulator.nextFreshCode(serial), '--json'], { env });
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), { reads: 2 });
});
