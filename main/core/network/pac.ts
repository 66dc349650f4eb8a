/**
 * The OS proxy answer for a URL as Chromium gives it (Electron's session.resolveProxy, the PAC
 * result format): "DIRECT", "PROXY host:port", "HTTPS host:port", "SOCKS5 host:port", several
 * separated by ";" to be tried in order.
 */
import type { Route } from './routing-agent';

export const SYSTEM_PROXY_SOURCE = 'the system proxy settings';

export function routesFromPac(result: string, source = SYSTEM_PROXY_SOURCE): Route[] {
  const routes: Route[] = [];
  for (const entry of result.split(';')) {
    const [type = '', where = ''] = entry.trim().split(/\s+/);
    const kind = type.toUpperCase();
    if (kind === 'DIRECT') routes.push({ kind: 'direct' });
    else if (where && (kind === 'PROXY' || kind === 'HTTP' || kind === 'HTTPS')) {
      const url = parse(`${kind === 'HTTPS' ? 'https' : 'http'}://${where}`);
      if (url) routes.push({ kind: 'proxy', url, source });
    } else if (where) {
      // SOCKS and QUIC proxies: kept, so that a list with nothing else says which proxy it was.
      const url = parse(`http://${where}`);
      if (url) routes.push({ kind: 'proxy', url, source, unsupported: true });
    }
  }
  return routes.length ? routes : [{ kind: 'direct' }];
}

function parse(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}
