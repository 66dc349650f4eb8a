/**
 * Will a tray icon show? On Linux Electron's Tray is a StatusNotifierItem, drawn only while a
 * StatusNotifierWatcher owns its name on the session bus (KDE, Ubuntu's GNOME with the AppIndicator
 * extension, most panels); stock GNOME has none, and GNOME Shell draws no XEmbed fallback either.
 * Asked with dbus-send, as secret-service-lock.ts does. null means "cannot tell" (no dbus-send, no
 * session bus, timeout): callers must not treat it as "no tray", or a KDE user without dbus-send
 * would be nagged.
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

/** The session bus's answer: is a StatusNotifierWatcher running? */
export function dbusTrayHost(env: NodeJS.ProcessEnv = process.env): TrayHost {
  return { present: () => nameHasOwner(STATUS_NOTIFIER_WATCHER, env) };
}
