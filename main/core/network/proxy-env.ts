/**
 * The proxy the AWS CLI would use for a URL, from the environment, by its exact rules: botocore asks
 * Python's urllib (getproxies_environment + proxy_bypass_environment), so we mirror those.
 * - `<scheme>_proxy` in any case; the all-lowercase name wins; an empty lowercase value unsets it.
 *   HTTPS_PROXY serves https URLs and HTTP_PROXY http URLs; ALL_PROXY is not used.
 * - NO_PROXY: "*" (the whole value) bypasses everything; otherwise comma-separated names, each
 *   matching the host or any subdomain (leading dots ignored), compared with the host alone and with
 *   host:port. No wildcards inside names, no CIDR ranges (botocore does not support them either).
 * Checked against botocore itself by test/unit/proxy-env.test.ts. The usual npm library for this
 * (proxy-from-env) differs where it matters: there "amazonaws.com" in NO_PROXY matches only that
 * exact host, never sts.us-east-1.amazonaws.com, and ALL_PROXY counts, which botocore ignores.
 */

export interface EnvProxy {
  url: URL;
  /** The variable it came from, for messages (never the value: it may hold a password). */
  variable: string;
}

interface Found {
  value: string;
  variable: string;
}

/** urllib's getproxies_environment: scheme -> value, plus "no" for NO_PROXY. */
function environmentProxies(env: NodeJS.ProcessEnv): Map<string, Found> {
  const proxies = new Map<string, Found>();
  const names = Object.keys(env);
  for (const name of names) {
    const value = env[name];
    if (value && name.toLowerCase().endsWith('_proxy')) proxies.set(name.slice(0, -6).toLowerCase(), { value, variable: name });
  }
  // CGI rule (CVE-2016-1000110): under a web server, HTTP_PROXY may come from a request header.
  if ('REQUEST_METHOD' in env) proxies.delete('http');
  for (const name of names) {
    if (!name.endsWith('_proxy')) continue;
    const key = name.slice(0, -6).toLowerCase();
    const value = env[name];
    if (value) proxies.set(key, { value, variable: name });
    else proxies.delete(key);
  }
  return proxies;
}

/** urllib's proxy_bypass_environment for a URL's netloc (host, or host:port when the URL has a port). */
export function bypassesProxy(netloc: string, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  if (noProxy === '*') return true;
  const host = netloc.toLowerCase();
  const hostOnly = /^(.*):([0-9]*)$/s.exec(host)?.[1] ?? host;
  for (const entry of noProxy.split(',')) {
    let name = entry.trim();
    if (!name) continue;
    name = name.replace(/^\.+/, '').toLowerCase();
    if (hostOnly === name || host === name) return true;
    if (hostOnly.endsWith(`.${name}`) || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** The netloc Python's urlparse gives: the port only when the URL names one. */
function netlocOf(url: URL): string {
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}

/**
 * The proxy for `url` from the environment: an EnvProxy, 'direct' when NO_PROXY says so, or null when
 * no variable names a proxy for this scheme (the caller may then ask the OS).
 */
export function envProxyFor(url: URL, env: NodeJS.ProcessEnv): EnvProxy | 'direct' | null {
  const proxies = environmentProxies(env);
  if (bypassesProxy(netlocOf(url), proxies.get('no')?.value)) return 'direct';
  const found = proxies.get(url.protocol.replace(/:$/, ''));
  if (!found) return null;
  return { url: proxyUrl(found.value, found.variable), variable: found.variable };
}

/** urllib's getproxies_environment found any proxy variable (NO_PROXY alone counts): then it never asks the OS. */
export const hasProxyVariables = (env: NodeJS.ProcessEnv): boolean => environmentProxies(env).size > 0;

/** botocore's _fix_proxy_url: "host:port" and "//host:port" mean http://. */
export function proxyUrl(value: string, variable: string): URL {
  const fixed = /^https?:/.test(value) ? value : value.startsWith('//') ? `http:${value}` : `http://${value}`;
  try {
    return new URL(fixed);
  } catch {
    throw new ProxySettingError(variable);
  }
}

/** A proxy variable that is not a URL; its value is never repeated (it may hold a password). */
export class ProxySettingError extends Error {
  constructor(readonly variable: string) {
    super(`${variable} is not a proxy URL`);
    this.name = 'ProxySettingError';
  }
}

/** "host:port" of a proxy, for messages: never the user name or password. */
export function proxyLabel(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}
