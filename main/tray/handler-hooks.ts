/**
 * App-side effects around the core's IPC handlers, kept out of the core: a login that finishes
 * while the popup is closed is announced by a notification, and a saved start-at-login
 * preference is applied to the OS login item.
 */
import type { LoginItem } from '../core/autostart';
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
    savePreferences: async (req) => {
      const result = await handlers.savePreferences(req);
      if (result.ok && result.value.startAtLogin !== hooks.loginItem.isEnabled()) {
        try {
          hooks.loginItem.setEnabled(result.value.startAtLogin);
        } catch (e) {
          hooks.onError?.(e);
        }
      }
      return result;
    },
  };
}
