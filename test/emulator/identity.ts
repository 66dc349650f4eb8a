/** Users, their keys and devices, and the sessions the emulator has issued. */
import { randomBytes } from 'node:crypto';
import { DeviceCodes } from './mfa';
import { randomSeedBase32 } from './totp';

export interface EmulatorDevice {
  serial: string;
  kind: 'virtual' | 'u2f';
  seedBase32: string;
}

export interface EmulatorUser {
  userName: string;
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  devices: EmulatorDevice[];
  /** Actions this user's policy does not allow, e.g. 'iam:ListMFADevices' (AccessDenied). Mutable at run time. */
  deny?: string[];
}

export type EmulatorUserInput = Omit<Partial<EmulatorUser>, 'devices'> & {
  userName: string;
  devices?: (Partial<EmulatorDevice> & { kind?: 'virtual' | 'u2f' })[];
};

export interface SessionRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresMs: number;
  user: UserRecord;
  /** Whether the session was made with an MFA code (aws:MultiFactorAuthPresent). */
  mfa: boolean;
  /** Set for a role session (AssumeRole). */
  role?: { arn: string; name: string; roleId: string; sessionName: string };
}

/** A role any user of its account may assume; with requireMfa only from an MFA session (the seed's pattern). */
export interface EmulatorRole {
  arn: string;
  name: string;
  roleId: string;
  requireMfa: boolean;
}

export interface UserRecord {
  user: EmulatorUser;
  userId: string;
  createdIso: string;
}

/** One access key of a user (IAM allows two); the user's first key is the one addUser made. */
export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  status: 'Active' | 'Inactive';
  createdMs: number;
  /** IAM is eventually consistent: a new key signs nothing until this moment (Emulator.keyPropagationMs). */
  usableFromMs: number;
  owner: UserRecord;
}

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function randomKeyId(prefix: string, length = 20): string {
  const bytes = randomBytes(length - prefix.length);
  let out = prefix;
  for (const b of bytes) out += KEY_CHARS[b & 31];
  return out;
}

// 30 random bytes are exactly 40 base64 characters, the length and alphabet of real secrets.
export const randomSecret = (): string => randomBytes(30).toString('base64');

export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class Directory {
  readonly byKey = new Map<string, UserRecord>();
  /** Every long-term key by ID, with its secret and status (sessions stay valid when their key goes). */
  readonly accessKeys = new Map<string, AccessKeyRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly devices = new Map<string, { owner: UserRecord; device: EmulatorDevice; codes: DeviceCodes }>();
  readonly roles = new Map<string, EmulatorRole>();

  addRole(input: { name: string; accountId?: string; requireMfa?: boolean }): EmulatorRole {
    const arn = `arn:aws:iam::${input.accountId ?? '123456789012'}:role/${input.name}`;
    if (this.roles.has(arn)) throw new Error(`Role ${arn} already exists`);
    const role: EmulatorRole = { arn, name: input.name, roleId: randomKeyId('AROA', 21), requireMfa: input.requireMfa ?? true };
    this.roles.set(arn, role);
    return role;
  }

  addUser(input: EmulatorUserInput, nowMs: number): EmulatorUser {
    const accountId = input.accountId ?? '123456789012';
    const devices: EmulatorDevice[] = (input.devices ?? [{ kind: 'virtual' }]).map((d, i) => {
      const kind = d.kind ?? 'virtual';
      const serial =
        d.serial ??
        (kind === 'u2f'
          ? `arn:aws:iam::${accountId}:u2f/user/${input.userName}/key${i}-${randomKeyId('', 26)}`
          : `arn:aws:iam::${accountId}:mfa/${i === 0 ? input.userName : `${input.userName}-${i}`}`);
      return { serial, kind, seedBase32: d.seedBase32 ?? randomSeedBase32() };
    });
    const user: EmulatorUser = {
      userName: input.userName,
      accountId,
      accessKeyId: input.accessKeyId ?? randomKeyId('AKIA'),
      secretAccessKey: input.secretAccessKey ?? randomSecret(),
      devices,
      deny: input.deny ?? [],
    };
    if (this.byKey.has(user.accessKeyId)) throw new Error(`Access key ${user.accessKeyId} already exists`);
    for (const d of devices) if (this.devices.has(d.serial)) throw new Error(`MFA device ${d.serial} already exists`);
    const rec: UserRecord = { user, userId: randomKeyId('AIDA', 21), createdIso: isoSeconds(nowMs) };
    this.byKey.set(user.accessKeyId, rec);
    this.accessKeys.set(user.accessKeyId, { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey, status: 'Active', createdMs: nowMs, usableFromMs: 0, owner: rec });
    for (const d of devices) this.devices.set(d.serial, { owner: rec, device: d, codes: new DeviceCodes(d.seedBase32) });
    return user;
  }

  /** Session keys start with ASIA on AWS; some emulators (moto) hand out AKIA-prefixed ones. */
  issueSession(owner: UserRecord, expiresMs: number, opts: { mfa: boolean; keyPrefix?: string; role?: SessionRecord['role'] }): SessionRecord {
    const s: SessionRecord = {
      accessKeyId: randomKeyId(opts.keyPrefix ?? 'ASIA'),
      secretAccessKey: randomSecret(),
      // Real session tokens are long opaque base64 strings (several hundred characters).
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(240).toString('base64')}`,
      expiresMs,
      user: owner,
      mfa: opts.mfa,
      ...(opts.role ? { role: opts.role } : {}),
    };
    this.sessions.set(s.accessKeyId, s);
    return s;
  }

  codesFor(serial: string): DeviceCodes {
    const d = this.devices.get(serial);
    if (!d) throw new Error(`No MFA device ${serial} in the emulator`);
    if (d.device.kind !== 'virtual') throw new Error(`${serial} is a U2F key; it has no codes`);
    return d.codes;
  }
}
