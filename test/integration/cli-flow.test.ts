/**
 * The user-visible flow through the built CLI: plaintext keys imported into the keychain, login
 * with a real TOTP code against the emulator, status, credential-process, and afterwards the
 * long-term secret is in no file under HOME or the settings folder.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { runCli } from '../helpers/cli';
import { filesContaining } from '../helpers/snapshot';
import { worldSuite } from '../helpers/world';
import { assertMode } from '../helpers/platform';

const w = worldSuite();

test('import, login, status, credential-process; the long-term secret ends up only in the keychain', async () => {
  const original = `# my keys\r\n[default]\r\naws_access_key_id = ${w.user.accessKeyId}\r\naws_secret_access_key = ${w.user.secretAccessKey}\r\nregion = eu-west-1\r\n\r\n; other\r\n[other]\r\naws_access_key_id=AKIAOTHEROTHEROTHER1\r\naws_secret_access_key=${'o'.repeat(40)}\r\n`;
  w.writeCredentials(original);

  const imp = await runCli(w.env, ['keys', 'import', 'default']);
  assert.equal(imp.stderr, '');
  assert.equal(imp.code, 0);
  assert.match(imp.stdout, /Moved the keys of profile default \(AKIA…/);
  assert.equal(
    w.credentialsText(),
    `# my keys\r\n[default]\r\nregion = eu-west-1\r\n\r\n; other\r\n[other]\r\naws_access_key_id=AKIAOTHEROTHEROTHER1\r\naws_secret_access_key=${'o'.repeat(40)}\r\n`,
  );
  assert.deepEqual(await w.keychain.get('default'), { accessKeyId: w.user.accessKeyId, secretAccessKey: w.user.secretAccessKey });

  const list = await runCli(w.env, ['keys', 'list', '--json']);
  assert.equal(list.code, 0);
  const listed = JSON.parse(list.stdout) as { profile: string; accessKeyId: string }[];
  assert.deepEqual(listed.map((k) => k.profile), ['default']);
  assert.ok(!list.stdout.includes(w.user.secretAccessKey) && !list.stdout.includes(w.user.accessKeyId), 'keys list masks the key ID');

  const code = w.emulator.nextFreshCode(w.serial);
  const login = await runCli(w.env, ['login', 'default', '--code', code, '--json']);
  // The only thing on stderr: the one-time note that the target got the source profile's region.
  assert.match(login.stderr, /^Added region = eu-west-1 \(the source profile's\) to \[profile mfa\] in .*config, so commands with --profile mfa know the region\.\n$/);
  assert.equal(login.code, 0);
  const result = JSON.parse(login.stdout) as Record<string, string>;
  assert.deepEqual(Object.keys(result), ['profile', 'target', 'serial', 'expiration']);
  assert.equal(result.profile, 'default');
  assert.equal(result.target, 'mfa');
  assert.equal(result.serial, w.serial, 'serial discovered with ListMFADevices');
  assert.match(result.expiration!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const secondsAhead = (Date.parse(result.expiration!) - Date.now()) / 1000;
  assert.ok(secondsAhead > 43000 && secondsAhead <= 43200, `default duration 43200 s, got ${secondsAhead}`);
  assert.equal(w.settings.read().profiles[0]?.serial, w.serial, 'discovered serial remembered');

  const text = w.credentialsText()!;
  assert.ok(text.startsWith(`# my keys\r\n[default]\r\nregion = eu-west-1\r\n\r\n; other\r\n[other]\r\n`), 'other bytes kept');
  const parsed = await loadSharedConfigFiles({ filepath: w.paths.credentialsFile, configFilepath: w.paths.configFile, ignoreCache: true });
  const mfa = parsed.credentialsFile.mfa!;
  assert.deepEqual(Object.keys(mfa).sort(), ['aws_access_key_id', 'aws_credential_expiration', 'aws_secret_access_key', 'aws_session_token']);
  assert.match(mfa.aws_access_key_id!, /^ASIA/);
  assert.equal(mfa.aws_credential_expiration, result.expiration);
  assertMode(w.paths.credentialsFile, 0o600);

  // The written session works for a real SDK client, as `aws --profile mfa` would use it.
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: w.emulator.url,
    credentials: { accessKeyId: mfa.aws_access_key_id!, secretAccessKey: mfa.aws_secret_access_key!, sessionToken: mfa.aws_session_token! },
  });
  const who = await sts.send(new GetCallerIdentityCommand({}));
  assert.match(who.Arn ?? '', /:user\/alice$/);

  const status = await runCli(w.env, ['status', '--json']);
  assert.equal(status.code, 0);
  const st = JSON.parse(status.stdout) as { profile: string; target: string; expiration: string; secondsLeft: number }[];
  assert.equal(st.length, 1);
  assert.deepEqual(Object.keys(st[0]!), ['profile', 'target', 'expiration', 'secondsLeft', 'roles', 'serial']);
  assert.equal(st[0]!.target, 'mfa');
  assert.ok(st[0]!.secondsLeft > 43000);
  const human = await runCli(w.env, ['status']);
  assert.match(human.stdout, /mfa\s+default\s+arn:\S+\s+\d{4}-\d\d-\d\d \d\d:\d\d \S+\s+1[12]h \d+m left/);

  const cp = await runCli(w.env, ['credential-process', 'mfa']);
  assert.equal(cp.code, 0);
  const out = JSON.parse(cp.stdout) as Record<string, unknown>;
  assert.deepEqual(out, {
    Version: 1,
    AccessKeyId: mfa.aws_access_key_id,
    SecretAccessKey: mfa.aws_secret_access_key,
    SessionToken: mfa.aws_session_token,
    Expiration: result.expiration,
  });

  assert.deepEqual(filesContaining(w.home, w.user.secretAccessKey), [], 'long-term secret in no file');
  assertMode(`${w.paths.settingsDir}/settings.json`, 0o600);
  assertMode(w.paths.settingsDir, 0o700);
});

test('keys set reads the secret from stdin, never argv; keys remove deletes it', async () => {
  const set = await runCli(w.env, ['keys', 'set', 'work', '--access-key-id', w.user.accessKeyId], `${w.user.secretAccessKey}\n`);
  assert.equal(set.code, 0, set.stderr);
  assert.ok(!set.stdout.includes(w.user.secretAccessKey));
  assert.deepEqual(await w.keychain.get('work'), { accessKeyId: w.user.accessKeyId, secretAccessKey: w.user.secretAccessKey });
  const rm = await runCli(w.env, ['keys', 'remove', 'work']);
  assert.equal(rm.code, 0);
  assert.equal(await w.keychain.get('work'), null);
  const again = await runCli(w.env, ['keys', 'remove', 'work']);
  assert.equal(again.code, 2);
  assert.equal(again.stderr, 'There are no keys for profile work in the keychain; "aws-mfa-tray keys list" shows the profiles that have some.\n');
});

test('policy prints the MFA-enforcing policy JSON', async () => {
  const r = await runCli(w.env, ['policy']);
  assert.equal(r.code, 0);
  const p = JSON.parse(r.stdout) as { Statement: { Sid: string; NotAction?: string[] }[] };
  const deny = p.Statement.find((s) => s.Sid === 'DenyAllExceptListedIfNoMFA');
  assert.ok(deny?.NotAction?.includes('sts:GetSessionToken'));
  assert.ok(deny?.NotAction?.includes('iam:ListMFADevices'));
});
