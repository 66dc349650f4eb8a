/**
 * What every subcommand gets: the reader's language, output, and the core service built for the
 * command's needs. Commands live in ./commands, one file each, and register themselves on the
 * program through ./program.ts.
 */
import type { Locale } from '../core/i18n/locale';
import { CachingKeychain, type Keychain } from '../core/keychain';
import { chooseKeychain } from '../core/keychain-choice';
import type { Paths } from '../core/paths';
import { MfaService, type AwsApi } from '../core/session';
import { FileSettingsStore, type SettingsStore } from '../core/settings';
import { terminalPassphrase } from './passphrase';

export interface CliContext {
  readonly locale: Locale;
  readonly env: NodeJS.ProcessEnv;
  readonly paths: Paths;
  /** One line (or several) on stdout; a final newline is added when missing. */
  out(text: string): void;
  /** A hint for the person at the terminal: stderr, so stdout stays clean for scripts. */
  note(text: string): void;
  /** For commands that call AWS: the SDK is loaded on the first AWS call (or a login's prepare), and only then. */
  awsService(): MfaService;
  /**
   * The keychain the command's logins read through (awsService and renewalService): it answers from
   * memory after the first read, so the work after a login (the key's creation date) asks D-Bus nothing.
   */
  loginKeychain(): Keychain;
  /** For commands that never call AWS: no gateway, no SDK. */
  localService(): MfaService;
  /**
   * For renewals (credential-process, exec, login without --code): one service per command, whose
   * SDK is loaded on its first AWS call only (the tray app may answer instead) and whose keychain
   * answers from memory after the first read (the keys are checked before anyone is asked for a code).
   */
  renewalService(): MfaService;
  /** The settings file, as the CLI reads it. */
  readonly settings: SettingsStore;
  /** The keychain in use (the OS keychain, or the encrypted key file when chosen). */
  keychain(): Keychain;
}

/** Picks the text of the reader's language from an {en, ja} pair. */
export const pick = <T>(locale: Locale, texts: { en: T; ja: T }): T => texts[locale];

export function createContext(opts: { locale: Locale; env: NodeJS.ProcessEnv; paths: Paths }): CliContext {
  const write = (stream: NodeJS.WritableStream, s: string): void => void stream.write(s.endsWith('\n') ? s : `${s}\n`);
  const settings = new FileSettingsStore(opts.paths.settingsDir);
  // The OS keychain, or the encrypted key file when chosen (one per command: one passphrase prompt).
  let chosen: Keychain | null = null;
  const keychainOf = (): Keychain => (chosen ??= chooseKeychain({ env: opts.env, settings, settingsDir: opts.paths.settingsDir, ask: terminalPassphrase(opts.locale) }));
  const make = (aws: AwsApi, keychain: Keychain = keychainOf()): MfaService =>
    new MfaService({ paths: opts.paths, keychain, aws, settings, env: opts.env });
  const gateway = (): AwsApi => {
    // A second bundle in the built CLI (scripts/build.mjs): commands that never call AWS skip parsing the SDK.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AwsGateway, cliOsNetwork, hideCredentialsFileFromSdkClients } = require('./aws-entry') as typeof import('./aws-entry');
    hideCredentialsFileFromSdkClients();
    const timeout = Number(opts.env.AWS_MFA_TRAY_TIMEOUT_MS);
    // The OS's proxy settings as the AWS CLI reads them (macOS, Windows); read only when a request needs a route.
    return new AwsGateway({ env: opts.env, platform: cliOsNetwork(opts.env), ...(timeout > 0 ? { timeoutMs: timeout } : {}) });
  };
  // The gateway (and the SDK with it) is made on the first AWS call, or when a login has started its
  // keychain read (prepare): the SDK then loads while the keychain answers.
  const lazyGateway = (): AwsApi => {
    let aws: AwsApi | null = null;
    const lazy = (): AwsApi => (aws ??= gateway());
    return { getSessionToken: (...a) => lazy().getSessionToken(...a), listMfaDevices: (...a) => lazy().listMfaDevices(...a), prepare: () => void lazy() };
  };
  let renewal: MfaService | null = null;
  let cached: CachingKeychain | null = null;
  const loginKeychain = (): CachingKeychain => (cached ??= new CachingKeychain(keychainOf()));
  return {
    ...opts,
    settings,
    keychain: keychainOf,
    out: (s) => write(process.stdout, s),
    note: (s) => write(process.stderr, s),
    loginKeychain,
    awsService: () => make(lazyGateway(), loginKeychain()),
    renewalService: () => (renewal ??= make(lazyGateway(), loginKeychain())),
    localService: () => {
      const unused = (): Promise<never> => Promise.reject(new Error('this command does not call AWS'));
      return make({ getSessionToken: unused, listMfaDevices: unused });
    },
  };
}
