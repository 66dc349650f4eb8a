/**
 * Long-term keys in the OS keychain through keytar: one entry per source profile (account = profile
 * name, password = JSON {accessKeyId, secretAccessKey}). No plaintext fallback, ever.
 */
import * as path from 'node:path';
import { UserError } from './errors';
import { HOST_PLATFORM } from './host';
import { keytarNotLoaded } from './keychain-load';
import { secretServiceLocked } from './secret-service-lock';
import type { LongTermKeys } from './types';
import { validateAccessKeyId, validateSecretAccessKey } from './validate';

export const DEFAULT_KEYCHAIN_SERVICE = 'aws-mfa-tray';

export interface Keychain {
  get(profile: string): Promise<LongTermKeys | null>;
  set(profile: string, keys: LongTermKeys): Promise<void>;
  /** Profiles with keys, with their access key IDs (never the secrets). */
  list(): Promise<{ profile: string; accessKeyId: string }[]>;
  remove(profile: string): Promise<boolean>;
  /** Drops what a caching keychain remembers of `profile`, so the next get() asks the OS again. */
  forget?(profile: string): void;
}

type Keytar = typeof import('keytar');

function unavailable(platform: NodeJS.Platform): UserError {
  return new UserError(
    platform === 'linux'
      ? {
          en: 'The keychain is not available: start and unlock a Secret Service keyring (GNOME Keyring or KWallet) in your desktop session, or, where there is none (SSH, WSL2, a container), keep the keys in an encrypted file with AWS_MFA_TRAY_KEYCHAIN=file, then try again.',
          ja: 'キーチェーンを利用できません。デスクトップセッションで Secret Service のキーリング（GNOME Keyring または KWallet）を起動してロックを解除するか、それがない環境（SSH、WSL2、コンテナー）では AWS_MFA_TRAY_KEYCHAIN=file で暗号化ファイルにキーを置いてから、やり直してください。',
        }
      : { en: 'The keychain is not available or is locked: unlock it, then try again.', ja: 'キーチェーンを利用できないか、ロックされています。ロックを解除してからやり直してください。' },
    'KeychainUnavailable',
  );
}

/** keytar's native build did not happen or failed (npm i -g behind a proxy, no compiler): say how to build it. */
function notBuilt(): UserError {
  const dir = path.resolve(__dirname, '..');
  return new UserError(
    {
      en: `The keychain module (keytar) is not built for this installation: run "npm rebuild keytar" in ${dir} (on Linux it needs libsecret-1-dev, python3, make and g++; behind a proxy set npm's proxy and https-proxy settings, or nodedir to a folder with Node's headers), or use the encrypted key file with AWS_MFA_TRAY_KEYCHAIN=file.`,
      ja: `キーチェーンのモジュール（keytar）がこのインストールではビルドされていません。${dir} で "npm rebuild keytar" を実行してください（Linux では libsecret-1-dev・python3・make・g++ が必要です。プロキシの内側では npm の proxy と https-proxy を設定するか、nodedir に Node のヘッダーのあるフォルダーを指定します）。または AWS_MFA_TRAY_KEYCHAIN=file で暗号化したキーファイルを使ってください。`,
    },
    'KeychainUnavailable',
  );
}

function locked(): UserError {
  return new UserError({ en: 'The keychain is locked: unlock your login keyring (log out and in, or open Passwords and Keys), then try again.', ja: 'キーチェーンがロックされています。ログインキーリングのロックを解除して（ログインし直すか「パスワードと鍵」を開く）、やり直してください。' }, 'KeychainLocked');
}

function corrupt(profile: string): UserError {
  return new UserError(
    { en: `The keychain entry for profile ${profile} is damaged; store the keys again with "aws-mfa-tray keys set ${profile}".`, ja: `キーチェーンのプロファイル ${profile} の項目が壊れています。"aws-mfa-tray keys set ${profile}" でキーを保存し直してください。` },
    'KeychainCorrupt',
  );
}

function decode(profile: string, stored: string): LongTermKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    throw corrupt(profile);
  }
  const p = parsed as Partial<LongTermKeys> | null;
  if (!p || typeof p.accessKeyId !== 'string' || typeof p.secretAccessKey !== 'string') throw corrupt(profile);
  try {
    return { accessKeyId: validateAccessKeyId(p.accessKeyId), secretAccessKey: validateSecretAccessKey(p.secretAccessKey) };
  } catch {
    throw corrupt(profile);
  }
}

/** keytar-backed keychain. keytar (a native addon) is loaded on first use, so commands that never touch keys start fast. */
export class KeytarKeychain implements Keychain {
  private keytar: Keytar | undefined;

  constructor(
    private readonly service: string = process.env.AWS_MFA_TRAY_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE,
    private readonly platform: NodeJS.Platform = HOST_PLATFORM,
  ) {}

  private load(): Keytar {
    if (!this.keytar) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        this.keytar = require('keytar') as Keytar;
      } catch (e) {
        // No binary at all (the build never ran) is told apart from one that cannot load.
        throw (e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' ? notBuilt() : keytarNotLoaded(e);
      }
    }
    return this.keytar;
  }

  /** Runs a keytar call, turning its D-Bus / Keychain errors into one sentence (their text never reaches the user). */
  private async call<T>(fn: (k: Keytar) => Promise<T>): Promise<T> {
    const k = this.load();
    try {
      return await fn(k);
    } catch {
      throw unavailable(this.platform);
    }
  }

  /** A locked keychain must not look like a missing entry, nor reach findCredentials (it crashes there). */
  private async assertUnlocked(): Promise<void> {
    if ((await secretServiceLocked(process.env, this.platform)) === true) throw locked();
  }

  async get(profile: string): Promise<LongTermKeys | null> {
    const stored = await this.call((k) => k.getPassword(this.service, profile));
    if (stored === null) await this.assertUnlocked();
    return stored === null ? null : decode(profile, stored);
  }

  async set(profile: string, keys: LongTermKeys): Promise<void> {
    const value = JSON.stringify({
      accessKeyId: validateAccessKeyId(keys.accessKeyId),
      secretAccessKey: validateSecretAccessKey(keys.secretAccessKey),
    });
    await this.assertUnlocked();
    await this.call((k) => k.setPassword(this.service, profile, value));
  }

  async list(): Promise<{ profile: string; accessKeyId: string }[]> {
    await this.assertUnlocked();
    const all = await this.call((k) => k.findCredentials(this.service));
    return all
      .map(({ account, password }) => {
        let accessKeyId = '';
        try {
          accessKeyId = decode(account, password).accessKeyId;
        } catch {
          // A damaged entry is still listed so the user can see and replace it.
        }
        return { profile: account, accessKeyId };
      })
      .sort((a, b) => a.profile.localeCompare(b.profile));
  }

  async remove(profile: string): Promise<boolean> {
    return this.call((k) => k.deletePassword(this.service, profile));
  }
}

/**
 * For the long-running app: remembers keys read from the OS keychain (a D-Bus round trip each time
 * on Linux). This adds no exposure: the app's STS client for the identity already holds the same
 * keys in memory. Keys changed elsewhere (the CLI) are picked up by forget(), which the login use
 * case calls when AWS rejects the remembered keys.
 */
export class CachingKeychain implements Keychain {
  private readonly cache = new Map<string, LongTermKeys>();

  constructor(private readonly inner: Keychain) {}

  async get(profile: string): Promise<LongTermKeys | null> {
    const hit = this.cache.get(profile);
    if (hit) return hit;
    const keys = await this.inner.get(profile);
    if (keys) this.cache.set(profile, keys);
    return keys;
  }

  async set(profile: string, keys: LongTermKeys): Promise<void> {
    this.cache.delete(profile);
    await this.inner.set(profile, keys);
  }

  list(): Promise<{ profile: string; accessKeyId: string }[]> {
    return this.inner.list();
  }

  async remove(profile: string): Promise<boolean> {
    this.cache.delete(profile);
    return this.inner.remove(profile);
  }

  forget(profile: string): void {
    this.cache.delete(profile);
  }
}
