/**
 * Key rotation and key age in the app (issue 20): the rotateKey channel's handler over the app's
 * keychain, MfaService and network; the key-age refresh after each login in the popup (in the
 * background: the app is long-lived); the weekly reminder, whose click opens the rotation panel.
 */
import type { Keychain } from '../core/keychain';
import { refreshKeyAgeAfterLogin } from '../core/keys/key-age';
import { AwsKeyApi } from '../core/keys/key-gateway';
import { keyApiTarget } from '../core/keys/rotation-session';
import type { PlatformNetwork } from '../core/network/network-config';
import type { Paths } from '../core/paths';
import type { MfaService } from '../core/session';
import type { SettingsStore } from '../core/settings';
import type { IpcHandlers } from '../ipc/handlers';
import { rotateKeyForApp, type RotateKeyReply } from '../ipc/rotate-key';
import { KeyReminders } from '../tray/key-reminders';
import type { Notifier } from '../tray/notifications';

export interface AppRotationOptions {
  paths: Paths;
  env: NodeJS.ProcessEnv;
  settings: SettingsStore;
  service: MfaService;
  /** The keychain the service uses (a caching one: rotation's write drops what it remembers). */
  keychain: Keychain;
  platform: PlatformNetwork;
  notifier: Notifier;
  locale(): 'en' | 'ja';
  /** Opens the popup with the rotation panel for the profile. */
  showRotation(sourceProfile: string): void;
  onStateChanged(): void;
  /** How long after a login its key's date is asked for. Default 30 s. */
  ageRefreshDelayMs?: number;
}

export interface AppRotation {
  rotateKey: (req: unknown) => Promise<RotateKeyReply>;
  /** The handlers, with the key-age refresh after each successful popup login. */
  withAgeRefresh(handlers: IpcHandlers): IpcHandlers;
  reminders: KeyReminders;
}

export function createAppRotation(o: AppRotationOptions): AppRotation {
  const api = (): AwsKeyApi => new AwsKeyApi({ env: o.env, platform: o.platform });
  const rotateKey = rotateKeyForApp({
    paths: o.paths,
    env: o.env,
    keychain: o.keychain,
    settings: o.settings,
    service: o.service,
    api,
    locale: () => o.locale(),
    onStateChanged: () => o.onStateChanged(),
  });
  const withAgeRefresh = (handlers: IpcHandlers): IpcHandlers => ({
    ...handlers,
    login: async (req) => {
      const r = await handlers.login(req);
      if (r.ok) {
        const { profile, target } = r.value;
        // At most once a day per key while its date is unknown; a little after the login, never in its way.
        const later = setTimeout(() => void refresh(profile, target), o.ageRefreshDelayMs ?? 30_000);
        later.unref();
      }
      return r;
    },
  });
  const refresh = (profile: string, target: string): Promise<void> =>
    refreshKeyAgeAfterLogin({
      settingsDir: o.paths.settingsDir,
      credentialsFile: o.paths.credentialsFile,
      keychain: o.keychain,
      profile,
      target,
      at: () => keyApiTarget(o.paths, o.env, profile),
      api,
    }).done;
  const reminders = new KeyReminders({
    settingsDir: o.paths.settingsDir,
    settings: o.settings,
    keychain: o.keychain,
    notifier: o.notifier,
    locale: () => o.locale(),
    rotate: (p) => o.showRotation(p),
  });
  return { rotateKey, withAgeRefresh, reminders };
}
