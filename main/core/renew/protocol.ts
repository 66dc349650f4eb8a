/**
 * The local socket protocol between the CLI and the running tray app: one JSON line each way,
 * version 2. A request never carries a secret; the reply carries the session the caller asked for
 * (never the long-term keys).
 *
 * Finding the app. At each start the app makes a random 32-byte key and a random socket (POSIX) or
 * pipe (Windows) name, and writes both to `tray-endpoint.json` in the settings folder: a 0600 file
 * of the user's own (on Windows, AppData is private to the user). The CLI reads that file; no
 * address is computed from public facts any more (a named pipe's name is machine-wide on Windows,
 * so whoever holds a name proves nothing).
 *
 *   tray-endpoint.json  {"v":2,"address":"/home/a/.config/aws-mfa-tray/ipc/3f9c….sock","dir":"…/ipc","key":"<base64url, 32 bytes>","pid":123}
 *
 * The handshake. Each line is an envelope around the message's own JSON text (`body`):
 *
 *   -> {"v":2,"nonce":"<32 random bytes, hex>","body":"<request JSON>","mac":"<hex>"}
 *        mac = HMAC-SHA256(key, "aws-mfa-tray request\0" + nonce + "\0" + body)
 *   <- {"v":2,"body":"<reply JSON>","mac":"<hex>"}
 *        mac = HMAC-SHA256(key, "aws-mfa-tray reply\0" + nonce + "\0" + body)
 *
 * The client trusts a reply only when its mac verifies (constant-time) over its own fresh nonce:
 * a server without the key, or replaying an old reply, is never trusted, and the command says so
 * in one sentence and goes on to its next code source. The server answers only requests whose mac
 * verifies; an envelope of another version gets, unsigned, {"v":2,"ok":false,"error":{"code":
 * "UnsupportedVersion",...}} with the sentence in both languages, and the CLI says the same of a
 * key file or reply of another version. The two labels keep a request's mac from serving as a reply's.
 *
 * The messages inside `body`:
 *
 *   -> {"v":2,"type":"renew","profile":"default","target":"mfa","asker":{"command":"credential-process","program":"aws"}}
 *   <- {"v":2,"ok":true,"login":{...LoginResult},"credentials":{...credential_process Version 1}}
 *   <- {"v":2,"ok":false,"error":{"code":"CodeCancelled","message":"...","ja":"..."}}   (the sentence in both languages)
 *
 *   -> {"v":2,"type":"mfaProcess","profile":"default","asker":{...}}   (mfa_process is running: tell the user)
 *   <- {"v":2,"ok":true}
 *
 *   -> {"v":2,"type":"ping"}   (is the app of this key file alive? asked by a second app at start)
 *   <- {"v":2,"ok":true}
 *
 * Abuse: a connection that has not sent its request line within 10 s is closed, and at most 64
 * connections are held at once; a line longer than its limit is refused.
 */
import type { ErrorCode } from '../errors';
import type { CredentialProcessOutput, LoginResult } from '../types';
import { validateDuration, validateProfileName, validateSerial } from '../validate';

export const PROTOCOL_VERSION = 2;
/** Requests are a few hundred bytes (escaped once inside the envelope); anything longer is not ours. */
export const MAX_REQUEST_BYTES = 8192;
/** A reply holds one session (the token is about 1 KB on AWS), escaped once inside the envelope. */
export const MAX_REPLY_BYTES = 128 * 1024;

export type AskingCommand = 'credential-process' | 'exec' | 'exec-server' | 'console' | 'login' | 'export';

/** Who asks for a code, shown in the prompt ("credential_process for profile mfa, run by aws"). */
export interface Asker {
  command: AskingCommand;
  /** The program behind the request: the one exec runs, or the parent of credential-process. */
  program?: string;
}

export interface RenewRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'renew';
  profile: string;
  target: string;
  asker: Asker;
  /** login's --serial / --duration, when given. */
  serial?: string;
  durationSeconds?: number;
}

export interface MfaProcessNotice {
  v: typeof PROTOCOL_VERSION;
  type: 'mfaProcess';
  profile: string;
  asker: Asker;
}

export interface Ping {
  v: typeof PROTOCOL_VERSION;
  type: 'ping';
}

export type Request = RenewRequest | MfaProcessNotice | Ping;
/** What reaches the app's handler: the server answers a ping itself. */
export type AppRequest = RenewRequest | MfaProcessNotice;

export type Reply =
  | { v: typeof PROTOCOL_VERSION; ok: true; login?: LoginResult; credentials?: CredentialProcessOutput }
  | { v: typeof PROTOCOL_VERSION; ok: false; error: { code: ErrorCode | 'BadRequest' | 'UnsupportedVersion'; message: string; ja?: string } };

export class ProtocolError extends Error {
  constructor(
    readonly code: 'BadRequest' | 'UnsupportedVersion',
    message: string,
  ) {
    super(message);
  }
}

const COMMANDS: readonly AskingCommand[] = ['credential-process', 'exec', 'exec-server', 'console', 'login', 'export'];

/** A program name fit to show: printable, short, no path. */
export function cleanProgramName(raw: string): string | undefined {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 40);
  return clean === '' ? undefined : clean;
}

function parseAsker(raw: unknown): Asker {
  const a = raw as Partial<Record<keyof Asker, unknown>> | null;
  if (!a || typeof a !== 'object' || !COMMANDS.includes(a.command as AskingCommand)) throw new ProtocolError('BadRequest', 'asker');
  const out: Asker = { command: a.command as AskingCommand };
  if (a.program !== undefined) {
    if (typeof a.program !== 'string') throw new ProtocolError('BadRequest', 'asker.program');
    const program = cleanProgramName(a.program);
    if (program) out.program = program;
  }
  return out;
}

/** Parses and validates one request line (the app side). Throws ProtocolError. */
export function parseRequest(line: string): Request {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new ProtocolError('BadRequest', 'not JSON');
  }
  const r = raw as Record<string, unknown> | null;
  if (!r || typeof r !== 'object' || Array.isArray(r)) throw new ProtocolError('BadRequest', 'not an object');
  if (r.v !== PROTOCOL_VERSION) throw new ProtocolError('UnsupportedVersion', `version ${String(r.v)}`);
  if (r.type === 'ping') return { v: PROTOCOL_VERSION, type: 'ping' };
  try {
    const profile = validateProfileName(r.profile, 'source profile name');
    const asker = parseAsker(r.asker);
    if (r.type === 'mfaProcess') return { v: PROTOCOL_VERSION, type: 'mfaProcess', profile, asker };
    if (r.type !== 'renew') throw new ProtocolError('BadRequest', 'type');
    const req: RenewRequest = { v: PROTOCOL_VERSION, type: 'renew', profile, target: validateProfileName(r.target, 'target profile name'), asker };
    if (r.serial !== undefined) req.serial = validateSerial(r.serial);
    if (r.durationSeconds !== undefined) req.durationSeconds = validateDuration(r.durationSeconds);
    return req;
  } catch (e) {
    if (e instanceof ProtocolError) throw e;
    throw new ProtocolError('BadRequest', e instanceof Error ? e.message : 'invalid');
  }
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 8192;

/** Parses one reply line (the CLI side). Throws ProtocolError on anything malformed. */
export function parseReply(line: string): Reply {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new ProtocolError('BadRequest', 'reply is not JSON');
  }
  const r = raw as Record<string, unknown> | null;
  if (!r || typeof r !== 'object' || Array.isArray(r)) throw new ProtocolError('BadRequest', 'reply is not an object');
  if (r.v !== PROTOCOL_VERSION) throw new ProtocolError('UnsupportedVersion', `reply version ${String(r.v)}`);
  if (r.ok === false) {
    const e = r.error as Record<string, unknown> | null;
    if (!e || !isString(e.code) || !isString(e.message) || (e.ja !== undefined && !isString(e.ja))) throw new ProtocolError('BadRequest', 'reply error');
    return { v: PROTOCOL_VERSION, ok: false, error: { code: e.code as ErrorCode, message: e.message, ...(e.ja ? { ja: e.ja } : {}) } };
  }
  if (r.ok !== true) throw new ProtocolError('BadRequest', 'reply ok');
  const out: Reply = { v: PROTOCOL_VERSION, ok: true };
  if (r.credentials !== undefined) {
    const c = r.credentials as Record<string, unknown> | null;
    if (!c || c.Version !== 1 || !isString(c.AccessKeyId) || !isString(c.SecretAccessKey) || !isString(c.SessionToken) || !isString(c.Expiration)) {
      throw new ProtocolError('BadRequest', 'reply credentials');
    }
    if (Number.isNaN(Date.parse(c.Expiration))) throw new ProtocolError('BadRequest', 'reply expiration');
    out.credentials = { Version: 1, AccessKeyId: c.AccessKeyId, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken, Expiration: c.Expiration };
  }
  if (r.login !== undefined) {
    const l = r.login as Record<string, unknown> | null;
    if (!l || !isString(l.profile) || !isString(l.target) || !isString(l.serial) || !isString(l.expiration)) throw new ProtocolError('BadRequest', 'reply login');
    out.login = { profile: l.profile, target: l.target, serial: l.serial, expiration: l.expiration };
  }
  return out;
}

export const encode = (message: Request | Reply): string => `${JSON.stringify(message)}\n`;
