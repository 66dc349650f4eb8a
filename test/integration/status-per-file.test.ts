/**
 * Sessions are recorded per credentials file and target: a login against another
 * AWS_SHARED_CREDENTIALS_FILE (same target name) neither hides nor replaces the live session of
 * ~/.aws/credentials, in `status` and in clean-up. Records written before files were recorded
 * still count for the file in use.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';
import { createWorld, worldSuite } from '../helpers/world';

const w = worldSuite({ defaultProfile: true }, () => {
  serial = w.serial;
});
let serial: string;

interface Line {
  profile: string;
  target: string;
  expiration: string;
}

async function status(env: NodeJS.ProcessEnv): Promise<Line[]> {
  const r = await runCli(env, ['status', '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Line[];
}

test('a login against another credentials file leaves the first file’s [mfa] in status', async () => {
  const first = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial), '--json']);
  assert.equal(first.code, 0, first.stderr);
  const other = { ...w.env, AWS_SHARED_CREDENTIALS_FILE: `${w.home}/other-credentials` };
  const second = await runCli(other, ['login', 'default', '--code', w.emulator.nextFreshCode(serial), '--duration', '3600', '--json']);
  assert.equal(second.code, 0, second.stderr);
  const a = JSON.parse(first.stdout) as Line;
  const b = JSON.parse(second.stdout) as Line;
  assert.notEqual(a.expiration, b.expiration);

  assert.deepEqual((await status(w.env)).map((s) => [s.target, s.expiration]), [['mfa', a.expiration]]);
  assert.deepEqual((await status(other)).map((s) => [s.target, s.expiration]), [['mfa', b.expiration]]);
});

test('records from before files were recorded (keyed by target only) still show for the file in use', async () => {
  const w2 = await createWorld();
  try {
    const exp = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    w2.writeCredentials(`[mfa]\naws_access_key_id = ASIAOLDOLDOLDOLDOLD1\naws_secret_access_key = s\naws_session_token = t\naws_credential_expiration = ${exp}\n`);
    mkdirSync(w2.paths.settingsDir, { recursive: true, mode: 0o700 });
    writeFileSync(`${w2.paths.settingsDir}/sessions.json`, JSON.stringify({ sessions: { mfa: { profile: 'default', expiration: exp, accessKeyId: 'ASIAOLDOLDOLDOLDOLD1' } }, lastCodes: {} }), {
      mode: 0o600,
      flag: 'w',
    });
    assert.deepEqual((await status(w2.env)).map((s) => [s.profile, s.target, s.expiration]), [['default', 'mfa', exp]]);
  } finally {
    await w2.close();
  }
});
