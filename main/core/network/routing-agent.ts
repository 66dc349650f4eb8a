/**
 * The http(s).Agent behind the SDK's request handler: for each new connection it asks where to go
 * (direct, or through which proxy), opens the way there (CONNECT through https-proxy-agent for TLS
 * endpoints, absolute-form requests through http-proxy-agent for plain HTTP ones), and finishes the
 * TLS handshake itself before handing the socket to the SDK. The certificate is checked here, so a
 * request (and the MFA code in it) is never written to a peer we do not trust, and the issuer of an
 * untrusted chain can be named. Connections are pooled (keep-alive) like the SDK's own agents.
 */
import { Agent, type AgentConnectOpts } from 'agent-base';
import type { ClientRequest } from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { HttpProxyAgent } from 'http-proxy-agent';
import { NetworkFault, printable, type Fault } from './faults';
import { proxyLabel } from './proxy-env';
import type { TrustStore } from './trust';

export type Route =
  | { kind: 'direct' }
  /** `unsupported`: a proxy type we cannot speak (SOCKS from a PAC file). */
  | { kind: 'proxy'; url: URL; source: string; unsupported?: boolean };

/** Where to go for a target (scheme://host:port): routes to try in order, as a PAC result lists them. */
export type RouteResolver = (target: URL) => Route[] | Promise<Route[]>;

export interface RoutingOptions {
  routes: RouteResolver;
  trust: TrustStore;
  /** Limit for DNS + TCP + proxy CONNECT + TLS handshake. */
  connectTimeoutMs: number;
  /** How long an idle pooled connection is kept. Default IDLE_MS. */
  idleMs?: number;
}

/**
 * Long enough for the calls of one command or login to share a connection (GetSessionToken, then
 * the key-age check; a key rotation's IAM calls), short enough that a laptop closed soon after a
 * login does not wake up on another network holding a connection whose peer is gone, which would
 * hang until the deadline instead of failing at once. The SDK's own agents keep theirs until the
 * server closes them.
 */
export const IDLE_MS = 5000;

/** Loaded when a route goes through a proxy: a direct login never evaluates them. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const httpsProxyAgent = () => (require('https-proxy-agent') as typeof import('https-proxy-agent')).HttpsProxyAgent;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const httpProxyAgent = () => (require('http-proxy-agent') as typeof import('http-proxy-agent')).HttpProxyAgent;

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const DNS_TEMPORARY = new Set(['EAI_AGAIN']);

export class RoutingAgent extends Agent {
  constructor(
    private readonly o: RoutingOptions,
    private readonly secure: boolean,
  ) {
    // `timeout`: Node's agent applies it to free sockets only here (keepSocketAlive) and destroys
    // them when it fires; a request's own time limit is the SDK's requestTimeout.
    super({ keepAlive: true, maxSockets: 50, timeout: o.idleMs ?? IDLE_MS });
  }

  /**
   * Known per agent (the SDK's handler has one for http, one for https); agent-base's `protocol`
   * and `defaultPort` are derived from it too. agent-base asks this for every request and, when
   * the request options carry no protocol (the SDK's do not), builds an Error to read http or
   * https off its stack: 0.2 ms of each warm login, more with source maps on.
   */
  override isSecureEndpoint(options?: AgentConnectOpts): boolean {
    return typeof options?.secureEndpoint === 'boolean' ? options.secureEndpoint : this.secure;
  }

  override async connect(req: ClientRequest, opts: AgentConnectOpts): Promise<net.Socket> {
    const secure = opts.secureEndpoint;
    const host = String(opts.host ?? 'localhost').replace(/^\[|\]$/g, '');
    const port = Number(opts.port) || (secure ? 443 : 80);
    const target = new URL(`${secure ? 'https' : 'http'}://${net.isIPv6(host) ? `[${host}]` : host}:${port}`);
    // Only the connection phase is ours to cancel: once returned, the socket belongs to the request
    // and then the pool, so the signal must never fire after this function ends.
    const ac = new AbortController();
    const onClose = () => ac.abort();
    req.once('close', onClose);
    let via: string | undefined;
    const seconds = Math.max(1, Math.round(this.o.connectTimeoutMs / 1000));
    const timer = setTimeout(() => ac.abort(new NetworkFault({ kind: 'timeout', host, proxy: via, seconds })), this.o.connectTimeoutMs);
    try {
      const routes = await this.o.routes(target);
      if (routes.length === 0) routes.push({ kind: 'direct' });
      for (let i = 0; ; i++) {
        const route = routes[i]!;
        via = route.kind === 'proxy' ? proxyLabel(route.url) : undefined;
        try {
          return await this.attemptTrusting(route, req, { ...opts, host, port }, ac.signal);
        } catch (e) {
          // A proxy that cannot be reached is skipped for the next one in the list, as browsers do.
          const k = e instanceof NetworkFault ? e.fault.kind : null;
          if (i + 1 < routes.length && (k === 'proxy-unreachable' || k === 'proxy-dns' || k === 'proxy-unsupported')) continue;
          throw e;
        }
      }
    } catch (e) {
      throw ac.signal.reason instanceof NetworkFault ? ac.signal.reason : e;
    } finally {
      clearTimeout(timer);
      req.off('close', onClose);
    }
  }

  /** One route; a chain our CAs do not trust is tried once more with the OS's store added. */
  private async attemptTrusting(route: Route, req: ClientRequest, opts: AgentConnectOpts & { host: string; port: number }, signal: AbortSignal): Promise<net.Socket> {
    try {
      return await this.attempt(route, req, opts, signal);
    } catch (e) {
      if (!(e instanceof NetworkFault && e.fault.kind === 'tls-untrusted' && this.o.trust.addSystemStore())) throw e;
      return this.attempt(route, req, opts, signal);
    }
  }

  private async attempt(route: Route, req: ClientRequest, opts: AgentConnectOpts & { host: string; port: number }, signal: AbortSignal): Promise<net.Socket> {
    const { host, port, secureEndpoint } = opts;
    if (route.kind === 'direct') {
      const raw = await openTcp(host, port, signal);
      return secureEndpoint ? this.handshake(raw, host, false, signal) : raw;
    }
    const proxy = proxyLabel(route.url);
    if (route.unsupported) throw new NetworkFault({ kind: 'proxy-unsupported', proxy, source: route.source });
    // The TLS context for an https:// proxy itself, so a company CA in AWS_CA_BUNDLE covers it too.
    const proxyOpts = { ...this.o.trust.tlsOptions(), signal };
    if (!secureEndpoint) {
      // Absolute-form requests through the proxy. Not pooled: a reused socket would skip the rewrite.
      req.shouldKeepAlive = false;
      try {
        const Agent = httpProxyAgent();
        return await new Agent(route.url, proxyOpts).connect(req as Parameters<HttpProxyAgent<string>['connect']>[0], opts);
      } catch (e) {
        throw proxyFault(e, route, proxy);
      }
    }
    const HttpsProxyAgent = httpsProxyAgent();
    const agent = new HttpsProxyAgent(route.url, proxyOpts);
    let answer: { statusCode: number; statusText: string } | undefined;
    agent.once('proxyConnect', (c: { statusCode: number; statusText: string }) => (answer = c));
    let tunnel: net.Socket;
    try {
      // secureEndpoint false: the library only opens the tunnel; TLS to AWS is ours (handshake below).
      tunnel = await agent.connect(req, { ...opts, secureEndpoint: false });
    } catch (e) {
      throw proxyFault(e, route, proxy);
    }
    if (answer?.statusCode !== 200) {
      tunnel.destroy();
      const status = answer?.statusCode ?? 0;
      if (status === 407) {
        throw new NetworkFault({ kind: 'proxy-auth', proxy, source: route.source, sentCredentials: route.url.username !== '' || route.url.password !== '' });
      }
      throw new NetworkFault({ kind: 'proxy-status', proxy, source: route.source, host, status, statusText: printable(answer?.statusText, 60) });
    }
    return this.handshake(tunnel, host, true, signal);
  }

  /** TLS over an open socket; the chain and name are checked before anyone may write to it. */
  private async handshake(raw: net.Socket, host: string, viaProxy: boolean, signal: AbortSignal): Promise<tls.TLSSocket> {
    const socket = tls.connect({
      socket: raw,
      host,
      ...(net.isIP(host) ? {} : { servername: host }),
      ALPNProtocols: ['http/1.1'],
      // Checked below, before the socket is handed over: nothing has been written to it yet.
      rejectUnauthorized: false,
      ...this.o.trust.tlsOptions(),
    });
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => socket.destroy(Object.assign(new Error('The connection was cancelled'), { name: 'AbortError' }));
      const done = (e?: Error) => {
        socket.off('secureConnect', onSecure);
        socket.off('error', done);
        signal.removeEventListener('abort', onAbort);
        if (e) reject(e);
        else resolve();
      };
      const onSecure = () => done();
      socket.once('secureConnect', onSecure);
      socket.once('error', done);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    }).catch((e: unknown) => {
      raw.destroy();
      throw connectFault(e, host);
    });
    if (socket.authorized) return socket;
    const reason = String(socket.authorizationError);
    const cert = socket.getPeerCertificate(true);
    socket.destroy();
    if (reason === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      throw new NetworkFault({ kind: 'tls-name', host, names: printable(cert.subjectaltname?.replace(/DNS:|IP Address:/g, ''), 200) });
    }
    throw new NetworkFault({ kind: 'tls-untrusted', host, issuer: topIssuer(cert), reason, viaProxy });
  }
}

function openTcp(host: string, port: number, signal: AbortSignal): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, signal });
    const fail = (e: Error) => {
      socket.off('connect', ok);
      reject(connectFault(e, host));
    };
    const ok = () => {
      socket.off('error', fail);
      resolve(socket);
    };
    socket.once('connect', ok);
    socket.once('error', fail);
  });
}

const codeOf = (e: unknown): string => String((e as NodeJS.ErrnoException | null)?.code ?? '');

/** A failure reaching the endpoint itself (directly, or the TLS over a tunnel). */
function connectFault(e: unknown, host: string): Error {
  if (e instanceof NetworkFault || (e instanceof Error && e.name === 'AbortError')) return e;
  const code = codeOf(e);
  if (DNS_CODES.has(code)) return new NetworkFault({ kind: 'dns', host, temporary: DNS_TEMPORARY.has(code) });
  return new NetworkFault({ kind: 'connect', host, code: code || 'ECONNRESET' });
}

/** A failure before the proxy said yes or no to the tunnel. */
function proxyFault(e: unknown, route: Route & { kind: 'proxy' }, proxy: string): Error {
  if (e instanceof Error && e.name === 'AbortError') return e;
  const code = codeOf(e);
  const f: Fault = DNS_CODES.has(code)
    ? { kind: 'proxy-dns', proxy, source: route.source }
    : /CERT|SIGNATURE|ISSUER|SELF_SIGNED/.test(code)
      ? { kind: 'tls-untrusted', host: proxy, issuer: null, reason: code, viaProxy: true }
      : { kind: 'proxy-unreachable', proxy, source: route.source, code: code || 'ECONNRESET' };
  return new NetworkFault(f);
}

/** The name of the CA at the top of the chain the peer presented (for an interception proxy: its CA). */
function topIssuer(cert: tls.DetailedPeerCertificate): string | null {
  let c = cert;
  const seen = new Set<tls.DetailedPeerCertificate>([c]);
  while (c.issuerCertificate && !seen.has(c.issuerCertificate)) {
    c = c.issuerCertificate;
    seen.add(c);
  }
  const name = (x: tls.Certificate | undefined): unknown => x?.CN ?? x?.O;
  const raw = name(c.issuer) ?? name(c.subject);
  const text = printable(Array.isArray(raw) ? raw.join(', ') : typeof raw === 'string' ? raw : '', 120);
  return text || null;
}
