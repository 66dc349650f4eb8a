/**
 * An HTTP proxy for tests, on loopback: answers CONNECT (HTTPS) and absolute-form requests (plain
 * HTTP), records every host it is asked for, can demand Basic credentials (407), and only ever
 * connects to loopback: a host is tunnelled to the local port a test routed it to, and every other
 * host is refused (403 by default), so nothing leaves the machine.
 */
import { createServer, request, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxyRecord {
  method: string;
  /** "host:port" asked for. */
  target: string;
  /** The decoded "user:password" of Proxy-Authorization, or null. */
  credentials: string | null;
}

export class ConnectProxy {
  readonly records: ProxyRecord[] = [];
  /** "host:port" -> loopback port. */
  readonly routes = new Map<string, number>();
  /** "user:password" the proxy demands, or null for an open proxy. */
  credentials: string | null = null;
  /** The answer to CONNECT for a host without a route. */
  refuseWith = 403;
  private readonly sockets = new Set<net.Socket>();
  private readonly server = createServer((req, res) => this.forward(req, res));

  private constructor() {
    this.server.on('connect', (req: IncomingMessage, client: net.Socket, head: Buffer) => this.tunnel(req, client, head));
    this.server.on('connection', (s: net.Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static async start(): Promise<ConnectProxy> {
    const p = new ConnectProxy();
    await new Promise<void>((resolve) => p.server.listen(0, '127.0.0.1', resolve));
    return p;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** http://[user:password@]127.0.0.1:port */
  url(auth?: string): string {
    return `http://${auth ? `${auth}@` : ''}127.0.0.1:${this.port}`;
  }

  /** Hosts asked for, in order, as "host:port". */
  targets(): string[] {
    return this.records.map((r) => r.target);
  }

  private record(req: IncomingMessage, target: string): boolean {
    const header = req.headers['proxy-authorization'];
    const m = typeof header === 'string' ? /^Basic\s+(\S+)$/i.exec(header) : null;
    const credentials = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : null;
    this.records.push({ method: req.method ?? '', target, credentials });
    return this.credentials === null || credentials === this.credentials;
  }

  private tunnel(req: IncomingMessage, client: net.Socket, head: Buffer): void {
    const target = req.url ?? '';
    client.on('error', () => undefined);
    if (!this.record(req, target)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const port = this.routes.get(target);
    if (port === undefined) {
      client.end(`HTTP/1.1 ${this.refuseWith} ${STATUS_CODES[this.refuseWith] ?? 'Refused'}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const target = `${url.hostname}:${url.port || '80'}`;
    if (!this.record(req, target)) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const port = this.routes.get(target);
    if (port === undefined) {
      res.writeHead(this.refuseWith).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const up = request({ host: '127.0.0.1', port, method: req.method, path: `${url.pathname}${url.search}`, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  }

  /** Closes every open connection (tunnels included), as a proxy's idle timeout does; resolves once they are closed. */
  async dropConnections(): Promise<void> {
    const open = [...this.sockets];
    await Promise.all(open.map((s) => new Promise<void>((resolve) => (s.destroyed ? resolve() : (s.once('close', () => resolve()), s.destroy())))));
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}
