/**
 * The app side of the socket, free of Electron: at start a random key and a random address,
 * recorded in the user-only key file; then one request line per connection, answered only when its
 * mac proves the key, the reply sealed under the key over the caller's nonce (protocol.ts).
 * A connection that sends no request line within REQUEST_LINE_MS is closed, and at most
 * MAX_CONNECTIONS are held: idle callers cannot pile up.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { messageFor } from '../errors';
import { newNonce, openReply, openRequest, otherVersion, sealReply, sealRequest } from './envelope';
import { type AgentEndpoint, assertSafeEndpointFolder, choosePlace, type KeyFile, type Place, randomName, readKeyFile, writeKeyFile } from './endpoint';
import { type AppRequest, encode, MAX_REQUEST_BYTES, parseRequest, PROTOCOL_VERSION, ProtocolError, type Reply } from './protocol';

/** `gone` aborts when the caller hangs up before the reply (Ctrl+C on the waiting command). */
export type AgentHandler = (request: AppRequest, gone: AbortSignal) => Promise<Reply>;

export const REQUEST_LINE_MS = 10_000;
export const MAX_CONNECTIONS = 64;
/** After the reply, how long the caller has to read it before the connection is closed from our side. */
const LINGER_MS = 2000;

export interface AgentServerOptions {
  /** Tests: shorter than REQUEST_LINE_MS, fewer than MAX_CONNECTIONS, a chosen name. */
  requestLineMs?: number;
  maxConnections?: number;
  name?: () => string;
}

type ErrorCode = Extract<Reply, { ok: false }>['error']['code'];
const errorReply = (code: ErrorCode, message: { en: string; ja: string }): Reply => ({ v: PROTOCOL_VERSION, ok: false, error: { code, message: message.en, ja: message.ja } });

const MALFORMED = { en: 'The request to the aws-mfa-tray app is malformed; update aws-mfa-tray.', ja: 'aws-mfa-tray アプリへの要求の形式が正しくありません。aws-mfa-tray を更新してください。' };
const UNPROVEN = {
  en: 'The request does not carry the key of this aws-mfa-tray app, so it is not answered; run the command as the user who runs the app.',
  ja: 'この要求は aws-mfa-tray アプリの鍵を持っていないため、応答しません。アプリを実行しているユーザーでコマンドを実行してください。',
};
const TOO_LONG = { en: 'The request to the aws-mfa-tray app is too long; update aws-mfa-tray.', ja: 'aws-mfa-tray アプリへの要求が長すぎます。aws-mfa-tray を更新してください。' };

function serve(socket: Socket, key: Buffer, handler: AgentHandler, onError: (e: unknown) => void, requestLineMs: number): void {
  const gone = new AbortController();
  let buffered = '';
  let received = false;
  let answered = false;
  // Nothing within the time a real client needs to write one line: a caller that holds the slot.
  const idle = setTimeout(() => socket.destroy(), requestLineMs);
  socket.setEncoding('utf8');
  socket.on('error', () => undefined); // the caller went away; 'close' follows
  socket.on('close', () => {
    clearTimeout(idle);
    if (!answered) gone.abort();
  });
  const send = (line: string): void => {
    answered = true;
    if (socket.destroyed) return;
    socket.end(line);
    // A caller that never closes its end would keep its slot among MAX_CONNECTIONS: it gets a moment to read.
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  /** To a caller that has not proven the key: unsigned, it can tell nothing from it. */
  const refuse = (code: ErrorCode, message: { en: string; ja: string }): void => send(encode(errorReply(code, message)));
  socket.on('data', (chunk: string) => {
    if (received) return; // one request per connection
    buffered += chunk;
    const end = buffered.indexOf('\n');
    if (end < 0) {
      if (buffered.length > MAX_REQUEST_BYTES) {
        received = true;
        clearTimeout(idle);
        refuse('BadRequest', TOO_LONG);
      }
      return;
    }
    received = true;
    clearTimeout(idle); // the user may take minutes to type the code: that wait is legitimate
    const opened = openRequest(key, buffered.slice(0, end));
    if (!opened.ok) {
      if (opened.why === 'version') return refuse('UnsupportedVersion', otherVersion(opened.version));
      return refuse('BadRequest', opened.why === 'unproven' ? UNPROVEN : MALFORMED);
    }
    const { nonce, body } = opened.value;
    const reply = (r: Reply): void => send(sealReply(key, nonce, JSON.stringify(r)));
    let request;
    try {
      request = parseRequest(body);
    } catch (e) {
      const p = e instanceof ProtocolError ? e : new ProtocolError('BadRequest', 'invalid');
      return reply(errorReply(p.code, p.code === 'UnsupportedVersion' ? otherVersion('?') : MALFORMED));
    }
    if (request.type === 'ping') return reply({ v: PROTOCOL_VERSION, ok: true });
    handler(request, gone.signal).then(reply, (e: unknown) => {
      onError(e);
      reply(errorReply('AwsError', { en: `The tray app could not handle the request (${messageFor(e, 'en')}); try again.`, ja: `トレイアプリが要求を処理できませんでした（${messageFor(e, 'ja')}）。やり直してください。` }));
    });
  });
}

/** Whether anything answers at `address` (a socket file left behind answers nothing). */
function answers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(address);
    const done = (live: boolean): void => {
      clearTimeout(timer);
      s.destroy();
      resolve(live);
    };
    // A pipe whose instances are all busy keeps a client waiting: that is someone there too.
    const timer = setTimeout(() => done(true), 2000);
    s.on('connect', () => done(true));
    s.on('error', () => done(false));
  });
}

/** Whether the app of `file` is alive: it answers a ping sealed with its key. */
export function provesKey(file: Pick<KeyFile, 'address' | 'key'>, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const nonce = newNonce();
    const s = connect(file.address);
    let buffered = '';
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      s.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    s.setEncoding('utf8');
    s.on('error', () => done(false));
    s.on('close', () => done(false));
    s.on('connect', () => s.write(sealRequest(file.key, nonce, JSON.stringify({ v: PROTOCOL_VERSION, type: 'ping' }))));
    s.on('data', (d: string) => {
      buffered += d;
      const end = buffered.indexOf('\n');
      if (end >= 0) done(openReply(file.key, nonce, buffered.slice(0, end)).ok);
      else if (buffered.length > MAX_REQUEST_BYTES) done(false);
    });
  });
}

function listen(server: Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    server.once('error', onError);
    server.listen(address, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** How many fresh names to try when each one is taken (only a squatter that knows the name could). */
const ATTEMPTS = 3;

export class AgentServer {
  private constructor(
    private readonly server: Server,
    readonly endpoint: AgentEndpoint,
    readonly place: Place,
    private readonly key: Buffer,
    private readonly connections: Set<Socket>,
    /** Addresses where something that could not prove our key was found listening: someone squats. */
    readonly squatted: readonly string[],
  ) {}

  static async start(endpoint: AgentEndpoint, handler: AgentHandler, onError: (e: unknown) => void = () => undefined, opts: AgentServerOptions = {}): Promise<AgentServer> {
    assertSafeEndpointFolder(endpoint);
    const previous = await readKeyFile(endpoint);
    if (previous.kind === 'found' && (await provesKey(previous.file))) throw new Error('another aws-mfa-tray app is already answering code requests');
    const key = randomBytes(32);
    const connections = new Set<Socket>();
    const requestLineMs = opts.requestLineMs ?? REQUEST_LINE_MS;
    const server = createServer((socket) => {
      connections.add(socket);
      socket.on('close', () => connections.delete(socket));
      serve(socket, key, handler, onError, requestLineMs);
    });
    // Beyond this many, the server closes new connections at once (net.Server's own cap).
    server.maxConnections = opts.maxConnections ?? MAX_CONNECTIONS;
    const squatted: string[] = [];
    let place: Place | null = null;
    for (let attempt = 0; place === null; attempt++) {
      const candidate = await choosePlace(endpoint, (opts.name ?? randomName)());
      try {
        await listen(server, candidate.address);
        place = candidate;
      } catch (e) {
        if (candidate.temporary && candidate.dir) await fs.rm(candidate.dir, { recursive: true, force: true });
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt + 1 >= ATTEMPTS) throw e;
        // Our key is new, so nothing there can be our app: a live answer is a squatter, silence a leftover socket file.
        if (await answers(candidate.address)) squatted.push(candidate.address);
        else if (candidate.dir !== null) await fs.rm(candidate.address, { force: true });
        onError(new Error(`something else listens at ${candidate.address}; trying another name`));
      }
    }
    if (place.dir) await fs.chmod(place.address, 0o600);
    // Only now the CLI may find us: the address answers and the key is ours.
    await writeKeyFile(endpoint, { ...place, key, pid: process.pid });
    server.on('error', onError);
    return new AgentServer(server, endpoint, place, key, connections, squatted);
  }

  /**
   * Stops listening and removes the socket and the key file (if still ours), so no caller waits on
   * a dead address. Callers still connected are hung up on (answer them first): they go on to their
   * next code source.
   */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.connections) s.destroy();
    await closed;
    const current = await readKeyFile(this.endpoint).catch(() => null);
    if (current?.kind === 'found' && current.file.key.equals(this.key)) await fs.rm(this.endpoint.keyFile, { force: true }).catch(() => undefined);
    if (this.place.dir) await fs.rm(this.place.temporary ? this.place.dir : this.place.address, { recursive: true, force: true }).catch(() => undefined);
  }
}
