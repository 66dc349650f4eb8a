/**
 * Long-term keys in an encrypted file, for machines without a Secret Service (SSH sessions, WSL2,
 * containers). Chosen explicitly (./keychain-choice.ts), never as a silent fallback. The key comes
 * from a passphrase through scrypt; the entries are sealed with AES-256-GCM (Node's crypto). The
 * passphrase is asked by the caller (no echo) or read from AWS_MFA_TRAY_FILE_PASSPHRASE, and
 * never stored. A wrong passphrase and a damaged file are told apart (a check value derived from
 * the same key) and neither ever overwrites the file: nothing is lost.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { ensureFolder, resolveWriteTarget, writeFileAtomic } from './atomic-write';
import { UserError } from './errors';
import { withFileLock } from './file-lock';
import type { Keychain } from './keychain';
import type { LongTermKeys } from './types';
import { validateAccessKeyId, validateSecretAccessKey } from './validate';

export const KEY_FILE_NAME = 'keys.enc';
const FORMAT = 'aws-mfa-tray-keys';
const CHECK_LABEL = 'aws-mfa-tray key file v1';

/** scrypt cost: 2^15 x 8 x 1 needs 32 MiB and about 0.1 s, once per command. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
export const DEFAULT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

/** Asks for the passphrase: 'open' for an existing file, 'create' for a new one (the caller may ask twice). */
export type PassphraseSource = (mode: 'open' | 'create', file: string) => Promise<string>;

interface Sealed {
  format: typeof FORMAT;
  version: 1;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  check: string;
  cipher: { name: 'aes-256-gcm'; iv: string; tag: string };
  data: string;
}

type Entries = Record<string, LongTermKeys>;

export function keyFileDamaged(file: string): UserError {
  return new UserError(
    {
      en: `The key file ${file} is damaged and was left as it is; restore it from a backup, or move it away and store your keys again with "aws-mfa-tray keys set".`,
      ja: `キーファイル ${file} が壊れているため、そのままにしました。バックアップから戻すか、別の場所へ移してから "aws-mfa-tray keys set" でキーを保存し直してください。`,
    },
    'KeychainCorrupt',
  );
}

export function wrongPassphrase(file: string): UserError {
  return new UserError(
    {
      en: `The passphrase does not open the key file ${file}; nothing was changed, so try again with the right one (or set AWS_MFA_TRAY_FILE_PASSPHRASE to it).`,
      ja: `パスフレーズでキーファイル ${file} を開けません。何も変更していません。正しいパスフレーズでやり直してください（AWS_MFA_TRAY_FILE_PASSPHRASE に設定しても構いません）。`,
    },
    'KeychainLocked',
  );
}

function emptyPassphrase(): UserError {
  return new UserError({ en: 'The passphrase for the key file is empty; type one (it is never stored), or set AWS_MFA_TRAY_FILE_PASSPHRASE.', ja: 'キーファイルのパスフレーズが空です。入力するか（保存はされません）、AWS_MFA_TRAY_FILE_PASSPHRASE を設定してください。' }, 'BadInput', 'usage');
}

function derive(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 64, { ...cost, maxmem: 256 * cost.N * cost.r + 8 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const checkValue = (macKey: Buffer): Buffer => createHmac('sha256', macKey).update(CHECK_LABEL).digest();

function parseSealed(text: string, file: string): Sealed {
  let s: Sealed;
  try {
    s = JSON.parse(text) as Sealed;
  } catch {
    throw keyFileDamaged(file);
  }
  const b64 = (v: unknown): boolean => typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v);
  const int = (v: unknown, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= max;
  if (
    !s ||
    s.format !== FORMAT ||
    s.version !== 1 ||
    s.kdf?.name !== 'scrypt' ||
    !int(s.kdf.N, 2 ** 20) ||
    (s.kdf.N & (s.kdf.N - 1)) !== 0 ||
    !int(s.kdf.r, 32) ||
    !int(s.kdf.p, 16) ||
    !b64(s.kdf.salt) ||
    !b64(s.check) ||
    s.cipher?.name !== 'aes-256-gcm' ||
    !b64(s.cipher.iv) ||
    !b64(s.cipher.tag) ||
    !b64(s.data)
  ) {
    throw keyFileDamaged(file);
  }
  return s;
}

/** The header (everything but the sealed data and its tag) is authenticated too: its cost or salt cannot be changed unnoticed. */
const aad = (s: Pick<Sealed, 'format' | 'version' | 'kdf' | 'check'>): Buffer => Buffer.from(JSON.stringify([s.format, s.version, s.kdf, s.check]));

export class FileKeychain implements Keychain {
  /** The key of this process's file, derived once (one passphrase prompt per command). */
  private opened: { salt: string; cost: ScryptCost; key: Buffer; check: string } | null = null;

  constructor(
    readonly file: string,
    private readonly passphrase: PassphraseSource,
    private readonly cost: ScryptCost = DEFAULT_COST,
  ) {}

  private async readText(): Promise<string | null> {
    try {
      return await fs.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw keyFileDamaged(this.file);
    }
  }

  private async ask(mode: 'open' | 'create'): Promise<string> {
    const p = await this.passphrase(mode, this.file);
    if (p === '') throw emptyPassphrase();
    return p;
  }

  private async open(text: string): Promise<Entries> {
    const s = parseSealed(text, this.file);
    const cost = { N: s.kdf.N, r: s.kdf.r, p: s.kdf.p };
    if (!this.opened || this.opened.salt !== s.kdf.salt || this.opened.check !== s.check) {
      const derived = await derive(await this.ask('open'), Buffer.from(s.kdf.salt, 'base64'), cost);
      const expected = Buffer.from(s.check, 'base64');
      const actual = checkValue(derived.subarray(32));
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw wrongPassphrase(this.file);
      this.opened = { salt: s.kdf.salt, cost, key: derived.subarray(0, 32), check: s.check };
    }
    let plain: string;
    try {
      const d = createDecipheriv('aes-256-gcm', this.opened.key, Buffer.from(s.cipher.iv, 'base64'));
      d.setAAD(aad(s));
      d.setAuthTag(Buffer.from(s.cipher.tag, 'base64'));
      plain = Buffer.concat([d.update(Buffer.from(s.data, 'base64')), d.final()]).toString('utf8');
    } catch {
      throw keyFileDamaged(this.file); // the passphrase was right (the check matched): the data changed
    }
    try {
      const entries = JSON.parse(plain) as Entries;
      for (const [profile, k] of Object.entries(entries)) entries[profile] = { accessKeyId: validateAccessKeyId(k.accessKeyId), secretAccessKey: validateSecretAccessKey(k.secretAccessKey) };
      return entries;
    } catch {
      throw keyFileDamaged(this.file);
    }
  }

  private async seal(entries: Entries): Promise<string> {
    if (!this.opened) {
      const salt = randomBytes(16).toString('base64');
      const derived = await derive(await this.ask('create'), Buffer.from(salt, 'base64'), this.cost);
      this.opened = { salt, cost: this.cost, key: derived.subarray(0, 32), check: checkValue(derived.subarray(32)).toString('base64') };
    }
    const { salt, cost, key, check } = this.opened;
    const header = { format: FORMAT, version: 1, kdf: { name: 'scrypt', ...cost, salt }, check } as const;
    const iv = randomBytes(12); // a fresh nonce for every write
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(aad(header));
    const data = Buffer.concat([c.update(JSON.stringify(entries), 'utf8'), c.final()]);
    const sealed: Sealed = { ...header, cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64') }, data: data.toString('base64') };
    return `${JSON.stringify(sealed, null, 2)}\n`;
  }

  private async entries(): Promise<Entries> {
    const text = await this.readText();
    return text === null ? {} : this.open(text);
  }

  /** Read, change, write back under the file's lock; a file that does not open is never written. */
  private async update(change: (e: Entries) => boolean): Promise<boolean> {
    const target = resolveWriteTarget(this.file, this.file);
    ensureFolder(target);
    return withFileLock(target, this.file, async (lock) => {
      const text = await this.readText();
      const entries = text === null ? {} : await this.open(text);
      if (!change(entries)) return false;
      if (text === null) this.opened = null; // a new file gets a new salt and the passphrase confirmed
      const next = await this.seal(entries);
      await writeFileAtomic(target, next, () => lock.assertHeld());
      return true;
    });
  }

  async get(profile: string): Promise<LongTermKeys | null> {
    return (await this.entries())[profile] ?? null;
  }

  async set(profile: string, keys: LongTermKeys): Promise<void> {
    const value = { accessKeyId: validateAccessKeyId(keys.accessKeyId), secretAccessKey: validateSecretAccessKey(keys.secretAccessKey) };
    await this.update((e) => {
      e[profile] = value;
      return true;
    });
  }

  async list(): Promise<{ profile: string; accessKeyId: string }[]> {
    return Object.entries(await this.entries())
      .map(([profile, k]) => ({ profile, accessKeyId: k.accessKeyId }))
      .sort((a, b) => a.profile.localeCompare(b.profile));
  }

  async remove(profile: string): Promise<boolean> {
    if ((await this.readText()) === null) return false;
    return this.update((e) => {
      if (!(profile in e)) return false;
      delete e[profile];
      return true;
    });
  }
}
