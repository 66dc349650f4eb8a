/**
 * Which keychain holds the long-term keys: the OS keychain (keytar), or, chosen explicitly with
 * AWS_MFA_TRAY_KEYCHAIN=file or "keychain": "file" in the settings, the encrypted key file of
 * ./file-keychain.ts. The environment wins over the settings; never a silent fallback.
 */
import * as path from 'node:path';
import { UserError, usageError } from './errors';
import { FileKeychain, KEY_FILE_NAME, type PassphraseSource } from './file-keychain';
import { KeytarKeychain, type Keychain } from './keychain';
import type { SettingsStore } from './settings';

export type KeychainKind = 'os' | 'file';

export function keychainKind(env: NodeJS.ProcessEnv, settings: SettingsStore): KeychainKind {
  const v = env.AWS_MFA_TRAY_KEYCHAIN;
  if (v !== undefined && v !== '') {
    if (v === 'file' || v === 'os') return v;
    throw usageError({ en: `AWS_MFA_TRAY_KEYCHAIN is "${v}"; set it to file (an encrypted key file) or os (the OS keychain), or unset it.`, ja: `AWS_MFA_TRAY_KEYCHAIN が "${v}" です。file（暗号化したキーファイル）か os（OS のキーチェーン）にするか、設定を外してください。` });
  }
  return settings.read().keychain ?? 'os';
}

export const keyFilePath = (settingsDir: string): string => path.join(settingsDir, KEY_FILE_NAME);

/** The passphrase from AWS_MFA_TRAY_FILE_PASSPHRASE (automation), else from `ask` (a prompt without echo). */
export function passphraseFrom(env: NodeJS.ProcessEnv, ask: PassphraseSource): PassphraseSource {
  return async (mode, file) => env.AWS_MFA_TRAY_FILE_PASSPHRASE ?? ask(mode, file);
}

export function chooseKeychain(opts: { env: NodeJS.ProcessEnv; settings: SettingsStore; settingsDir: string; ask: PassphraseSource }): Keychain {
  return keychainKind(opts.env, opts.settings) === 'file' ? new FileKeychain(keyFilePath(opts.settingsDir), passphraseFrom(opts.env, opts.ask)) : new KeytarKeychain();
}

/** The app has no terminal to ask on: the passphrase comes from its environment only. */
export const appCannotAsk: PassphraseSource = () =>
  Promise.reject(
    new UserError(
      {
        en: 'The key file needs its passphrase, which the app cannot ask for: start the app with AWS_MFA_TRAY_FILE_PASSPHRASE set, or log in with the command line, which asks for it.',
        ja: 'キーファイルにはパスフレーズが必要ですが、アプリからは尋ねられません。AWS_MFA_TRAY_FILE_PASSPHRASE を設定してアプリを起動するか、パスフレーズを尋ねるコマンドラインでログインしてください。',
      },
      'KeychainLocked',
    ),
  );

/** The app's keychain: as chosen; an unusable settings file or variable leaves it on the OS keychain (the error is reported where the settings are read). */
export function keychainForApp(env: NodeJS.ProcessEnv, settings: SettingsStore, settingsDir: string): Keychain {
  try {
    return chooseKeychain({ env, settings, settingsDir, ask: appCannotAsk });
  } catch {
    return new KeytarKeychain();
  }
}
