/**
 * App-side effects around the core's IPC handlers, kept out of the core: a login that finishes
 * while the popup is closed is announced by a notification, and a saved start-at-login
 * preference is applied to the OS login item. The settings window is shown what the OS will do
 * (the login item's state), not only what was asked for.
 */
import { loginItemState, type LoginItem } from '../core/autostart';
import type { IpcHandlers } from '../ipc/handlers';
import { loginResultNotification, type Notifier } from './notifications';
import type { Locale } from './strings';

export interface HandlerHooks {
  popupVisible(): boolean;
  notifier: Notifier;
  locale(): Locale;
  openPopup(sourceProfile: string | null): void;
  loginItem: LoginItem;
  onError?(e: unknown): void;
  /** No panel draws the tray icon (Linux without a StatusNotifierWatcher): the windows say so. */
  trayHidden?(): boolean;
  /** Where a squatter was found at start (main/core/renew/agent-server.ts): the windows say so. */
  endpointSquatter?(): string | null;
}

export function withAppHooks(handlers: IpcHandlers, hooks: HandlerHooks): IpcHandlers {
  return {
    ...handlers,
    login: async (req) => {
      const result = await handlers.login(req);
      if (!hooks.popupVisible()) {
        const source = (req as { sourceProfile?: unknown } | null)?.sourceProfile;
        const retry = () => hooks.openPopup(typeof source === 'string' ? source : null);
        hooks.notifier.show(loginResultNotification(result, hooks.locale()), result.ok ? undefined : retry);
      }
      return result;
    },
    // The settings window is shown what the OS will do (the login item's state), and whether a panel draws the icon.
    getState: (req) => handlers.getState(req, { loginItem: loginItemState(hooks.loginItem), trayHidden: hooks.trayHidden?.() ?? false, endpointSquatter: hooks.endpointSquatter?.() ?? null }),
    savePreferences: async (req) => {
      const result = await handlers.savePreferences(req);
      if (!result.ok) return result;
      const state = loginItemState(hooks.loginItem);
      // The box showed whether the app will start at login; only a change of it is applied (saving the
      // language leaves a login item the user switched off in System Settings alone). Ticking it while
      // macOS needs approval opens System Settings there (main/app/login-item.ts); 'unavailable' cannot change.
      const wanted = result.value.startAtLogin;
      if (state !== 'unavailable' && wanted !== (state === 'on')) {
        try {
          hooks.loginItem.setEnabled(wanted);
        } catch (e) {
          hooks.onError?.(e);
        }
      }
      return { ok: true, value: { ...result.value, startAtLogin: loginItemState(hooks.loginItem) === 'on' } };
    },
  };
}
