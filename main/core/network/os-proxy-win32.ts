/**
 * Windows's proxy settings (Settings › Network & internet › Proxy, the Internet Options dialog) as the
 * AWS CLI sees them: botocore asks Python's urllib, which reads HKCU\Software\Microsoft\Windows\
 * CurrentVersion\Internet Settings with getproxies_registry and proxy_bypass_registry. We read the
 * same values from `reg query` and mirror both functions, quirks included (an empty ProxyOverride
 * entry, as after a trailing ";", bypasses every host, as it does for the AWS CLI).
 * Checked against Python's own functions by test/unit/os-proxy-python.test.ts.
 */
import { splitPort, type HostResolver } from './os-proxy-common';

/** A registry value as winreg returns it: REG_DWORD/REG_QWORD as numbers, strings as strings. */
export type RegValue = number | string;
/** Values of the Internet Settings key, by lower-case name (the registry ignores case). */
export type RegValues = Map<string, RegValue>;

export const INTERNET_SETTINGS_KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

/**
 * The values of the queried key in `reg query <key>` output (subkeys and their values are not read):
 *
 *   HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Internet Settings
 *       ProxyEnable    REG_DWORD    0x1
 *       ProxyServer    REG_SZ    proxy.corp:8080
 *
 *   HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Internet Settings\Connections
 */
export function parseRegQuery(text: string): RegValues {
  const values: RegValues = new Map();
  let keys = 0;
  for (const line of text.split(/\r?\n/)) {
    if (/^HKEY_/i.test(line)) {
      if (++keys > 1) break;
      continue;
    }
    const m = /^ {4}(.+?) {4}(REG_[A-Z_0-9]+)(?: {4}(.*))?$/.exec(line);
    if (!m || keys !== 1) continue;
    const [, name, type, raw = ''] = m;
    if (type === 'REG_DWORD' || type === 'REG_QWORD') {
      const n = Number.parseInt(raw.trim(), 16);
      if (Number.isFinite(n)) values.set(name!.toLowerCase(), n);
    } else if (type === 'REG_SZ' || type === 'REG_EXPAND_SZ') {
      values.set(name!.toLowerCase(), raw);
    }
  }
  return values;
}

/** Python's truth of a registry value (QueryValueEx(...)[0]). */
const truthy = (v: RegValue): boolean => (typeof v === 'number' ? v !== 0 : v !== '');

/**
 * urllib.request.getproxies_registry(): scheme -> proxy URL. "host:port" serves http, https and ftp;
 * "http=a:1;https=b:2" is per protocol; an address without "scheme://" gets http:// (socks://
 * for socks), and a socks entry serves http and https as socks4:// when they have none. An entry
 * without "=" ends the reading there (Python's ValueError), keeping what came before it.
 */
export function registryProxies(values: RegValues): Record<string, string> {
  const proxies: Record<string, string> = {};
  const enable = values.get('proxyenable');
  if (enable === undefined || !truthy(enable)) return proxies;
  const server = values.get('proxyserver');
  if (server === undefined) return proxies;
  let proxyServer = String(server);
  if (!proxyServer.includes('=') && !proxyServer.includes(';')) proxyServer = `http=${proxyServer};https=${proxyServer};ftp=${proxyServer}`;
  for (const p of proxyServer.split(';')) {
    const at = p.indexOf('=');
    if (at < 0) return proxies;
    const protocol = p.slice(0, at);
    let address = p.slice(at + 1);
    if (!/^[^/:]+:\/\//.test(address)) {
      if (protocol === 'http' || protocol === 'https' || protocol === 'ftp') address = `http://${address}`;
      else if (protocol === 'socks') address = `socks://${address}`;
    }
    proxies[protocol] = address;
  }
  if (proxies.socks) {
    const address = proxies.socks.replace(/^socks:\/\//, 'socks4://');
    proxies.http = proxies.http || address;
    proxies.https = proxies.https || address;
  }
  return proxies;
}

/**
 * urllib.request.proxy_bypass_registry(host), line for line: `host` is the URL's netloc. The host, its
 * IPv4 address and its fully qualified name are each matched against every ProxyOverride entry
 * (";"-separated; "*" any text, "?" one character, case-insensitive, anchored at the start only, as
 * re.match is); "<local>" matches names without a dot.
 */
export async function bypassesRegistry(host: string, values: RegValues, resolver: HostResolver): Promise<boolean> {
  const enable = values.get('proxyenable');
  const override = values.get('proxyoverride');
  if (enable === undefined || override === undefined) return false;
  const proxyOverride = String(override);
  if (!truthy(enable) || !proxyOverride) return false;
  const [rawHost] = splitPort(host);
  const hosts = [rawHost];
  const addr = await resolver.ipv4(rawHost);
  if (addr !== null && addr !== rawHost) hosts.push(addr);
  const fqdn = await resolver.fqdn(rawHost);
  if (fqdn !== rawHost) hosts.push(fqdn);
  for (const test of proxyOverride.split(';')) {
    if (test === '<local>' && !rawHost.includes('.')) return true;
    const pattern = overridePattern(test);
    if (pattern && hosts.some((h) => ((pattern.lastIndex = 0), pattern.test(h)))) return true;
  }
  return false;
}

/**
 * Python's rewrite of an entry into a regular expression (dots escaped, * and ? as wildcards; every
 * other character keeps its regular-expression meaning, as in Python). Sticky: matched at the start
 * only, like re.match. An entry Python's re would reject makes the AWS CLI fail; here it matches nothing.
 */
function overridePattern(test: string): RegExp | null {
  try {
    return new RegExp(test.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.'), 'iy');
  } catch {
    return null;
  }
}
