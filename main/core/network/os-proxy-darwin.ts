/**
 * macOS's proxy settings (System Settings › Network › Proxies) as the AWS CLI sees them: botocore asks
 * Python's urllib, which on macOS reads SCDynamicStoreCopyProxies through CPython's _scproxy module and
 * decides bypasses with urllib.request._proxy_bypass_macosx_sysconf. We read the same dictionary from
 * `scutil --proxy` (which prints SCDynamicStoreCopyProxies) and mirror both, quirks included.
 * Checked against Python itself by test/unit/os-proxy-python.test.ts.
 */
import { splitPort } from './os-proxy-common';

/** A value printed by scutil: a string (numbers stay text), an array, or a dictionary. */
export type ScValue = string | ScValue[] | ScDict;
export interface ScDict {
  [key: string]: ScValue;
}

/**
 * The top-level dictionary of `scutil --proxy` output:
 *   <dictionary> {
 *     ExceptionsList : <array> {
 *       0 : *.local
 *     }
 *     HTTPEnable : 1
 *     __SCOPED__ : <dictionary> { en0 : <dictionary> { ... } }
 *   }
 * Null when the output is not such a dictionary (scutil says there is no configuration).
 */
export function parseScutilProxy(text: string): ScDict | null {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines[0] !== '<dictionary> {') return null;
  const root: ScDict = {};
  // Arrays are built as index-keyed dictionaries and turned into arrays when closed.
  const stack: { node: ScDict; array: boolean; parent?: ScDict; key?: string }[] = [{ node: root, array: false }];
  for (const line of lines.slice(1)) {
    const top = stack[stack.length - 1];
    if (!top) return null;
    if (line === '}') {
      stack.pop();
      if (top.array && top.parent && top.key !== undefined) {
        top.parent[top.key] = Object.keys(top.node)
          .sort((a, b) => Number(a) - Number(b))
          .map((k) => top.node[k]!);
      }
      continue;
    }
    const at = line.indexOf(' : ');
    if (at < 0) continue;
    const key = line.slice(0, at);
    const value = line.slice(at + 3);
    if (value === '<dictionary> {' || value === '<array> {') {
      const node: ScDict = {};
      top.node[key] = node;
      stack.push({ node, array: value === '<array> {', parent: top.node, key });
    } else {
      top.node[key] = value;
    }
  }
  return root;
}

/** CFNumberGetValue(kCFNumberSInt32Type) on what scutil printed; text that is no number reads as 0. */
function int32(v: ScValue | undefined): number | null {
  if (typeof v !== 'string') return null;
  const n = Number(v.trim());
  return Number.isFinite(n) ? Math.trunc(n) | 0 : 0;
}

/**
 * _scproxy._get_proxies(): scheme -> "http://host:port" for each enabled entry with a host
 * (CPython Modules/_scproxy.c, set_proxy and get_proxies): the URL is always http:// (also for the
 * HTTPS entry), the port is added whenever the Port key exists (even 0) and left out when it does not.
 */
export function scproxyProxies(dict: ScDict): Record<string, string> {
  const proxies: Record<string, string> = {};
  for (const [proto, prefix] of [
    ['http', 'HTTP'],
    ['https', 'HTTPS'],
    ['ftp', 'FTP'],
    ['gopher', 'Gopher'],
    ['socks', 'SOCKS'],
  ] as const) {
    const enabled = int32(dict[`${prefix}Enable`]);
    const host = dict[`${prefix}Proxy`];
    if (!enabled || typeof host !== 'string') continue;
    const port = int32(dict[`${prefix}Port`]);
    proxies[proto] = port === null ? `http://${host}` : `http://${host}:${port}`;
  }
  return proxies;
}

/** _scproxy._get_proxy_settings(): ExcludeSimpleHostnames as a bool, ExceptionsList when present. */
export interface ScproxySettings {
  excludeSimple: boolean;
  exceptions?: (string | null)[];
}

export function scproxySettings(dict: ScDict): ScproxySettings {
  const list = dict.ExceptionsList;
  return {
    excludeSimple: Boolean(int32(dict.ExcludeSimpleHostnames)),
    ...(Array.isArray(list) ? { exceptions: list.map((v) => (typeof v === 'string' ? v : null)) } : {}),
  };
}

/** Python's ip2num: dotted numbers, padded or cut to four parts; BigInt, as Python's ints do not overflow. */
function ip2num(ip: string): bigint {
  const parts = ip.split('.').map((p) => BigInt(p));
  const four = parts.length === 4 ? parts : [...parts, 0n, 0n, 0n, 0n].slice(0, 4);
  return (four[0]! << 24n) | (four[1]! << 16n) | (four[2]! << 8n) | four[3]!;
}

/**
 * urllib.request._proxy_bypass_macosx_sysconf(host, settings), line for line. `host` is the URL's
 * netloc (host, or host:port when the URL names a port); `ipv4` is socket.gethostbyname (null when
 * it fails). Entries that start with digits are address ranges ("169.254/16", "10.1"), matched
 * against the host's IPv4 address; every other entry is an fnmatch pattern on the netloc, case-sensitive.
 */
export async function bypassesMacosxSysconf(host: string, settings: ScproxySettings, ipv4: (host: string) => Promise<string | null>): Promise<boolean> {
  const [hostonly] = splitPort(host);
  if (!host.includes('.') && settings.excludeSimple) return true;
  let hostIP: bigint | null = null;
  for (const value of settings.exceptions ?? []) {
    if (!value) continue;
    const m = /^([0-9]+(?:\.[0-9]+)*)(\/[0-9]+)?/.exec(value);
    if (m) {
      if (hostIP === null) {
        const ip = await ipv4(hostonly);
        if (ip === null) continue;
        hostIP = ip2num(ip);
      }
      const base = ip2num(m[1]!);
      const mask = m[2] === undefined ? 8 * m[1]!.split('.').length : Number(m[2].slice(1));
      if (mask < 0 || mask > 32) continue;
      const shift = BigInt(32 - mask);
      if (hostIP >> shift === base >> shift) return true;
    } else if (fnmatch(host, value)) {
      return true;
    }
  }
  return false;
}

/** Python's fnmatch.fnmatchcase (fnmatch on POSIX, macOS included: no case folding): *, ?, [seq], [!seq]. */
export function fnmatch(name: string, pattern: string): boolean {
  // No 'u' flag: escaped hyphens outside a class would be a syntax error with it.
  return new RegExp(`^(?:${fnmatchTranslate(pattern)})$`, 's').test(name);
}

const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** fnmatch.translate, for JavaScript's regular expressions (an unclosed "[" is a literal, as in Python). */
function fnmatchTranslate(pat: string): string {
  let out = '';
  for (let i = 0; i < pat.length; ) {
    const c = pat[i++]!;
    if (c === '*') {
      out += '.*';
      while (pat[i] === '*') i++;
    } else if (c === '?') {
      out += '.';
    } else if (c === '[') {
      let j = i;
      if (pat[j] === '!') j++;
      if (pat[j] === ']') j++;
      while (j < pat.length && pat[j] !== ']') j++;
      if (j >= pat.length) {
        out += '\\[';
        continue;
      }
      let stuff = pat.slice(i, j);
      i = j + 1;
      const negate = stuff.startsWith('!');
      if (negate) stuff = stuff.slice(1);
      // Python drops reversed ranges like z-a; a class left empty matches nothing (or anything, negated).
      const chars = classBody(stuff);
      if (chars === null) out += negate ? '.' : '(?!)';
      else out += `[${negate ? '^' : ''}${chars}]`;
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

/** The inside of a character class: single characters and a-z ranges, each escaped; null when nothing is left. */
function classBody(stuff: string): string | null {
  let body = '';
  for (let k = 0; k < stuff.length; k++) {
    const from = stuff[k]!;
    if (stuff[k + 1] === '-' && k + 2 < stuff.length) {
      const to = stuff[k + 2]!;
      k += 2;
      if (from > to) continue;
      body += `${escapeRegExp(from)}-${escapeRegExp(to)}`;
    } else {
      body += escapeRegExp(from);
    }
  }
  return body === '' ? null : body;
}
