/**
 * The built CLI on a Mac or a Windows PC whose proxy is set in the OS, not in the environment: the
 * platform is forced (AWS_MFA_TRAY_TEST_OS, honoured under the test runner only) and scutil / reg are
 * small scripts printing what the real tools print for such settings. The login goes through the
 * CONNECT proxy the OS names; any proxy variable (NO_PROXY alone too) switches the OS settings off,
 * as for the AWS CLI; a host in the OS's exceptions goes direct; a session still valid is answered
 * without running the tool at all.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli';
import { corporateNetwork, type CorporateNetwork } from '../helpers/corporate-network';
import { regQueryOutput, scutilOutput, type RegistrySettings, type ScutilSettings } from '../helpers/os-proxy-output';

let net: CorporateNetwork;
let serial: string;

before(async () => {
  net = await corporateNetwork();
  await net.world.storeKeys('default');
  serial = net.world.user.devices[0]!.serial;
  net.world.writeConfig(`[default]\nregion = us-east-1\nmfa_serial = ${serial}\n`);
});
after(async () => {
  await net.close();
});

/** A stand-in for scutil or reg.exe that prints `output` and notes each run in a log. */
function fakeTool(name: string, output: string): { file: string; runs: () => number } {
  const file = path.join(net.world.home, name);
  const out = path.join(net.world.home, `${name}.out`);
  const log = path.join(net.world.home, `${name}.log`);
  writeFileSync(out, output);
  writeFileSync(file, `#!/bin/sh\necho "$@" >> '${log}'\ncat '${out}'\n`);
  chmodSync(file, 0o755);
  return { file, runs: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0) };
}

const OSES = [
  {
    os: 'darwin',
    source: 'the macOS proxy settings',
    tool: (port: number, exceptions: string[] = []) =>
      fakeTool('scutil', scutilOutput({ HTTPSEnable: 1, HTTPSProxy: '127.0.0.1', HTTPSPort: port, ExceptionsList: ['*.local', '169.254/16', ...exceptions] } satisfies ScutilSettings)),
  },
  {
    os: 'win32',
    source: 'the Windows proxy settings',
    tool: (port: number, exceptions: string[] = []) =>
      fakeTool('reg', regQueryOutput({ ProxyEnable: 1, ProxyServer: `127.0.0.1:${port}`, ...(exceptions.length ? { ProxyOverride: exceptions.join(';') } : {}) } satisfies RegistrySettings)),
  },
] as const;

for (const o of OSES) {
  test(`${o.os}: the login goes through the proxy in ${o.source}; a still-valid session runs no tool`, async () => {
    const tool = o.tool(net.proxy.port);
    const env = { ...net.env, AWS_CA_BUNDLE: net.ca.file, AWS_MFA_TRAY_TEST: '1', AWS_MFA_TRAY_TEST_OS: o.os, AWS_MFA_TRAY_TEST_OS_PROXY_TOOL: tool.file };
    const mark = net.proxy.records.length;
    const ok = await runCli(env, ['login', 'default', '--code', net.world.emulator.nextFreshCode(serial), '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    // Nothing on stderr but, on the world's first login, the one-time note that the target got the source profile's region.
    assert.match(ok.stderr, /^(Added region = \S+ \(the source profile's\) to \[profile mfa\] in .*, so commands with --profile mfa know the region\.\n)?$/);
    assert.deepEqual(net.proxy.targets().slice(mark), ['sts.us-east-1.amazonaws.com:443']);
    assert.equal(tool.runs(), 1);
    // credential-process on the session just written: answered from the file, nothing spawned.
    const cp = await runCli(env, ['credential-process', 'mfa']);
    assert.equal(cp.code, 0, cp.stderr);
    assert.equal(tool.runs(), 1);
    // Without the OS's proxy (as on Linux) the same login cannot leave this machine: the proxy is the only way.
    const alone = await runCli({ ...env, AWS_MFA_TRAY_TEST_OS: 'linux', AWS_MFA_TRAY_TIMEOUT_MS: '3000' }, ['login', 'default', '--code', net.world.emulator.nextFreshCode(serial)]);
    assert.equal(alone.code, 1);
    assert.deepEqual(net.proxy.targets().slice(mark), ['sts.us-east-1.amazonaws.com:443']);
  });

  test(`${o.os}: any proxy variable switches ${o.source} off; a host in its exceptions goes direct; a refusal names it`, async () => {
    // The emulator itself as the endpoint: direct works, and the proxy refuses it (403).
    const local = `https://localhost:${net.world.emulator.port()}`;
    const base = { ...net.env, AWS_CA_BUNDLE: net.ca.file, AWS_ENDPOINT_URL_STS: local, AWS_MFA_TRAY_TEST: '1', AWS_MFA_TRAY_TEST_OS: o.os };
    const viaProxy = { ...base, AWS_MFA_TRAY_TEST_OS_PROXY_TOOL: o.tool(net.proxy.port).file };
    const mark = net.proxy.records.length;
    const refused = await runCli(viaProxy, ['login', 'default', '--code', net.world.emulator.nextFreshCode(serial)]);
    assert.equal(refused.code, 1);
    assert.equal(
      refused.stderr,
      `The proxy 127.0.0.1:${net.proxy.port} refused the connection to localhost (HTTP 403 Forbidden); ask your network administrator to allow localhost, or add it to the proxy exceptions in ${o.source} if it should be reached directly.\n`,
    );
    assert.deepEqual(net.proxy.targets().slice(mark), [`localhost:${net.world.emulator.port()}`]);
    const ja = await runCli({ ...viaProxy, LANG: 'ja_JP.UTF-8' }, ['login', 'default', '--code', net.world.emulator.nextFreshCode(serial)]);
    assert.match(ja.stderr, new RegExp(`直接つなぐ場合は ${o.os === 'darwin' ? 'macOS' : 'Windows'} のプロキシ設定の例外に追加してください。\\n$`));

    const after = net.proxy.records.length;
    for (const variables of [{ NO_PROXY: 'example.com' }, { no_proxy: 'example.com' }, { HTTP_PROXY: net.proxy.url() }]) {
      const r = await runCli({ ...viaProxy, ...variables }, ['login', 'default', '--code', net.world.emulator.nextFreshCode(serial)]);
      assert.equal(r.code, 0, `${JSON.stringify(variables)}: ${r.stderr}`);
    }
    // An empty variable is no variable: the OS's proxy again.
    const empty = await runCli({ ...viaProxy, HTTPS_PROXY: '' }, ['login', 'default', '--code', net.world.emulator.nextFreshCode(serial)]);
    assert.equal(empty.code, 1);
    // As for the AWS CLI, a macOS entry "localhost" would not match localhost:<port> (Python matches
    // the host with its port there); the address form does, through the host's IPv4 address.
    const bypassed = { ...base, AWS_MFA_TRAY_TEST_OS_PROXY_TOOL: o.tool(net.proxy.port, [o.os === 'darwin' ? '127.0.0.1' : 'localhost']).file };
    const direct = await runCli(bypassed, ['login', 'default', '--code', net.world.emulator.nextFreshCode(serial)]);
    assert.equal(direct.code, 0, direct.stderr);
    assert.deepEqual(net.proxy.targets().slice(after), [`localhost:${net.world.emulator.port()}`]);
  });
}

test('a missing tool means no OS proxy (direct), as in Python; SOCKS from Windows is named, not used', async () => {
  const local = `https://localhost:${net.world.emulator.port()}`;
  const base = { ...net.env, AWS_CA_BUNDLE: net.ca.file, AWS_ENDPOINT_URL_STS: local, AWS_MFA_TRAY_TEST: '1' };
  const missing = await runCli({ ...base, AWS_MFA_TRAY_TEST_OS: 'darwin', AWS_MFA_TRAY_TEST_OS_PROXY_TOOL: path.join(net.world.home, 'no-such-scutil') }, [
    'login',
    'default',
    '--code',
    net.world.emulator.nextFreshCode(serial),
  ]);
  assert.equal(missing.code, 0, missing.stderr);
  const socks = fakeTool('reg-socks', regQueryOutput({ ProxyEnable: 1, ProxyServer: 'socks=127.0.0.1:1080' }));
  const r = await runCli({ ...base, AWS_MFA_TRAY_TEST_OS: 'win32', AWS_MFA_TRAY_TEST_OS_PROXY_TOOL: socks.file }, ['login', 'default', '--code', net.world.emulator.nextFreshCode(serial)]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'The Windows proxy settings name a SOCKS proxy (127.0.0.1:1080), which aws-mfa-tray cannot use; set HTTPS_PROXY to your HTTP proxy, like http://proxy.example.com:8080.\n');
});
