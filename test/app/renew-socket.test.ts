/**
 * Source b end to end: the built main process (dist/main.js against the Electron stand-in, as in
 * main-process.test.ts) answers code requests on its per-user socket. Eight concurrent
 * credential_process callers (the CLI itself, the AWS CLI and botocore) on an expired target get
 * one popup, one STS call and the same session; Esc in the popup is one sentence to the caller;
 * `login` without --code and `exec` are answered the same way. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ipcChannel, type RequestView } from '../../main/ipc/contract';
import { BIN, runProcess, type CliResult } from '../helpers/cli';
import { awsWhoAmI, botocoreWhoAmI, hasAwsCli, hasBotocore, peerEnv } from '../helpers/peers';
import { posixOnly } from '../helpers/platform';
import type { World } from '../helpers/world';
import type { Call } from './fake-electron';
import { appSuite, dist, type MainProcess } from './harness';

const popupUrl = pathToFileURL(path.join(dist, 'renderer', 'popup.html')).href;

/** The popup being told about a command's request. */
const requestShown = (c: Call): boolean =>
  c.method === 'send' && c.args[0] === ipcChannel('popupShown') && Boolean((c.args[1] as { request?: unknown } | undefined)?.request);
const requestOf = (c: Call): RequestView => (c.args[1] as { request: RequestView }).request;

const suite = appSuite(
  (w) => ({ XDG_CONFIG_HOME: path.join(w.home, '.config'), FAKE_ELECTRON_PLATFORM: 'linux' }),
  async (w) => {
    await w.storeKeys('default');
    const r = await w.handlers.saveProfile({ original: null, entry: { sourceProfile: 'default', target: 'mfa', serial: w.user.devices[0]!.serial } });
    assert.ok(r.ok);
  },
);
let w: World;
let env: NodeJS.ProcessEnv;
let app: MainProcess;
const sessionCalls = () => w.emulator.requests.filter((r) => r.action === 'GetSessionToken').length;
const expire = () =>
  w.writeCredentials(`[mfa]\naws_access_key_id = ASIAEXPIREDEXPIRED00\naws_secret_access_key = ${'e'.repeat(40)}\naws_session_token = old\naws_credential_expiration = 2020-01-01T00:00:00Z\n`);
/**
 * A command as a GUI or CI would start it: no terminal to prompt on. The bin script by Node (what the
 * PATH entry runs), not the PATH entry itself: Windows cannot spawn a script or .cmd without a shell.
 */
const cli = (args: string[]): Promise<CliResult> => runProcess(process.execPath, [BIN, ...args], { env, detached: true });
const popupLogin = () => app.invoke('login', { sourceProfile: 'default', code: w.emulator.nextFreshCode(w.user.devices[0]!.serial) }, popupUrl);
const waitForRequest = (since: number) => app.waitFor('the popup to show a request', requestShown, since);

/** The app for this file, started by the first test (the suite's world exists only inside tests). */
let started: Promise<void> | null = null;
const startApp = (): Promise<void> => (started ??= launch());
async function launch(): Promise<void> {
  w = suite.w;
  env = peerEnv(w);
  app = await suite.start();
  await app.command({ cmd: 'ready' });
  await app.waitFor('the tray menu', (c) => c.target === 'tray' && c.method === 'setContextMenu');
  // The socket is up once the key file names it (written after listen).
  const keyFile = path.join(w.paths.settingsDir, 'tray-endpoint.json');
  for (let i = 0; i < 200 && !existsSync(keyFile); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(existsSync(keyFile), 'the app listens on its socket or pipe');
}

test('eight concurrent credential_process callers on an expired target: one popup, one STS call, the same session', async () => {
  await startApp();
  expire();
  const before = sessionCalls();
  const mark = app.calls.length;
  w.writeConfig(`[default]\nmfa_serial = ${w.user.devices[0]!.serial}\n\n[profile dev]\ncredential_process = aws-mfa-tray credential-process mfa\nregion = us-east-1\n`);
  const direct = Array.from({ length: hasAwsCli && hasBotocore ? 6 : 8 }, () => cli(['credential-process', 'mfa']));
  const peers = [hasAwsCli ? awsWhoAmI(env, 'dev') : null, hasBotocore ? botocoreWhoAmI(env, 'dev') : null].filter((p) => p !== null);

  const shown = await waitForRequest(mark);
  const req = requestOf(shown);
  assert.deepEqual({ profile: req.profile, target: req.target, command: req.asker.command }, { profile: 'default', target: 'mfa', command: 'credential-process' });
  const login = await popupLogin();
  assert.ok(login.ok, JSON.stringify(login));

  const answers = await Promise.all(direct);
  for (const a of answers) assert.equal(a.code, 0, a.stderr);
  assert.equal(new Set(answers.map((a) => a.stdout)).size, 1, 'identical answers');
  for (const p of await Promise.all(peers)) {
    assert.equal(p.code, 0, p.stderr);
    assert.match((JSON.parse(p.stdout) as { Arn: string }).Arn, /:user\/alice$/);
  }
  assert.equal(app.calls.slice(mark).filter(requestShown).length, 1, 'one popup');
  assert.equal(sessionCalls(), before + 1, 'one STS call');
  assert.equal((JSON.parse(answers[0]!.stdout) as { AccessKeyId: string }).AccessKeyId, /aws_access_key_id = (\S+)/.exec(w.credentialsText()!)![1]);
});

test('Esc in the popup: the waiting command ends with one sentence, stdout empty, nothing written', async () => {
  await startApp();
  expire();
  const text = w.credentialsText();
  const mark = app.calls.length;
  const waiting = cli(['credential-process', 'mfa']);
  const shown = await waitForRequest(mark);
  const req = requestOf(shown);
  // A request keeps the popup open when it loses focus (the user may look at the terminal that asked).
  const windowId = Number(shown.target.split('#')[1]);
  await app.command({ cmd: 'windowEmit', window: windowId, event: 'blur' });
  const snap = await app.snapshot();
  assert.equal(snap.windows.find((x) => x.id === windowId)?.visible, true, 'still open after blur');
  const hidden = await app.invoke('hideWindow', { cancelRequest: req.id }, popupUrl);
  assert.ok(hidden.ok);
  const r = await waiting;
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'The MFA code request was cancelled in the tray; run the command again to get a new prompt.\n');
  assert.equal(w.credentialsText(), text);
});

test('login without --code and exec are answered through the popup too, naming what asks', async () => {
  await startApp();
  let mark = app.calls.length;
  const login = cli(['login', 'default', '--json']);
  let req = requestOf(await waitForRequest(mark));
  assert.deepEqual(req.asker, { command: 'login' });
  assert.ok((await popupLogin()).ok);
  const done = await login;
  assert.equal(done.code, 0, done.stderr);
  assert.equal((JSON.parse(done.stdout) as { target: string }).target, 'mfa');

  expire();
  mark = app.calls.length;
  // Node as the command: on every OS, where `sh -c` is POSIX only.
  const exec = cli(['exec', 'mfa', '--', process.execPath, '-e', 'process.stdout.write(process.env.AWS_ACCESS_KEY_ID + "\\n")']);
  req = requestOf(await waitForRequest(mark));
  assert.deepEqual(req.asker, { command: 'exec', program: path.basename(process.execPath) });
  assert.ok((await popupLogin()).ok);
  const ran = await exec;
  assert.equal(ran.code, 0, ran.stderr);
  assert.match(ran.stdout, /^ASIA\w+\n$/);
});

test('mfa_process without a terminal: the tray says it runs (touch the key), and the popup is not needed', async () => {
  await startApp();
  const codeFile = path.join(w.home, 'code');
  writeFileSync(codeFile, w.emulator.nextFreshCode(w.user.devices[0]!.serial));
  // mfa_process runs in the OS's shell: cmd.exe on Windows, which has `type` for `cat`.
  const show = process.platform === 'win32' ? `type "${codeFile}"` : `cat ${codeFile}`;
  w.writeConfig(`[default]\nmfa_serial = ${w.user.devices[0]!.serial}\nmfa_process = ${show}\n`);
  expire();
  const mark = app.calls.length;
  const r = await cli(['credential-process', 'mfa']);
  assert.equal(r.code, 0, r.stderr);
  const shown = app.calls.slice(mark).filter((c) => c.target.startsWith('Notification') && c.method === 'new');
  assert.deepEqual(
    shown.map((c) => (c.args[0] as { title: string }).title),
    ['Getting the MFA code for default'],
  );
  assert.equal(app.calls.slice(mark).filter(requestShown).length, 0, 'no popup');
  w.writeConfig('');
});

test('an app that crashed leaves its socket behind: the next command is not held up by it', { skip: posixOnly('a socket file outlives a killed app; a named pipe goes with its process') }, async () => {
  await startApp();
  app.kill();
  await app.exited;
  const { address } = JSON.parse(readFileSync(path.join(w.paths.settingsDir, 'tray-endpoint.json'), 'utf8')) as { address: string };
  assert.ok(existsSync(address), 'the key file and the socket file are still there');
  expire();
  const r = await cli(['credential-process', 'mfa']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^Profile mfa needs a new session and there is nowhere to ask for an MFA code/);
});
