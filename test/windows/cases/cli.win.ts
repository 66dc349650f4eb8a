/**
 * The built CLI (dist/cli.js) on Windows' Node: help's credential_process line, the credential-process
 * fast path over drive-letter and backslash paths, and exec of a .cmd and an .exe with their exit codes.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, run, sessionSection, UNDER_WINE, winTest, winWorld } from '../support/lane';

const cli = (args: string[], env: NodeJS.ProcessEnv, cwd?: string) => run(process.execPath, [CLI, ...args], env, { cwd });

function worldWithSession(name: string, secondsLeft = 3600) {
  const w = winWorld(name);
  mkdirSync(path.dirname(w.credentials), { recursive: true });
  writeFileSync(w.credentials, `[default]\naws_access_key_id = AKIAWINDOWSLANE00001\naws_secret_access_key = ${'k'.repeat(40)}\n\n${sessionSection('mfa', secondsLeft)}`);
  writeFileSync(w.config, '[default]\nregion = eu-west-1\n');
  return w;
}

winTest('credential-process --help prints the credential_process line with aws-mfa-tray.cmd (botocore starts it without a shell)', async () => {
  const w = winWorld('help');
  const r = await cli(['credential-process', '--help'], w.env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ {2}credential_process = aws-mfa-tray\.cmd credential-process mfa\r?$/m);
  assert.match(r.stdout, /^ {2}aws-mfa-tray credential-process mfa\r?$/m, 'the example command is what a user types');
});

winTest('credential-process answers from a credentials file at a drive-letter, backslash path (fast path)', async () => {
  const w = worldWithSession('cp');
  assert.match(w.credentials, /^[A-Z]:\\.*\\\.aws\\credentials$/);
  const r = await cli(['credential-process', 'mfa'], w.env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const json = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(json.Version, 1);
  assert.equal(json.AccessKeyId, 'ASIAWINDOWSLANE00001');
  assert.equal(json.SessionToken, 'windows-lane-token');
  assert.ok(Date.parse(String(json.Expiration)) > Date.now());
});

winTest('credential-process reads a forward-slash Windows path the same way', async () => {
  const w = worldWithSession('cp-slash');
  const env = { ...w.env, AWS_SHARED_CREDENTIALS_FILE: w.credentials.replace(/\\/g, '/') };
  const r = await cli(['credential-process', 'mfa'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { AccessKeyId: string }).AccessKeyId, 'ASIAWINDOWSLANE00001');
});

winTest('credential-process on a target with no session says so in one sentence, exit 1, file unchanged', async () => {
  const w = worldWithSession('cp-none');
  const r = await cli(['credential-process', 'other-mfa'], w.env);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.ok(r.stderr.trim().length > 0);
  assert.equal(r.stderr.trim().split(/\r?\n/).length, 1, r.stderr);
});

winTest('exec runs a .cmd script with the session in its environment and ends with its exit code', async () => {
  const w = worldWithSession('exec-cmd');
  const script = path.join(w.dir, 'show-key.cmd');
  writeFileSync(script, '@echo off\r\necho key=%AWS_ACCESS_KEY_ID% arg=%~1\r\nexit /b 3\r\n');
  const r = await cli(['exec', 'mfa', '--', script, 'hello'], w.env);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stdout, /key=ASIAWINDOWSLANE00001 arg=hello/);
});

winTest(
  'exec runs a .cmd script whose path has a space',
  { skip: UNDER_WINE && 'wine\'s cmd.exe mishandles cmd /d /s /c "\\"a b.cmd\\"" (real cmd.exe does not): see test/windows/README.md' },
  async () => {
    const w = worldWithSession('exec-space');
    mkdirSync(path.join(w.dir, 'my tools'));
    const script = path.join(w.dir, 'my tools', 'show key.cmd');
    writeFileSync(script, '@echo off\r\necho key=%AWS_ACCESS_KEY_ID%\r\nexit /b 4\r\n');
    const r = await cli(['exec', 'mfa', '--', script], w.env);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stdout, /key=ASIAWINDOWSLANE00001/);
  },
);

winTest('exec runs an .exe found on PATH by its bare name (PATHEXT) and ends with its exit code', async () => {
  const w = worldWithSession('exec-exe');
  const bin = path.join(w.dir, 'bin');
  mkdirSync(bin);
  copyFileSync(process.execPath, path.join(bin, 'lane-node.exe'));
  const env = { ...w.env, PATH: `${bin};${w.env.PATH ?? ''}` };
  const code = 'process.stdout.write("id=" + process.env.AWS_ACCESS_KEY_ID + " profile=" + (process.env.AWS_PROFILE ?? "none")); process.exit(5)';
  const r = await cli(['exec', 'mfa', '--', 'lane-node', '-e', code], { ...env, AWS_PROFILE: 'dev' });
  assert.equal(r.code, 5, r.stderr);
  assert.equal(r.stdout, 'id=ASIAWINDOWSLANE00001 profile=none');
});

winTest(
  'exec of a command that is not on PATH: one sentence, exit 2',
  // cross-spawn runs an unresolved name through cmd.exe and reads cmd's exit code 1 as ENOENT.
  { skip: UNDER_WINE && "wine's cmd.exe exits 9009 for an unknown command where real cmd.exe exits 1 (nodejs/node#36855), so cross-spawn never reports ENOENT: see test/windows/README.md" },
  async () => {
  const w = worldWithSession('exec-missing');
  const r = await cli(['exec', 'mfa', '--', 'no-such-tool-amt'], w.env);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /There is no command no-such-tool-amt on your PATH/);
  },
);

winTest('the code cache: a status writes it under %LOCALAPPDATA%\\aws-mfa-tray\\Cache, the next status uses it as it is', async () => {
  const w = worldWithSession('code-cache');
  const cache = path.join(w.env.LOCALAPPDATA!, 'aws-mfa-tray', 'Cache');
  const first = await cli(['status'], w.env);
  assert.equal(first.code, 0, first.stderr);
  const names = readdirSync(cache);
  assert.equal(names.length, 1, names.join(' '));
  assert.match(names[0]!, /^cli-program\.js\.status\.v\d+\.\d+\.\d+-x64\.[0-9a-f]+-\d+\.v8$/);
  const before = statSync(path.join(cache, names[0]!)).mtimeMs;
  const second = await cli(['status'], w.env);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stdout, first.stdout);
  assert.equal(statSync(path.join(cache, names[0]!)).mtimeMs, before, 'used, not written again');
});
