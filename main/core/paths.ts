import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from './errors';
import { HOST_PLATFORM } from './host';

export interface Paths {
  /** ~/.aws/credentials or AWS_SHARED_CREDENTIALS_FILE. */
  credentialsFile: string;
  /** ~/.aws/config or AWS_CONFIG_FILE. */
  configFile: string;
  /** Settings folder: AWS_MFA_TRAY_HOME, else the folder Electron's app.getPath('userData') gives. */
  settingsDir: string;
}

export const APP_NAME = 'aws-mfa-tray';

/** `~` and `~/...`; on Windows `~\\...` too (botocore expands both there, with ntpath.expanduser). */
function expandHome(p: string, home: string, platform: NodeJS.Platform): string {
  const lib = platform === 'win32' ? path.win32 : path.posix;
  return p === '~' || p.startsWith('~/') || (platform === 'win32' && p.startsWith('~\\')) ? lib.join(home, p.slice(1)) : p;
}

/** An environment folder only when absolute: a relative one would mean "wherever the command runs". */
const absolute = (p: string | undefined, platform: NodeJS.Platform): string | undefined =>
  p && (platform === 'win32' ? path.win32.isAbsolute(p) : path.posix.isAbsolute(p)) ? p : undefined;

/**
 * The user's home. An empty or relative HOME counts as unset (else `cd /tmp && HOME= aws-mfa-tray
 * ...` would read a /tmp/.aws that anyone may have planted): the account's home from the password
 * database instead, as ssh and sudo use.
 */
export function homeDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = HOST_PLATFORM): string {
  const fromEnv = platform === 'win32' ? absolute(env.USERPROFILE, platform) : absolute(env.HOME, platform);
  if (fromEnv) return fromEnv;
  try {
    const home = os.userInfo().homedir;
    if (absolute(home, platform)) return home;
  } catch {
    // no password entry for this uid (a bare container)
  }
  throw new UserError(
    { en: 'HOME is not set to an absolute folder and this account has no home folder; set HOME to your home folder and try again.', ja: 'HOME が絶対パスのフォルダーに設定されておらず、このアカウントにはホームフォルダーがありません。HOME にホームフォルダーを設定してからやり直してください。' },
    'SettingsUnusable',
    'usage',
  );
}

/** Electron's appData folder per OS, joined with the app name: the same folder as `userData`. */
export function defaultSettingsDir(env: NodeJS.ProcessEnv, home: string, platform = HOST_PLATFORM): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return path.join(absolute(env.APPDATA, platform) ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  // XDG: "a relative path in any of these variables ... should be considered invalid and ignored".
  return path.join(absolute(env.XDG_CONFIG_HOME, platform) ?? path.join(home, '.config'), APP_NAME);
}

/**
 * The folder for what can be thrown away and made again (the CLI's code cache): XDG_CACHE_HOME or
 * ~/.cache on Linux, ~/Library/Caches on macOS, LocalAppData on Windows (never roamed).
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv, home: string, platform = HOST_PLATFORM): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', APP_NAME);
  if (platform === 'win32') return path.join(absolute(env.LOCALAPPDATA, platform) ?? path.join(home, 'AppData', 'Local'), APP_NAME, 'Cache');
  return path.join(absolute(env.XDG_CACHE_HOME, platform) ?? path.join(home, '.cache'), APP_NAME);
}

export function resolvePaths(env: NodeJS.ProcessEnv = process.env, home?: string, platform: NodeJS.Platform = HOST_PLATFORM): Paths {
  const h = home ?? homeDir(env, platform);
  return {
    credentialsFile: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || path.join(h, '.aws', 'credentials'), h, platform),
    configFile: expandHome(env.AWS_CONFIG_FILE || path.join(h, '.aws', 'config'), h, platform),
    settingsDir: expandHome(env.AWS_MFA_TRAY_HOME || defaultSettingsDir(env, h, platform), h, platform),
  };
}
