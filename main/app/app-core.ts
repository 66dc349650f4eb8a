/**
 * The core the desktop app runs on: the settings file, the MfaService (keychain, AWS over the OS's
 * network settings), the OS login item, and the language the app speaks, its reports included.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { app, session } from 'electron';
import type { LoginItem } from '../core/autostart';
import { CachingKeychain, type Keychain } from '../core/keychain';
import { keychainForApp } from '../core/keychain-choice';
import type { PlatformNetwork } from '../core/network/network-config';
import type { Paths } from '../core/paths';
import { MfaService } from '../core/session';
import { defaultSettings, FileSettingsStore, SETTINGS_NAME } from '../core/settings';
import { AwsGateway } from '../core/sts';
import type { Settings } from '../core/types';
import type { PlatformTraits } from '../platform/traits';
import { resolveLocale, type Locale } from '../tray/strings';
import { createLoginItem } from './login-item';
import { osNetwork } from './os-network';
import { report, setReportLocale } from './report';
import type { ZoomSetting } from './windows';

export interface AppCore {
  paths: Paths;
  settings: FileSettingsStore;
  /** The settings, or the defaults when the file cannot be read (the failure is reported). */
  readSettings: () => Settings;
  service: MfaService;
  /** The keychain the service reads (key rotation writes through it, so it forgets the old key). */
  keychain: Keychain;
  /** The OS's network settings, for the clients outside the service (key rotation). */
  network: PlatformNetwork;
  loginItem: LoginItem;
  locale: () => Locale;
  /** No settings file existed at start. */
  firstRun: boolean;
  /** The windows' zoom, kept in the settings file. */
  zoom: ZoomSetting;
}

export interface CoreOptions {
  paths: Paths;
  env: NodeJS.ProcessEnv;
  traits: PlatformTraits;
}

export function createCore(o: CoreOptions): AppCore {
  const { paths } = o;
  const firstRun = !fs.existsSync(path.join(paths.settingsDir, `${SETTINGS_NAME}.json`));
  const settings = new FileSettingsStore(paths.settingsDir);
  const readSettings = (): Settings => {
    try {
      return settings.read();
    } catch (e) {
      report(e);
      return structuredClone(defaultSettings);
    }
  };
  const keychain = new CachingKeychain(keychainForApp(o.env, settings, paths.settingsDir));
  const network = osNetwork(session.defaultSession);
  const service = new MfaService({
    paths,
    keychain,
    aws: new AwsGateway({ env: o.env, platform: network }),
    settings,
  });
  const loginItem = createLoginItem(o.traits);
  const locale = (): Locale => resolveLocale(readSettings().preferences.language, app.getLocale());
  // Not through readSettings(): its failure is reported, and the report asks for the locale.
  setReportLocale(() => {
    try {
      return resolveLocale(settings.read().preferences.language, app.getLocale());
    } catch {
      return resolveLocale('auto', app.getLocale());
    }
  });
  const zoom: ZoomSetting = {
    get: () => readSettings().zoomFactor ?? 1,
    set: (zoomFactor) => {
      try {
        settings.write({ ...settings.read(), zoomFactor });
      } catch (e) {
        report(e);
      }
    },
  };
  return { paths, settings, readSettings, service, keychain, network, loginItem, locale, firstRun, zoom };
}
