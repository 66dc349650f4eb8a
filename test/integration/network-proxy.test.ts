/**
 * Corporate networks, through the real SDK and the real use case (MfaService): an HTTPS proxy
 * (CONNECT) written for the test, a private CA, the STS/IAM emulator serving TLS under AWS's host
 * names. Endpoints by partition, FIPS and dual-stack are checked by the host the proxy is asked
 * for (it refuses the ones it has no route for), so nothing leaves the machine, and the same hosts
 * are what botocore (the AWS CLI's library, v1 and v2) resolves for the same settings. Every failure is
 * one sentence, writes nothing and leaves the MFA code unspent: the same code works afterwards.
 */
import assert from 'node:assert/strict';
import dns from 'node:dns';
import { spawnSync } from 'node:child_process';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import * as path from 'node:path';
import { after, before, mock, test } from 'node:test';
import { createServer as createTlsServer } from 'node:https';
import { isUserError, type ErrorCode } from '../../main/core/errors';
import type { MfaService } from '../../main/core/session';
import { corporateNetwork, type CorporateNetwork } from '../helpers/corporate-network';

let net: CorporateNetwork;
let serial: string;
const CONFIG = (extra = '') => `[default]\nregion = us-east-1\nmfa_serial = ${serial}\n${extra}`;

before(async () => {
  net = await corporateNetwork();
  await net.world.storeKeys('default');
  serial = net.world.user.devices[0]!.serial;
  net.world.writeConfig(CONFIG());
});
after(async () => {
  await net.close();
});

/** The environment of a user behind the proxy who has the company CA. */
const working = (): NodeJS.ProcessEnv => ({ ...net.env, HTTPS_PROXY: net.proxy.url(), AWS_CA_BUNDLE: net.ca.file });

/** Fails with `code` and a sentence matching `message`; nothing written, nothing reached AWS. */
async function refused(svc: MfaService, code: string, expected: { code: ErrorCode; message: RegExp; absent?: string[] }, profile = 'default'): Promise<string> {
  const file = net.world.credentialsText();
  const requests = net.world.emulator.requests.length;
  let message = '';
  await assert.rejects(svc.login({ profile, code }), (e: unknown) => {
    assert.ok(isUserError(e), String(e));
    message = e.message;
    assert.equal(e.code, expected.code, e.message);
    assert.match(e.message, expected.message);
    for (const secret of expected.absent ?? []) assert.ok(!e.message.includes(secret), `"${secret}" must not appear in: ${e.message}`);
    return true;
  });
  assert.equal(net.world.credentialsText(), file, 'nothing written');
  assert.equal(net.world.emulator.requests.length, requests, 'nothing reached AWS');
  return message;
}

/** The code was never sent: it still logs in. */
async function stillWorks(code: string): Promise<void> {
  const r = await net.service(working()).login({ profile: 'default', code });
  assert.equal(r.target, 'mfa');
}

const since = (mark: number) => net.proxy.targets().slice(mark);

test('logs in through the proxy over TLS, trusting the company CA from AWS_CA_BUNDLE', async () => {
  const mark = net.proxy.records.length;
  const r = await net.service(working()).login({ profile: 'default', code: net.world.emulator.nextFreshCode(serial) });
  assert.equal(r.target, 'mfa');
  assert.deepEqual(since(mark), ['sts.us-east-1.amazonaws.com:443'], 'the SDK resolved AWS’s own endpoint and tunnelled to it');
  assert.match(net.world.credentialsText() ?? '', /^\[mfa\]\naws_access_key_id = ASIA/m);
  assert.equal(net.world.emulator.requests.at(-1)?.action, 'GetSessionToken');
});

test('https_proxy (lower case) wins over HTTPS_PROXY, and ca_bundle comes from the profile', async () => {
  net.world.writeConfig(CONFIG(`ca_bundle = ${net.ca.file}\n`));
  try {
    const mark = net.proxy.records.length;
    const env = { ...net.env, HTTPS_PROXY: 'http://127.0.0.1:9', https_proxy: net.proxy.url() };
    await net.service(env).login({ profile: 'default', code: net.world.emulator.nextFreshCode(serial), target: 'lower' });
    assert.deepEqual(since(mark), ['sts.us-east-1.amazonaws.com:443']);
  } finally {
    net.world.writeConfig(CONFIG());
  }
});

test('proxy credentials come from the URL (percent-decoded); a 407 names the proxy, never the password', async () => {
  net.proxy.credentials = 'alice:p@ss w0rd:x';
  try {
    const code = net.world.emulator.nextFreshCode(serial);
    const proxy = `127.0.0.1:${net.proxy.port}`;
    await refused(net.service({ ...working() }), code, { code: 'ProxyAuth', message: new RegExp(`^The proxy ${proxy} asks for a user name and password; set HTTPS_PROXY to http://user:password@${proxy} `) });
    const wrong = { ...working(), HTTPS_PROXY: net.proxy.url('alice:Wrong-Secret-42') };
    await refused(net.service(wrong), code, {
      code: 'ProxyAuth',
      message: new RegExp(`^The proxy ${proxy} did not accept the user name and password from HTTPS_PROXY; `),
      absent: ['Wrong-Secret-42', 'alice'],
    });
    const mark = net.proxy.records.length;
    const right = { ...working(), HTTPS_PROXY: net.proxy.url(`alice:${encodeURIComponent('p@ss w0rd:x')}`) };
    await net.service(right).login({ profile: 'default', code });
    assert.deepEqual(
      net.proxy.records.slice(mark).map((r) => r.credentials),
      ['alice:p@ss w0rd:x'],
    );
  } finally {
    net.proxy.credentials = null;
  }
});

test('a proxy that refuses connections, or whose host does not exist, is named (without its password)', async () => {
  const closed = await freePort();
  const code = net.world.emulator.nextFreshCode(serial);
  await refused(net.service({ ...working(), HTTPS_PROXY: `http://bob:hunter2@127.0.0.1:${closed}` }), code, {
    code: 'ProxyUnreachable',
    message: new RegExp(`^Could not connect to the proxy 127\\.0\\.0\\.1:${closed} from HTTPS_PROXY \\(ECONNREFUSED\\); check that the proxy address is right`),
    absent: ['hunter2', 'bob'],
  });
  const lookups = withoutDns();
  try {
    await refused(net.service({ ...working(), HTTPS_PROXY: 'http://bob:hunter2@proxy.corp.invalid:3128' }), code, {
      code: 'ProxyUnreachable',
      message: /^The proxy host in HTTPS_PROXY \(proxy\.corp\.invalid:3128\) could not be found \(DNS\); check the proxy address in HTTPS_PROXY\.$/,
      absent: ['hunter2'],
    });
  } finally {
    lookups.restore();
  }
  await stillWorks(code);
});

test('a certificate this computer does not trust names its issuer; nothing is sent to that peer', async () => {
  const code = net.world.emulator.nextFreshCode(serial);
  const noCa = { ...net.env, HTTPS_PROXY: net.proxy.url() };
  const message = await refused(net.service(noCa), code, {
    code: 'CertificateUntrusted',
    message: /^The certificate of sts\.us-east-1\.amazonaws\.com was issued by "Example Corp TLS Inspection CA", which this computer does not trust; if that is your company's proxy, point AWS_CA_BUNDLE \(or ca_bundle in ~\/\.aws\/config\) at its CA certificate in PEM format and try again\.$/,
  });
  assert.doesNotMatch(message, /\n/);
  // A bundle with some other CA does not help either.
  const other = net.pki.ca('Some Other CA');
  await refused(net.service({ ...noCa, AWS_CA_BUNDLE: other.file }), code, { code: 'CertificateUntrusted', message: /issued by "Example Corp TLS Inspection CA"/ });
  await stillWorks(code);
});

test('a certificate for another name is refused before anything is written to the connection', async () => {
  const server = createTlsServer(net.pki.serverCert(net.ca, ['other.example']), (_req, res) => res.end('never'));
  let requests = 0;
  server.on('request', () => requests++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const code = net.world.emulator.nextFreshCode(serial);
    const env = { ...net.env, AWS_CA_BUNDLE: net.ca.file, AWS_ENDPOINT_URL_STS: `https://localhost:${(server.address() as AddressInfo).port}` };
    await refused(net.service(env), code, { code: 'CertificateUntrusted', message: /^The certificate presented for localhost is for another name \(other\.example\); / });
    assert.equal(requests, 0);
    await stillWorks(code);
  } finally {
    server.close();
  }
});

/** [region, device ('aws': the user's own), environment, config lines, STS host]. */
const CN_DEVICE = 'arn:aws-cn:iam::123456789012:mfa/alice';
const GOV_DEVICE = 'arn:aws-us-gov:iam::123456789012:mfa/alice';
const STS_CASES: [string, string, NodeJS.ProcessEnv, string, string][] = [
  ['us-east-1', 'aws', {}, '', 'sts.us-east-1.amazonaws.com'],
  ['eu-west-1', 'aws', {}, '', 'sts.eu-west-1.amazonaws.com'],
  ['us-east-1', 'aws', { AWS_USE_FIPS_ENDPOINT: 'true' }, '', 'sts-fips.us-east-1.amazonaws.com'],
  ['us-east-1', 'aws', {}, 'use_fips_endpoint = true\n', 'sts-fips.us-east-1.amazonaws.com'],
  ['us-east-1', 'aws', { AWS_USE_FIPS_ENDPOINT: 'false' }, 'use_fips_endpoint = true\n', 'sts.us-east-1.amazonaws.com'],
  ['us-east-1', 'aws', { AWS_USE_DUALSTACK_ENDPOINT: 'true' }, '', 'sts.us-east-1.api.aws'],
  ['us-east-1', 'aws', {}, 'use_fips_endpoint = true\nuse_dualstack_endpoint = true\n', 'sts-fips.us-east-1.api.aws'],
  ['cn-north-1', CN_DEVICE, {}, '', 'sts.cn-north-1.amazonaws.com.cn'],
  ['cn-northwest-1', CN_DEVICE, { AWS_USE_DUALSTACK_ENDPOINT: 'true' }, '', 'sts.cn-northwest-1.api.amazonwebservices.com.cn'],
  ['us-gov-west-1', GOV_DEVICE, {}, '', 'sts.us-gov-west-1.amazonaws.com'],
  ['us-gov-east-1', GOV_DEVICE, { AWS_USE_FIPS_ENDPOINT: 'true' }, '', 'sts.us-gov-east-1.amazonaws.com'],
  ['eu-west-1', 'aws', { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, '', 'sts.amazonaws.com'],
  ['us-east-1', 'aws', {}, 'sts_regional_endpoints = legacy\n', 'sts.amazonaws.com'],
];

/** [region, environment, IAM host] for device discovery. */
const IAM_CASES: [string, NodeJS.ProcessEnv, string][] = [
  ['us-east-1', {}, 'iam.amazonaws.com'],
  ['us-east-1', { AWS_USE_FIPS_ENDPOINT: 'true' }, 'iam-fips.amazonaws.com'],
  ['cn-north-1', {}, 'iam.cn-north-1.amazonaws.com.cn'],
  ['us-gov-west-1', {}, 'iam.us-gov.amazonaws.com'],
];

test('endpoints by partition, FIPS, dual-stack and the STS global switch, from the environment and the config', async () => {
  const saved = new Map(net.proxy.routes);
  net.proxy.routes.clear(); // every host is recorded, then refused
  try {
    const code = net.world.emulator.nextFreshCode(serial);
    for (const [region, device, extraEnv, extraConfig, host] of STS_CASES) {
      net.world.writeConfig(`[default]\nregion = ${region}\nmfa_serial = ${device === 'aws' ? serial : device}\n${extraConfig}`);
      const mark = net.proxy.records.length;
      await refused(net.service({ ...working(), ...extraEnv }), code, {
        code: 'ProxyRefused',
        message: new RegExp(`^The proxy 127\\.0\\.0\\.1:${net.proxy.port} refused the connection to ${host.replace(/\./g, '\\.')} \\(HTTP 403 Forbidden\\); ask your network administrator to allow`),
      });
      assert.deepEqual(since(mark), [`${host}:443`], `${region} ${JSON.stringify(extraEnv)} ${extraConfig.trim()}`);
    }
    net.world.writeConfig(CONFIG());
    for (const [k, v] of saved) net.proxy.routes.set(k, v);
    await stillWorks(code);
  } finally {
    for (const [k, v] of saved) net.proxy.routes.set(k, v);
    net.world.writeConfig(CONFIG());
  }
});

test("device discovery asks the partition's IAM endpoint; a GovCloud login goes end to end", async () => {
  const saved = new Map(net.proxy.routes);
  net.proxy.routes.clear();
  const code = net.world.emulator.nextFreshCode(serial);
  try {
    for (const [region, extraEnv, host] of IAM_CASES) {
      net.world.writeConfig(`[default]\nregion = ${region}\n`);
      const mark = net.proxy.records.length;
      await refused(net.service({ ...working(), ...extraEnv }), code, { code: 'ProxyRefused', message: new RegExp(`refused the connection to ${host.replace(/\./g, '\\.')} `) });
      assert.deepEqual(since(mark), [`${host}:443`], region);
    }
  } finally {
    for (const [k, v] of saved) net.proxy.routes.set(k, v);
  }
  // GovCloud for real: discovery on iam.us-gov.amazonaws.com, the session from sts.us-gov-west-1.
  await net.world.keychain.set('gov', { accessKeyId: net.gov.accessKeyId, secretAccessKey: net.gov.secretAccessKey });
  net.world.writeConfig(`[default]\nregion = us-east-1\nmfa_serial = ${serial}\n\n[profile gov]\nregion = us-gov-west-1\n`);
  const mark = net.proxy.records.length;
  const r = await net.service(working()).login({ profile: 'gov', code: net.world.emulator.nextFreshCode(net.gov.serial), target: 'gov-mfa' });
  assert.equal(r.serial, net.gov.serial);
  assert.deepEqual(since(mark), ['iam.us-gov.amazonaws.com:443', 'sts.us-gov-west-1.amazonaws.com:443']);
  assert.match(net.world.credentialsText() ?? '', /^\[gov-mfa\]$/m);
  net.world.writeConfig(CONFIG());
});

for (const [cli, python] of [
  ['AWS CLI v1 (pyenv botocore)', 'python3'],
  ["Debian's AWS CLI v2", '/usr/bin/python3'],
] as const) {
  test(`${cli} resolves the same STS and IAM hosts for every case above`, (t) => {
    // AWS CLI v2 always uses regional STS endpoints; the SDK and CLI v1 honour the legacy switch.
    const sts = STS_CASES.filter(([, , e, c]) => !(python.startsWith('/usr') && (e.AWS_STS_REGIONAL_ENDPOINTS || c.includes('sts_regional'))));
    const cases = [
      ...sts.map(([region, , env, config]) => ({ service: 'sts', env, config: `region = ${region}\n${config}` })),
      ...IAM_CASES.map(([region, env]) => ({ service: 'iam', env, config: `region = ${region}\n` })),
    ];
    const r = spawnSync(python, [path.join(__dirname, 'botocore_endpoints.py')], { input: JSON.stringify(cases), encoding: 'utf8' });
    if (r.error || r.status !== 0) return t.skip(`${cli} is not installed here (${python}: ${(r.stderr || String(r.error)).trim().split('\n').at(-1)})`);
    const theirs = JSON.parse(r.stdout) as string[];
    assert.deepEqual(theirs, [...sts.map((c) => c[4]), ...IAM_CASES.map((c) => c[2])]);
  });
}

test('a device of another partition than the region is one sentence, before anything is sent', async () => {
  const code = net.world.emulator.nextFreshCode(serial);
  const mark = net.proxy.records.length;
  net.world.writeConfig(`[default]\nregion = eu-west-1\nmfa_serial = arn:aws-us-gov:iam::123456789012:mfa/alice\n`);
  try {
    await refused(net.service(working()), code, {
      code: 'PartitionMismatch',
      message: /^The MFA device arn:aws-us-gov:iam::123456789012:mfa\/alice belongs to the aws-us-gov partition but the region eu-west-1 is in aws; set a aws-us-gov region for this profile/,
    });
    assert.deepEqual(since(mark), [], 'the proxy was not even asked');
  } finally {
    net.world.writeConfig(CONFIG());
  }
  await stillWorks(code);
});

test('NO_PROXY sends matching hosts directly (host, domain suffix, *), others through the proxy', async () => {
  const direct = { ...working(), AWS_ENDPOINT_URL_STS: net.world.emulator.url };
  const port = new URL(net.world.emulator.url).port;
  net.proxy.routes.set(`localhost:${port}`, net.world.emulator.port());
  for (const [noProxy, viaProxy] of [
    ['example.com, localhost', false],
    ['.localhost', false],
    [`localhost:${port}`, false],
    ['*', false],
    ['example.com,host', true],
    [`localhost:1`, true],
  ] as const) {
    const mark = net.proxy.records.length;
    await net.service({ ...direct, NO_PROXY: noProxy }).login({ profile: 'default', code: net.world.emulator.nextFreshCode(serial), target: 'np' });
    assert.deepEqual(since(mark), viaProxy ? [`localhost:${port}`] : [], `NO_PROXY=${noProxy}`);
  }
});

test('a name that does not resolve is named (DNS), with no lookup leaving this machine', async () => {
  const lookups = withoutDns();
  try {
    const code = net.world.emulator.nextFreshCode(serial);
    net.world.writeConfig(`[default]\nregion = eu-nowhere-1\nmfa_serial = ${serial}\n`);
    await refused(net.service({ ...net.env, AWS_CA_BUNDLE: net.ca.file }), code, {
      code: 'HostNotFound',
      message: /^The name sts\.eu-nowhere-1\.amazonaws\.com could not be found \(DNS\); check the region and endpoint settings, your network connection and any VPN, and try again\.$/,
    });
    assert.ok(lookups.asked.includes('sts.eu-nowhere-1.amazonaws.com'));
    net.world.writeConfig(CONFIG());
    lookups.restore();
    await stillWorks(code);
  } finally {
    lookups.restore();
    net.world.writeConfig(CONFIG());
  }
});

test('an OS proxy setting naming only a SOCKS proxy is one sentence; a usable one after it is used', async () => {
  const code = net.world.emulator.nextFreshCode(serial);
  const env = { ...net.env, AWS_CA_BUNDLE: net.ca.file };
  const socksOnly = { resolveSystemProxy: () => Promise.resolve('SOCKS5 127.0.0.1:1080') };
  await refused(net.service(env, 5000, socksOnly), code, {
    code: 'ProxyUnreachable',
    message: /^The system proxy settings name a SOCKS proxy \(127\.0\.0\.1:1080\), which aws-mfa-tray cannot use; set HTTPS_PROXY to your HTTP proxy/,
  });
  const mark = net.proxy.records.length;
  const thenHttp = { resolveSystemProxy: () => Promise.resolve(`SOCKS5 127.0.0.1:1080; PROXY 127.0.0.1:${net.proxy.port}`) };
  await net.service(env, 5000, thenHttp).login({ profile: 'default', code });
  assert.deepEqual(since(mark), ['sts.us-east-1.amazonaws.com:443']);
});

test('a proxy that never answers ends as a timeout naming the proxy', async () => {
  const silent: Server = createTcpServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const port = (silent.address() as AddressInfo).port;
  try {
    const code = net.world.emulator.nextFreshCode(serial);
    // Overall deadline 2.5 s; the connection phase gets 2 s of it.
    await refused(net.service({ ...working(), HTTPS_PROXY: `http://127.0.0.1:${port}` }, 2500), code, {
      code: 'Timeout',
      message: new RegExp(`^AWS STS at sts\\.us-east-1\\.amazonaws\\.com could not be reached through the proxy 127\\.0\\.0\\.1:${port} within 2 seconds; `),
    });
    await stillWorks(code);
  } finally {
    silent.close();
  }
});

test('bad network settings are one sentence each, before any connection', async () => {
  const code = net.world.emulator.nextFreshCode(serial);
  const cases: [NodeJS.ProcessEnv, string, ErrorCode, RegExp][] = [
    [{ HTTPS_PROXY: 'http://user:s3cret@[bad' }, '', 'NetworkConfig', /^HTTPS_PROXY is not a proxy URL; set it like http:\/\/proxy\.example\.com:8080/],
    [{ AWS_CA_BUNDLE: '/nonexistent/ca.pem' }, '', 'NetworkConfig', /^The CA bundle \/nonexistent\/ca\.pem \(from AWS_CA_BUNDLE\) cannot be read \(ENOENT\); /],
    [{ AWS_CA_BUNDLE: net.pki.file('empty.pem', 'not a certificate\n') }, '', 'NetworkConfig', /\(from AWS_CA_BUNDLE\) holds no PEM certificate; /],
    [{ AWS_CA_BUNDLE: undefined }, 'ca_bundle = /nonexistent/corp.pem\n', 'NetworkConfig', /^The CA bundle \/nonexistent\/corp\.pem \(from ca_bundle in .+config\) cannot be read/],
    [{ AWS_USE_FIPS_ENDPOINT: 'yes' }, '', 'NetworkConfig', /^AWS_USE_FIPS_ENDPOINT must be true or false; /],
    [{}, 'use_dualstack_endpoint = maybe\n', 'NetworkConfig', /^use_dualstack_endpoint in .+config must be true or false; /],
    [{ AWS_STS_REGIONAL_ENDPOINTS: 'global' }, '', 'NetworkConfig', /^AWS_STS_REGIONAL_ENDPOINTS must be regional or legacy; /],
    [{ AWS_USE_FIPS_ENDPOINT: 'true', AWS_ENDPOINT_URL_STS: 'https://localhost:1' }, '', 'NetworkConfig', /^There is no AWS STS endpoint for these settings \(Invalid Configuration: FIPS and custom endpoint are not supported\); /],
  ];
  const mark = net.proxy.records.length;
  try {
    for (const [extraEnv, extraConfig, errorCode, message] of cases) {
      net.world.writeConfig(CONFIG(extraConfig));
      await refused(net.service({ ...working(), ...extraEnv }), code, { code: errorCode, message, absent: ['s3cret'] });
    }
  } finally {
    net.world.writeConfig(CONFIG());
  }
  assert.deepEqual(since(mark), [], 'no connection was attempted');
  await stillWorks(code);
});

async function freePort(): Promise<number> {
  const s = createTcpServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * DNS that answers only for loopback names: every other name fails as getaddrinfo fails for a
 * name that does not exist (ENOTFOUND), so no lookup leaves the machine.
 */
function withoutDns(): { asked: string[]; restore(): void } {
  const asked: string[] = [];
  const original = dns.lookup;
  const m = mock.method(dns, 'lookup', function (this: unknown, host: string, opts: unknown, cb?: unknown) {
    const callback = (typeof opts === 'function' ? opts : cb) as (e: Error | null, ...rest: unknown[]) => void;
    if (host === 'localhost' || host === '127.0.0.1') return (original as (...a: unknown[]) => void).call(this, host, opts, cb);
    asked.push(host);
    process.nextTick(() => callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: host })));
  });
  return { asked, restore: () => m.mock.restore() };
}
