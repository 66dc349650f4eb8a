/**
 * The CLI side of the socket: reads the running app's address and key from the user-only key file,
 * sends one sealed request line with a fresh nonce and reads one reply line, trusted only when its
 * mac proves the key over that nonce (protocol.ts). No app, a stale address (the app crashed), an
 * app that goes away mid-request: "no answer", so the resolver goes on to the next code source. A
 * server that cannot prove the key, or speaks another version: "refused", with the sentence to show.
 */
import { connect } from 'node:net';
import type { Sentence } from '../errors';
import { type AgentEndpoint, isOwnSocket, readKeyFile } from './endpoint';
import { newNonce, openReply, otherVersion, sealRequest } from './envelope';
import { MAX_REPLY_BYTES, parseReply, ProtocolError, type Reply, type Request } from './protocol';

export interface AskOptions {
  /** Safety net for an app that stopped answering; the app itself answers CodeTimeout sooner. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export type Asked = { kind: 'reply'; reply: Reply } | { kind: 'none' } | { kind: 'refused'; why: Sentence };

/** Said by the code source of every server that answers without proving the key. */
export const unproven = (address: string): Sentence => ({
  en: `Something answered at ${address} without proving the key of your aws-mfa-tray app, so it is not trusted and nothing it sent is used; restart the app, and tell your administrator if this happens again.`,
  ja: `${address} で応答したものが aws-mfa-tray アプリの鍵を証明できなかったため、信頼せず、その内容は使いません。アプリを再起動し、再び起きたら管理者に知らせてください。`,
});

export async function ask(endpoint: AgentEndpoint, request: Request, opts: AskOptions): Promise<Asked> {
  const found = await readKeyFile(endpoint);
  if (found.kind !== 'found') return found;
  const { address, dir, key } = found.file;
  if (endpoint.platform !== 'win32' && !(await isOwnSocket({ address, dir }))) return { kind: 'none' };
  const nonce = newNonce();
  return new Promise((resolve) => {
    const socket = connect(address);
    let buffered = '';
    let settled = false;
    const finish = (answer: Asked): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(answer);
    };
    const onAbort = (): void => finish({ kind: 'none' });
    const timer = setTimeout(() => finish({ kind: 'none' }), opts.timeoutMs);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    socket.setEncoding('utf8');
    // ENOENT: no app; ECONNREFUSED: a socket left by an app that crashed; anything else: no app either.
    socket.on('error', () => finish({ kind: 'none' }));
    socket.on('close', () => finish({ kind: 'none' }));
    socket.on('connect', () => socket.write(sealRequest(key, nonce, JSON.stringify(request))));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end < 0) {
        if (buffered.length > MAX_REPLY_BYTES) finish({ kind: 'refused', why: unproven(address) });
        return;
      }
      const opened = openReply(key, nonce, buffered.slice(0, end));
      // Another version at the address our own key file names proves nothing either (the key file
      // tells a real version change, see readKeyFile): not trusted, whatever it says.
      if (!opened.ok) return finish({ kind: 'refused', why: unproven(address) });
      try {
        finish({ kind: 'reply', reply: parseReply(opened.value) });
      } catch (e) {
        // Proven, but not a reply this version understands.
        finish({ kind: 'refused', why: e instanceof ProtocolError && e.code === 'UnsupportedVersion' ? otherVersion('?') : unproven(address) });
      }
    });
  });
}

/** The reply, or null for every other outcome (callers that have nothing to say about a refusal). */
export async function askApp(endpoint: AgentEndpoint, request: Request, opts: AskOptions): Promise<Reply | null> {
  const answer = await ask(endpoint, request, opts);
  return answer.kind === 'reply' ? answer.reply : null;
}
