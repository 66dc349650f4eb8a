/**
 * The region follows the session (login writes the source profile's region into the target's
 * config section once, byte-preserving, and the AWS CLI then needs no region of its own; exec and
 * export fall back to it), times are local with their zone in what people read (UTC in --json),
 * and the CLI says which MFA device it used; keys list has a header and aligned columns.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { runCli } from '../helpers/cli';
import { awsWhoAmI, hasAwsCli, peerEnv } from '../helpers/peers';
import { createWorld, type World } from '../helpers/world';

let w: World;
let serial: string;
let env: NodeJS.ProcessEnv;
const CONFIG = (s: string): string => `# my config\r\n[default]\r\nregion = ap-northeast-1\r\nmfa_serial = ${s}\r\n\r\n[profile other]\r\noutput = json\r\n`;
before(async () => {
  w = await createWorld();
  serial = w.user.devices[0]!.serial;
  await w.storeKeys('default');
  env = { ...w.env };
  delete env.AWS_REGION;
  delete env.AWS_DEFAULT_REGION;
});
after(() => w.close());
beforeEach(() => {
  w.writeCredentials('');
  w.writeConfig(CONFIG(serial));
});

/** "YYYY-MM-DD HH:MM" of an ISO time shifted by `hours`. */
const shifted = (iso: string, hours: number): string => new Date(Date.parse(iso) + hours * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

test("login adds the source profile's region to [profile mfa] once, every other byte kept; the AWS CLI then needs no region", async () => {
  const r = await runCli(env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(w.configText(), `${CONFIG(serial)}\r\n[profile mfa]\r\nregion = ap-northeast-1\r\n`);
  assert.match(r.stdout, new RegExp(`\\nAdded region = ap-northeast-1 \\(the source profile's\\) to \\[profile mfa\\] in ${w.paths.configFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, so commands with --profile mfa know the region\\.\\n$`));
  const again = await runCli(env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)]);
  assert.equal(again.code, 0, again.stderr);
  assert.ok(!again.stdout.includes('Added region'), 'said once');
  assert.equal(w.configText(), `${CONFIG(serial)}\r\n[profile mfa]\r\nregion = ap-northeast-1\r\n`);
  if (hasAwsCli) {
    const peer = { ...peerEnv(w) };
    delete peer.AWS_REGION;
    delete peer.AWS_DEFAULT_REGION;
    const who = await awsWhoAmI(peer, 'mfa');
    assert.equal(who.code, 0, who.stderr);
    assert.match((JSON.parse(who.stdout) as { Arn: string }).Arn, /:user\/alice$/);
  }
});

test('a target with a region of its own keeps it; --json says the addition on stderr', async () => {
  w.writeConfig(`${CONFIG(serial)}\r\n[profile mfa]\r\nregion = eu-west-1\r\n`);
  const r = await runCli(env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial), '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(w.configText(), `${CONFIG(serial)}\r\n[profile mfa]\r\nregion = eu-west-1\r\n`);
  w.writeConfig(CONFIG(serial));
  const j = await runCli({ ...env, LANG: 'ja_JP.UTF-8' }, ['login', 'default', '--code', w.emulator.nextFreshCode(serial), '--json']);
  assert.equal(j.code, 0, j.stderr);
  assert.deepEqual(Object.keys(JSON.parse(j.stdout) as object), ['profile', 'target', 'serial', 'expiration']);
  assert.match(j.stderr, /の \[profile mfa\] にソースプロファイルのリージョン region = ap-northeast-1 を追加しました。/);
});

test("exec falls back to the source profile's region when the target has none", async () => {
  assert.equal((await runCli(env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)])).code, 0);
  w.writeConfig(CONFIG(serial)); // the region line taken out again by hand
  const r = await runCli(env, ['exec', 'mfa', '--', 'sh', '-c', 'echo "$AWS_REGION $AWS_DEFAULT_REGION"']);
  assert.deepEqual([r.code, r.stdout], [0, 'ap-northeast-1 ap-northeast-1\n'], r.stderr);
});

test('TZ=Asia/Tokyo: login and status show local time with the zone and name the device; --json stays UTC', async () => {
  const tokyo = { ...env, TZ: 'Asia/Tokyo' };
  const json = await runCli(tokyo, ['login', 'default', '--code', w.emulator.nextFreshCode(serial), '--json']);
  const exp = (JSON.parse(json.stdout) as { expiration: string }).expiration;
  assert.match(exp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const r = await runCli(tokyo, ['login', 'default', '--code', w.emulator.nextFreshCode(serial)]);
  assert.equal(r.code, 0, r.stderr);
  const exp2 = /aws_credential_expiration = (\S+)/.exec(w.credentialsText()!)![1]!;
  assert.equal(r.stdout, `Profile mfa is ready until ${shifted(exp2, 9)} GMT+9 (MFA device ${serial}): use --profile mfa (or AWS_PROFILE=mfa).\n`);
  const ja = await runCli({ ...tokyo, LANG: 'ja_JP.UTF-8' }, ['status']);
  assert.match(ja.stdout, new RegExp(`^書き込み先 +ソース +MFA デバイス +有効期限 +残り\\nmfa +default +${serial.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +${shifted(exp2, 9)} JST +\\d+時間\\d+分\\n$`));
  const st = await runCli(tokyo, ['status']);
  assert.match(st.stdout, /^TARGET +SOURCE +MFA DEVICE +EXPIRES +LEFT\n/);
  assert.ok(st.stdout.includes(`${shifted(exp2, 9)} GMT+9`), st.stdout);
  const utc = await runCli({ ...env, TZ: 'UTC' }, ['status']);
  assert.ok(utc.stdout.includes(`${shifted(exp2, 0)} UTC`), utc.stdout);
  const sj = JSON.parse((await runCli(tokyo, ['status', '--json'])).stdout) as { expiration: string; serial: string }[];
  assert.equal(sj[0]!.expiration, exp2);
  assert.equal(sj[0]!.serial, serial);
});

test('keys list: a header and aligned columns (en, ja), with the creation date and age columns of key rotation', async () => {
  await w.keychain.set('a-much-longer-profile', { accessKeyId: 'AKIAOTHEROTHEROTHER1', secretAccessKey: 'o'.repeat(40) });
  try {
    const r = await runCli(env, ['keys', 'list']);
    const masked = `${w.user.accessKeyId.slice(0, 4)}…${w.user.accessKeyId.slice(-4)}`;
    // The stored-only key's date is not known; default's was learnt after the logins above (ListAccessKeys).
    const unknown = 'not known yet (learnt at the next login)';
    const lines = r.stdout.split('\n');
    assert.equal(lines.length, 4, r.stdout);
    assert.equal(lines[0], 'PROFILE                ACCESS KEY ID  CREATED                                   AGE');
    assert.equal(lines[1], `a-much-longer-profile  AKIA…HER1      ${unknown}  -`);
    const known = new RegExp(`^default {16}${masked} {6}\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\S+ +(\\d+ days?)$`).exec(lines[2]!);
    assert.ok(known, lines[2]);
    assert.equal(lines[2]!.lastIndexOf(known[1]!), lines[0].indexOf('AGE'), 'the AGE column lines up');
    assert.equal(lines[3], '');
    const ja = await runCli({ ...env, LANG: 'ja_JP.UTF-8' }, ['keys', 'list']);
    assert.equal(ja.stdout.split('\n')[0], 'プロファイル           アクセスキー ID  作成日時                              経過');
  } finally {
    await w.keychain.remove('a-much-longer-profile');
  }
});
