/** Start at login: the OS login item on macOS/Windows, an XDG autostart entry on Linux. */
import * as os from 'node:os';
import { app } from 'electron';
import { XdgAutostart, type LoginItem } from '../core/autostart';

class ElectronLoginItem implements LoginItem {
  isEnabled(): boolean {
    return app.getLoginItemSettings().openAtLogin;
  }

  setEnabled(enabled: boolean): void {
    // The app opens no window at start-up, so launching it normally is already "hidden".
    app.setLoginItemSettings({ openAtLogin: enabled });
  }
}

export function createLoginItem(platform: NodeJS.Platform = process.platform): LoginItem {
  if (platform === 'linux') {
    return new XdgAutostart({ env: process.env, execPath: process.execPath, packaged: app.isPackaged, appPath: app.getAppPath() }, os.homedir());
  }
  return new ElectronLoginItem();
}
