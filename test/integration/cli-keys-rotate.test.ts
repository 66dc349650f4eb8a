/**
 * `aws-mfa-tray keys rotate` as a user runs it (the built CLI, a temp HOME, the real keychain, the
 * emulator enforcing the seed policy), and `keys list` showing each key's age.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { KeyAgeStore, refreshKeyAgeAfterLogin } from '../../main/core/keys/key-age';
import { AwsKeyApi } from '../../main/core/keys/key-gateway';
import { keyApiTarget } from '../../main/core/keys/rotation-session';
import { runCli } from '../helpers/cli';
import { filesContaining } from '../helpers/snapshot';
import { configuredWorld, type World } from '../helpers/world';

let w: World;
const serial = () => w.user.devices[0]!.serial;
const masked = (id: string) => `${id.slice(0, 4)}…${id.slice(-4)}`;

before(async () => {
  w = await configuredWorld();
});
after(() => w.close());
beforeEach(() => {
  w.emulator.keyPropagationMs = 0;
});

async function loginCli(): Promise<void> {
  const r = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial())]);
  assert.equal(r.code, 0, r.stderr);
}

void describe('aws-mfa-tray keys rotate', () => {
  void it('rotates with the valid session: one sentence each for the result and the sessions, no secret anywhere, credentials file untouched', async () => {
    w.writeCredentials('# mine\n[other]\nregion = eu-west-1\n');
    await loginCli();
    const file = w.credentialsText();
    const old = (await w.keychain.get('default'))!;
    const gst = w.emulator.requests.filter((r) => r.action === 'GetSessionToken').length;
    w.emulator.keyPropagationMs = 300;

    const r = await runCli(w.env, ['keys', 'rotate', 'default']);

    assert.equal(r.code, 0, r.stderr);
    const now = (await w.keychain.get('default'))!;
    assert.notEqual(now.accessKeyId, old.accessKeyId);
    assert.equal(
      r.stdout,
      `Rotated the access key of profile default: ${masked(now.accessKeyId)} is in the keychain and works; the old key ${masked(old.accessKeyId)} was deleted.\n` +
        'Your current session in profile mfa stays valid until it expires (AWS cannot revoke temporary credentials); the next renewal uses the new key.\n',
    );
    assert.equal(r.stderr, 'Created a new access key; checking that AWS accepts it (IAM can take a few seconds)…\n');
    for (const secret of [now.secretAccessKey, old.secretAccessKey, now.accessKeyId]) {
      assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), 'no secret (nor the full key ID) in the output');
    }
    assert.equal(w.credentialsText(), file, 'byte for byte');
    assert.deepEqual(filesContaining(w.home, now.secretAccessKey), [], 'the new secret is in no file (only the keychain)');
    assert.equal(w.emulator.requests.filter((x) => x.action === 'GetSessionToken').length, gst, 'no MFA code was needed');
    assert.deepEqual(w.emulator.accessKeysOf('alice').map((k) => k.accessKeyId), [now.accessKeyId]);

    // keys list: the date the tool recorded, in local time with the zone, and the age.
    const list = await runCli(w.env, ['keys', 'list']);
    assert.match(list.stdout, new RegExp(`^PROFILE +ACCESS KEY ID +CREATED +AGE\\ndefault +${masked(now.accessKeyId).replace('…', '.')} +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\S+ +0 days\\n$`));
    const json = JSON.parse((await runCli(w.env, ['keys', 'list', '--json'])).stdout) as { profile: string; accessKeyId: string; created: string; ageDays: number }[];
    assert.deepEqual(Object.keys(json[0]!), ['profile', 'accessKeyId', 'created', 'ageDays']);
    assert.equal(json[0]!.ageDays, 0);
    assert.match(json[0]!.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
  });

  void it('logs in with --code when there is no valid session (one code), and --keep-old deactivates the old key', async () => {
    w.writeCredentials('');
    const old = (await w.keychain.get('default'))!;
    const r = await runCli(w.env, ['keys', 'rotate', 'default', '--code', w.emulator.nextFreshCode(serial()), '--keep-old']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /the old key AKIA…\w{4} was deactivated \(delete it in IAM when nothing uses it\)\.\n/);
    assert.deepEqual(w.emulator.accessKeysOf('alice').map((k) => k.status), ['Inactive', 'Active']);
    assert.equal(w.emulator.accessKeysOf('alice')[0]!.accessKeyId, old.accessKeyId);

    // Now the inactive key is in the way: without a terminal to ask on, the CLI stops, changing nothing.
    const keys = await w.keychain.get('default');
    const again = await runCli(w.env, ['keys', 'rotate', 'default']);
    assert.equal(again.code, 1);
    assert.equal(again.stdout, '');
    assert.equal(
      again.stderr,
      `Your IAM user already has a second access key, ${masked(old.accessKeyId)}, which is inactive, and IAM allows only two; confirm that it may be deleted (the CLI asks on a terminal) to rotate.\n`,
    );
    assert.deepEqual(await w.keychain.get('default'), keys);
    assert.equal(w.emulator.accessKeysOf('alice').length, 2);

    // In Japanese too.
    const ja = await runCli({ ...w.env, LANG: 'ja_JP.UTF-8' }, ['keys', 'rotate', 'default']);
    assert.equal(ja.code, 1);
    assert.match(ja.stderr, /^この IAM ユーザーにはすでに 2 つ目のアクセスキー AKIA…\w{4}（無効）があり、IAM では 2 つまでです。/);
  });

  void it('bad input and a missing code: exit 2, one sentence, nothing changed', async () => {
    const from = w.emulator.requests.length;
    const keys = await w.keychain.get('default');
    const bad = await runCli(w.env, ['keys', 'rotate', 'default', '--code', '12345']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.split('\n').filter(Boolean).length, 1);
    const name = await runCli(w.env, ['keys', 'rotate', 'no such']);
    assert.equal(name.code, 2);
    assert.equal(w.emulator.requests.length, from, 'no AWS call');

    // No session, no code and nowhere to ask (no terminal, no app, no mfa_process).
    w.writeCredentials('');
    const none = await runCli(w.env, ['keys', 'rotate', 'default']);
    assert.equal(none.code, 2, none.stderr);
    assert.equal(
      none.stderr,
      'Give the 6-digit code from your MFA device with --code, e.g. "aws-mfa-tray keys rotate default --code 123456" (there is no valid session to reuse, no mfa_process, no aws-mfa-tray app running and no terminal to ask on).\n',
    );
    assert.deepEqual(await w.keychain.get('default'), keys);
  });

  void it('--help shows an example, the environment and the exit codes', async () => {
    const r = await runCli(w.env, ['keys', 'rotate', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Examples:\n {2}aws-mfa-tray keys rotate default\n/);
    assert.match(r.stdout, /--keep-old/);
    assert.match(r.stdout, /Exit codes:\n {2}0 {2}the new key is in the keychain/);
  });
});

void describe('key age', () => {
  void it('an imported key whose date is unknown says so; after a login the date comes from ListAccessKeys with the MFA session', async () => {
    const keys = (await w.keychain.get('default'))!;
    new KeyAgeStore(w.paths.settingsDir).remove('default');
    const unknown = await runCli(w.env, ['keys', 'list']);
    assert.equal(
      unknown.stdout,
      'PROFILE  ACCESS KEY ID  CREATED                                   AGE\n' + `default  ${masked(keys.accessKeyId)}      not known yet (learnt at the next login)  -\n`,
    );
    const json = JSON.parse((await runCli(w.env, ['keys', 'list', '--json'])).stdout) as unknown[];
    assert.deepEqual(json, [{ profile: 'default', accessKeyId: masked(keys.accessKeyId), created: null, ageDays: null }]);

    await loginCli();
    // The CLI login has learnt the date itself (the next test); forgotten again, so that the app's
    // refresh (the same function, run by the tray after its logins) is what learns it here.
    new KeyAgeStore(w.paths.settingsDir).remove('default');
    const from = w.emulator.requests.length;
    const api = new AwsKeyApi({ env: w.env, timeoutMs: 3000 });
    const refresh = () =>
      refreshKeyAgeAfterLogin({
        settingsDir: w.paths.settingsDir,
        credentialsFile: w.paths.credentialsFile,
        keychain: w.keychain,
        profile: 'default',
        target: 'mfa',
        at: () => keyApiTarget(w.paths, w.env, 'default'),
        api: () => api,
      }).done;
    await refresh();
    const calls = w.emulator.requests.slice(from);
    assert.deepEqual(calls.map((c) => c.action), ['GetCallerIdentity', 'ListAccessKeys']);
    assert.ok(calls.every((c) => c.accessKeyId?.startsWith('ASIA')), 'both with the MFA session');
    const created = w.emulator.accessKeysOf('alice').find((k) => k.accessKeyId === keys.accessKeyId)!.createdMs;
    assert.equal(Date.parse(new KeyAgeStore(w.paths.settingsDir).read().default!.created!), Math.floor(created / 1000) * 1000);

    // Known now: no further AWS call after the next login.
    const before = w.emulator.requests.length;
    await refresh();
    assert.equal(w.emulator.requests.length, before);
    const list = await runCli(w.env, ['keys', 'list']);
    assert.match(list.stdout, /\ndefault +AKIA…\w{4} +\d{4}-\d\d-\d\d \d\d:\d\d \S+ +0 days\n$/);
  });

  void it('a CLI login learns the date itself: ListAccessKeys with the new session once, then never again while it is known', async () => {
    const keys = (await w.keychain.get('default'))!;
    new KeyAgeStore(w.paths.settingsDir).remove('default');
    const from = w.emulator.requests.length;
    await loginCli();
    const calls = w.emulator.requests.slice(from);
    assert.deepEqual(calls.map((c) => c.action), ['GetSessionToken', 'GetCallerIdentity', 'ListAccessKeys']);
    assert.ok(calls.slice(1).every((c) => c.accessKeyId?.startsWith('ASIA')), 'the key calls with the MFA session');
    const created = w.emulator.accessKeysOf('alice').find((k) => k.accessKeyId === keys.accessKeyId)!.createdMs;
    assert.equal(Date.parse(new KeyAgeStore(w.paths.settingsDir).read().default!.created!), Math.floor(created / 1000) * 1000);
    const list = await runCli(w.env, ['keys', 'list']);
    assert.match(list.stdout, /\ndefault +AKIA…\w{4} +\d{4}-\d\d-\d\d \d\d:\d\d \S+ +0 days\n$/);

    const next = w.emulator.requests.length;
    await loginCli();
    assert.deepEqual(w.emulator.requests.slice(next).map((c) => c.action), ['GetSessionToken'], 'known: no key call');
  });

  void it('a CLI login whose key date cannot be learnt (AWS refuses ListAccessKeys) still succeeds, and asks again only a day later', async () => {
    new KeyAgeStore(w.paths.settingsDir).remove('default');
    w.user.deny = ['iam:ListAccessKeys'];
    try {
      const from = w.emulator.requests.length;
      const r = await runCli(w.env, ['login', 'default', '--code', w.emulator.nextFreshCode(serial())]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.deepEqual(w.emulator.requests.slice(from).map((c) => c.action), ['GetSessionToken', 'GetCallerIdentity', 'ListAccessKeys']);
      const e = new KeyAgeStore(w.paths.settingsDir).read().default!;
      assert.equal(e.created, undefined);
      assert.ok(e.checkedAt, 'the refusal is remembered');
      const next = w.emulator.requests.length;
      await loginCli();
      assert.deepEqual(w.emulator.requests.slice(next).map((c) => c.action), ['GetSessionToken'], 'not asked again within the day');
    } finally {
      w.user.deny = [];
    }
  });
});
