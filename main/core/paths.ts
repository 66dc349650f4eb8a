import * as os from 'node:os';
import * as path from 'node:path';
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

function expandHome(p: string, home: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(home, p.slice(1)) : p;
}

/** Electron's appData folder per OS, joined with the app name: the same folder as `userData`. */
export function defaultSettingsDir(env: NodeJS.ProcessEnv, home: string, platform = HOST_PLATFORM): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME);
}

export function resolvePaths(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir(), platform: NodeJS.Platform = HOST_PLATFORM): Paths {
  return {
    credentialsFile: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'), home),
    configFile: expandHome(env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'), home),
    settingsDir: expandHome(env.AWS_MFA_TRAY_HOME || defaultSettingsDir(env, home, platform), home),
  };
}
