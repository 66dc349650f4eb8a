/**
 * The built CLI behind a corporate proxy, beside the AWS CLI in the same network: both log in
 * through the same CONNECT proxy trusting the same private CA, both fail the same way without it,
 * and in other partitions, with FIPS and dual-stack, both ask the proxy for the same host (the
 * proxy refuses it, so nothing leaves the machine). Runs the AWS CLI v1 (pyenv) and Debian's
 * v2 where they are installed, and says so when one is not.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli, runProcess } from '../helpers/cli';
import { corporateNetwork, type CorporateNetwork } from '../helpers/corporate-network';

let net: CorporateNetwork;
let serial: string;

const AWS_CLIS = [
  ['AWS CLI v1', 'aws'],
  ['AWS CLI v2 (Debian)', '/usr/bin/aws'],
] as const;
const installed = (bin: string) => spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0;

before(async () => {
  net = await corporateNetwork();
  await net.world.storeKeys('default');
  serial = net.world.user.devices[0]!.serial;
});
after(async () => {
  await net.close();
});

/** The AWS CLI's environment: the same network settings, the long-term keys it needs in plaintext. */
function awsEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    AWS_ACCESS_KEY_ID: net.world.user.accessKeyId,
    AWS_SECRET_ACCESS_KEY: net.world.user.secretAccessKey,
    AWS_SHARED_CREDENTIALS_FILE: path.join(net.world.home, 'aws-cli-credentials'),
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  };
}

test('the CLI logs in through the proxy over TLS; without the CA it names the issuer; a 407 names the proxy', async () => {
  net.world.writeConfig(`[default]\nregion = us-east-1\nmfa_serial = ${serial}\n`);
  const env = { ...net.env, HTTPS_PROXY: net.proxy.url(), AWS_CA_BUNDLE: net.ca.file };
  const mark = net.proxy.records.length;
  const ok = await runCli(env, ['login', 'default', '--code', net.world.emulator.nextFreshCode(serial), '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  // Nothing on stderr but, on the world's first login, the one-time note that the target got the source profile's region.
  assert.match(ok.stderr, /^(Added region = \S+ \(the source profile's\) to \[profile mfa\] in .*, so commands with --profile mfa know the region\.\n)?$/);
  assert.equal((JSON.parse(ok.stdout) as { target: string }).target, 'mfa');
  // GetSessionToken; then, after the result, the key's creation date (GetCallerIdentity, ListAccessKeys): all through the proxy.
  assert.deepEqual(net.proxy.targets().slice(mark), ['sts.us-east-1.amazonaws.com:443', 'sts.us-east-1.amazonaws.com:443', 'iam.amazonaws.com:443']);

  const code = net.world.emulator.nextFreshCode(serial);
  const untrusted = await runCli({ ...env, AWS_CA_BUNDLE: '' }, ['login', 'default', '--code', code]);
  assert.equal(untrusted.code, 1);
  assert.equal(
    untrusted.stderr,
    `The certificate of sts.us-east-1.amazonaws.com was issued by "${net.ca.name}", which this computer does not trust; if that is your company's proxy, point AWS_CA_BUNDLE (or ca_bundle in ~/.aws/config) at its CA certificate in PEM format and try again.\n`,
  );
  // In Japanese (LANG=ja_JP): the same facts, the issuer named.
  const ja = await runCli({ ...env, AWS_CA_BUNDLE: '', LANG: 'ja_JP.UTF-8' }, ['login', 'default', '--code', code]);
  assert.equal(ja.code, 1);
  assert.equal(
    ja.stderr,
    `sts.us-east-1.amazonaws.com の証明書の発行者「${net.ca.name}」はこのコンピューターで信頼されていません。社内プロキシのものであれば、その CA 証明書（PEM）を AWS_CA_BUNDLE（または ~/.aws/config の ca_bundle）に指定してからやり直してください。\n`,
  );
  net.proxy.credentials = 'carol:c0rrect';
  try {
    const denied = await runCli({ ...env, HTTPS_PROXY: net.proxy.url('carol:Inc0rrect-pw') }, ['login', 'default', '--code', code]);
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, new RegExp(`^The proxy 127\\.0\\.0\\.1:${net.proxy.port} did not accept the user name and password from HTTPS_PROXY; `));
    assert.doesNotMatch(denied.stderr, /Inc0rrect-pw|carol/);
    // The code was never sent anywhere: it still works.
    const again = await runCli({ ...env, HTTPS_PROXY: net.proxy.url('carol:c0rrect') }, ['login', 'default', '--code', code]);
    assert.equal(again.code, 0, again.stderr);
  } finally {
    net.proxy.credentials = null;
  }
});

for (const [name, bin] of AWS_CLIS) {
  test(`${name} works in the same network: through the proxy with AWS_CA_BUNDLE, and not without the CA`, async (t) => {
    if (!installed(bin)) return t.skip(`${bin} is not installed here`);
    net.world.writeConfig(`[default]\nregion = us-east-1\n`);
    const env = awsEnv({ ...net.env, HTTPS_PROXY: net.proxy.url(), AWS_CA_BUNDLE: net.ca.file });
    const args = ['sts', 'get-session-token', '--serial-number', serial, '--output', 'json'];
    const mark = net.proxy.records.length;
    const ok = await runProcess(bin, [...args, '--token-code', net.world.emulator.nextFreshCode(serial)], { env });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /"SessionToken"/);
    assert.deepEqual(net.proxy.targets().slice(mark), ['sts.us-east-1.amazonaws.com:443']);
    // (Unset, not empty: botocore reads AWS_CA_BUNDLE="" as "do not verify at all"; we read it as unset.)
    const bad = await runProcess(bin, [...args, '--token-code', net.world.emulator.nextFreshCode(serial)], { env: { ...env, AWS_CA_BUNDLE: undefined } });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /SSL|certificate/i);
  });
}

/**
 * [region, serial, environment, config lines]; the proxy refuses every host here. A few cases run
 * through the real AWS CLI binaries (each run takes a second or more); the whole table is compared
 * with botocore in test/integration/network-proxy.test.ts.
 */
const cn = 'arn:aws-cn:iam::123456789012:mfa/alice';
const gov = 'arn:aws-us-gov:iam::123456789012:mfa/alice';
const ENDPOINT_CASES: [string, string, NodeJS.ProcessEnv, string][] = [
  ['cn-northwest-1', cn, { AWS_USE_DUALSTACK_ENDPOINT: 'true' }, ''],
  ['us-gov-east-1', gov, {}, 'use_fips_endpoint = true\n'],
];

for (const [name, bin, cases, iamRegions] of [
  [...AWS_CLIS[0], ENDPOINT_CASES, ['us-gov-west-1']],
  [...AWS_CLIS[1], ENDPOINT_CASES, ['cn-north-1']],
] as const) {
  test(`in China and GovCloud, with FIPS and dual-stack, the CLI asks the proxy for the host ${name} asks for`, async (t) => {
    if (!installed(bin)) return t.skip(`${bin} is not installed here`);
    const saved = new Map(net.proxy.routes);
    net.proxy.routes.clear();
    try {
      for (const [i, [region, device, extraEnv, extraConfig]] of cases.entries()) {
        const mfaSerial = device === 'aws' ? serial : device;
        net.world.writeConfig(`[default]\nregion = ${region}\nmfa_serial = ${mfaSerial}\n${extraConfig}`);
        // The proxy user names the run, so the hosts each tool asked for can be told apart.
        const mark = net.proxy.records.length;
        const base = (who: string) => ({ ...net.env, ...extraEnv, HTTPS_PROXY: net.proxy.url(`${who}-${i}:x`), AWS_CA_BUNDLE: net.ca.file });
        const [ours, theirs] = await Promise.all([
          runCli(base('ours'), ['login', 'default', '--code', '123456']),
          runProcess(bin, ['sts', 'get-session-token', '--serial-number', mfaSerial, '--token-code', '123456'], { env: awsEnv(base('aws')) }),
        ]);
        const hosts = (who: string) => [...new Set(net.proxy.records.slice(mark).filter((r) => r.credentials === `${who}-${i}:x`).map((r) => r.target))];
        const label = `${region} ${JSON.stringify(extraEnv)} ${extraConfig.trim()}`;
        assert.equal(hosts('aws').length, 1, `${name} asked for one host (${label}): ${hosts('aws').join(' ')} ${theirs.stderr}`);
        assert.deepEqual(hosts('ours'), hosts('aws'), label);
        assert.equal(ours.code, 1);
        assert.match(ours.stderr, new RegExp(`refused the connection to ${hosts('aws')[0]!.replace(/:443$/, '').replace(/\./g, '\\.')} \\(HTTP 403 Forbidden\\)`));
      }
      // Device discovery: the partition's IAM endpoint, as `aws iam list-mfa-devices` uses.
      for (const [i, region] of iamRegions.entries()) {
        net.world.writeConfig(`[default]\nregion = ${region}\n`);
        const mark = net.proxy.records.length;
        const base = (who: string) => ({ ...net.env, HTTPS_PROXY: net.proxy.url(`${who}-iam${i}:x`), AWS_CA_BUNDLE: net.ca.file });
        await Promise.all([
          runCli(base('ours'), ['login', 'default', '--code', '123456']),
          runProcess(bin, ['iam', 'list-mfa-devices'], { env: awsEnv(base('aws')) }),
        ]);
        const hosts = (who: string) => [...new Set(net.proxy.records.slice(mark).filter((r) => r.credentials === `${who}-iam${i}:x`).map((r) => r.target))];
        assert.equal(hosts('aws').length, 1, region);
        assert.deepEqual(hosts('ours'), hosts('aws'), `IAM in ${region}`);
      }
    } finally {
      for (const [k, v] of saved) net.proxy.routes.set(k, v);
    }
  });
}
