/**
 * `credential-process <target>` with a valid session (at least 5 minutes left): the JSON straight
 * from the credentials file, with nothing else loaded. Anything else (no session, one to renew, an
 * unusable file, other arguments) returns null and the full program handles it, with its sentences.
 */
import { writeSync } from 'node:fs';
import { awsFolderCheck } from '../core/folder-safety';
import { resolvePaths } from '../core/paths';
import { endQuietlyOnClosedOutput } from './closed-output';
import { isProfileName } from '../core/profile-name';
import { validSession } from '../core/renew/valid-session';

export async function credentialProcessFastPath(args: string[], env: NodeJS.ProcessEnv): Promise<string | null> {
  const [command, target, ...rest] = args;
  if (command !== 'credential-process' || target === undefined || rest.length > 0 || !isProfileName(target)) return null;
  try {
    const { credentialsFile } = resolvePaths(env);
    // A ~/.aws others can change: the program says so (or warns) rather than hand out what is in it.
    if (awsFolderCheck(credentialsFile)) return null;
    const session = await validSession(credentialsFile, target, Date.now());
    return session ? `${JSON.stringify(session)}\n` : null;
  } catch {
    return null; // the program reads it again and says what is wrong
  }
}

/**
 * The answer straight to file descriptor 1: creating process.stdout (a stream over the pipe the
 * AWS CLI reads, with node:net behind it) costs more than the rest of the fast path. A reader that
 * has gone (EPIPE) ends it quietly, like the program's closed-output rule; anything else (a full
 * non-blocking pipe: EAGAIN; no usable descriptor 1, as for a GUI-subsystem app on Windows) hands
 * the rest to the stream, which deals with it as before.
 */
export function writeAnswer(text: string): void {
  const buf = Buffer.from(text);
  let off = 0;
  try {
    while (off < buf.length) off += writeSync(1, buf, off);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
    endQuietlyOnClosedOutput([process.stdout]);
    process.stdout.write(buf.subarray(off));
  }
}
