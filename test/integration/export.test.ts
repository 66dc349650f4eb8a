/**
 * `export <target>`: the session for the current shell. Evaluated for real by bash and sh (env),
 * the AWS CLI then runs on it; renewed through mfa_process when expired, exactly as credential-process
 * renews; the region falls back to the source profile's; every format, and bad input (exit 2).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { BIN, runCli, runProcess } from '../helpers/cli';
import { hasAwsCli, peerEnv } from '../helpers/peers';
import { createWorld, type World } from '../helpers/world';
import { formatExport } from '../../main/cli/export-formats';

let w: World;
let env: NodeJS.ProcessEnv;
let serial: string;
let codeFile: string;
before(async () => {
  w = await createWorld();
  env = peerEnv(w);
  delete env.AWS_DEFAULT_REGION;
  delete env.AWS_REGION;
  serial = w.user.devices[0]!.serial;
  codeFile = path.join(w.home, 'code.txt');
  await w.storeKeys('default');
});
after(() => w.close());
beforeEach(() => {
  w.writeConfig(`[default]\nregion = ap-northeast-1\nmfa_serial = ${serial}\nmfa_process = cat ${codeFile}\n`);
});

const SHOW = 'for v in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_REGION AWS_DEFAULT_REGION AWS_PROFILE; do eval "echo $v=\\${$v-unset}"; done';

test('eval "$(aws-mfa-tray export mfa)" in bash and sh sets the session, its expiry and the source profile region, and unsets AWS_PROFILE', async () => {
  writeFileSync(codeFile, `${w.emulator.nextFreshCode(serial)}\n`);
  w.writeCredentials(''); // no session yet: export renews it (mfa_process), as credential-process would
  for (const shell of ['bash', 'sh']) {
    const r = await runProcess(shell, ['-c', `eval "$("$0" "$1" export mfa)" && ${SHOW}`, process.execPath, BIN], { env: { ...env, AWS_PROFILE: 'default' }, detached: true });
    assert.equal(r.code, 0, r.stderr);
    const vars = Object.fromEntries(r.stdout.trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
    const file = w.credentialsText()!;
    assert.equal(vars.AWS_ACCESS_KEY_ID, /aws_access_key_id = (\S+)/.exec(file)![1]);
    assert.equal(vars.AWS_SECRET_ACCESS_KEY, /aws_secret_access_key = (\S+)/.exec(file)![1]);
    assert.equal(vars.AWS_SESSION_TOKEN, /aws_session_token = (\S+)/.exec(file)![1]);
    assert.equal(vars.AWS_CREDENTIAL_EXPIRATION, /aws_credential_expiration = (\S+)/.exec(file)![1]);
    assert.match(vars.AWS_CREDENTIAL_EXPIRATION!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(vars.AWS_REGION, 'ap-northeast-1', 'the source profile region');
    assert.equal(vars.AWS_DEFAULT_REGION, 'ap-northeast-1');
    assert.equal(vars.AWS_PROFILE, 'unset');
  }
  assert.equal(w.emulator.requests.filter((q) => q.action === 'GetSessionToken').length, 1, 'renewed once, then answered from the file');
});

test('the AWS CLI runs on the exported session with no profile and no region of its own', { skip: !hasAwsCli && 'no usable AWS CLI here' }, async () => {
  w.writeCredentials('');
  writeFileSync(codeFile, `${w.emulator.nextFreshCode(serial)}\n`);
  const r = await runProcess('bash', ['-c', `eval "$("$0" "$1" export mfa)" && aws sts get-caller-identity --output json`, process.execPath, BIN], { env, detached: true });
  assert.equal(r.code, 0, r.stderr);
  assert.match((JSON.parse(r.stdout) as { Arn: string }).Arn, /:user\/alice$/);
});

test("the target's own region wins over the source profile's", async () => {
  w.writeConfig(`[default]\nregion = ap-northeast-1\nmfa_serial = ${serial}\n\n[profile mfa]\nregion = eu-central-1\n`);
  const r = await runCli(env, ['export', 'mfa', '--format', 'ini']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\[mfa\]\naws_access_key_id = \S+\naws_secret_access_key = \S+\naws_session_token = \S+\naws_credential_expiration = \S+\nregion = eu-central-1\n$/);
});

test('json is credential_process Version 1; fish and powershell set the same variables', async () => {
  const json = await runCli(env, ['export', 'mfa', '--format', 'json']);
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(Object.keys(JSON.parse(json.stdout) as object), ['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
  const fish = await runCli(env, ['export', 'mfa', '--format', 'fish']);
  assert.match(fish.stdout, /^set -e AWS_PROFILE\n(?:.*\n)*set -gx AWS_CREDENTIAL_EXPIRATION '\S+Z'\nset -gx AWS_REGION 'ap-northeast-1'\n/);
  const ps = await runCli(env, ['export', 'mfa', '--format', 'powershell']);
  assert.match(ps.stdout, /^Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue\n(?:.*\n)*\$env:AWS_SESSION_TOKEN = '\S+'\n/);
});

test('quoting: a quote in a value stays a literal in every shell syntax', async () => {
  const c = { Version: 1 as const, AccessKeyId: 'ASIA', SecretAccessKey: "a'b\\c$d`e", SessionToken: 't', Expiration: '2030-01-01T00:00:00Z' };
  const env1 = formatExport('env', 'mfa', c, undefined);
  const r = await runProcess('sh', ['-c', `${env1}\nprintf %s "$AWS_SECRET_ACCESS_KEY"`], { env: { PATH: process.env.PATH } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, c.SecretAccessKey);
  assert.match(formatExport('fish', 'mfa', c, undefined), /set -gx AWS_SECRET_ACCESS_KEY 'a\\'b\\\\c\$d`e'/);
  assert.match(formatExport('powershell', 'mfa', c, undefined), /\$env:AWS_SECRET_ACCESS_KEY = 'a''b\\c\$d`e'/);
});

test('bad input: an unknown format is one sentence (en, ja), exit 2, nothing on stdout', async () => {
  const bad = await runCli(env, ['export', 'mfa', '--format', 'csh']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.equal(bad.stderr, 'There is no format "csh"; give env, fish, powershell, json or ini, e.g. "aws-mfa-tray export mfa --format fish".\n');
  const ja = await runCli({ ...env, LANG: 'ja_JP.UTF-8' }, ['export', 'mfa', '--format', 'csh']);
  assert.equal(ja.stderr, '"csh" という形式はありません。env、fish、powershell、json、ini のいずれかを指定してください（例: "aws-mfa-tray export mfa --format fish"）。\n');
});
