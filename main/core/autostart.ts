/**
 * Start at login. Linux: an XDG autostart entry, $XDG_CONFIG_HOME/autostart/aws-mfa-tray.desktop
 * (default ~/.config). macOS/Windows use Electron's app.setLoginItemSettings (main/app/login-item.ts)
 * behind the same interface.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { APP_NAME } from './paths';

/**
 * What the OS will do at the next login. 'needs-approval': registered, but macOS waits for the user
 * to allow it in System Settings > Login Items. 'unavailable': this build cannot register itself
 * (macOS under `npm start` would register Electron.app, not this app).
 */
export type LoginItemState = 'on' | 'off' | 'needs-approval' | 'unavailable';

export interface LoginItem {
  /** True only when the app will really start at the next login. */
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
  /** The full state when it is more than on/off. */
  state?(): LoginItemState;
}

export function loginItemState(item: Pick<LoginItem, 'isEnabled' | 'state'>): LoginItemState {
  return item.state ? item.state() : item.isEnabled() ? 'on' : 'off';
}

export interface LaunchCommand {
  /** Environment: APPIMAGE (set by the AppImage runtime) and XDG_CONFIG_HOME are read. */
  env: NodeJS.ProcessEnv;
  /** process.execPath: the app binary when packaged, the electron binary in development. */
  execPath: string;
  /** app.isPackaged */
  packaged: boolean;
  /** app.getAppPath(): passed to the electron binary in development. */
  appPath: string;
}

/** The argv that starts this app again: the AppImage file, the packaged binary, or electron + app folder. */
export function launchArgv(c: LaunchCommand): string[] {
  // Inside an AppImage execPath is in a temporary mount that is gone after exit.
  if (c.env.APPIMAGE) return [c.env.APPIMAGE];
  return c.packaged ? [c.execPath] : [c.execPath, c.appPath];
}

/**
 * Quotes one Exec argument per the Desktop Entry spec: reserved characters force double quotes,
 * inside which ", `, $ and \ are backslash-escaped; then the string-value escaping doubles every
 * backslash again, and a literal % is written %%.
 */
export function quoteExecArg(arg: string): string {
  let out = arg;
  if (/[\s"'\\><~|&;$*?#()`]/.test(arg) || arg === '') out = `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
  return out.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export function desktopEntry(argv: string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${APP_NAME}`,
    'Comment=AWS MFA sessions from the tray',
    `Exec=${argv.map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function autostartFile(env: NodeJS.ProcessEnv, home: string): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'autostart', `${APP_NAME}.desktop`);
}

export class XdgAutostart implements LoginItem {
  readonly file: string;

  constructor(
    private readonly launch: LaunchCommand,
    home: string,
  ) {
    this.file = autostartFile(launch.env, home);
  }

  /** Enabled when our entry exists and is not switched off (Hidden=true or the GNOME key false). */
  isEnabled(): boolean {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return false;
    }
    return !/^Hidden\s*=\s*true\s*$/m.test(text) && !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(text);
  }

  setEnabled(enabled: boolean): void {
    if (!enabled) {
      fs.rmSync(this.file, { force: true });
      return;
    }
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    // Written whole each time, so a moved AppImage gets its new path on the next enable.
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, desktopEntry(launchArgv(this.launch)), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}

/**
 * First run of the installed app turns start-at-login on when the preference says so (default
 * true); later runs leave it to the user. A development run (`npm start`) never registers itself:
 * it would register the Electron binary, whose welcome window would then open at every login.
 */
export function applyFirstRunAutostart(firstRun: boolean, packaged: boolean, startAtLogin: boolean, item: LoginItem): void {
  if (firstRun && packaged && startAtLogin && loginItemState(item) === 'off') item.setEnabled(true);
}
