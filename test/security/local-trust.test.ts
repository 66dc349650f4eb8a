/**
 * Issue 19's Unix attacks, made by another uid (nobody) against code running as root: connecting to
 * the tray endpoint, pre-creating the folder it would use, racing a symlink into a write, planting
 * a ~/.aws where an empty HOME would look, folders others can change, and a lock another user left.
 * They need root (to be two users); as any other user they are skipped, and say so.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { updateIniFile } from '../../main/core/credentials-file';
import { awsFolderCheck, unsafeFolder } from '../../main/core/folder-safety';
import { homeDir, resolvePaths } from '../../main/core/paths';
import { AgentServer } from '../../main/core/renew/agent-server';
import { agentEndpoint } from '../../main/core/renew/endpoint';
import { PROTOCOL_VERSION, type Reply } from '../../main/core/renew/protocol';
import { FileSettingsStore } from '../../main/core/settings';
import { runProcess } from '../helpers/cli';
import { NOBODY, reachableRuntime, runningAsRoot } from '../helpers/unprivileged';

const skip = runningAsRoot() ? false : 'needs root, to act as another user (nobody) against it';
let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-trust-'));
  fs.chmodSync(dir, 0o755); // nobody may enter; what it may change is set up per test
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const asNobody = (script: string, args: string[] = []) => spawnSync(reachableRuntime().node, ['-e', script, ...args], { uid: NOBODY, gid: NOBODY, encoding: 'utf8', timeout: 20_000 });
const ok = (): Promise<Reply> => Promise.resolve({ v: PROTOCOL_VERSION, ok: true });

test('connect: nobody can neither read the key file nor reach the socket', { skip }, async () => {
  const ep = agentEndpoint(path.join(dir, 'connect'));
  const app = await AgentServer.start(ep, ok);
  fs.chmodSync(path.join(dir, 'connect'), 0o755); // even with the settings folder open to read
  const r = asNobody(
    `const fs = require('fs'), net = require('net');
     let key = 'read'; try { fs.readFileSync(process.argv[1]); } catch (e) { key = e.code; }
     const s = net.connect(process.argv[2]);
     s.on('connect', () => { console.log(key, 'connected'); s.destroy(); });
     s.on('error', (e) => console.log(key, e.code));`,
    [ep.keyFile, app.place.address],
  );
  assert.equal(r.stdout.trim(), 'EACCES EACCES', r.stderr);
  await app.close();
});

test('pre-create the folder: a settings folder too deep for a socket no longer uses a predictable temp folder someone else can make first', { skip }, async () => {
  const settings = path.join(dir, 'deep', 'x'.repeat(120));
  fs.mkdirSync(settings, { recursive: true, mode: 0o700 });
  // What the old code computed: os.tmpdir()/aws-mfa-tray-<uid>-<hash of the folder>. nobody makes it first.
  const predictable = path.join(os.tmpdir(), `aws-mfa-tray-0-${createHash('sha256').update(path.resolve(settings)).digest('hex').slice(0, 16)}`);
  const made = asNobody(`require('fs').mkdirSync(process.argv[1], { mode: 0o777 }); console.log('made')`, [predictable]);
  assert.equal(made.stdout.trim(), 'made', made.stderr);
  try {
    // No XDG_RUNTIME_DIR: a fresh mkdtemp folder in the temp folder, recorded in the key file.
    const ep = agentEndpoint(settings, 'linux', {});
    const app = await AgentServer.start(ep, ok);
    assert.notEqual(path.dirname(app.place.address), predictable);
    const st = fs.statSync(app.place.dir!);
    assert.equal(st.uid, 0);
    assert.equal(st.mode & 0o777, 0o700);
    assert.equal((JSON.parse(fs.readFileSync(ep.keyFile, 'utf8')) as { address: string }).address, app.place.address);
    await app.close();
    assert.equal(fs.existsSync(app.place.dir!), false, 'the folder goes with the app');

    // $XDG_RUNTIME_DIR when it is ours and private; one nobody made is not used.
    const runtime = fs.mkdtempSync(path.join(dir, 'run-'));
    const inRuntime = await AgentServer.start(agentEndpoint(settings, 'linux', { XDG_RUNTIME_DIR: runtime }), ok);
    assert.equal(path.dirname(path.dirname(inRuntime.place.address)), runtime);
    await inRuntime.close();
    fs.chownSync(runtime, NOBODY, NOBODY);
    const notTheirs = await AgentServer.start(agentEndpoint(settings, 'linux', { XDG_RUNTIME_DIR: runtime }), ok);
    assert.ok(!notTheirs.place.address.startsWith(runtime), notTheirs.place.address);
    await notTheirs.close();
  } finally {
    fs.rmSync(predictable, { recursive: true, force: true });
  }
});

/** A HOME that belongs to nobody, with its ~/.aws. */
function nobodysHome(name: string): { home: string; aws: string } {
  const home = path.join(dir, name);
  const aws = path.join(home, '.aws');
  fs.mkdirSync(aws, { recursive: true, mode: 0o700 });
  fs.chownSync(home, NOBODY, NOBODY);
  fs.chownSync(aws, NOBODY, NOBODY);
  return { home, aws };
}

test("race a symlink: root writing into another user's HOME never follows that user's symlink", { skip }, async () => {
  const { aws } = nobodysHome('race');
  const victim = path.join(dir, 'victim');
  fs.writeFileSync(victim, 'root:secret\n', { mode: 0o644 });
  const creds = path.join(aws, 'credentials');
  // Plainly there: one sentence, the target untouched.
  fs.symlinkSync(victim, creds);
  fs.lchownSync(creds, NOBODY, NOBODY);
  await assert.rejects(updateIniFile(creds, () => [{ profile: 'mfa', values: { k: 'v' } }]), {
    code: 'CredentialsFileUnusable',
    message: new RegExp(`goes through ${creds}, a symbolic link owned by another user, which aws-mfa-tray running as root does not follow`),
  });
  fs.unlinkSync(creds);
  // Raced: nobody swaps a file and a symlink to the victim as fast as it can while root writes.
  const racer = spawn(
    reachableRuntime().node,
    ['-e', `const fs = require('fs'); const [f, v] = process.argv.slice(1); for (;;) { try { fs.unlinkSync(f); } catch {} try { fs.symlinkSync(v, f); } catch {} try { fs.unlinkSync(f); } catch {} try { fs.writeFileSync(f, '[x]\\n'); } catch {} }`, creds, victim],
    { uid: NOBODY, gid: NOBODY, stdio: 'ignore' },
  );
  try {
    for (let i = 0; i < 150; i++) {
      // Each write either lands in nobody's own file or is refused with the sentence above.
      await updateIniFile(creds, () => [{ profile: 'mfa', values: { k: String(i) } }]).catch(() => undefined);
    }
    assert.equal(fs.readFileSync(victim, 'utf8'), 'root:secret\n', 'the file the symlink points at is never written');
    assert.ok(fs.lstatSync(victim).isFile());
  } finally {
    racer.kill('SIGKILL');
  }
});

test('an empty or relative HOME counts as unset: a ~/.aws planted in the current folder is never read', { skip }, async () => {
  assert.equal(homeDir({ HOME: '' }, 'linux'), os.userInfo().homedir);
  assert.equal(homeDir({ HOME: 'relative/home' }, 'linux'), os.userInfo().homedir);
  assert.equal(homeDir({ HOME: '/home/alice' }, 'linux'), '/home/alice');
  assert.equal(resolvePaths({ HOME: '' }, undefined, 'linux').credentialsFile, path.join(os.userInfo().homedir, '.aws', 'credentials'));
  assert.equal(resolvePaths({ HOME: '/h', XDG_CONFIG_HOME: 'cfg' }, undefined, 'linux').settingsDir, '/h/.config/aws-mfa-tray');

  // `cd /tmp && HOME= aws-mfa-tray credential-process mfa`, by a user whose /tmp holds what someone else planted.
  const planted = path.join(dir, 'planted');
  fs.mkdirSync(path.join(planted, '.aws'), { recursive: true });
  fs.writeFileSync(
    path.join(planted, '.aws', 'credentials'),
    `[mfa]\naws_access_key_id = ASIAPLANTEDPLANTED00\naws_secret_access_key = ${'p'.repeat(40)}\naws_session_token = planted\naws_credential_expiration = 2099-01-01T00:00:00Z\n`,
  );
  fs.chmodSync(planted, 0o755);
  fs.chmodSync(path.join(planted, '.aws'), 0o755);
  fs.chmodSync(path.join(planted, '.aws', 'credentials'), 0o644);
  const rt = reachableRuntime();
  const env = { PATH: process.env.PATH, HOME: '' };
  const r = await runProcess(rt.node, [rt.bin, 'credential-process', 'mfa'], { env, uid: NOBODY, cwd: planted, detached: true });
  assert.doesNotMatch(r.stdout, /ASIAPLANTED/, 'the planted session is not handed out');
  assert.equal(r.code, 1, r.stderr);
});

test('a settings folder with a folder above it that others can change is refused; /tmp (sticky, root) and a private folder are fine', { skip }, () => {
  const open = path.join(dir, 'open');
  fs.mkdirSync(path.join(open, 'settings'), { recursive: true });
  fs.chmodSync(open, 0o777);
  const store = new FileSettingsStore(path.join(open, 'settings'));
  assert.throws(() => store.read(), {
    code: 'SettingsUnusable',
    message: `The settings folder ${path.join(open, 'settings')} is not safe to use because ${open} can be changed by every user; run "chmod go-w ${open}" (or give it to yourself), or set AWS_MFA_TRAY_HOME to a folder of your own.`,
  });
  fs.chmodSync(open, 0o1777); // sticky, but nobody's? no: root's, so others cannot rename what is ours in it
  assert.equal(unsafeFolder(path.join(open, 'settings'), '/nonexistent'), null);
  fs.chmodSync(open, 0o775);
  fs.chownSync(open, 0, NOBODY); // a group with other members (nobody's group is not root's own)
  assert.equal(unsafeFolder(path.join(open, 'settings'), '/nonexistent')?.why, 'group');
  fs.chmodSync(open, 0o755);
  fs.chownSync(path.join(open, 'settings'), NOBODY, NOBODY);
  assert.equal(unsafeFolder(path.join(open, 'settings'), '/nonexistent')?.why, 'owner');
  // The temp folder itself above a HOME there, as every test world has it.
  const world = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-world-'));
  assert.equal(unsafeFolder(path.join(world, 'settings'), '/nonexistent'), null);
  fs.rmSync(world, { recursive: true });
});

test('~/.aws writable by others or owned by another user is refused; writable by a shared group is warned about', { skip }, () => {
  const { aws } = nobodysHome('aws-owner');
  const refused = awsFolderCheck(path.join(aws, 'config'));
  assert.ok(refused && 'refuse' in refused);
  assert.match(refused.refuse.message, new RegExp(`^${aws} is owned by another user, so the AWS config and credentials in it cannot be trusted;`));
  fs.chownSync(aws, 0, 0);
  fs.chmodSync(aws, 0o777);
  const open = awsFolderCheck(path.join(aws, 'config'));
  assert.ok(open && 'refuse' in open && /can be changed by every user/.test(open.refuse.message));
  fs.chmodSync(aws, 0o770);
  fs.chownSync(aws, 0, NOBODY);
  const group = awsFolderCheck(path.join(aws, 'config'));
  assert.ok(group && 'warn' in group && group.warn.en.startsWith(`Warning: ${aws} can be changed by its group`));
  fs.chmodSync(aws, 0o700);
  assert.equal(awsFolderCheck(path.join(aws, 'config')), null);
});

test('a lock another user created beside the credentials file is one sentence naming it, not a permanent ENOTEMPTY', { skip }, async () => {
  const shared = path.join(dir, 'shared');
  fs.mkdirSync(shared);
  fs.chmodSync(shared, 0o1777);
  const creds = path.join(shared, 'credentials');
  fs.writeFileSync(creds, '[mfa]\nk = v\n', { mode: 0o600 });
  const lock = `${creds}.lock`;
  const r = asNobody(
    `const fs = require('fs'); fs.mkdirSync(process.argv[1]); fs.writeFileSync(process.argv[1] + '/x', ''); const old = new Date(Date.now() - 3600e3); fs.utimesSync(process.argv[1], old, old); console.log('locked')`,
    [lock],
  );
  assert.equal(r.stdout.trim(), 'locked', r.stderr);
  await assert.rejects(updateIniFile(creds, () => [{ profile: 'mfa', values: { k: 'w' } }]), {
    message: `The lock ${lock} beside ${creds} was made by another user (uid ${NOBODY}), so aws-mfa-tray cannot use ${creds}; remove ${lock} (as that user or root) and check who else writes there.`,
  });
  assert.equal(fs.readFileSync(creds, 'utf8'), '[mfa]\nk = v\n');
});
