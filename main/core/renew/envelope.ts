/**
 * The authenticated envelope around each protocol line (see the handshake in protocol.ts): the
 * message's JSON text travels as a string, with an HMAC over the client's nonce and that text under
 * the per-start key. Verifying the exact bytes received needs no canonical JSON.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Sentence } from '../errors';
import { PROTOCOL_VERSION } from './protocol';

const HEX64 = /^[0-9a-f]{64}$/;

export const newNonce = (): string => randomBytes(32).toString('hex');

function mac(key: Buffer, label: 'request' | 'reply', nonce: string, body: string): string {
  return createHmac('sha256', key).update(`aws-mfa-tray ${label}\0${nonce}\0${body}`).digest('hex');
}

/** Constant-time comparison of two hex macs (timingSafeEqual needs equal lengths, checked first). */
function macMatches(expected: string, given: string): boolean {
  if (!HEX64.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}

export const sealRequest = (key: Buffer, nonce: string, body: string): string =>
  `${JSON.stringify({ v: PROTOCOL_VERSION, nonce, body, mac: mac(key, 'request', nonce, body) })}\n`;

export const sealReply = (key: Buffer, nonce: string, body: string): string => `${JSON.stringify({ v: PROTOCOL_VERSION, body, mac: mac(key, 'reply', nonce, body) })}\n`;

/** Why a line was not accepted: `version` (another protocol version: say so) or `unproven`/`malformed`. */
export type Opened<T> = { ok: true; value: T } | { ok: false; why: 'version'; version: string } | { ok: false; why: 'unproven' | 'malformed' };

function envelope(line: string): Record<string, unknown> | null {
  try {
    const raw = JSON.parse(line) as unknown;
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const versionOf = (v: unknown): string => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : 'unknown');

/** The server's side: a request line whose mac proves the key. */
export function openRequest(key: Buffer, line: string): Opened<{ nonce: string; body: string }> {
  const e = envelope(line);
  if (!e) return { ok: false, why: 'malformed' };
  if (e.v !== PROTOCOL_VERSION) return { ok: false, why: 'version', version: versionOf(e.v) };
  if (typeof e.nonce !== 'string' || !HEX64.test(e.nonce) || typeof e.body !== 'string' || typeof e.mac !== 'string') return { ok: false, why: 'malformed' };
  if (!macMatches(mac(key, 'request', e.nonce, e.body), e.mac)) return { ok: false, why: 'unproven' };
  return { ok: true, value: { nonce: e.nonce, body: e.body } };
}

/** The client's side: a reply line whose mac proves the key over our own nonce. */
export function openReply(key: Buffer, nonce: string, line: string): Opened<string> {
  const e = envelope(line);
  if (!e) return { ok: false, why: 'malformed' };
  if (e.v !== PROTOCOL_VERSION) return { ok: false, why: 'version', version: versionOf(e.v) };
  if (typeof e.body !== 'string' || typeof e.mac !== 'string') return { ok: false, why: 'unproven' };
  if (!macMatches(mac(key, 'reply', nonce, e.body), e.mac)) return { ok: false, why: 'unproven' };
  return { ok: true, value: e.body };
}

/** The sentence either end gives for the other protocol version. */
export const otherVersion = (theirs: string): Sentence => ({
  en: `The aws-mfa-tray app and this command speak different protocol versions (${theirs} and ${PROTOCOL_VERSION}); install the same version of both and restart the app.`,
  ja: `aws-mfa-tray アプリとこのコマンドのプロトコルのバージョンが異なります（${theirs} と ${PROTOCOL_VERSION}）。同じバージョンをインストールしてアプリを再起動してください。`,
});
