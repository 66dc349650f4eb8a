/**
 * Long-term keys in the OS keychain through keytar: one entry per source profile (account = profile
 * name, password = JSON {accessKeyId, secretAccessKey}). No plaintext fallback, ever.
 */
import { execFile } from 'node:child_process';
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
type KeytarOp = 'getPassword' | 'setPassword' | 'deletePassword' | 'findCredentials';

/**
 * libsecret's words for a Secret Service that is gone or was replaced since this process first
 * used it (gnome-keyring crashed and was restarted): "The name :1.0 was not provided by any
 * .service files", "Message recipient disconnected from message bus without replying", "The
 * session wrapping the secret does not exist", "The secret was transferred or encrypted in an
 * invalid way". Seen here after a kill -9 of the daemon (test/integration/keychain-restart.test.ts).
 */
const STALE_SERVICE = /not provided by any \.service files|disconnected from message bus|session wrapping the secret does not exist|transferred or encrypted in an invalid way/i;
/** Process-wide, as libsecret's own cache of the service is. */
let staleService = false;

const CHILD = path.join(__dirname, 'keytar-child.cjs');
/**
 * Only plain Node (the CLI, scripts, tests) can start a fresh keytar process this way. In the
 * packaged app process.execPath is the Electron binary, whose RunAsNode fuse is off
 * (electron-builder.yml): it would start the app itself, not run the script. The app would need
 * Electron's utilityProcess for this, which is not done.
 */
const CAN_START_FRESH = process.versions.electron === undefined;

/** One keytar call in a new Node process; request and reply over pipes, never arguments. */
function inFreshProcess(op: KeytarOp, args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [CHILD], { timeout: 30_000, maxBuffer: 4 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(new Error('the keytar process failed'));
      let reply: { ok: boolean; value?: unknown };
      try {
        reply = JSON.parse(stdout) as { ok: boolean; value?: unknown };
      } catch {
        return reject(new Error('no reply from the keytar process'));
      }
      if (reply.ok) resolve(reply.value ?? null);
      else reject(new Error('keytar failed in a fresh process'));
    });
    child.stdin!.end(JSON.stringify({ op, args }));
  });
}

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

  /**
   * Runs a keytar call, turning its D-Bus / Keychain errors into one sentence (their text never
   * reaches the user). On Linux under plain Node, once libsecret in this process has lost its
   * Secret Service (the daemon restarted), the call and every later one go to a fresh process
   * (keytar-child.cjs).
   */
  private async call<Op extends KeytarOp>(op: Op, ...args: Parameters<Keytar[Op]>): Promise<Awaited<ReturnType<Keytar[Op]>>> {
    type Result = Awaited<ReturnType<Keytar[Op]>>;
    const k = this.load();
    if (!staleService) {
      try {
        return await (k[op] as (...a: string[]) => Promise<Result>)(...(args as string[]));
      } catch (e) {
        if (this.platform !== 'linux' || !CAN_START_FRESH || !STALE_SERVICE.test(e instanceof Error ? e.message : '')) throw unavailable(this.platform);
        staleService = true;
      }
    }
    try {
      return (await inFreshProcess(op, args)) as Result;
    } catch {
      throw unavailable(this.platform);
    }
  }

  /** A locked keychain must not look like a missing entry, nor reach findCredentials (it crashes there). */
  private async assertUnlocked(): Promise<void> {
    if ((await secretServiceLocked(process.env, this.platform)) === true) throw locked();
  }

  async get(profile: string): Promise<LongTermKeys | null> {
    const stored = await this.call('getPassword', this.service, profile);
    if (stored === null) await this.assertUnlocked();
    return stored === null ? null : decode(profile, stored);
  }

  async set(profile: string, keys: LongTermKeys): Promise<void> {
    const value = JSON.stringify({
      accessKeyId: validateAccessKeyId(keys.accessKeyId),
      secretAccessKey: validateSecretAccessKey(keys.secretAccessKey),
    });
    await this.assertUnlocked();
    await this.call('setPassword', this.service, profile, value);
  }

  async list(): Promise<{ profile: string; accessKeyId: string }[]> {
    await this.assertUnlocked();
    const all = await this.call('findCredentials', this.service);
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
    return this.call('deletePassword', this.service, profile);
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
