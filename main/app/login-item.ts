/**
 * Start at login: the OS login item on macOS/Windows (app.setLoginItemSettings), an XDG autostart
 * entry on Linux. What is registered is this app, in development too:
 * - Windows: `path` and `args` are honoured (documented for Windows only), so `npm start`
 *   registers the Electron binary with the app folder, and reads back with the same values.
 * - macOS: the login item is always the running bundle; under `npm start` that is Electron.app,
 *   so development builds cannot register themselves ('unavailable').
 * The state shown is what the OS will really do: macOS's `status` ('requires-approval' when the
 * user switched it off in System Settings), Windows's `executableWillLaunchAtLogin` (false when the
 * entry is disabled in Task Manager).
 */
import * as os from 'node:os';
import { app, shell } from 'electron';
import { XdgAutostart, type LoginItem, type LoginItemState } from '../core/autostart';
import { UserError } from '../core/errors';
import type { PlatformTraits } from '../platform/traits';
import { appSentences } from './report';

class MacLoginItem implements LoginItem {
  constructor(private readonly packaged: boolean) {}

  state(): LoginItemState {
    if (!this.packaged) return 'unavailable';
    const s = app.getLoginItemSettings();
    if (s.status === 'requires-approval') return 'needs-approval';
    return s.openAtLogin ? 'on' : 'off';
  }

  isEnabled(): boolean {
    return this.state() === 'on';
  }

  setEnabled(enabled: boolean): void {
    if (!this.packaged) {
      throw new UserError(appSentences.loginItemDevelopment, 'BadInput', 'usage');
    }
    // Turning it on again after the user switched it off in System Settings needs their approval there.
    if (enabled && this.state() === 'needs-approval') {
      void shell.openExternal('x-apple.systempreferences:com.apple.LoginItems-Settings.extension');
      return;
    }
    app.setLoginItemSettings({ openAtLogin: enabled });
  }
}

class WindowsLoginItem implements LoginItem {
  private readonly launch: { path: string; args: string[] };

  constructor(packaged: boolean) {
    // "Take care to wrap paths in quotes": the args are written to the Run key as given.
    this.launch = packaged ? { path: process.execPath, args: [] } : { path: process.execPath, args: [`"${app.getAppPath()}"`] };
  }

  state(): LoginItemState {
    const s = app.getLoginItemSettings(this.launch);
    return s.openAtLogin && s.executableWillLaunchAtLogin ? 'on' : 'off';
  }

  isEnabled(): boolean {
    return this.state() === 'on';
  }

  setEnabled(enabled: boolean): void {
    // `enabled` (default true) also re-approves an entry the user disabled in Task Manager.
    app.setLoginItemSettings({ openAtLogin: enabled, ...this.launch });
  }
}

export function createLoginItem(traits: PlatformTraits): LoginItem {
  if (traits.app.loginItem === 'macos-login-item') return new MacLoginItem(app.isPackaged);
  if (traits.app.loginItem === 'windows-run-key') return new WindowsLoginItem(app.isPackaged);
  return new XdgAutostart({ env: process.env, execPath: process.execPath, packaged: app.isPackaged, appPath: app.getAppPath() }, os.homedir());
}
