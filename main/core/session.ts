/**
 * The use case shared by the tray app and the CLI: long-term keys from the keychain + an MFA code
 * -> STS session -> target profile written to the credentials file. Also the key management and
 * session bookkeeping around it. No Electron here.
 */
import { loadConfigFile, readSourceProfileConfig, sourceProfileConfig, type ConfiguredEndpoints } from './aws-config';
import type { ProfileNetwork } from './network/network-config';
import { readCredentialsFile, updateCredentialsFile } from './credentials-file';
import { isUserError, UserError, usageError } from './errors';
import { arnPartition, type Partition } from './partitions';
import type { Keychain } from './keychain';
import type { Paths } from './paths';
import { credentialsFileKey, dropSession, putSession, SessionStateStore, sessionsIn, type SessionRecord, type SessionState } from './session-state';
import { codeReusedError } from './sts-errors';
import type { SettingsStore } from './settings';
import { readRoleChains } from './role-chains';
import { defaultTargetFor, targetFor } from './targets';
import type { CredentialProcessOutput, LoginResult, LongTermKeys, MfaDevice, SessionCredentials, SessionStatus, Settings } from './types';
import {
  DEFAULT_DURATION,
  u2fError,
  validateAccessKeyId,
  validateCode,
  validateDuration,
  validateProfileName,
  validateSecretAccessKey,
  validateSerial,
} from './validate';

export interface AwsApi {
  getSessionToken(
    keys: LongTermKeys,
    req: { region: string; serial: string; code: string; durationSeconds: number; endpoints?: ConfiguredEndpoints; network?: ProfileNetwork },
  ): Promise<SessionCredentials>;
  listMfaDevices(keys: LongTermKeys, region: string, endpoints?: ConfiguredEndpoints, network?: ProfileNetwork): Promise<MfaDevice[]>;
}

export interface LoginRequest {
  profile: string;
  code: string;
  target?: string;
  serial?: string;
  durationSeconds?: number | string;
}

/** What `keys import` did; `previousAccessKeyId` only when other keys were replaced. */
export interface ImportResult {
  accessKeyId: string;
  outcome: 'moved' | 'same' | 'replaced' | 'already';
  previousAccessKeyId?: string;
}

export interface MfaServiceDeps {
  paths: Paths;
  keychain: Keychain;
  aws: AwsApi;
  settings: SettingsStore;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

/** The four keys the target section gets, and nothing else. */
export const SESSION_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_credential_expiration'] as const;

/** AWS accepts a TOTP code for about 90 s (±1 step); within that window the same code is a reuse. */
const CODE_REUSE_WINDOW_MS = 90_000;

export class MfaService {
  readonly state: SessionStateStore;
  private readonly now: () => number;
  /** Codes accepted by AWS in this process, so a reuse is caught even before the state file has it. */
  private readonly acceptedCodes = new Map<string, { code: string; at: number }>();
  private readonly pending = new Set<Promise<void>>();
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly deps: MfaServiceDeps) {
    this.state = new SessionStateStore(deps.paths.settingsDir);
    this.now = deps.now ?? Date.now;
    this.env = deps.env ?? process.env;
  }

  get paths(): Paths {
    return this.deps.paths;
  }

  private inBackground(work: Promise<unknown>): void {
    const tracked: Promise<void> = work.then(
      () => undefined,
      () => undefined, // a lost state record costs a status line, never the session itself
    );
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  /** Background bookkeeping not yet on disk (the app delays a Windows log-off only for this). */
  get hasPendingWrites(): boolean {
    return this.pending.size > 0;
  }

  /** Waits for background bookkeeping (the CLI calls it before exiting). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async keysFor(profile: string): Promise<LongTermKeys> {
    const keys = await this.deps.keychain.get(profile);
    if (!keys) {
      throw new UserError(
        { en: `No long-term keys for profile ${profile} in the keychain; add them with "aws-mfa-tray keys set ${profile} --access-key-id AKIA..." or "aws-mfa-tray keys import ${profile}".`, ja: `キーチェーンにプロファイル ${profile} の長期キーがありません。"aws-mfa-tray keys set ${profile} --access-key-id AKIA..." または "aws-mfa-tray keys import ${profile}" で追加してください。` },
        'NoKeys',
      );
    }
    return keys;
  }

  /** The sessions this tool wrote to the credentials file in use, by target (who made each). */
  sessionRecords(): Record<string, SessionRecord> {
    return recordsOf(this.state.read(), this.deps.paths.credentialsFile);
  }

  /**
   * What login would refuse before spending a code, checked before anyone is asked for one: the
   * keys, the credentials file, and the target (not the source itself, no long-term keys in it, not
   * another source profile's). Throws the same sentences.
   */
  async preflight(profileName: string, targetName: string): Promise<void> {
    const profile = validateProfileName(profileName);
    const target = validateProfileName(targetName, 'target profile name');
    const settings = this.deps.settings.read();
    assertTargetDiffers(profile, target);
    const [fileRead, keysRead] = await Promise.allSettled([readCredentialsFile(this.deps.paths.credentialsFile), this.keysFor(profile)]);
    const section = settled(fileRead)?.sections.get(target);
    assertTargetWritable(section, target);
    assertNotOthersSession(profile, target, settings, this.sessionRecords()[target], section);
    settled(keysRead);
  }

  private regionFor(configRegion: string | undefined): string {
    // The SDK's order: AWS_REGION, then the profile's region; the CLI also reads AWS_DEFAULT_REGION.
    return this.env.AWS_REGION || this.env.AWS_DEFAULT_REGION || configRegion || 'us-east-1';
  }

  async login(req: LoginRequest): Promise<LoginResult> {
    return (await this.loginWithSession(req)).result;
  }

  /**
   * The same login, also returning the session as credential_process output: for credential-process
   * and exec, and for the tray app answering their requests. Never handed to the renderer.
   */
  async loginWithSession(req: LoginRequest): Promise<{ result: LoginResult; credentials: CredentialProcessOutput }> {
    // Everything the user typed is checked before any file, keychain or network access.
    const profile = validateProfileName(req.profile);
    const code = validateCode(req.code);
    const reqTarget = req.target === undefined ? undefined : validateProfileName(req.target, 'target profile name');
    const reqSerial = req.serial === undefined ? undefined : validateSerial(req.serial);
    const reqDuration = req.durationSeconds === undefined ? undefined : validateDuration(req.durationSeconds);

    const settings = this.deps.settings.read();
    const entry = settings.profiles.find((p) => p.sourceProfile === profile);
    const target = targetFor(profile, settings, reqTarget);
    assertTargetDiffers(profile, target);

    // Independent reads run together (the keychain is a D-Bus round trip); errors are then reported
    // in a fixed order. An unusable credentials file is refused before the code is spent.
    const [fileRead, keysRead, configRead] = await Promise.allSettled([
      // Only the target's and the source profile's settings are needed (the whole file is still checked).
      readCredentialsFile(this.deps.paths.credentialsFile, { sections: [target, profile] }),
      this.keysFor(profile),
      loadConfigFile(this.deps.paths.configFile),
    ]);
    const file = settled(fileRead);
    const state = this.state.read();
    const sessionRecord = recordsOf(state, this.deps.paths.credentialsFile)[target];
    const assertWritable = (section: Record<string, string> | undefined): void => {
      assertTargetWritable(section, target);
      assertNotOthersSession(profile, target, settings, sessionRecord, section);
    };
    assertWritable(file?.sections.get(target));
    const keys = settled(keysRead);
    const { credentialsFile, configFile } = this.deps.paths;
    const config = sourceProfileConfig({ configFile, config: settled(configRead), credentialsFile, credentials: file?.sections ?? null }, profile);
    const region = this.regionFor(config.region);
    const durationSeconds = reqDuration ?? entry?.durationSeconds ?? settings.defaultDurationSeconds ?? config.durationSeconds ?? DEFAULT_DURATION;
    const known = reqSerial ?? entry?.serial ?? config.mfaSerial;
    const serial = known ?? (await this.discoverSerial(profile, keys, region, config.endpoints, config.network));

    const reused = [this.acceptedCodes.get(serial), state.lastCodes[serial]].some(
      (last) => last && last.code === code && this.now() - last.at < CODE_REUSE_WINDOW_MS,
    );
    if (reused) throw codeReusedError();

    const session = await this.getSessionToken(profile, keys, { region, serial, code, durationSeconds, endpoints: config.endpoints, network: config.network });
    const expiration = session.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z');

    // The code is spent at AWS now, whatever happens to the file: remember it, and the session, in the
    // state file while the credentials file is written (different files and locks, so in parallel).
    const accepted = { code, at: this.now() };
    this.acceptedCodes.set(serial, accepted);
    try {
      // `file`: the read above; if nothing changed the file meanwhile, its scan is not repeated.
      const values = {
        aws_access_key_id: session.accessKeyId,
        aws_secret_access_key: session.secretAccessKey,
        aws_session_token: session.sessionToken,
        aws_credential_expiration: expiration,
      };
      await updateCredentialsFile(
        this.deps.paths.credentialsFile,
        (sections) => {
          assertWritable(sections.get(target));
          return [{ profile: target, values }];
        },
        file,
      );
    } catch (e) {
      // Not written, but the code is spent at AWS: keep it on record for the next try.
      await this.state.update((st) => void (st.lastCodes[serial] = accepted)).catch(() => undefined);
      throw e;
    }
    if (known === undefined) this.rememberSerial(profile, target, serial);
    // The profile is ready, which is what the user waits for; the bookkeeping (status line, spent
    // code) is written in the background. flush() waits for it, and status() flushes first.
    this.inBackground(
      this.state.update((st) => {
        st.lastCodes[serial] = accepted;
        putSession(st, { credentialsFile: credentialsFileKey(this.deps.paths.credentialsFile), target, profile, expiration, accessKeyId: session.accessKeyId });
      }),
    );
    return {
      result: { profile, target, serial, expiration },
      credentials: { Version: 1, AccessKeyId: session.accessKeyId, SecretAccessKey: session.secretAccessKey, SessionToken: session.sessionToken, Expiration: expiration },
    };
  }

  /**
   * GetSessionToken; when AWS rejects the keys themselves and the keychain was answering from
   * memory, asks the OS keychain again and retries once with keys changed meanwhile (the CLI may
   * have replaced them). A rejected signature is checked before the MFA code, so the code is unspent.
   */
  private async getSessionToken(
    profile: string,
    keys: LongTermKeys,
    req: { region: string; serial: string; code: string; durationSeconds: number; endpoints?: ConfiguredEndpoints; network?: ProfileNetwork },
  ): Promise<SessionCredentials> {
    try {
      return await this.deps.aws.getSessionToken(keys, req);
    } catch (e) {
      const keychain = this.deps.keychain;
      if (!keychain.forget || !isUserError(e) || (e.code !== 'UnknownKey' && e.code !== 'WrongSecret')) throw e;
      keychain.forget(profile);
      const fresh = await keychain.get(profile);
      if (!fresh || (fresh.accessKeyId === keys.accessKeyId && fresh.secretAccessKey === keys.secretAccessKey)) throw e;
      return this.deps.aws.getSessionToken(fresh, req);
    }
  }

  /** Finds the user's MFA device with iam:ListMFADevices; one TOTP device is used and remembered. */
  private async discoverSerial(profile: string, keys: LongTermKeys, region: string, endpoints?: ConfiguredEndpoints, network?: ProfileNetwork): Promise<string> {
    const devices = await this.deps.aws.listMfaDevices(keys, region, endpoints, network);
    const usable = devices.filter((d) => d.kind !== 'u2f');
    if (usable.length === 0) {
      if (devices.length > 0) throw u2fError();
      throw new UserError(
        { en: 'This IAM user has no MFA device; assign a virtual MFA device in the IAM console (Security credentials), then try again.', ja: 'この IAM ユーザーには MFA デバイスがありません。IAM コンソール（セキュリティ認証情報）で仮想 MFA デバイスを割り当ててから、やり直してください。' },
        'NoMfaDevice',
      );
    }
    if (usable.length > 1) {
      throw new UserError(
        { en: `This IAM user has several MFA devices (${usable.map((d) => d.serial).join(', ')}); choose one with --serial or in Settings.`, ja: `この IAM ユーザーには MFA デバイスが複数あります（${usable.map((d) => d.serial).join('、')}）。--serial または設定で 1 つ選んでください。` },
        'SeveralMfaDevices',
        'usage',
      );
    }
    return usable[0]!.serial;
  }

  /**
   * After a successful login with a discovered serial: remembers it in the profile's entry (a new
   * entry names the target this login used). Only that entry is written; nothing the user did not
   * choose (preferences, defaults) lands in the file. Losing it costs one ListMFADevices next time,
   * so a failure here does not fail the login.
   */
  private rememberSerial(profile: string, target: string, serial: string): void {
    try {
      const entry = this.deps.settings.read().profiles.find((p) => p.sourceProfile === profile);
      this.deps.settings.saveProfile(entry ? { ...entry, serial } : { sourceProfile: profile, target, serial });
    } catch {
      // see above
    }
  }

  /** The profile a login with `profile`'s keys writes to, unless --target says otherwise. */
  targetFor(profile: string): string {
    return targetFor(profile, this.deps.settings.read());
  }

  async discoverDevices(profile: string): Promise<MfaDevice[]> {
    const name = validateProfileName(profile);
    const keys = await this.keysFor(name);
    const config = await readSourceProfileConfig(this.deps.paths.configFile, this.deps.paths.credentialsFile, name);
    return this.deps.aws.listMfaDevices(keys, this.regionFor(config.region), config.endpoints, config.network);
  }

  /**
   * The partition whose policy a user needs: of the profile's MFA serial (settings, else mfa_serial),
   * else aws. Without a profile, of every configured profile (none yet: AWS_PROFILE, else default): one partition is
   * the answer; several are refused with one sentence, or (`onConflict: 'first'`, the tray) the
   * first configured profile's wins.
   */
  async policyPartition(profile?: string, onConflict: 'error' | 'first' = 'error'): Promise<Partition> {
    const settings = this.deps.settings.read();
    const configured = settings.profiles.map((p) => p.sourceProfile);
    // Nothing set up in aws-mfa-tray yet: the profile the AWS CLI would use (AWS_PROFILE, else default).
    const fallback = [this.env.AWS_PROFILE || 'default'].filter((n) => {
      try {
        return validateProfileName(n) === n;
      } catch {
        return false; // an AWS_PROFILE we could not use anyway
      }
    });
    const names = profile !== undefined ? [validateProfileName(profile)] : configured.length ? configured : fallback;
    const found = new Map<Partition, string[]>();
    for (const name of names) {
      const config = await readSourceProfileConfig(this.deps.paths.configFile, this.deps.paths.credentialsFile, name).catch((): { mfaSerial?: string } => ({}));
      const serial = settings.profiles.find((p) => p.sourceProfile === name)?.serial ?? config.mfaSerial;
      const partition = serial ? arnPartition(serial) : null;
      if (partition) found.set(partition, [...(found.get(partition) ?? []), name]);
    }
    const [first, ...others] = [...found.keys()];
    if (others.length > 0 && onConflict === 'error') {
      const list = [...found].map(([p, profiles]) => `${p}: ${profiles.join(', ')}`).join('; ');
      throw usageError({
        en: `Your profiles are in several AWS partitions (${list}); choose one with --partition or --profile.`,
        ja: `プロファイルが複数の AWS パーティションにまたがっています（${list}）。--partition か --profile で 1 つ選んでください。`,
      });
    }
    return first ?? 'aws';
  }

  /** Sessions written by the tool that are still in the credentials file, soonest expiry first. */
  async status(): Promise<SessionStatus[]> {
    await this.flush();
    const records = sessionsIn(this.state.read(), this.deps.paths.credentialsFile);
    const file = await readCredentialsFile(this.deps.paths.credentialsFile).catch(() => null);
    const live = records.filter((r) => !file || file.sections.get(r.target)?.aws_access_key_id === r.accessKeyId);
    const roles = await readRoleChains(this.deps.paths.configFile, this.deps.paths.credentialsFile, live.map((r) => r.target));
    const out: SessionStatus[] = [];
    for (const { target, ...rec } of live) {
      const secondsLeft = Math.max(0, Math.floor((Date.parse(rec.expiration) - this.now()) / 1000));
      out.push({ profile: rec.profile, target, expiration: rec.expiration, secondsLeft, roles: roles.get(target) ?? [] });
    }
    return out.sort((a, b) => a.expiration.localeCompare(b.expiration) || a.target.localeCompare(b.target));
  }

  /** AWS credential_process output from the valid session in `target`. */
  async credentialProcess(targetName: string): Promise<CredentialProcessOutput> {
    const target = validateProfileName(targetName, 'target profile name');
    const file = await readCredentialsFile(this.deps.paths.credentialsFile);
    const s = file?.sections.get(target);
    const exp = s?.aws_credential_expiration;
    if (!s || !s.aws_access_key_id || !s.aws_secret_access_key || !s.aws_session_token || !exp) {
      throw new UserError(
        { en: `Profile ${target} holds no session from aws-mfa-tray; log in first with "aws-mfa-tray login <profile> --code <code>".`, ja: `プロファイル ${target} に aws-mfa-tray のセッションはありません。先に "aws-mfa-tray login <profile> --code <コード>" でログインしてください。` },
        'NoSession',
      );
    }
    if (!(Date.parse(exp) > this.now())) {
      throw new UserError(
        { en: `The session in profile ${target} expired at ${exp}; log in again with a new MFA code.`, ja: `プロファイル ${target} のセッションは ${exp} に期限が切れました。新しい MFA コードでもう一度ログインしてください。` },
        'SessionExpired',
      );
    }
    return {
      Version: 1,
      AccessKeyId: s.aws_access_key_id,
      SecretAccessKey: s.aws_secret_access_key,
      SessionToken: s.aws_session_token,
      Expiration: exp,
    };
  }

  /**
   * Removes the session this tool wrote into `target` (its four keys, and the section when nothing
   * else is left in it) and its record; every other byte stays. Refuses long-term keys and a session
   * someone else wrote. 'none' when the file holds no session there (nothing changed).
   */
  async logout(targetName: string): Promise<'removed' | 'none'> {
    const target = validateProfileName(targetName, 'target profile name');
    const file = this.deps.paths.credentialsFile;
    await this.flush();
    const record = sessionsIn(this.state.read(), file).find((r) => r.target === target);
    let outcome: 'removed' | 'none' = 'none';
    await updateCredentialsFile(file, (sections) => {
      const s = sections.get(target);
      if (!s?.aws_session_token) {
        if (s?.aws_access_key_id && s.aws_secret_access_key) throw longTermKeysInTarget(target);
        return [];
      }
      if (!record || s.aws_access_key_id !== record.accessKeyId) {
        throw new UserError(
          {
            en: `Profile ${target} holds a session that aws-mfa-tray did not write, so it was left as it is; remove it by hand if you no longer need it.`,
            ja: `プロファイル ${target} のセッションは aws-mfa-tray が書き込んだものではないため、そのままにしました。不要なら手で削除してください。`,
          },
          'BadInput',
          'usage',
        );
      }
      outcome = 'removed';
      return [{ profile: target, values: Object.fromEntries(SESSION_KEYS.map((k) => [k, null])), removeSectionIfEmpty: true }];
    });
    if (record) await this.state.update((st) => dropSession(st, file, target, record.accessKeyId));
    return outcome;
  }

  /** Deletes the expired sessions this tool wrote (only if still ours); returns their targets. */
  async removeExpiredSessions(): Promise<string[]> {
    await this.flush();
    const now = this.now();
    const file = this.deps.paths.credentialsFile;
    const expired = sessionsIn(this.state.read(), file).filter((r) => Date.parse(r.expiration) <= now);
    if (expired.length === 0) return [];
    await updateCredentialsFile(file, (sections) =>
      expired
        .filter((r) => sections.get(r.target)?.aws_access_key_id === r.accessKeyId)
        .map(({ target }) => ({
          profile: target,
          values: Object.fromEntries(SESSION_KEYS.map((k) => [k, null])),
          removeSectionIfEmpty: true,
        })),
    );
    await this.state.update((s) => {
      for (const r of expired) dropSession(s, file, r.target, r.accessKeyId);
    });
    return expired.map((r) => r.target);
  }

  async setKeys(profileName: string, accessKeyId: string, secretAccessKey: string): Promise<void> {
    const profile = validateProfileName(profileName);
    const keys = { accessKeyId: validateAccessKeyId(accessKeyId), secretAccessKey: validateSecretAccessKey(secretAccessKey) };
    await this.deps.keychain.set(profile, keys);
  }

  /**
   * Moves [profile]'s long-term keys from the credentials file into the keychain, then deletes just
   * those lines. Says what the keychain held before: nothing, the same keys, other keys; or, with
   * nothing left in the file, that the keychain already has keys for the profile.
   */
  async importKeys(profileName: string): Promise<ImportResult> {
    const profile = validateProfileName(profileName);
    const file = await readCredentialsFile(this.deps.paths.credentialsFile);
    const s = file?.sections.get(profile);
    if (!s?.aws_access_key_id || !s.aws_secret_access_key) {
      const held = s?.aws_session_token ? null : await this.deps.keychain.get(profile).catch(() => null);
      if (held) return { accessKeyId: held.accessKeyId, outcome: 'already' };
      throw new UserError(
        { en: `The credentials file has no long-term keys under [${profile}]; store them with "aws-mfa-tray keys set ${profile} --access-key-id AKIA..." instead.`, ja: `認証情報ファイルの [${profile}] に長期キーがありません。代わりに "aws-mfa-tray keys set ${profile} --access-key-id AKIA..." で保存してください。` },
        'NoKeys',
      );
    }
    if (s.aws_session_token) {
      throw new UserError(
        { en: `Profile ${profile} holds temporary session keys, not long-term keys; import the profile that holds your IAM user's access key (AKIA...).`, ja: `プロファイル ${profile} にあるのは長期キーではなく一時的なセッションキーです。IAM ユーザーのアクセスキー（AKIA...）があるプロファイルを取り込んでください。` },
        'SessionKeys',
        'usage',
      );
    }
    const keys = {
      accessKeyId: validateAccessKeyId(s.aws_access_key_id),
      secretAccessKey: validateSecretAccessKey(s.aws_secret_access_key),
    };
    const before = await this.deps.keychain.get(profile).catch(() => null);
    await this.deps.keychain.set(profile, keys);
    // Only delete the plaintext copy once the keychain provably holds the same keys.
    const stored = await this.deps.keychain.get(profile);
    if (stored?.accessKeyId !== keys.accessKeyId || stored.secretAccessKey !== keys.secretAccessKey) {
      throw new UserError({ en: 'The keychain did not keep the keys; the credentials file was left as it was.', ja: 'キーチェーンにキーを保存できませんでした。認証情報ファイルはそのままです。' }, 'KeychainUnavailable');
    }
    await updateCredentialsFile(this.deps.paths.credentialsFile, (sections) => {
      const now = sections.get(profile);
      if (now?.aws_access_key_id !== keys.accessKeyId || now.aws_secret_access_key !== keys.secretAccessKey) return [];
      return [{ profile, values: { aws_access_key_id: null, aws_secret_access_key: null } }];
    });
    if (!before) return { accessKeyId: keys.accessKeyId, outcome: 'moved' };
    if (before.accessKeyId === keys.accessKeyId && before.secretAccessKey === keys.secretAccessKey) return { accessKeyId: keys.accessKeyId, outcome: 'same' };
    return { accessKeyId: keys.accessKeyId, outcome: 'replaced', previousAccessKeyId: before.accessKeyId };
  }

  /** Source profiles in the credentials file that still hold plaintext long-term keys. */
  async plaintextProfiles(): Promise<string[]> {
    const file = await readCredentialsFile(this.deps.paths.credentialsFile).catch(() => null);
    if (!file) return [];
    return [...file.sections.entries()]
      .filter(([, v]) => v.aws_access_key_id?.startsWith('AKIA') && v.aws_secret_access_key && !v.aws_session_token)
      .map(([k]) => k);
  }

  listKeys(): Promise<{ profile: string; accessKeyId: string }[]> {
    return this.deps.keychain.list();
  }

  removeKeys(profileName: string): Promise<boolean> {
    return this.deps.keychain.remove(validateProfileName(profileName));
  }
}

/** The sessions recorded for `credentialsFile`, by target. */
function recordsOf(state: SessionState, credentialsFile: string): Record<string, SessionRecord> {
  return Object.fromEntries(sessionsIn(state, credentialsFile).map((r) => [r.target, r]));
}

function settled<T>(r: PromiseSettledResult<T>): T {
  if (r.status === 'rejected') throw r.reason;
  return r.value;
}

/**
 * Long-term keys: an access key without a session token. A section with aws_session_token is a
 * session whatever its key prefix (emulators such as moto hand out AKIA-prefixed session keys);
 * an ASIA key without a token is the remains of a session and usable by nobody.
 */
export function holdsLongTermKeys(section: Record<string, string> | undefined): boolean {
  const id = section?.aws_access_key_id;
  return Boolean(id) && !section?.aws_session_token && !id!.startsWith('ASIA');
}

/**
 * A login never silently replaces another source profile's session: the target belongs to another
 * source profile in the settings, or holds the session this tool wrote for one.
 */
function assertNotOthersSession(
  profile: string,
  target: string,
  settings: Settings,
  record: SessionRecord | undefined,
  section: Record<string, string> | undefined,
): void {
  const owner =
    settings.profiles.find((p) => p.target === target && p.sourceProfile !== profile)?.sourceProfile ??
    (record && record.profile !== profile && section?.aws_access_key_id === record.accessKeyId ? record.profile : undefined);
  if (owner === undefined) return;
  const usual = defaultTargetFor(profile, settings.defaultTarget);
  const hint = usual === target ? '' : ` (${profile} writes to ${usual} by default)`;
  const jaHint = usual === target ? '' : `（${profile} の既定の書き込み先は ${usual}）`;
  throw new UserError(
    {
      en: `Profile ${target} holds the session of source profile ${owner}, so ${profile} cannot log in to it; choose another target with --target${hint}.`,
      ja: `プロファイル ${target} にはソースプロファイル ${owner} のセッションがあるため、${profile} ではログインできません。--target で別の書き込み先を選んでください${jaHint}。`,
    },
    'TargetTaken',
    'usage',
  );
}

function assertTargetDiffers(profile: string, target: string): void {
  if (target === profile) {
    throw usageError({
      en: `The target profile must differ from the source profile ${profile}, or the session would overwrite your long-term keys; pick another with --target.`,
      ja: `書き込み先はソースプロファイル ${profile} と別にしてください（同じだとセッションが長期キーを上書きします）。--target で別の名前を指定してください。`,
    });
  }
}

/** Never overwrite long-term keys: a target section holding them is someone's real identity. */
function assertTargetWritable(section: Record<string, string> | undefined, target: string): void {
  if (holdsLongTermKeys(section)) {
    throw usageError(
      { en: `Profile ${target} in the credentials file holds long-term keys; choose another target profile, or move them to the keychain first with "aws-mfa-tray keys import ${target}".`, ja: `認証情報ファイルのプロファイル ${target} には長期キーがあります。別の書き込み先を選ぶか、先に "aws-mfa-tray keys import ${target}" でキーチェーンに移してください。` },
    );
  }
}

function longTermKeysInTarget(target: string): UserError {
  return usageError({
    en: `Profile ${target} holds long-term keys, not a session, so it was left as it is; logout only removes sessions aws-mfa-tray wrote.`,
    ja: `プロファイル ${target} にはセッションではなく長期キーがあるため、そのままにしました。logout が削除するのは aws-mfa-tray が書き込んだセッションだけです。`,
  });
}
