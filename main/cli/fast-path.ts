/**
 * `credential-process <target>` with a valid session (at least 5 minutes left): the JSON straight
 * from the credentials file, with nothing else loaded. Anything else (no session, one to renew, an
 * unusable file, other arguments) returns null and the full program handles it, with its sentences.
 */
import { awsFolderCheck } from '../core/folder-safety';
import { resolvePaths } from '../core/paths';
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
