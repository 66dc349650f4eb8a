/**
 * The OS's proxy settings mean to the CLI what they mean to the AWS CLI: Python itself answers each
 * case (os_proxy_python.py: urllib's real _proxy_bypass_macosx_sysconf, the real getproxies_registry
 * and proxy_bypass_registry from request.py with a stand-in winreg, and botocore's real
 * get_environ_proxies for whole URLs), and ours must answer the same, reading the settings from the
 * text scutil and reg print. Name lookups come from one table on both sides.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { routeResolver } from '../../main/core/network/network-config';
import type { HostResolver } from '../../main/core/network/os-proxy-common';
import { bypassesMacosxSysconf, parseScutilProxy, scproxySettings } from '../../main/core/network/os-proxy-darwin';
import { bypassesRegistry, parseRegQuery, registryProxies } from '../../main/core/network/os-proxy-win32';
import { darwinProxy, osRoutes, win32Proxy } from '../../main/core/network/os-proxy';
import type { Route } from '../../main/core/network/routing-agent';
import { regQueryOutput, scutilOutput, type RegistrySettings, type ScutilSettings } from '../helpers/os-proxy-output';

const DNS: Record<string, string> = {
  'sts.us-east-1.amazonaws.com': '52.94.0.1',
  localhost: '127.0.0.1',
  intranet: '10.0.9.9',
  'a.corp.example.com': '192.168.1.5',
  'printer.local': '169.254.3.3',
  'host1.corp': '10.1.2.3',
};
const FQDN: Record<string, string> = { intranet: 'intranet.corp.example.com', '10.0.9.9': 'intranet.corp.example.com', localhost: 'localhost.localdomain' };
const resolver: HostResolver = {
  ipv4: (h) => Promise.resolve(DNS[h] ?? (/^[0-9]+(\.[0-9]+){3}$/.test(h) ? h : null)),
  fqdn: (h) => Promise.resolve(FQDN[h.trim()] ?? h.trim()),
};

const HOSTS = [
  'sts.us-east-1.amazonaws.com',
  'STS.US-EAST-1.AMAZONAWS.COM',
  'sts.amazonaws.com:8080',
  'localhost',
  'localhost:4566',
  '127.0.0.1',
  '127.0.0.1:4566',
  '10.0.5.5',
  '10.1.2.3',
  '192.168.1.77',
  '169.254.169.254',
  '1.2.3.4',
  'intranet',
  'intranet:8080',
  'a.corp.example.com',
  'printer.local',
  'bhost.example.com',
  'xhost.test',
  'host1.corp',
  'a+b.com',
  '[::1]:4566',
];

const MAC_EXCEPTIONS: string[][] = [
  ['*.local', '169.254/16'],
  [],
  ['*.corp.example.com', 'localhost', '127.0.0.1', '10.0/16', '192.168.1.0/24', 'sts.*.amazonaws.com'],
  ['amazonaws.com', '*amazonaws.com'],
  ['*.AMAZONAWS.COM', 'STS.US-EAST-1.AMAZONAWS.COM'],
  ['10', '10.1.2.3/40', '10/-1', '1password.com', '0/0'],
  ['[a-c]*.example.com', '[!x]*.test', 'host?.corp', '*:8080', 'localhost:4566', '[z-a]*', '[abc'],
  ['*'],
  ['1.2.3.4.5', '127.0.0.1:4566', '192.168.1.77/32', '169.254.169.254/31'],
];
interface MacCase {
  hosts: string[];
  settings: { exclude_simple: boolean; exceptions?: string[] };
  dns: Record<string, string>;
  scutil: ScutilSettings;
}
const macCases: MacCase[] = MAC_EXCEPTIONS.flatMap((exceptions) =>
  [0, 1].map((simple) => ({ hosts: HOSTS, settings: { exclude_simple: simple === 1, exceptions }, dns: DNS, scutil: { ExcludeSimpleHostnames: simple, ExceptionsList: exceptions } })),
);
// No ExceptionsList key at all, and no ExcludeSimpleHostnames key.
macCases.push({ hosts: HOSTS, settings: { exclude_simple: false }, dns: DNS, scutil: {} });

const SERVERS: RegistrySettings[] = [
  { ProxyEnable: 1, ProxyServer: 'proxy.corp:8080' },
  { ProxyEnable: 1, ProxyServer: 'http=h1:80;https=h2:443' },
  { ProxyEnable: 1, ProxyServer: 'https=h2:443' },
  { ProxyEnable: 1, ProxyServer: 'http=h1:80;https=h2:443;' },
  { ProxyEnable: 1, ProxyServer: 'http=h1:80;bogus;https=h2:443' },
  { ProxyEnable: 1, ProxyServer: 'https://secure.corp:8443' },
  { ProxyEnable: 1, ProxyServer: 'http=http://h1:3128;https=https://h2:8443' },
  { ProxyEnable: 1, ProxyServer: 'socks=s:1080' },
  { ProxyEnable: 1, ProxyServer: 'http=h1:80;socks=s:1080' },
  { ProxyEnable: 1, ProxyServer: 'socks=socks5://s:1080' },
  { ProxyEnable: 1, ProxyServer: 'HTTPS=h:1' },
  { ProxyEnable: 1, ProxyServer: 'ftp=f:21' },
  { ProxyEnable: 1, ProxyServer: '' },
  { ProxyEnable: 1, ProxyServer: 'proxy.corp' },
  { ProxyEnable: 1, ProxyServer: 'user:pw@proxy.corp:8080' },
  { ProxyEnable: 0, ProxyServer: 'proxy.corp:8080' },
  { ProxyServer: 'proxy.corp:8080' },
  { ProxyEnable: '1', ProxyServer: 'proxy.corp:8080' },
  { ProxyEnable: '0', ProxyServer: 'proxy.corp:8080' },
  { ProxyEnable: '', ProxyServer: 'proxy.corp:8080' },
  { ProxyEnable: 1 },
  { ProxyEnable: 2, ProxyServer: '10.0.0.1:3128' },
];
const OVERRIDES = [
  undefined,
  '',
  '<local>',
  '*.corp.example.com;<local>',
  'localhost;127.0.0.1;10.*',
  '*.amazonaws.com',
  'amazonaws.com',
  'sts.*',
  'localhost;',
  ';',
  '192.168.?.*',
  'intranet',
  '*',
  'STS.US-EAST-1.AMAZONAWS.COM',
  'a+b.com',
  'localhost:4566',
  '*.local;169.254.*;<local>',
];
const winCases = [
  ...SERVERS.map((registry) => ({ registry, hosts: ['sts.us-east-1.amazonaws.com'], dns: DNS, fqdn: FQDN })),
  ...OVERRIDES.flatMap((ProxyOverride) =>
    [1, 0].map((ProxyEnable) => ({
      registry: { ProxyEnable, ProxyServer: 'proxy.corp:8080', ...(ProxyOverride === undefined ? {} : { ProxyOverride }) },
      hosts: HOSTS,
      dns: DNS,
      fqdn: FQDN,
    })),
  ),
];

const P = 'http://envproxy.corp:3128';
const MAC_CHAIN: ScutilSettings[] = [
  { HTTPEnable: 1, HTTPProxy: 'proxy.corp', HTTPPort: 8080, HTTPSEnable: 1, HTTPSProxy: 'proxy.corp', HTTPSPort: 8443, ExceptionsList: ['*.local', '169.254/16', '10.0/16'] },
  { HTTPEnable: 1, HTTPProxy: 'proxy.corp', HTTPPort: 8080 },
  { HTTPSEnable: 1, HTTPSProxy: 'proxy.corp' },
  { HTTPSEnable: 1, HTTPSProxy: 'proxy.corp', HTTPSPort: 0 },
  { HTTPSEnable: 0, HTTPSProxy: 'proxy.corp', HTTPSPort: 3128 },
  { HTTPSEnable: 1, HTTPSPort: 3128 },
  { HTTPSEnable: 1, HTTPSProxy: 'proxy.corp', HTTPSPort: 3128, ExcludeSimpleHostnames: 1, ExceptionsList: ['*.amazonaws.com'] },
  { SOCKSEnable: 1, SOCKSProxy: 'socks.corp', SOCKSPort: 1080, ProxyAutoConfigEnable: 1, ProxyAutoConfigURLString: 'http://wpad.corp/proxy.pac' },
];
const WIN_CHAIN: RegistrySettings[] = [
  { ProxyEnable: 1, ProxyServer: 'proxy.corp:8080', ProxyOverride: '<local>;*.corp.example.com' },
  { ProxyEnable: 1, ProxyServer: 'http=h1:80;https=https://h2:8443', ProxyOverride: '10.*' },
  { ProxyEnable: 1, ProxyServer: 'http=h1:80' },
  { ProxyEnable: 1, ProxyServer: 'socks=s:1080' },
  { ProxyEnable: 1, ProxyServer: 'proxy.corp:8080', ProxyOverride: 'localhost;' },
  { ProxyEnable: 0, ProxyServer: 'proxy.corp:8080' },
];
const ENVS: Record<string, string>[] = [{}, { NO_PROXY: 'example.com' }, { HTTPS_PROXY: P }, { https_proxy: '' }, { HTTP_PROXY: P, REQUEST_METHOD: 'GET' }, { HTTP_PROXY: P }];
const URLS = ['https://sts.us-east-1.amazonaws.com', 'http://localhost:4566', 'https://intranet:8443', 'https://10.0.5.5', 'https://a.corp.example.com'];
const chainCases = [
  ...MAC_CHAIN.map((scutil) => ({ os: 'darwin' as const, scutil })),
  ...WIN_CHAIN.map((registry) => ({ os: 'win32' as const, registry })),
].flatMap((s) => ENVS.flatMap((env) => URLS.map((url) => ({ ...s, env, url, dns: DNS, fqdn: FQDN }))));

interface PythonAnswers {
  mac: (boolean | { error: string })[][];
  win: { proxies: Record<string, string>; bypass: (boolean | { error: string })[] }[];
  chain: (string | null | { error: string })[];
}

function python(bin: string): PythonAnswers | null {
  const input = JSON.stringify({ mac: macCases, win: winCases, chain: chainCases });
  const r = spawnSync(bin, [path.join(__dirname, 'os_proxy_python.py')], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error || r.status !== 0) {
    if (r.stderr && !/No module named/.test(r.stderr)) throw new Error(r.stderr);
    return null;
  }
  return JSON.parse(r.stdout) as PythonAnswers;
}

/** A route as text: direct (null), a proxy URL, or a SOCKS proxy we name but cannot use. */
const routeText = (routes: Route[]): string | null => {
  const r = routes[0]!;
  if (r.kind === 'direct') return null;
  return r.unsupported ? `unsupported ${r.url.host}` : r.url.href;
};
/** botocore's answer in the same terms: its http:// prefix on a socks4:// URL means a SOCKS proxy it cannot use either. */
const theirText = (a: string | null | { error: string }): string | null | { error: string } => {
  if (a === null || typeof a !== 'string') return a;
  const socks = /^http:\/\/socks[0-9a-z]*:\/\/(.*)$/.exec(a);
  return socks ? `unsupported ${new URL(`http://${socks[1]}`).host}` : new URL(a).href;
};

async function ourChain(c: (typeof chainCases)[number]): Promise<string | null | { error: string }> {
  const os = c.os === 'darwin' ? darwinProxy(scutilOutput(c.scutil)) : win32Proxy(regQueryOutput(c.registry));
  try {
    return routeText(await routeResolver(c.env, { osProxy: (t) => osRoutes(t, os, resolver) })(new URL(c.url)));
  } catch (e) {
    return { error: String(e) };
  }
}

for (const [name, bin] of [
  ['Python 3.11 with the AWS CLI v1 (pyenv)', 'python3'],
  ["Debian's Python with the AWS CLI v2", '/usr/bin/python3'],
] as const) {
  test(`${name}: OS proxy answers equal ours (${macCases.length * HOSTS.length} macOS bypasses, ${winCases.length} registries, ${chainCases.length} URLs through botocore)`, async (t) => {
    const theirs = python(bin);
    if (!theirs) return t.skip(`no botocore for ${bin}`);
    const mac: unknown[] = [];
    for (const [i, c] of macCases.entries()) {
      const parsed = scproxySettings(parseScutilProxy(scutilOutput(c.scutil))!);
      for (const [j, h] of c.hosts.entries()) {
        const ours = await bypassesMacosxSysconf(h, parsed, (x) => resolver.ipv4(x));
        if (ours !== theirs.mac[i]![j]) mac.push({ host: h, exceptions: c.settings.exceptions, simple: c.settings.exclude_simple, ours, python: theirs.mac[i]![j] });
      }
    }
    assert.deepEqual(mac, []);
    const win: unknown[] = [];
    for (const [i, c] of winCases.entries()) {
      const values = parseRegQuery(regQueryOutput(c.registry));
      const proxies = registryProxies(values);
      if (JSON.stringify(proxies) !== JSON.stringify(theirs.win[i]!.proxies)) win.push({ registry: c.registry, ours: proxies, python: theirs.win[i]!.proxies });
      for (const [j, h] of c.hosts.entries()) {
        const ours = await bypassesRegistry(h, values, resolver);
        if (ours !== theirs.win[i]!.bypass[j]) win.push({ host: h, registry: c.registry, ours, python: theirs.win[i]!.bypass[j] });
      }
    }
    assert.deepEqual(win, []);
    const chain: unknown[] = [];
    for (const [i, c] of chainCases.entries()) {
      const ours = await ourChain(c);
      if (JSON.stringify(ours) !== JSON.stringify(theirText(theirs.chain[i]!))) chain.push({ ...c, dns: undefined, fqdn: undefined, ours, botocore: theirs.chain[i] });
    }
    assert.deepEqual(chain, []);
  });
}

test('the cases are not all alike', async () => {
  const answers = new Set(await Promise.all(chainCases.map(ourChain)).then((a) => a.map((x) => JSON.stringify(x))));
  for (const expected of ['null', '"http://proxy.corp:8080/"', '"http://proxy.corp:8443/"', '"https://h2:8443/"', '"unsupported s:1080"', `"${P}/"`]) assert.ok(answers.has(expected), expected);
});
