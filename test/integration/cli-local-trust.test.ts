/**
 * Issue 19 through the built CLI: what a hostile tray endpoint or mfa_process can put on the
 * terminal (no control characters get through), what the CLI says of a squatter at the app's
 * address, and `login --code -` (the code on stdin, never on argv).
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { AgentServer } from '../../main/core/renew/agent-server';
import { agentEndpoint } from '../../main/core/renew/endpoint';
import { PROTOCOL_VERSION } from '../../main/core/renew/protocol';
import { runProcess } from '../helpers/cli';
import { peerEnv } from '../helpers/peers';
import { createWorld, type World } from '../helpers/world';

let w: World;
let serial: string;
let env: NodeJS.ProcessEnv;
before(async () => {
  w = await createWorld();
  env = peerEnv(w);
  serial = w.user.devices[0]!.serial;
});
after(async () => {
  await w.close();
});

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;
const ESCAPES = '\u001b]0;owned\u0007\u001b[2J\u001b[31m\u009b1m\u202e';

function expiredSession(): void {
  w.writeCredentials(`[mfa]\naws_access_key_id = ASIAEXPIREDEXPIRED00\naws_secret_access_key = ${'e'.repeat(40)}\naws_session_token = old\naws_credential_expiration = 2020-01-01T00:00:00Z\n`);
}
/** As a GUI or CI starts it: no terminal to prompt on, so the tray app is the source asked. */
const cli = (args: string[], stdin = '') => runProcess('aws-mfa-tray', args, { env, detached: true, stdin });

test('an error sentence from the tray endpoint reaches the terminal without control characters', async () => {
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n`);
  expiredSession();
  const app = await AgentServer.start(agentEndpoint(w.paths.settingsDir), () =>
    Promise.resolve({ v: PROTOCOL_VERSION, ok: false, error: { code: 'CodeCancelled', message: `Cancelled${ESCAPES} in the tray.`, ja: `取り消し${ESCAPES}ました。` } }),
  );
  try {
    const r = await cli(['credential-process', 'mfa']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'Cancelled]0;owned[2J[31m1m in the tray.\n');
    assert.doesNotMatch(r.stderr.slice(0, -1), CONTROL);
  } finally {
    await app.close();
  }
});

test('an mfa_process command with escape sequences in the config file is printed without them', async () => {
  await w.storeKeys('default');
  // After `exit 3` the rest never runs; it is there to be printed.
  w.writeConfig(`[default]\nmfa_serial = ${serial}\nmfa_process = exit 3 || echo x\u001b[2J\u001b[31m\u009b1m\u202e\u0007y\n`);
  expiredSession();
  const r = await cli(['credential-process', 'mfa']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /\nThe mfa_process of profile default failed \(exit status 3\); run `exit 3 \|\| echo x\[2J\[31m1my` in a terminal to see why\.\n$/);
  assert.doesNotMatch(r.stderr.slice(0, -1), CONTROL);
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n`);
});

test('a squatter at the address in the key file: the command says it is not trusted, and goes on without it', async () => {
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n`);
  expiredSession();
  const ep = agentEndpoint(w.paths.settingsDir);
  const app = await AgentServer.start(ep, () => Promise.resolve({ v: PROTOCOL_VERSION, ok: true }));
  const keyFile = readFileSync(ep.keyFile, 'utf8');
  await app.close();
  writeFileSync(ep.keyFile, keyFile, { mode: 0o600 }); // as an app that was killed leaves it
  const address = app.place.address;
  const creds = { Version: 1, AccessKeyId: 'ASIAATTACKERATTACK00', SecretAccessKey: 'a'.repeat(40), SessionToken: 'x', Expiration: '2099-01-01T00:00:00Z' };
  const login = { profile: 'default', target: 'mfa', serial, expiration: creds.Expiration };
  const squatter = createServer((s) => s.once('data', () => s.end(`${JSON.stringify({ v: 1, ok: true, login, credentials: creds })}\n`)));
  await new Promise<void>((r) => squatter.listen(address, () => r()));
  try {
    const r = await cli(['credential-process', 'mfa']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '', 'the squatter’s credentials are never printed');
    assert.equal(
      r.stderr,
      `Something answered at ${address} without proving the key of your aws-mfa-tray app, so it is not trusted and nothing it sent is used; restart the app, and tell your administrator if this happens again.\n` +
        'Profile mfa needs a new session and there is nowhere to ask for an MFA code: start the aws-mfa-tray app, set mfa_process for profile default in the AWS config file, or run "aws-mfa-tray login default" in a terminal.\n',
    );
  } finally {
    await new Promise((r) => squatter.close(r));
  }
});

test('login --code - reads the code from stdin (never argv); nothing there is one sentence, exit 2, nothing written', async () => {
  await w.storeKeys('default');
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n`);
  w.writeCredentials('');
  const empty = await cli(['login', 'default', '--code', '-'], '');
  assert.equal(empty.code, 2);
  assert.equal(empty.stderr, 'No MFA code on standard input: with --code - give the 6-digit code as its first line, e.g. "ykman oath accounts code --single aws | aws-mfa-tray login default --code -".\n');
  assert.equal(w.credentialsText(), '');
  const code = w.emulator.nextFreshCode(serial);
  const r = await cli(['login', 'default', '--code', '-', '--json'], `${code}\n`);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal((JSON.parse(r.stdout) as { target: string }).target, 'mfa');
  assert.match(w.credentialsText() ?? '', /\[mfa\]\naws_access_key_id = ASIA/);
});

test('a ~/.aws that every user can write is refused before anything is read or handed out (the credential-process fast path too)', async () => {
  w.writeConfig(`[default]\nmfa_serial = ${serial}\n`);
  w.writeCredentials(`[mfa]\naws_access_key_id = ASIAVALIDVALIDVALID0\naws_secret_access_key = ${'v'.repeat(40)}\naws_session_token = t\naws_credential_expiration = 2099-01-01T00:00:00Z\n`);
  const folder = path.dirname(w.paths.credentialsFile);
  chmodSync(folder, 0o777);
  try {
    const r = await cli(['credential-process', 'mfa']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `${folder} can be changed by every user, so the AWS config and credentials in it cannot be trusted; run "chmod go-w ${folder}" and make it yours, then try again.\n`);
    assert.equal((await cli(['--help'])).code, 0, 'help needs no AWS files');
  } finally {
    chmodSync(folder, 0o700);
  }
  assert.equal((await cli(['credential-process', 'mfa'])).code, 0);
});
