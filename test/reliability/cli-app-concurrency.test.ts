/**
 * The real thing at once: two terminals running `aws-mfa-tray login` in a loop and the tray app
 * (a long-running MfaService) logging in meanwhile, each to its own target profile of one
 * credentials file and one session-state file. No update may be lost in either file.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCredentialsFile } from '../../main/core/credentials-read';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ defaultProfile: true }, () => {
  serial = w.serial;
  w.writeCredentials('# shared by everyone\n[keep]\nregion = eu-west-1\n');
});
let serial: string;
const ROUNDS = 25;


test(`2 CLI lanes and the app, ${ROUNDS} logins each, lose nothing`, async (t) => {
  const last: Record<string, string> = {};
  const cliLane = async (target: string): Promise<void> => {
    for (let i = 0; i < ROUNDS; i++) {
      const r = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial), '--target', target, '--json']);
      assert.equal(r.code, 0, r.stderr);
      last[target] = (JSON.parse(r.stdout) as { expiration: string }).expiration;
    }
  };
  const appLane = async (): Promise<void> => {
    for (let i = 0; i < ROUNDS; i++) {
      const r = await w.service.login({ profile: 'default', code: w.emulator.nextFreshCode(serial), target: 'app' });
      last.app = r.expiration;
    }
  };
  await Promise.all([cliLane('cli-a'), cliLane('cli-b'), appLane()]);

  const file = (await readCredentialsFile(w.paths.credentialsFile))!;
  assert.ok(file.text.startsWith('# shared by everyone\n[keep]\nregion = eu-west-1\n'));
  assert.deepEqual([...file.sections.keys()].sort(), ['app', 'cli-a', 'cli-b', 'keep']);
  const status = await w.service.status();
  assert.deepEqual(status.map((s) => s.target).sort(), ['app', 'cli-a', 'cli-b']);
  for (const s of status) {
    assert.equal(file.sections.get(s.target)?.aws_credential_expiration, last[s.target], `${s.target}: the last login is the one on file`);
  }
  // The state file kept the last code of every lane too: the newest accepted code is on record.
  assert.ok(w.service.state.read().lastCodes[serial]);
  t.diagnostic(`logins: ${3 * ROUNDS} (CLI processes ${2 * ROUNDS}, app ${ROUNDS}); lost updates: 0`);
});
