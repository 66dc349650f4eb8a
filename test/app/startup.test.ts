/**
 * Process-level start-up and exit of the built app against the Electron stand-in: the settings
 * folder from AWS_MFA_TRAY_HOME (created, set as userData, then the single-instance lock, which
 * Electron scopes to userData), and every exit path flushing sessions.json.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { createWorld, type World } from '../helpers/world';
import { dist, is, MainProcess } from './harness';

let w: World;
let env: NodeJS.ProcessEnv;
const started: MainProcess[] = [];

before(async () => {
  assert.ok(existsSync(path.join(dist, 'app.js')), 'run `npm run build` first');
  w = await createWorld();
  env = { ...w.env, XDG_CONFIG_HOME: path.join(w.home, '.config'), FAKE_ELECTRON_OS_STATE: path.join(w.home, 'os-state.json') };
});
after(async () => {
  for (const p of started) p.kill();
  await Promise.all(started.map((p) => p.exited));
  await w.close();
});

async function start(platform: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<MainProcess> {
  const p = await MainProcess.start({ ...env, FAKE_ELECTRON_PLATFORM: platform, ...extraEnv });
  started.push(p);
  return p;
}

async function quit(app: MainProcess): Promise<void> {
  await app.command({ cmd: 'quit' });
  await app.exited;
}

for (const platform of ['linux', 'darwin', 'win32']) {
  test(`${platform}: AWS_MFA_TRAY_HOME naming a folder that does not exist yet runs a second, separate instance beside the user's app`, { timeout: 30_000 }, async () => {
    // The user's own app: default userData, holding the lock there.
    const users = await start(platform, { AWS_MFA_TRAY_HOME: '' });
    await users.command({ cmd: 'ready' });
    await users.waitFor('the user app tray', is('Tray', 'new'));

    const demoHome = path.join(mkdtempSync(path.join(os.tmpdir(), 'mfa-demo-')), 'not', 'yet');
    const demo = await start(platform, { AWS_MFA_TRAY_HOME: demoHome });
    assert.equal(demo.exitCode, null, `the demo must not quit: ${demo.stderr}`);
    assert.ok(statSync(demoHome).isDirectory(), 'the folder was created');
    assert.equal(statSync(demoHome).mode & 0o777, 0o700);
    const setPath = demo.calls.findIndex(is('app', 'setPath', 'userData'));
    const lock = demo.calls.findIndex(is('app', 'requestSingleInstanceLock'));
    assert.ok(setPath >= 0 && lock > setPath, 'userData is set before the single-instance lock is taken');
    assert.deepEqual(demo.calls[lock]?.args, [demoHome], 'the lock is taken in the demo folder');
    await demo.command({ cmd: 'ready' });
    await demo.waitFor('the demo tray', is('Tray', 'new'));
    assert.equal(demo.stderr, '');

    // A second demo on the same folder meets the first one's lock and quits quietly.
    const again = await start(platform, { AWS_MFA_TRAY_HOME: demoHome });
    assert.equal(await again.exited, 0);
    assert.ok(!again.calls.some(is('Tray', 'new')));

    await quit(demo);
    await quit(users);
    assert.equal(demo.reportedExit, 0);
    assert.equal(users.reportedExit, 0);
  });
}

test('an AWS_MFA_TRAY_HOME that cannot be a folder ends the start with one sentence', { timeout: 30_000 }, async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'mfa-demo-')), 'a-file');
  await import('node:fs').then((fs) => fs.writeFileSync(file, 'x'));
  const app = await start('linux', { AWS_MFA_TRAY_HOME: file });
  assert.equal(await app.exited, 1);
  assert.match(app.stderr, /^aws-mfa-tray: Cannot use .+a-file as the settings folder \(.+\); point AWS_MFA_TRAY_HOME at a folder you can write, or unset it\.\n$/);
  assert.ok(!app.calls.some(is('app', 'requestSingleInstanceLock')));
});
