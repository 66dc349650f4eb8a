/**
 * app.getLoginItemSettings / app.setLoginItemSettings as documented per OS, over an "OS state" file
 * that outlives the process, like the Windows Run key or SMAppService.
 */
import * as fs from 'node:fs';
import type { LoginItemSettings, LoginItemSettingsOptions, Settings as LoginSettings } from 'electron';
import type { FakeElectron } from '../fake-electron';

/** What the OS remembers between runs: login items (macOS SMAppService, the Windows Run key). */
export interface OsState {
  /** macOS: SMAppService status per app bundle; 'requires-approval' when the user switched it off in System Settings. */
  macLoginItems: Record<string, LoginItemSettings['status']>;
  /** macOS: bundles the user disabled in System Settings > Login Items (registering again needs approval). */
  macUserDisabled: string[];
  /** Windows: HKCU\...\Run values (name -> command line) and StartupApproved (Task Manager) flags. */
  winRun: Record<string, { command: string; enabled: boolean }>;
}

export function readOsState(file: string): OsState {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as OsState;
  } catch {
    return { macLoginItems: {}, macUserDisabled: [], winRun: {} };
  }
}

export function writeOsState(file: string, s: OsState): void {
  fs.writeFileSync(file, JSON.stringify(s, null, 2));
}

/** The login-item command line Electron writes to the Run key: the quoted path, then the args as given. */
const winCommand = (exe: string, args: readonly string[]) => [`"${exe}"`, ...args].join(' ');
const winExeOf = (command: string): string => /^"([^"]*)"/.exec(command)?.[1] ?? command.split(' ')[0] ?? '';

/** app.getLoginItemSettings as documented per OS. */
export function loginItemSettings(fake: FakeElectron, options: LoginItemSettingsOptions): LoginItemSettings {
  const base: LoginItemSettings = { openAtLogin: false, wasOpenedAtLogin: false, status: 'not-registered', executableWillLaunchAtLogin: false, launchItems: [] };
  const state = readOsState(fake.o.osStateFile);
  if (fake.platform === 'darwin') {
    // macOS 13+ (SMAppService.mainApp): the running bundle is the login item; path/args do not exist here.
    const status = state.macLoginItems[bundleOf(fake)] ?? 'not-registered';
    return { ...base, status, openAtLogin: status === 'enabled' };
  }
  if (fake.platform === 'win32') {
    const exe = options.path ?? fake.o.execPath;
    const command = winCommand(exe, options.args ?? []);
    const launchItems = Object.entries(state.winRun).map(([name, v]) => ({
      name,
      path: winExeOf(v.command),
      args: v.command.slice(winExeOf(v.command).length + 2).split(' ').filter(Boolean),
      scope: 'user' as const,
      enabled: v.enabled,
    }));
    const mine = state.winRun[fake.appUserModelId];
    return {
      ...base,
      // openAtLogin: a Run value for this app with exactly this path and args (the StartupApproved flag is not read).
      openAtLogin: mine?.command === command,
      // "true if app is set to open at login and its run key is not deactivated ... ignores the args option".
      executableWillLaunchAtLogin: launchItems.some((i) => i.path === exe && i.enabled),
      launchItems,
    };
  }
  throw new Error('fake electron: app.getLoginItemSettings is documented for macOS and Windows only; Linux uses the XDG autostart entry');
}

export function setLoginItem(fake: FakeElectron, settings: LoginSettings): void {
  const state = readOsState(fake.o.osStateFile);
  if (fake.platform === 'darwin') {
    const bundle = bundleOf(fake);
    if (settings.openAtLogin) {
      // Registering again after the user disabled it in System Settings leaves it waiting for approval.
      state.macLoginItems[bundle] = state.macUserDisabled.includes(bundle) ? 'requires-approval' : 'enabled';
    } else {
      state.macLoginItems[bundle] = 'not-registered';
    }
  } else if (fake.platform === 'win32') {
    const name = settings.name ?? fake.appUserModelId;
    if (settings.openAtLogin) state.winRun[name] = { command: winCommand(settings.path ?? fake.o.execPath, settings.args ?? []), enabled: settings.enabled ?? true };
    else delete state.winRun[name];
  } else {
    throw new Error('fake electron: app.setLoginItemSettings is documented for macOS and Windows only; Linux uses the XDG autostart entry');
  }
  writeOsState(fake.o.osStateFile, state);
}

/** The .app bundle macOS registers: the one holding the running executable (Electron.app under `npm start`). */
export function bundleOf(fake: FakeElectron): string {
  const i = fake.o.execPath.indexOf('.app/');
  return i >= 0 ? fake.o.execPath.slice(0, i + 4) : fake.o.execPath;
}
