/**
 * The app side of the socket, free of Electron: listens on the per-user endpoint, reads one request
 * line per connection, hands it to the handler and writes its one reply line. A socket file left by
 * an app that crashed is detected (nobody answers on it) and replaced.
 */
import { promises as fs } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { type AgentEndpoint, preparePrivateDir } from './endpoint';
import { encode, MAX_REQUEST_BYTES, parseRequest, PROTOCOL_VERSION, ProtocolError, type Reply, type Request } from './protocol';

/** `gone` aborts when the caller hangs up before the reply (Ctrl+C on the waiting command). */
export type AgentHandler = (request: Request, gone: AbortSignal) => Promise<Reply>;

const errorReply = (code: Extract<Reply, { ok: false }>['error']['code'], message: string): Reply => ({
  v: PROTOCOL_VERSION,
  ok: false,
  error: { code, message },
});

function serve(socket: Socket, handler: AgentHandler, onError: (e: unknown) => void): void {
  const gone = new AbortController();
  let buffered = '';
  let received = false;
  let answered = false;
  socket.setEncoding('utf8');
  socket.on('error', () => undefined); // the caller went away; 'close' follows
  socket.on('close', () => {
    if (!answered) gone.abort();
  });
  const reply = (r: Reply): void => {
    answered = true;
    if (!socket.destroyed) socket.end(encode(r));
  };
  socket.on('data', (chunk: string) => {
    if (received) return; // one request per connection
    buffered += chunk;
    const end = buffered.indexOf('\n');
    if (end < 0) {
      if (buffered.length > MAX_REQUEST_BYTES) {
        received = true;
        reply(errorReply('BadRequest', 'The request is too long.'));
      }
      return;
    }
    received = true;
    let request: Request;
    try {
      request = parseRequest(buffered.slice(0, end));
    } catch (e) {
      const p = e instanceof ProtocolError ? e : new ProtocolError('BadRequest', 'invalid');
      reply(errorReply(p.code, p.code === 'UnsupportedVersion' ? `This app speaks protocol version ${PROTOCOL_VERSION}.` : 'The request is malformed.'));
      return;
    }
    handler(request, gone.signal).then(reply, (e: unknown) => {
      onError(e);
      reply(errorReply('AwsError', 'The tray app could not handle the request; try again.'));
    });
  });
}

/** Whether something answers on `address` (a live app), as opposed to a socket file left behind. */
function answers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(address);
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
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

export class AgentServer {
  private constructor(
    private readonly server: Server,
    readonly endpoint: AgentEndpoint,
    private readonly connections: Set<Socket>,
  ) {}

  static async start(endpoint: AgentEndpoint, handler: AgentHandler, onError: (e: unknown) => void = () => undefined): Promise<AgentServer> {
    if (endpoint.dir) await preparePrivateDir(endpoint.dir);
    const connections = new Set<Socket>();
    const server = createServer((socket) => {
      connections.add(socket);
      socket.on('close', () => connections.delete(socket));
      serve(socket, handler, onError);
    });
    try {
      await listen(server, endpoint.address);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || endpoint.dir === null) throw e;
      if (await answers(endpoint.address)) throw new Error('another aws-mfa-tray app is already answering code requests');
      await fs.rm(endpoint.address, { force: true });
      await listen(server, endpoint.address);
    }
    if (endpoint.dir) await fs.chmod(endpoint.address, 0o600);
    server.on('error', onError);
    return new AgentServer(server, endpoint, connections);
  }

  /**
   * Stops listening and removes the socket file, so no caller waits on a dead address. Callers
   * still connected are hung up on (answer them first): they go on to their next code source.
   */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.connections) s.destroy();
    await closed;
    if (this.endpoint.dir) await fs.rm(this.endpoint.address, { force: true }).catch(() => undefined);
  }
}
