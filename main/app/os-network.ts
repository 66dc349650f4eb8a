/**
 * The OS's proxy for the SDK's requests in the app: Chromium resolves it per URL from the system
 * settings, a PAC script or WPAD (Electron's session.resolveProxy), and core/network turns its
 * answer ("PROXY host:port; DIRECT") into routes. Proxy variables in the app's environment still
 * come first, as in the CLI. Trust of the OS's certificate store comes from core/network/trust.ts.
 */
import type { Session } from 'electron';
import type { PlatformNetwork } from '../core/network/network-config';

export function osNetwork(ses: Pick<Session, 'resolveProxy'>): PlatformNetwork {
  return { resolveSystemProxy: (url) => ses.resolveProxy(url) };
}
