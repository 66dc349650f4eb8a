/**
 * Local STS + IAM emulator for tests, benchmarks and the demo: AWS Query protocol over HTTP on
 * 127.0.0.1, real SigV4 verification, TOTP MFA with AWS's reuse rule, AWS's XML shapes and error
 * texts, and fault injection set at run time. Both services share one URL (dispatch on Action),
 * so it serves AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL_IAM at once.
 *
 * Test knobs beyond AWS: `allowCodeReuse` (accept a code twice) and `nextFreshCode` (codes a test
 * can hold and use once each), so one user can log in thousands of times in a benchmark.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { isKeyAction, keyAction, keysOf } from './access-keys';
import { ACTIONS, VERSIONS, assumeRole, authenticate, getCallerIdentity, getSessionToken, listMfaDevices } from './actions';
import { Federation } from './federation';
import { Directory, type EmulatorRole, type EmulatorUser, type EmulatorUserInput } from './identity';
import { MSG } from './messages';
import { parseAuthorization } from './sigv4';
import { AwsFault, errorXml, successXml, type Service } from './xml';

export type { EmulatorDevice, EmulatorRole, EmulatorUser, EmulatorUserInput } from './identity';
export { totp, base32Decode, base32Encode, randomSeedBase32 } from './totp';

export interface EmulatorFaults {
  /** Next N requests: 400 Throttling "Rate exceeded". */
  throttle: number;
  /** Next N requests: 500 InternalFailure. */
  serverError: number;
  /** Next N requests: 503 ServiceUnavailable. */
  unavailable: number;
  /** Next N requests: 200 with truncated XML. */
  malformed: number;
  /** Next N requests: the socket is destroyed without an answer. */
  drop: number;
  /** Every response (errors too) waits this long first. */
  delayMs: number;
  /** The emulator's clock (signature check, TOTP, Date header, expirations) runs this far ahead (+) or behind (-). */
  skewSeconds: number;
}

export interface Emulator {
  /** http://127.0.0.1:port, or https://localhost:port when started with TLS. */
  url: string;
  /** The loopback port (a test proxy tunnels AWS host names to it). */
  port(): number;
  addUser(u: EmulatorUserInput): EmulatorUser;
  totp(serial: string, atMs?: number): string;
  nextFreshCode(serial: string): string;
  /** A well-formed 6-digit code the emulator will not accept now (none of the ±1-step window's codes). */
  wrongCode(serial: string): string;
  /** Clears every injected fault. */
  resetFaults(): void;
  faults: EmulatorFaults;
  requests: { action: string; accessKeyId: string | null; at: number }[];
  serverTimeMs: number;
  /** Test knob (not AWS behaviour): accept an already used code. Default false. */
  allowCodeReuse: boolean;
  /** Prefix of the session keys GetSessionToken hands out: ASIA as on AWS; AKIA as moto does. */
  sessionKeyPrefix: string;
  /** A role users of its account may assume (with requireMfa, default true, only from an MFA session). */
  addRole(r: { name: string; accountId?: string; requireMfa?: boolean }): EmulatorRole;
  /** The emulator's clock: Date.now() shifted by faults.skewSeconds. */
  now(): number;
  /** Makes every issued session expired (ExpiredToken), without touching the clock. */
  expireSessions(): void;
  /** How long a key made by CreateAccessKey is refused (InvalidClientTokenId) before it works, as IAM propagates it. Default 0. */
  keyPropagationMs: number;
  /** The user's access keys as IAM holds them, oldest first (secrets left out). */
  accessKeysOf(userName: string): { accessKeyId: string; status: 'Active' | 'Inactive'; createdMs: number }[];
  /** Makes the session with this access key expire at `atMs` (emulator time). */
  expireSession(accessKeyId: string, atMs: number): void;
  stop(): Promise<void>;
}

const noFaults = (): EmulatorFaults => ({ throttle: 0, serverError: 0, unavailable: 0, malformed: 0, drop: 0, delayMs: 0, skewSeconds: 0 });

interface Reply {
  status: number;
  body: string;
}

class EmulatorServer implements Emulator {
  url = '';
  faults = noFaults();
  requests: Emulator['requests'] = [];
  serverTimeMs = 0;
  allowCodeReuse = false;
  sessionKeyPrefix = 'ASIA';
  keyPropagationMs = 0;
  private readonly dir = new Directory();
  private readonly federation = new Federation(this.dir, () => this.now(), (action, accessKeyId) => this.requests.push({ action, accessKeyId, at: this.now() }));
  private readonly server: Server;
  private readonly scheme: 'http' | 'https';

  /** With `tls`, AWS's own transport: HTTPS with the given certificate (a test CA's). */
  constructor(tls?: EmulatorTls) {
    const handler = (req: IncomingMessage, res: ServerResponse) => this.onRequest(req, res);
    this.server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, handler) : createServer(handler);
    this.scheme = tls ? 'https' : 'http';
  }
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  async listen(port: number): Promise<void> {
    // Tracked so stop() can end keep-alive connections instead of waiting for them.
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.url = `${this.scheme}://${this.scheme === 'https' ? 'localhost' : '127.0.0.1'}:${this.port()}`;
  }

  port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  now(): number {
    return Date.now() + this.faults.skewSeconds * 1000;
  }

  addUser(u: EmulatorUserInput): EmulatorUser {
    return this.dir.addUser(u, this.now());
  }

  addRole(r: { name: string; accountId?: string; requireMfa?: boolean }): EmulatorRole {
    return this.dir.addRole(r);
  }

  totp(serial: string, atMs?: number): string {
    return this.dir.codesFor(serial).code(atMs ?? this.now());
  }

  nextFreshCode(serial: string): string {
    return this.dir.codesFor(serial).fresh(this.now());
  }

  wrongCode(serial: string): string {
    const now = this.now();
    const valid = new Set([-30_000, 0, 30_000].map((d) => this.totp(serial, now + d)));
    let n = 123456;
    while (valid.has(String(n))) n++;
    return String(n);
  }

  accessKeysOf(userName: string): { accessKeyId: string; status: 'Active' | 'Inactive'; createdMs: number }[] {
    const owner = [...this.dir.byKey.values()].find((r) => r.user.userName === userName);
    return owner ? keysOf(this.dir, owner).map(({ accessKeyId, status, createdMs }) => ({ accessKeyId, status, createdMs })) : [];
  }

  resetFaults(): void {
    this.faults = noFaults();
  }

  expireSessions(): void {
    const past = this.now() - 1000;
    for (const s of this.dir.sessions.values()) s.expiresMs = past;
  }

  expireSession(accessKeyId: string, atMs: number): void {
    const s = this.dir.sessions.get(accessKeyId);
    if (!s) throw new Error(`No session ${accessKeyId} in the emulator`);
    s.expiresMs = atMs;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    if (this.federation.handles(req, res)) return;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => this.handle(req, res, Buffer.concat(chunks)));
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const started = performance.now();
    const requestId = randomUUID();
    const params = new URLSearchParams(body.toString('utf8'));
    const action = params.get('Action') ?? '';
    const auth = parseAuthorization(req.headers);
    const service: Service = ACTIONS[action] ?? (auth?.service === 'iam' ? 'iam' : 'sts');
    this.requests.push({ action, accessKeyId: auth?.accessKeyId ?? null, at: this.now() });
    if (this.faults.drop > 0) {
      this.faults.drop--;
      req.socket.destroy();
      return;
    }
    let reply: Reply;
    try {
      reply = { status: 200, body: this.answer(req, body, params, action, service, requestId) };
    } catch (e) {
      if (!(e instanceof AwsFault)) throw e;
      reply = { status: e.status, body: errorXml(service, e.type, e.code, e.message, requestId) };
    }
    this.serverTimeMs += performance.now() - started;
    const send = (): void => {
      res.writeHead(reply.status, {
        'Content-Type': 'text/xml',
        'Content-Length': Buffer.byteLength(reply.body),
        'x-amzn-RequestId': requestId,
        Date: new Date(this.now()).toUTCString(),
      });
      res.end(reply.body);
    };
    if (this.faults.delayMs > 0) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        send();
      }, this.faults.delayMs);
      this.timers.add(t);
    } else {
      send();
    }
  }

  private answer(req: IncomingMessage, body: Buffer, params: URLSearchParams, action: string, service: Service, requestId: string): string {
    const f = this.faults;
    if (f.throttle > 0) {
      f.throttle--;
      throw new AwsFault(400, 'Throttling', MSG.throttled);
    }
    if (f.serverError > 0) {
      f.serverError--;
      throw new AwsFault(500, 'InternalFailure', MSG.internal);
    }
    if (f.unavailable > 0) {
      f.unavailable--;
      throw new AwsFault(503, 'ServiceUnavailable', MSG.unavailable);
    }
    if (f.malformed > 0) {
      f.malformed--;
      return `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials><AccessKeyId>ASIA`;
    }
    if (req.method !== 'POST') throw new AwsFault(400, 'InvalidAction', 'Only POST requests are supported by this emulator');
    const version = params.get('Version') ?? '';
    const scopeService = parseAuthorization(req.headers)?.service;
    if (!(action in ACTIONS) || VERSIONS[service] !== version || (scopeService && scopeService !== service)) {
      throw new AwsFault(400, 'InvalidAction', `Could not find operation ${action} for version ${version}`);
    }
    const now = this.now();
    const caller = authenticate(this.dir, { method: req.method, url: req.url ?? '/', headers: req.headers, body }, now);
    let inner: string;
    if (action === 'GetSessionToken') inner = getSessionToken(this.dir, caller, params, now, { allowReuse: this.allowCodeReuse, sessionKeyPrefix: this.sessionKeyPrefix });
    else if (action === 'GetCallerIdentity') inner = getCallerIdentity(caller);
    else if (action === 'AssumeRole') inner = assumeRole(this.dir, caller, params, now);
    else if (isKeyAction(action)) inner = keyAction(this.dir, caller, action, params, { nowMs: now, propagationMs: this.keyPropagationMs });
    else inner = listMfaDevices(caller, params);
    return successXml(service, action, inner, requestId);
  }
}

export interface EmulatorTls {
  key: string;
  cert: string;
}

export async function startEmulator(opts?: { users?: EmulatorUserInput[]; port?: number; tls?: EmulatorTls }): Promise<Emulator> {
  const emu = new EmulatorServer(opts?.tls);
  await emu.listen(opts?.port ?? 0);
  for (const u of opts?.users ?? []) emu.addUser(u);
  return emu;
}
