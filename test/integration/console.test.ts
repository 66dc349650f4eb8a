/**
 * `console <profile>`: a role profile chained off the session is assumed with the MFA session, the
 * federation endpoint (the emulator's, as AWS's) makes a sign-in token from the role session, and
 * the login URL is printed or handed to the browser. The plain session and other profiles are
 * refused with one sentence before anything is asked or sent.
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import * as path from 'node:path';
import { beforeEach, test } from 'node:test';
import { runCli } from '../helpers/cli';
import { worldSuite } from '../helpers/world';

const w = worldSuite({ keys: ['default'] }, () => {
  serial = w.serial;
  admin = w.emulator.addRole({ name: 'admin' }).arn;
  ops = w.emulator.addRole({ name: 'ops' }).arn;
  env = { ...w.env, AWS_MFA_TRAY_FEDERATION_URL: `${w.emulator.url}/federation` };
});
let env: NodeJS.ProcessEnv;
let serial: string;
let admin: string;
let ops: string;
beforeEach(async () => {
  w.writeConfig(
    `[default]\nmfa_serial = ${serial}\n\n[profile mfa]\nregion = eu-west-1\n\n[profile admin]\nrole_arn = ${admin}\nsource_profile = mfa\n\n` +
      `[profile ops]\nrole_arn = ${ops}\nsource_profile = admin\nrole_session_name = alice-ops\n`,
  );
  w.writeCredentials('');
  assert.equal((await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)])).code, 0);
  w.emulator.requests.length = 0;
});

const mfaKey = (): string => /\[mfa\]\naws_access_key_id = (\S+)/.exec(w.credentialsText()!)![1]!;

function get(url: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}) });
    })
      .on('error', reject)
      .end();
  });
}

test('--print: the role is assumed with the MFA session, the token made from the role session, and the URL signs in once to the console home of the region', async () => {
  const r = await runCli(env, ['console', 'admin', '--print']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const url = r.stdout.trim();
  const home = 'https://console.aws.amazon.com/console/home?region=eu-west-1';
  assert.ok(url.startsWith(`${w.emulator.url}/federation?Action=login&Issuer=aws-mfa-tray&Destination=${encodeURIComponent(home)}&SigninToken=`), url);
  const [assume, token] = w.emulator.requests;
  assert.deepEqual([assume?.action, assume?.accessKeyId], ['AssumeRole', mfaKey()]);
  assert.equal(token?.action, 'getSigninToken');
  assert.notEqual(token?.accessKeyId, mfaKey(), 'the token comes from the role session');
  assert.deepEqual(await get(url), { status: 302, location: home });
  assert.equal((await get(url)).status, 400, 'a sign-in token works once');
});

test('--destination: a service page, or a console URL; another site is refused before anything is sent', async () => {
  const s3 = await runCli(env, ['console', 'admin', '--print', '--destination', 's3']);
  assert.equal(s3.code, 0, s3.stderr);
  assert.match(s3.stdout, new RegExp(`Destination=${encodeURIComponent('https://console.aws.amazon.com/s3/home?region=eu-west-1').replace(/[.?]/g, '\\$&')}&`));
  const page = 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Instances:';
  const ec2 = await runCli(env, ['console', 'admin', '--print', '--destination', page]);
  assert.equal(ec2.code, 0, ec2.stderr);
  assert.equal((await get(ec2.stdout.trim())).location, page);
  w.emulator.requests.length = 0;
  const evil = await runCli(env, ['console', 'admin', '--print', '--destination', 'https://console.aws.amazon.com.evil.example/']);
  assert.equal(evil.code, 2);
  assert.equal(evil.stderr, '--destination must be a service name such as s3, or an https URL on console.aws.amazon.com; "https://console.aws.amazon.com.evil.example/" is neither.\n');
  assert.equal(evil.stdout, '');
  assert.deepEqual(w.emulator.requests, [], 'nothing sent');
});

test('a role chained off another role: each is assumed in turn, the first with the MFA session', async () => {
  const r = await runCli(env, ['console', 'ops', '--print']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    w.emulator.requests.map((q) => q.action),
    ['AssumeRole', 'AssumeRole', 'getSigninToken'],
  );
  assert.equal(w.emulator.requests[0]!.accessKeyId, mfaKey());
  assert.notEqual(w.emulator.requests[1]!.accessKeyId, mfaKey());
});

test('the plain session: one sentence saying AWS refuses it and a role is needed (the emulator refuses it too, as AWS does)', async () => {
  const r = await runCli(env, ['console', 'mfa']);
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    'Profile mfa holds the GetSessionToken session, which AWS refuses for console sign-in; the console needs a role: add a profile with role_arn and source_profile = mfa and sign in with that.\n',
  );
  const ja = await runCli({ ...env, LANG: 'ja_JP.UTF-8' }, ['console', 'mfa']);
  assert.equal(ja.code, 2);
  assert.match(ja.stderr, /^プロファイル mfa は GetSessionToken のセッションで、AWS はこれでのコンソールへのサインインを受け付けません。コンソールにはロールが必要です。/);
  const section = /\[mfa\]\naws_access_key_id = (\S+)\naws_secret_access_key = (\S+)\naws_session_token = (\S+)/.exec(w.credentialsText()!)!;
  const session = JSON.stringify({ sessionId: section[1], sessionKey: section[2], sessionToken: section[3] });
  assert.equal((await get(`${w.emulator.url}/federation?Action=getSigninToken&Session=${encodeURIComponent(session)}`)).status, 400);
  const other = await runCli(env, ['console', 'default']);
  assert.equal(other.code, 2);
  assert.equal(other.stderr, 'Profile default is not a role profile chained off an aws-mfa-tray session; give a profile with role_arn and source_profile (aws-mfa-tray status lists them).\n');
});

test('without --print the browser is opened with the URL ($BROWSER here); a browser that fails is one sentence, exit 1', async () => {
  const seen = path.join(w.home, 'browser-got');
  const browser = path.join(w.home, 'fake-browser');
  writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > ${seen}\n`);
  chmodSync(browser, 0o755);
  const r = await runCli({ ...env, BROWSER: browser }, ['console', 'admin']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '', 'the URL is not printed');
  assert.equal(r.stderr, `Opened the AWS console in your browser as profile admin (${admin}).\n`);
  assert.equal((await get(readFileSync(seen, 'utf8'))).status, 302, 'the browser got a working sign-in URL');
  const broken = await runCli({ ...env, BROWSER: 'false' }, ['console', 'admin']);
  assert.equal(broken.code, 1);
  assert.equal(broken.stderr, 'Could not open a browser (false: exit status 1); run the command again with --print and open the URL yourself.\n');
});

test('an expired session is renewed first through the code sources (mfa_process), then the console opens', async () => {
  const codeFile = path.join(w.home, 'code');
  writeFileSync(codeFile, w.emulator.nextFreshCode(serial));
  w.writeConfig(`[default]\nmfa_serial = ${serial}\nmfa_process = cat ${codeFile}\n\n[profile admin]\nrole_arn = ${admin}\nsource_profile = mfa\n`);
  w.emulator.expireSessions();
  w.writeCredentials(w.credentialsText()!.replace(/aws_credential_expiration = \S+/, 'aws_credential_expiration = 2020-01-01T00:00:00Z'));
  const r = await runCli(env, ['console', 'admin', '--print']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    w.emulator.requests.map((q) => q.action),
    ['GetSessionToken', 'AssumeRole', 'getSigninToken'],
  );
});
