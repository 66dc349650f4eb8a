/**
 * The loopback credential endpoint of `exec --server`: the ECS container-credentials convention
 * every AWS SDK and CLI already speaks (AWS_CONTAINER_CREDENTIALS_FULL_URI +
 * AWS_CONTAINER_AUTHORIZATION_TOKEN), so the command's SDK renews by itself. What they send, from
 * their source: botocore and the AWS CLI a GET with `Accept: application/json` and
 * `Authorization: <token>` (verbatim, no scheme), and accept http only for loopback hosts; the JS SDK
 * (@aws-sdk/credential-provider-http, @smithy/credential-provider-imds) the same GET, hosts
 * 127.0.0.0/8 or localhost. They read {"AccessKeyId","SecretAccessKey","Token","Expiration"}; on an
 * error status botocore shows the body and the JS SDK the body's "Code" and "Message".
 *
 * Refused: any method but GET, a Host that is not this loopback address (DNS rebinding: a web page
 * whose name now points at 127.0.0.1), another path, a missing (401) or wrong (403) token. The
 * token and path are compared in constant time. Connections are bounded in number and in idle and
 * total time; with no connection open nothing here wakes up (no interval, no polling).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Sentence } from './errors';
import type { Locale } from './i18n/locale';

/** What a fetch is answered with: the session, or one sentence and the status to send it with. */
export type EndpointAnswer =
  | { ok: true; accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string }
  | { ok: false; status: number; code: string; message: Sentence };

export interface EndpointOptions {
  /** Answers one authorised fetch; must not wait for a person (the SDKs give up after 1-2 s). */
  answer(): EndpointAnswer;
  locale: Locale;
  /** Connections open at once; more are closed as they arrive. */
  maxConnections?: number;
  /** A connection idle this long is closed. */
  idleMs?: number;
  /** No connection lives longer than this, busy or not (a trickling client). */
  maxConnectionMs?: number;
}

export interface CredentialEndpoint {
  /** http://127.0.0.1:<port>/<random path>: AWS_CONTAINER_CREDENTIALS_FULL_URI. */
  url: string;
  /** 256 random bits, hex: AWS_CONTAINER_AUTHORIZATION_TOKEN. */
  token: string;
  port: number;
  /** Stops listening and ends every open connection. */
  close(): Promise<void>;
}

const text = {
  method: { en: 'This credential endpoint answers only GET; the AWS SDK sends GET by itself.', ja: 'この認証情報エンドポイントは GET にしか応答しません。AWS SDK は自動で GET を送ります。' },
  host: {
    en: 'This credential endpoint answers only requests addressed to 127.0.0.1; use the AWS_CONTAINER_CREDENTIALS_FULL_URI given to the command.',
    ja: 'この認証情報エンドポイントは 127.0.0.1 宛てのリクエストにしか応答しません。コマンドに渡された AWS_CONTAINER_CREDENTIALS_FULL_URI を使ってください。',
  },
  path: {
    en: 'There is no credential endpoint at this path; use the AWS_CONTAINER_CREDENTIALS_FULL_URI given to the command.',
    ja: 'このパスに認証情報エンドポイントはありません。コマンドに渡された AWS_CONTAINER_CREDENTIALS_FULL_URI を使ってください。',
  },
  noToken: {
    en: 'This credential endpoint needs the AWS_CONTAINER_AUTHORIZATION_TOKEN given to the command in the Authorization header.',
    ja: 'この認証情報エンドポイントには、コマンドに渡された AWS_CONTAINER_AUTHORIZATION_TOKEN を Authorization ヘッダーで送る必要があります。',
  },
  badToken: {
    en: 'The Authorization header does not hold the token of this credential endpoint; use the AWS_CONTAINER_AUTHORIZATION_TOKEN given to the command.',
    ja: 'Authorization ヘッダーがこの認証情報エンドポイントのトークンではありません。コマンドに渡された AWS_CONTAINER_AUTHORIZATION_TOKEN を使ってください。',
  },
} satisfies Record<string, Sentence>;

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
/** Equal-length digests, so neither the length nor the first differing byte shows in the time taken. */
const sameSecret = (given: string, expected: Buffer): boolean => timingSafeEqual(digest(given), expected);

export async function startCredentialEndpoint(opts: EndpointOptions): Promise<CredentialEndpoint> {
  const token = randomBytes(32).toString('hex');
  const path = `/${randomBytes(16).toString('hex')}`;
  const tokenDigest = digest(token);
  const pathDigest = digest(path);
  const idleMs = opts.idleMs ?? 10_000;
  const maxConnectionMs = opts.maxConnectionMs ?? 60_000;
  let port = 0;

  const send = (res: ServerResponse, status: number, body: object, extra: Record<string, string> = {}): void => {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json), 'Cache-Control': 'no-store', ...extra });
    res.end(json);
  };
  const refuse = (res: ServerResponse, status: number, code: string, sentence: Sentence, extra?: Record<string, string>): void =>
    send(res, status, { Code: code, Message: sentence[opts.locale] }, extra);

  const hostAllowed = (host: string | undefined): boolean => {
    const m = /^(127\.0\.0\.1|localhost)(?::(\d+))?$/i.exec(host ?? '');
    return m !== null && (m[2] === undefined || Number(m[2]) === port);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET') return refuse(res, 405, 'MethodNotAllowed', text.method, { Allow: 'GET' });
    if (!hostAllowed(req.headers.host)) return refuse(res, 403, 'ForeignHost', text.host);
    const url = req.url ?? '';
    const pathOnly = url.split('?')[0]!;
    if (!sameSecret(pathOnly, pathDigest)) return refuse(res, 404, 'NotFound', text.path);
    const auth = req.headers.authorization;
    if (auth === undefined || auth === '') return refuse(res, 401, 'Unauthorized', text.noToken);
    if (!sameSecret(auth, tokenDigest)) return refuse(res, 403, 'Forbidden', text.badToken);
    const a = opts.answer();
    if (!a.ok) return refuse(res, a.status, a.code, a.message);
    send(res, 200, { AccessKeyId: a.accessKeyId, SecretAccessKey: a.secretAccessKey, Token: a.sessionToken, Expiration: a.expiration });
  };

  const server = createServer(
    {
      // Node checks header and request timeouts on an interval that runs even with no connection;
      // a never-firing one keeps an idle endpoint asleep. Each socket's own timers bound it instead.
      connectionsCheckingInterval: 2 ** 31 - 1,
      requestTimeout: 0,
      headersTimeout: 0,
      keepAliveTimeout: idleMs,
      maxHeaderSize: 8192,
    },
    handle,
  );
  server.maxConnections = opts.maxConnections ?? 16;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.setTimeout(idleMs, () => socket.destroy());
    const life = setTimeout(() => socket.destroy(), maxConnectionMs);
    socket.on('close', () => {
      clearTimeout(life);
      sockets.delete(socket);
    });
  });
  // A malformed request or one over the header limit: answered by Node with 400/431, then closed.
  server.on('clientError', (_e, socket: Socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
