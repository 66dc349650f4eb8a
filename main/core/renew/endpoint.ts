/**
 * Where the tray app listens for code requests, and how the CLI finds it: at each start the app
 * picks a random socket (POSIX) or pipe (Windows) name and a random key, and records both in
 * tray-endpoint.json, a 0600 file in the settings folder. The CLI reads that file; nothing about
 * the address is computed from public facts (a pipe's name is machine-wide on Windows).
 *
 * POSIX sockets live in a private (0700) folder: settings/ipc, or, when that path is too long for a
 * socket, a fresh mkdtemp folder in $XDG_RUNTIME_DIR (else the temp folder), recorded in the file.
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Sentence, UserError } from '../errors';
import { assertSafeSettingsFolder } from '../folder-safety';
import { HOST_PLATFORM } from '../host';
import { homeDir } from '../paths';
import { writeJsonFileAsync } from '../json-file';
import { otherVersion } from './envelope';
import { PROTOCOL_VERSION } from './protocol';

export interface AgentEndpoint {
  settingsDir: string;
  /** tray-endpoint.json: address and key of the running app. */
  keyFile: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/** What the key file records. */
export interface Place {
  /** What net.connect / server.listen take. */
  address: string;
  /** The private folder holding the socket (POSIX only). */
  dir: string | null;
  /** A folder made for this start alone (removed at quit). */
  temporary: boolean;
}

export interface KeyFile extends Place {
  key: Buffer;
  pid: number;
}

export const KEY_FILE_NAME = 'tray-endpoint.json';

/** sun_path holds 104 bytes on macOS, 108 on Linux, terminator included. */
const MAX_SOCKET_PATH = 100;

export function agentEndpoint(settingsDir: string, platform: NodeJS.Platform = HOST_PLATFORM, env: NodeJS.ProcessEnv = process.env): AgentEndpoint {
  const dir = path.resolve(settingsDir);
  return { settingsDir: dir, keyFile: path.join(dir, KEY_FILE_NAME), platform, env };
}

const myUid = (): number | null => (typeof process.getuid === 'function' ? process.getuid() : null);

/** A fresh random name: nobody can create it first, as nobody can know it. */
export const randomName = (): string => randomBytes(12).toString('hex');

/** $XDG_RUNTIME_DIR when it is what the spec promises: absolute, a folder of ours, 0700. */
async function runtimeDir(env: NodeJS.ProcessEnv): Promise<string | null> {
  const dir = env.XDG_RUNTIME_DIR;
  if (!dir || !path.isAbsolute(dir)) return null;
  try {
    const st = await fs.lstat(dir);
    return st.isDirectory() && st.uid === myUid() && (st.mode & 0o077) === 0 ? dir : null;
  } catch {
    return null;
  }
}

/** Where this start listens: the settings folder's ipc folder, else a fresh private folder. */
export async function choosePlace(ep: AgentEndpoint, name: string): Promise<Place> {
  if (ep.platform === 'win32') return { address: `\\\\.\\pipe\\aws-mfa-tray-${name}`, dir: null, temporary: false };
  const own = path.join(ep.settingsDir, 'ipc');
  const socket = path.join(own, `${name}.sock`);
  if (Buffer.byteLength(socket) <= MAX_SOCKET_PATH) {
    await preparePrivateDir(own);
    return { address: socket, dir: own, temporary: false };
  }
  // Too deep for a socket path. mkdtemp's name is random and made 0700 by us: never one someone made first.
  const base = (await runtimeDir(ep.env)) ?? os.tmpdir();
  const dir = await fs.mkdtemp(path.join(base, 'aws-mfa-tray-'));
  return { address: path.join(dir, 'tray.sock'), dir, temporary: true };
}

/**
 * Makes the socket's folder private: created 0700, and refused if it is someone else's. Only its
 * owner can then reach the socket, whatever the socket file's own mode (bind() honours the umask).
 */
export async function preparePrivateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const st = await fs.lstat(dir);
  const uid = myUid();
  if (!st.isDirectory() || (uid !== null && st.uid !== uid)) {
    throw new Error(`${dir} is not a folder of this user; remove it so aws-mfa-tray can listen for code requests`);
  }
  if ((st.mode & 0o077) !== 0) await fs.chmod(dir, 0o700);
}

const homeOf = (ep: AgentEndpoint): string => {
  try {
    return homeDir(ep.env, ep.platform);
  } catch {
    return path.parse(ep.settingsDir).root;
  }
};

/** Throws SettingsUnusable when another user could change the folder the key file goes in. */
export function assertSafeEndpointFolder(ep: AgentEndpoint): void {
  if (ep.platform !== 'win32') assertSafeSettingsFolder(ep.settingsDir, homeOf(ep));
}

export async function writeKeyFile(ep: AgentEndpoint, file: KeyFile): Promise<void> {
  const { address, dir, temporary, pid } = file;
  await writeJsonFileAsync(ep.keyFile, { v: PROTOCOL_VERSION, address, dir, temporary, key: file.key.toString('base64url'), pid });
}

export type KeyFileRead = { kind: 'none' } | { kind: 'found'; file: KeyFile } | { kind: 'refused'; why: Sentence };

const unsafeKeyFile = (file: string): Sentence => ({
  en: `${file} is not private to this user, so the aws-mfa-tray app it names is not trusted; quit the app, remove the file and start the app again.`,
  ja: `${file} がこのユーザー専用ではないため、そこに書かれた aws-mfa-tray アプリは信頼しません。アプリを終了し、ファイルを削除してから、もう一度アプリを起動してください。`,
});

/** The key file as the app wrote it: a private regular file of ours (never through a symlink). */
export async function readKeyFile(ep: AgentEndpoint): Promise<KeyFileRead> {
  if (ep.platform !== 'win32') {
    // A folder someone else can change could hold their key file in place of ours.
    try {
      assertSafeSettingsFolder(ep.settingsDir, homeOf(ep));
    } catch (e) {
      return { kind: 'refused', why: { en: (e as UserError).message, ja: (e as UserError).ja } };
    }
  }
  let text: string;
  try {
    const handle = await fs.open(ep.keyFile, constants.O_RDONLY | (ep.platform === 'win32' ? 0 : constants.O_NOFOLLOW));
    try {
      const st = await handle.stat();
      const uid = myUid();
      if (ep.platform !== 'win32' && (!st.isFile() || (uid !== null && st.uid !== uid) || (st.mode & 0o077) !== 0)) return { kind: 'refused', why: unsafeKeyFile(ep.keyFile) };
      if (st.size > 4096) return { kind: 'refused', why: unsafeKeyFile(ep.keyFile) };
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'none' };
    return { kind: 'refused', why: unsafeKeyFile(ep.keyFile) }; // ELOOP: a symlink in its place
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { kind: 'none' }; // a half-written file cannot exist (atomic write); a foreign one proves nothing
  }
  if (!raw || typeof raw !== 'object') return { kind: 'none' };
  if (raw.v !== PROTOCOL_VERSION) return { kind: 'refused', why: otherVersion(typeof raw.v === 'number' ? String(raw.v) : 'unknown') };
  const key = typeof raw.key === 'string' ? Buffer.from(raw.key, 'base64url') : Buffer.alloc(0);
  if (typeof raw.address !== 'string' || raw.address === '' || key.length !== 32 || !(raw.dir === null || typeof raw.dir === 'string')) return { kind: 'none' };
  return { kind: 'found', file: { address: raw.address, dir: raw.dir, temporary: raw.temporary === true, key, pid: typeof raw.pid === 'number' ? raw.pid : 0 } };
}

/**
 * POSIX, on top of the key: the socket is one this user made, in a folder that is ours and private.
 * Windows pipes have no such check; the key is what counts there.
 */
export async function isOwnSocket(place: Pick<Place, 'address' | 'dir'>): Promise<boolean> {
  if (place.dir === null) return true;
  const uid = myUid();
  try {
    const [d, s] = await Promise.all([fs.lstat(place.dir), fs.lstat(place.address)]);
    return d.isDirectory() && (d.mode & 0o077) === 0 && s.isSocket() && (uid === null || (d.uid === uid && s.uid === uid));
  } catch {
    return false;
  }
}
