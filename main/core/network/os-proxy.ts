/**
 * The CLI on macOS and Windows: the OS's manual proxy settings, read and applied as the AWS CLI does
 * (Python's urllib: `getproxies_environment() or <the OS's>`), so that a login works wherever
 * `aws s3 ls` works. As in urllib, the OS is asked only when no proxy variable is set at all (NO_PROXY
 * alone counts), which network-config.ts decides. PAC and WPAD are not followed: botocore ignores
 * them too (the app follows them through Electron).
 *
 * The settings are read once per process, on the first connection that needs a route, by running
 * `scutil --proxy` (macOS) or `reg query` (Windows): no shell, a short timeout, and no proxy (as in
 * Python when it finds nothing) when the tool is missing, slow or says something else.
 */
import { execFile } from 'node:child_process';
import * as net from 'node:net';
import { HOST_PLATFORM } from '../host';
import { NetworkFault } from './faults';
import type { PlatformNetwork } from './network-config';
import type { HostResolver } from './os-proxy-common';
import { bypassesMacosxSysconf, parseScutilProxy, scproxyProxies, scproxySettings } from './os-proxy-darwin';
import { bypassesRegistry, INTERNET_SETTINGS_KEY, parseRegQuery, registryProxies } from './os-proxy-win32';
import { ProxySettingError, proxyUrl } from './proxy-env';
import type { Route } from './routing-agent';

export type ProxyOs = 'darwin' | 'win32';

export const OS_PROXY_SOURCE: Record<ProxyOs, string> = {
  darwin: 'the macOS proxy settings',
  win32: 'the Windows proxy settings',
};

/** The OS's answer, reduced to what urllib uses: getproxies() and proxy_bypass(netloc). */
export interface OsProxy {
  source: string;
  proxies: Record<string, string>;
  bypass(netloc: string, resolver: HostResolver): Promise<boolean>;
}

export function darwinProxy(scutilOutput: string): OsProxy | null {
  const dict = parseScutilProxy(scutilOutput);
  if (!dict) return null;
  const settings = scproxySettings(dict);
  return { source: OS_PROXY_SOURCE.darwin, proxies: scproxyProxies(dict), bypass: (h, r) => bypassesMacosxSysconf(h, settings, (x) => r.ipv4(x)) };
}

export function win32Proxy(regOutput: string): OsProxy {
  const values = parseRegQuery(regOutput);
  return { source: OS_PROXY_SOURCE.win32, proxies: registryProxies(values), bypass: (h, r) => bypassesRegistry(h, values, r) };
}

/** The netloc Python's urlparse gives: the port only when the URL names one. */
const netlocOf = (url: URL): string => (url.port ? `${url.hostname}:${url.port}` : url.hostname);

/**
 * botocore's get_environ_proxies + proxy_url_for with the OS's answer: bypassed hosts and schemes
 * without a proxy go direct; a SOCKS entry (Windows) is named as one we cannot use.
 */
export async function osRoutes(target: URL, os: OsProxy | null, resolver: HostResolver): Promise<Route[]> {
  const value = os?.proxies[target.protocol.replace(/:$/, '')];
  if (!os || !value) return [{ kind: 'direct' }];
  if (await os.bypass(netlocOf(target), resolver)) return [{ kind: 'direct' }];
  const socks = /^socks[0-9a-z]*:\/\//i.exec(value);
  try {
    if (socks) return [{ kind: 'proxy', url: new URL(`http://${value.slice(socks[0].length)}`), source: os.source, unsupported: true }];
    return [{ kind: 'proxy', url: proxyUrl(value, os.source), source: os.source }];
  } catch (e) {
    if (e instanceof ProxySettingError || e instanceof TypeError) throw new NetworkFault({ kind: 'proxy-setting', source: os.source });
    throw e;
  }
}

// Loaded on first use: only a macOS or Windows proxy bypass list asks the resolver, and loading
// node:dns/promises was about 1 ms of every cold login on this VM.
const dns = (): typeof import('node:dns/promises') => process.getBuiltinModule('node:dns/promises');

/** socket.gethostbyname and socket.getfqdn through the OS resolver (getaddrinfo, getnameinfo), as Python does. */
export const systemResolver: HostResolver = {
  async ipv4(host) {
    if (net.isIPv4(host)) return host;
    return dns().lookup(host, { family: 4 }).then(
      (a) => a.address,
      () => null,
    );
  },
  async fqdn(host) {
    const name = host.trim();
    try {
      const { address } = await dns().lookup(name);
      const { hostname } = await dns().lookupService(address, 0);
      return hostname;
    } catch {
      return name;
    }
  },
};

const TOOL_TIMEOUT_MS = 3000;

/** Runs the OS's tool; its output, or null when it is missing, fails or takes too long. */
function runTool(file: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: TOOL_TIMEOUT_MS, windowsHide: true, encoding: 'utf8', maxBuffer: 1 << 20 }, (error, stdout) => resolve(error ? null : stdout));
  });
}

export interface OsProxyReading {
  os: ProxyOs;
  /** The tool to run instead of /usr/sbin/scutil or reg.exe (tests only). */
  tool?: string;
  env: NodeJS.ProcessEnv;
}

export async function readOsProxy(o: OsProxyReading): Promise<OsProxy | null> {
  if (o.os === 'darwin') {
    const out = await runTool(o.tool ?? '/usr/sbin/scutil', ['--proxy']);
    return out === null ? null : darwinProxy(out);
  }
  // The full path: a bare "reg" would be looked up in the current folder first on Windows.
  const reg = o.tool ?? `${o.env.SystemRoot ?? o.env.SYSTEMROOT ?? 'C:\\Windows'}\\System32\\reg.exe`;
  const out = await runTool(reg, ['query', INTERNET_SETTINGS_KEY]);
  return out === null ? null : win32Proxy(out);
}

/**
 * The CLI's PlatformNetwork: on macOS and Windows, routes from the OS's proxy settings, read on first
 * use and kept for the process. Elsewhere nothing (the environment alone, as for the AWS CLI).
 * Under the test runner (AWS_MFA_TRAY_TEST=1) only, AWS_MFA_TRAY_TEST_OS and
 * AWS_MFA_TRAY_TEST_OS_PROXY_TOOL stand in for the platform and the tool.
 */
export function cliOsNetwork(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = HOST_PLATFORM, resolver: HostResolver = systemResolver): PlatformNetwork {
  const testing = env.AWS_MFA_TRAY_TEST === '1';
  const os = (testing && env.AWS_MFA_TRAY_TEST_OS) || platform;
  if (os !== 'darwin' && os !== 'win32') return {};
  const tool = testing ? env.AWS_MFA_TRAY_TEST_OS_PROXY_TOOL : undefined;
  let reading: Promise<OsProxy | null> | null = null;
  return {
    osProxy: async (target) => osRoutes(target, await (reading ??= readOsProxy({ os, env, ...(tool ? { tool } : {}) })), resolver),
  };
}
