/**
 * Server-side AWS Signature Version 4 verification, written from the public spec (canonical
 * request -> string to sign -> HMAC chain over the credential scope) rather than borrowed from the
 * SDK, so a signing bug on the client side shows up as a failed test instead of agreeing with itself.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface ParsedAuth {
  accessKeyId: string;
  date: string; // yyyymmdd from the scope
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string; // yyyymmddThhmmssZ
}

const AUTH_RE =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;

/** null when the header is missing or not a SigV4 header (the caller answers MissingAuthenticationToken / IncompleteSignature). */
export function parseAuthorization(headers: IncomingHttpHeaders): ParsedAuth | null {
  const auth = headers.authorization;
  const amzDate = headers['x-amz-date'];
  if (typeof auth !== 'string' || typeof amzDate !== 'string') return null;
  const m = AUTH_RE.exec(auth.trim());
  if (!m || !/^\d{8}T\d{6}Z$/.test(amzDate)) return null;
  return {
    accessKeyId: m[1]!,
    date: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: m[5]!.split(';'),
    signature: m[6]!,
    amzDate,
  };
}

/** "20240101T120000Z" -> epoch ms. */
export function amzDateToMs(amzDate: string): number {
  return Date.UTC(
    Number(amzDate.slice(0, 4)),
    Number(amzDate.slice(4, 6)) - 1,
    Number(amzDate.slice(6, 8)),
    Number(amzDate.slice(9, 11)),
    Number(amzDate.slice(11, 13)),
    Number(amzDate.slice(13, 15)),
  );
}

export function msToAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(search: string): string {
  if (!search) return '';
  const pairs = new URLSearchParams(search);
  return [...pairs]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

// Non-S3 services encode the (already URL-encoded) path once more, keeping '/'.
function canonicalPath(rawPath: string): string {
  return rfc3986(rawPath || '/').replace(/%2F/g, '/');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  const s = Array.isArray(v) ? v.join(',') : (v ?? '');
  return s.trim().replace(/\s+/g, ' ');
}

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

export function expectedSignature(
  auth: ParsedAuth,
  secretAccessKey: string,
  req: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer },
): string {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const search = q < 0 ? '' : req.url.slice(q + 1);
  const payloadHeader = req.headers['x-amz-content-sha256'];
  const payloadHash = typeof payloadHeader === 'string' ? payloadHeader : sha256Hex(req.body);
  const canonicalRequest = [
    req.method,
    canonicalPath(path),
    canonicalQuery(search),
    auth.signedHeaders.map((h) => `${h}:${headerValue(req.headers, h)}\n`).join(''),
    auth.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', auth.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const kDate = hmac(`AWS4${secretAccessKey}`, auth.date);
  const kRegion = hmac(kDate, auth.region);
  const kService = hmac(kRegion, auth.service);
  const kSigning = hmac(kService, 'aws4_request');
  return createHmac('sha256', kSigning).update(stringToSign).digest('hex');
}

export function signatureMatches(auth: ParsedAuth, expected: string): boolean {
  const a = Buffer.from(auth.signature, 'hex');
  const b = Buffer.from(expected, 'hex');
  // The scope date must be the date of X-Amz-Date, or the signature is for another day's key.
  return auth.amzDate.startsWith(auth.date) && auth.signedHeaders.includes('host') && a.length === b.length && timingSafeEqual(a, b);
}
