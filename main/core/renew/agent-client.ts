/**
 * The CLI side of the socket: sends one request line to the running tray app and reads one reply
 * line. No app, a stale socket (the app crashed), a socket that is not this user's, an app that
 * speaks another protocol version or goes away mid-request: all read as "no answer" (null), so the
 * resolver goes on to the next code source.
 */
import { connect } from 'node:net';
import { type AgentEndpoint, isOwnSocket } from './endpoint';
import { encode, MAX_REPLY_BYTES, parseReply, type Reply, type Request } from './protocol';

export interface AskOptions {
  /** Safety net for an app that stopped answering; the app itself answers CodeTimeout sooner. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export async function askApp(endpoint: AgentEndpoint, request: Request, opts: AskOptions): Promise<Reply | null> {
  if (!(await isOwnSocket(endpoint))) return null;
  return new Promise((resolve) => {
    const socket = connect(endpoint.address);
    let buffered = '';
    let settled = false;
    const finish = (reply: Reply | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(reply);
    };
    const onAbort = (): void => finish(null);
    const timer = setTimeout(() => finish(null), opts.timeoutMs);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    socket.setEncoding('utf8');
    // ENOENT: no app; ECONNREFUSED: a socket left by an app that crashed; anything else: no app either.
    socket.on('error', () => finish(null));
    socket.on('close', () => finish(null));
    socket.on('connect', () => socket.write(encode(request)));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end < 0) {
        if (buffered.length > MAX_REPLY_BYTES) finish(null);
        return;
      }
      try {
        finish(parseReply(buffered.slice(0, end)));
      } catch {
        finish(null); // another protocol version, or not our app
      }
    });
  });
}
