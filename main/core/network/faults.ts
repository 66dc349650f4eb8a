/**
 * What went wrong on the way to AWS, before any request was written: thrown by the routing agent,
 * carried through the SDK untouched, and turned into one sentence by network-errors.ts.
 * Proxies appear as "host:port" and the source of the setting, never with their credentials.
 */
export type Fault =
  | { kind: 'dns'; host: string; temporary: boolean }
  | { kind: 'connect'; host: string; code: string }
  | { kind: 'timeout'; host: string; proxy?: string; seconds: number }
  | { kind: 'proxy-unreachable'; proxy: string; source: string; code: string }
  | { kind: 'proxy-dns'; proxy: string; source: string }
  | { kind: 'proxy-auth'; proxy: string; source: string; sentCredentials: boolean }
  | { kind: 'proxy-status'; proxy: string; source: string; host: string; status: number; statusText: string }
  | { kind: 'proxy-unsupported'; proxy: string; source: string }
  /** The OS's proxy settings name something that is no proxy address (its value is not repeated). */
  | { kind: 'proxy-setting'; source: string }
  | { kind: 'tls-untrusted'; host: string; issuer: string | null; reason: string; viaProxy: boolean }
  | { kind: 'tls-name'; host: string; names: string };

/** Faults worth another attempt by the SDK's retry strategy (its `$retryable` trait). */
const TRANSIENT = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

export class NetworkFault extends Error {
  readonly $retryable?: { throttling: boolean };

  constructor(readonly fault: Fault) {
    super(`network fault: ${fault.kind}`);
    this.name = 'NetworkFault';
    const transient =
      (fault.kind === 'dns' && fault.temporary) ||
      ((fault.kind === 'connect' || fault.kind === 'proxy-unreachable') && TRANSIENT.has(fault.code)) ||
      (fault.kind === 'proxy-status' && (fault.status === 503 || fault.status === 504));
    if (transient) this.$retryable = { throttling: false };
  }
}

export const isNetworkFault = (e: unknown): e is NetworkFault => e instanceof NetworkFault || (e as { name?: unknown } | null)?.name === 'NetworkFault';

/** Printable, bounded text from a remote party (a proxy's reason phrase, a certificate's name). */
export function printable(s: string | undefined, max = 80): string {
  return (s ?? '').replace(/[^\x20-\x7E\u00A0-\uFFFF]/g, '').trim().slice(0, max);
}
