/**
 * Is the Secret Service's default collection locked? keytar cannot say: on a locked collection
 * getPassword answers null (as if there were no keys) and findCredentials crashes the process
 * (libsecret asserts on a NULL secret). So on Linux we ask D-Bus first, with dbus-send (shipped with
 * D-Bus itself, ~6 ms), and treat "cannot tell" as "not locked" so keytar's own errors still apply.
 */
import { execFile } from 'node:child_process';
import { HOST_PLATFORM } from './host';

export function secretServiceLocked(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = HOST_PLATFORM): Promise<boolean | null> {
  if (platform !== 'linux') return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--reply-timeout=2000',
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets/aliases/default',
        'org.freedesktop.DBus.Properties.Get',
        'string:org.freedesktop.Secret.Collection',
        'string:Locked',
      ],
      { env, timeout: 3000 },
      (err, stdout) => {
        if (err) return resolve(null);
        const m = /boolean (true|false)/.exec(stdout);
        resolve(m ? m[1] === 'true' : null);
      },
    );
  });
}
