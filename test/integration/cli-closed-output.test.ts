/**
 * A closed stdout (`aws-mfa-tray --help | head -1`) ends every command quietly: no stack trace,
 * no "Unhandled 'error' event". The reading end of a real pipe is closed before the command
 * writes, so the write always meets EPIPE; and `| head -1` through a real shell.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { BIN, runProcess } from '../helpers/cli';
import { createWorld, type World } from '../helpers/world';

let w: World;
before(async () => {
  w = await createWorld();
  w.writeCredentials(`[mfa]\naws_access_key_id = ASIAEXAMPLEEXAMPLE12\naws_secret_access_key = ${'s'.repeat(40)}\naws_session_token = tok\naws_credential_expiration = 2999-01-01T00:00:00Z\n`);
});
after(async () => {
  await w.close();
});

/** Runs the CLI with its stdout a pipe whose reading end is already closed; resolves with stderr and the exit code. */
function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: w.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.destroy(); // our end of the pipe: the child's first write fails with EPIPE
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const commands = [
  ['--help'],
  ['--version'],
  ['login', '--help'],
  ['keys', 'list', '--help'],
  ['policy'],
  ['status'],
  ['status', '--json'],
  ['keys', 'list'],
  ['credential-process', 'mfa'],
  ['exec', '--help'],
];

for (const args of commands) {
  test(`${args.join(' ')} with stdout closed: quiet, exit 0`, async () => {
    const r = await withClosedStdout(args);
    assert.equal(r.stderr, '', r.stderr);
    assert.equal(r.code, 0);
  });
}

test('through a shell: aws-mfa-tray --help | head -1 prints the first line and nothing on stderr', async () => {
  for (let i = 0; i < 3; i++) {
    const r = await runProcess('sh', ['-c', `"$0" "$1" --help | head -1; "$0" "$1" policy | true`, process.execPath, BIN], { env: w.env });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'Usage: aws-mfa-tray [options] [command]\n');
    assert.equal(r.stderr, '');
  }
});
