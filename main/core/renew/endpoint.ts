/**
 * Where the tray app listens for code requests: a Unix socket in a private (0700) folder of the
 * settings folder, or a named pipe on Windows. Both ends compute the same address from the settings
 * folder, so the CLI finds the app that shares its settings, keychain and credentials file.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOST_PLATFORM } from '../host';

export interface AgentEndpoint {
  /** What net.connect / server.listen take. */
  address: string;
  /** The private folder holding the socket (POSIX only). */
  dir: string | null;
}

/** sun_path holds 104 bytes on macOS, 108 on Linux, terminator included. */
const MAX_SOCKET_PATH = 100;

const digest = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 16);

export function agentEndpoint(settingsDir: string, platform: NodeJS.Platform = HOST_PLATFORM): AgentEndpoint {
  const dir = path.resolve(settingsDir);
  if (platform === 'win32') {
    // Named pipes live in one machine-wide namespace: the user name and folder keep each user's apart.
    return { address: `\\\\.\\pipe\\aws-mfa-tray-${digest(`${os.userInfo().username}\0${dir}`)}`, dir: null };
  }
  const own = path.join(dir, 'ipc');
  const socket = path.join(own, 'tray.sock');
  if (Buffer.byteLength(socket) <= MAX_SOCKET_PATH) return { address: socket, dir: own };
  // A settings folder too deep for a socket path: a private folder in the temp folder instead.
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const tmp = path.join(os.tmpdir(), `aws-mfa-tray-${uid}-${digest(dir)}`);
  return { address: path.join(tmp, 'tray.sock'), dir: tmp };
}

const myUid = (): number | null => (typeof process.getuid === 'function' ? process.getuid() : null);

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

/**
 * Whether the socket at `address` is one this user's app made: a socket, owned by us, in a folder
 * that is ours and private. The CLI asks no one else for a session.
 */
export async function isOwnSocket(endpoint: AgentEndpoint): Promise<boolean> {
  if (endpoint.dir === null) return true; // a named pipe: the pipe's default ACL admits its creator's user only for writing
  const uid = myUid();
  try {
    const [d, s] = await Promise.all([fs.lstat(endpoint.dir), fs.lstat(endpoint.address)]);
    return d.isDirectory() && (d.mode & 0o077) === 0 && s.isSocket() && (uid === null || (d.uid === uid && s.uid === uid));
  } catch {
    return false;
  }
}
