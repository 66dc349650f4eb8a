/**
 * A whole world for integration tests: a temp HOME with ~/.aws, a settings folder, a keychain
 * service name of its own (tests share one gnome-keyring), the local STS/IAM emulator with one
 * user, and the real MfaService and IPC handlers over them.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { KeytarKeychain } from '../../main/core/keychain';
import type { Paths } from '../../main/core/paths';
import { MfaService } from '../../main/core/session';
import { FileSettingsStore } from '../../main/core/settings';
import { AwsGateway } from '../../main/core/sts';
import { createIpcHandlers, type IpcHandlers } from '../../main/ipc/handlers';
import { startEmulator, type Emulator, type EmulatorTls, type EmulatorUser, type EmulatorUserInput } from '../emulator/index';

export interface World {
  home: string;
  paths: Paths;
  env: NodeJS.ProcessEnv;
  keychainService: string;
  keychain: KeytarKeychain;
  emulator: Emulator;
  user: EmulatorUser;
  /** The serial of the user's first MFA device ('' without one). */
  serial: string;
  aws: AwsGateway;
  settings: FileSettingsStore;
  service: MfaService;
  handlers: IpcHandlers;
  ui: { hidden: number; settingsOpened: number; settingsClosed: number; stateChanges: number };
  credentialsText(): string | null;
  configText(): string | null;
  writeCredentials(text: string): void;
  writeConfig(text: string): void;
  /** Stores the emulator user's long-term keys in the keychain under `profile`. */
  storeKeys(profile?: string): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  userName?: string;
  devices?: EmulatorUserInput['devices'];
  tls?: EmulatorTls;
  /** Profile `default` ready to log in: the user's keys in the keychain, and `mfa_serial` of the first device in ~/.aws/config. */
  defaultProfile?: boolean;
  /** With defaultProfile: more lines for `[default]` in ~/.aws/config (`region = us-east-1\n`). */
  defaultConfig?: string;
  /** The user's keys stored under these profiles, nothing written to ~/.aws (for tests that write their own config). */
  keys?: string[];
}

export async function createWorld(opts: WorldOptions = {}): Promise<World> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'mfa-world-'));
  // macOS finds the login keychain under $HOME/Library/Keychains: a temp HOME would hide it from
  // every child (keytar then fails), so the world's home links the real folder in.
  if (process.platform === 'darwin') {
    mkdirSync(path.join(home, 'Library'), { recursive: true });
    symlinkSync(path.join(os.homedir(), 'Library', 'Keychains'), path.join(home, 'Library', 'Keychains'));
  }
  const paths: Paths = {
    credentialsFile: path.join(home, '.aws', 'credentials'),
    configFile: path.join(home, '.aws', 'config'),
    settingsDir: path.join(home, 'settings'),
  };
  const emulator = await startEmulator(opts.tls ? { tls: opts.tls } : {});
  const user = emulator.addUser({ userName: opts.userName ?? 'alice', ...(opts.devices ? { devices: opts.devices } : {}) });
  const keychainService = `aws-mfa-tray-test-${randomBytes(6).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    AWS_SHARED_CREDENTIALS_FILE: paths.credentialsFile,
    AWS_CONFIG_FILE: paths.configFile,
    AWS_MFA_TRAY_HOME: paths.settingsDir,
    AWS_MFA_TRAY_KEYCHAIN_SERVICE: keychainService,
    AWS_ENDPOINT_URL_STS: emulator.url,
    AWS_ENDPOINT_URL_IAM: emulator.url,
    AWS_REGION: 'us-east-1',
  };
  // Hermetic: no proxy from the machine running the tests (the tool honours them, as the AWS CLI does).
  for (const name of Object.keys(env)) if (/_proxy$/i.test(name)) delete env[name];
  delete env.AWS_CA_BUNDLE;
  // The desktop decides whether the app opens its window at start (main/core/tray-host.ts); tests choose it.
  delete env.XDG_SESSION_TYPE;
  delete env.XDG_CURRENT_DESKTOP;
  delete env.XDG_CACHE_HOME; // the CLI's cache folder is the world's own (~/.cache under its HOME)
  delete env.AWS_USE_FIPS_ENDPOINT;
  delete env.AWS_USE_DUALSTACK_ENDPOINT;
  delete env.AWS_STS_REGIONAL_ENDPOINTS;
  delete env.AWS_PROFILE;
  delete env.AWS_ACCESS_KEY_ID;
  delete env.AWS_SECRET_ACCESS_KEY;
  delete env.AWS_SESSION_TOKEN;
  const keychain = new KeytarKeychain(keychainService);
  const aws = new AwsGateway({ env, timeoutMs: 3000 });
  const settings = new FileSettingsStore(paths.settingsDir);
  const service = new MfaService({ paths, keychain, aws, settings, env });
  const ui = { hidden: 0, settingsOpened: 0, settingsClosed: 0, stateChanges: 0 };
  const handlers = createIpcHandlers({
    service,
    settings,
    ui: {
      hideWindow: () => void ui.hidden++,
      openSettings: () => void ui.settingsOpened++,
      closeSettings: () => void ui.settingsClosed++,
      onStateChanged: () => void ui.stateChanges++,
    },
    platform: process.platform,
    locale: () => (settings.read().preferences.language === 'ja' ? 'ja' : 'en'),
  });

  const world: World = {
    home,
    paths,
    env,
    keychainService,
    keychain,
    emulator,
    user,
    serial: user.devices[0]?.serial ?? '',
    aws,
    settings,
    service,
    handlers,
    ui,
    credentialsText: () => textOrNull(paths.credentialsFile),
    configText: () => textOrNull(paths.configFile),
    writeCredentials: (text) => {
      mkdirSync(path.dirname(paths.credentialsFile), { recursive: true, mode: 0o700 });
      writeFileSync(paths.credentialsFile, text, { mode: 0o600 });
    },
    writeConfig: (text) => {
      mkdirSync(path.dirname(paths.configFile), { recursive: true, mode: 0o700 });
      writeFileSync(paths.configFile, text, { mode: 0o600 });
    },
    storeKeys: async (profile = 'default') => {
      await keychain.set(profile, { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey });
    },
    close: async () => {
      for (const { profile } of await keychain.list().catch(() => [])) await keychain.remove(profile).catch(() => false);
      await emulator.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
  await closingOnFailure(world, async () => {
    for (const profile of [...(opts.defaultProfile ? ['default'] : []), ...(opts.keys ?? [])]) await world.storeKeys(profile);
    if (opts.defaultProfile) world.writeConfig(`[default]\nmfa_serial = ${world.serial}\n${opts.defaultConfig ?? ''}`);
  });
  return world;
}

/**
 * A set-up step that fails (the keychain gone) closes the world it was given: its emulator would
 * otherwise keep the test file's process alive until the runner's 15-minute timeout (it did, twice, in CI).
 */
async function closingOnFailure(world: World, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (e) {
    await world.close().catch(() => undefined);
    throw e;
  }
}

/**
 * The world of one test file: created before its tests (before()), its keychain entries, emulator
 * and HOME removed after them (after()). The value returned stands for that world: read it inside
 * tests and hooks only, where it exists. `prepare` is the file's own set-up once the world exists
 * (a file's own before() may run before the world is made).
 */
export function worldSuite(opts: WorldOptions = {}, prepare?: (w: World) => void | Promise<void>): World {
  let world: World | null = null;
  // One hook: node:test starts a file's top-level before() hooks together, not one after another.
  before(async () => {
    world = await createWorld(opts);
    await prepare?.(world);
  });
  after(async () => {
    await world?.close();
  });
  const current = (): World => {
    if (!world) throw new Error('the world of worldSuite() exists only inside tests and hooks');
    return world;
  };
  return new Proxy({} as World, {
    get: (_target, key) => Reflect.get(current(), key) as unknown,
    set: (_target, key, value) => Reflect.set(current(), key, value),
  });
}

/** A world with the user's keys in the keychain and profile `default` -> `mfa` (first device) configured. */
export async function configuredWorld(opts: WorldOptions = {}): Promise<World> {
  const w = await createWorld(opts);
  await closingOnFailure(w, async () => {
    await w.storeKeys('default');
    const r = await w.handlers.saveProfile({ original: null, entry: { sourceProfile: 'default', target: 'mfa', serial: w.user.devices[0]!.serial } });
    if (!r.ok) throw new Error(`could not configure profile default: ${r.error.message}`);
  });
  return w;
}

function textOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
