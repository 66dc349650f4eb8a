/**
 * The AWS federation endpoint (signin.aws.amazon.com/federation) as console sign-in uses it:
 *   GET /federation?Action=getSigninToken&Session={"sessionId","sessionKey","sessionToken"}[&SessionDuration=n]
 *     -> 200 {"SigninToken":"..."}; only for role sessions (AssumeRole), as AWS: a GetSessionToken
 *        session, unknown or expired credentials get 400 (AWS says no more than that either).
 *   GET /federation?Action=login&Issuer=..&Destination=<console URL>&SigninToken=..
 *     -> 302 to Destination for a token issued in the last 15 minutes, once; else 400.
 * Calls are logged in the emulator's `requests` with the session's access key ID.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Directory } from './identity';

/** AWS: a sign-in token is good for 15 minutes. */
const TOKEN_LIFE_MS = 15 * 60_000;

export class Federation {
  private readonly tokens = new Map<string, { accessKeyId: string; issuedMs: number }>();

  constructor(
    private readonly dir: Directory,
    private readonly now: () => number,
    private readonly log: (action: string, accessKeyId: string | null) => void,
  ) {}

  /** Answers the request when it is a federation call; false for anything else (STS, IAM). */
  handles(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname !== '/federation') return false;
    const plain = (status: number, body: string, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body), ...headers });
      res.end(body);
    };
    const action = url.searchParams.get('Action') ?? '';
    if (req.method !== 'GET') return (plain(405, 'Method Not Allowed'), true);
    if (action === 'getSigninToken') {
      const out = this.signinToken(url.searchParams);
      this.log('getSigninToken', out.accessKeyId);
      if (!out.token) return (plain(400, 'Bad Request'), true);
      const body = JSON.stringify({ SigninToken: out.token });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return true;
    }
    if (action === 'login') {
      const token = url.searchParams.get('SigninToken') ?? '';
      const issued = this.tokens.get(token);
      this.log('federationLogin', issued?.accessKeyId ?? null);
      const destination = url.searchParams.get('Destination') ?? '';
      if (!issued || this.now() - issued.issuedMs > TOKEN_LIFE_MS || !/^https:\/\//.test(destination)) return (plain(400, 'Bad Request'), true);
      this.tokens.delete(token);
      return (plain(302, '', { Location: destination }), true);
    }
    return (plain(400, 'Bad Request'), true);
  }

  private signinToken(params: URLSearchParams): { token: string | null; accessKeyId: string | null } {
    let session: { sessionId?: unknown; sessionKey?: unknown; sessionToken?: unknown };
    try {
      session = JSON.parse(params.get('Session') ?? '') as typeof session;
    } catch {
      return { token: null, accessKeyId: null };
    }
    const id = typeof session.sessionId === 'string' ? session.sessionId : null;
    const s = id ? this.dir.sessions.get(id) : undefined;
    const duration = params.get('SessionDuration');
    const durationOk = duration === null || (/^\d+$/.test(duration) && Number(duration) >= 900 && Number(duration) <= 43200);
    const valid = s && s.secretAccessKey === session.sessionKey && s.sessionToken === session.sessionToken && s.expiresMs > this.now();
    if (!valid || !s.role || !durationOk) return { token: null, accessKeyId: id };
    const token = randomBytes(48).toString('base64url');
    this.tokens.set(token, { accessKeyId: s.accessKeyId, issuedMs: this.now() });
    return { token, accessKeyId: id };
  }
}
