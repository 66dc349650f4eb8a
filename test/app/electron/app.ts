/**
 * `app`: the methods every OS has, and those Electron defines on one platform only (app.hide and
 * app.dock on macOS, app.setAppUserModelId on Windows), absent elsewhere as in Electron's bindings.
 * app.setPath throws for a folder that does not exist ("If the path specifies a directory that does
 * not exist, an Error is thrown").
 */
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { App, Dock, FocusOptions, LoginItemSettings, LoginItemSettingsOptions, Settings as LoginSettings } from 'electron';
import type { FakeElectron } from '../fake-electron';
import { loginItemSettings, setLoginItem } from './login-items';

export type FakeApp = EventEmitter & { quit(): void };

export function createApp(fake: FakeElectron): FakeApp {
  const { o, record } = fake;
  const common = {
    isPackaged: o.isPackaged,
    whenReady: (): Promise<void> => {
      record('app', 'whenReady', []);
      return fake.readyNow ? Promise.resolve() : new Promise<void>((resolve) => fake.readyWaiters.push(resolve));
    },
    isReady: () => fake.readyNow,
    requestSingleInstanceLock: (): boolean => {
      record('app', 'requestSingleInstanceLock', [fake.paths.get('userData')]);
      return fake.lock.take();
    },
    enableSandbox: () => record('app', 'enableSandbox', []),
    getLocale: () => o.locale,
    getVersion: () => o.version,
    getName: () => 'aws-mfa-tray',
    getAppPath: () => o.appPath,
    getPath: (name: Parameters<App['getPath']>[0]): string => {
      const p = fake.paths.get(name);
      if (p === undefined) throw new Error(`fake electron: app.getPath('${name}') is not modelled`);
      return p;
    },
    // "If the path specifies a directory that does not exist, an Error is thrown."
    setPath: (name: string, value: string): void => {
      record('app', 'setPath', [name, value]);
      if (!path.isAbsolute(value)) throw new Error('Path must be absolute');
      if (!fs.existsSync(value) || !fs.statSync(value).isDirectory()) throw new Error(`Failed to set path`);
      fake.paths.set(name, value);
    },
    quit: (): void => {
      record('app', 'quit', []);
      fake.quit();
    },
    // "Exits immediately with exitCode ... without asking the user, 'before-quit' and 'will-quit' are not emitted."
    exit: (exitCode?: number): void => {
      record('app', 'exit', [exitCode ?? 0]);
      fake.exit(exitCode ?? 0);
    },
    focus: (options?: FocusOptions): void => {
      record('app', 'focus', [options ?? null]);
      fake.activeApp = 'self';
    },
    getLoginItemSettings: (options?: LoginItemSettingsOptions): LoginItemSettings => {
      record('app', 'getLoginItemSettings', [options ?? null]);
      return loginItemSettings(fake, options ?? {});
    },
    setLoginItemSettings: (settings: LoginSettings): void => {
      record('app', 'setLoginItemSettings', [settings]);
      setLoginItem(fake, settings);
    },
  } satisfies Partial<App>;

  // Methods Electron only defines on one platform are absent elsewhere, as in Electron's bindings.
  const darwinOnly = {
    // "Hides all application windows without minimizing them": the previous app becomes active.
    hide: (): void => {
      record('app', 'hide', []);
      fake.activeApp = 'previous';
      for (const w of fake.windows) if (w.visible) w.hideForApp();
    },
    show: (): void => record('app', 'show', []),
    dock: {
      hide: () => record('dock', 'hide', []),
      show: () => {
        record('dock', 'show', []);
        return Promise.resolve();
      },
      isVisible: () => false,
    } satisfies Pick<Dock, 'hide' | 'show' | 'isVisible'>,
  } satisfies Partial<Omit<App, 'dock'>> & { dock: Pick<Dock, 'hide' | 'show' | 'isVisible'> };
  const win32Only = {
    setAppUserModelId: (id: string): void => {
      record('app', 'setAppUserModelId', [id]);
      fake.appUserModelId = id;
    },
  } satisfies Partial<App>;

  const app = Object.assign(new EventEmitter(), common, o.platform === 'darwin' ? darwinOnly : {}, o.platform === 'win32' ? win32Only : {});
  const origOn = app.on.bind(app);
  app.on = (event: string, listener: (...a: unknown[]) => void) => {
    record('app', 'on', [event]);
    return origOn(event, listener);
  };
  return app;
}
