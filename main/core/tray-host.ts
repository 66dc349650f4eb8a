/**
 * Will a tray icon show? On Linux Electron's Tray is a StatusNotifierItem, drawn only while a
 * StatusNotifierWatcher owns its name on the session bus (KDE, Ubuntu's GNOME with the AppIndicator
 * extension, most panels). Without one Electron falls back to an XEmbed icon, which X11 panels such
 * as i3bar or LXDE's draw, but GNOME Shell does not, nor anything on Wayland. Asked with dbus-send,
 * as secret-service-lock.ts does. null means "cannot tell" (no dbus-send, no session bus, timeout,
 * an X11 desktop that may draw XEmbed icons): callers must not treat it as "no tray", or a KDE user
 * without dbus-send would be nagged.
 */
import { execFile } from 'node:child_process';

export const STATUS_NOTIFIER_WATCHER = 'org.kde.StatusNotifierWatcher';

/** Whether some connection owns `name` on the session bus; null when the bus cannot be asked. */
export function nameHasOwner(name: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean | null> {
  // Without an address dbus-send may autolaunch a fresh, empty bus (which would say "nobody").
  if (!env.DBUS_SESSION_BUS_ADDRESS) return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--reply-timeout=1000',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        `string:${name}`,
      ],
      { env, timeout: 2000 },
      (err, stdout) => {
        if (err) return resolve(null);
        const m = /boolean (true|false)/.exec(stdout);
        resolve(m ? m[1] === 'true' : null);
      },
    );
  });
}

/** Where the tray's icon would be drawn; the app takes one so tests can play either desktop. */
export interface TrayHost {
  /** true: a tray shows the icon; false: nothing will; null: cannot tell. */
  present(): Promise<boolean | null>;
}

/** No XEmbed fallback will be drawn: a Wayland session, or GNOME Shell (which dropped its legacy tray). */
function noXEmbedTray(env: NodeJS.ProcessEnv): boolean {
  return env.XDG_SESSION_TYPE === 'wayland' || (env.XDG_CURRENT_DESKTOP ?? '').split(':').includes('GNOME');
}

/** The session bus's answer (is a StatusNotifierWatcher running?), and where none runs, the desktop's. */
export function dbusTrayHost(env: NodeJS.ProcessEnv = process.env): TrayHost {
  return {
    present: async () => {
      const watcher = await nameHasOwner(STATUS_NOTIFIER_WATCHER, env);
      return watcher === false && !noXEmbedTray(env) ? null : watcher;
    },
  };
}
