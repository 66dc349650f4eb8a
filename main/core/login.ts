/**
 * The login: long-term keys from the keychain + an MFA code -> STS session -> target profile written
 * to the credentials file. Also what is checked before a code is spent (preflight), the key retry,
 * the discovery and remembering of the serial, and the guard against a code used twice.
 */
import { loadConfigFile, readSourceProfileConfig, sourceProfileConfig, type ConfiguredEndpoints } from './aws-config';
import { readCredentialsFile } from './credentials-read';
import { updateIniFile } from './credentials-file';
import { isUserError, UserError } from './errors';
import { keysFor } from './keys';
import type { ProfileNetwork } from './network/network-config';
import { regionFor, settled, type MfaServiceDeps } from './service-deps';
import { credentialsFileKey, putSession } from './session-state';
import type { Sessions } from './sessions';
import { codeReusedError } from './sts-errors';
import { addTargetRegion } from './target-region';
import { assertNotOthersSession, assertTargetDiffers, assertTargetWritable } from './target-rules';
import { settingsEntry, targetFor } from './targets';
import type { CredentialProcessOutput, LoginResult, LongTermKeys, MfaDevice, SessionCredentials } from './types';
import { DEFAULT_DURATION, u2fError, validateCode, validateDuration, validateProfileName, validateSerial } from './validate';

export interface LoginRequest {
  profile: string;
  code: string;
  target?: string;
  serial?: string;
  durationSeconds?: number | string;
}

type StsRequest = { region: string; serial: string; code: string; durationSeconds: number; endpoints?: ConfiguredEndpoints; network?: ProfileNetwork };

/** AWS accepts a TOTP code for about 90 s (±1 step); within that window the same code is a reuse. */
const CODE_REUSE_WINDOW_MS = 90_000;

export class Login {
  /** Codes accepted by AWS in this process, so a reuse is caught even before the state file has it. */
  private readonly acceptedCodes = new Map<string, { code: string; at: number }>();
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly deps: MfaServiceDeps,
    private readonly sessions: Sessions,
    private readonly now: () => number,
  ) {
    this.env = deps.env ?? process.env;
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
    const [fileRead, keysRead] = await Promise.allSettled([readCredentialsFile(this.deps.paths.credentialsFile), keysFor(this.deps.keychain, profile)]);
    const section = settled(fileRead)?.sections.get(target);
    assertTargetWritable(section, target);
    assertNotOthersSession(profile, target, settings, this.sessions.records()[target], section);
    settled(keysRead);
  }

  /**
   * The login, also returning the session as credential_process output: for credential-process
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
    const entry = settingsEntry(settings, profile);
    const target = targetFor(profile, settings, reqTarget);
    assertTargetDiffers(profile, target);

    // Independent reads run together (the keychain is a D-Bus round trip); errors are then reported
    // in a fixed order. An unusable credentials file is refused before the code is spent.
    const { credentialsFile, configFile } = this.deps.paths;
    const reads = Promise.allSettled([
      // Only the target's and the source profile's settings are needed (the whole file is still checked).
      readCredentialsFile(credentialsFile, { sections: [target, profile] }),
      keysFor(this.deps.keychain, profile),
      loadConfigFile(configFile),
    ]);
    this.deps.aws.prepare?.();
    const [fileRead, keysRead, configRead] = await reads;
    const file = settled(fileRead);
    const state = this.sessions.state.read();
    const sessionRecord = this.sessions.records(state)[target];
    const assertWritable = (section: Record<string, string> | undefined): void => {
      assertTargetWritable(section, target);
      assertNotOthersSession(profile, target, settings, sessionRecord, section);
    };
    assertWritable(file?.sections.get(target));
    const keys = settled(keysRead);
    const config = sourceProfileConfig({ configFile, config: settled(configRead), credentialsFile, credentials: file?.sections ?? null }, profile);
    const region = regionFor(this.env, config.region);
    const durationSeconds = reqDuration ?? entry?.durationSeconds ?? settings.defaultDurationSeconds ?? config.durationSeconds ?? DEFAULT_DURATION;
    const known = reqSerial ?? entry?.serial ?? config.mfaSerial;
    const serial = known ?? (await this.discoverSerial(keys, region, config.endpoints, config.network));

    const reused = [this.acceptedCodes.get(serial), state.lastCodes[serial]].some((last) => last && last.code === code && this.now() - last.at < CODE_REUSE_WINDOW_MS);
    if (reused) throw codeReusedError();

    const session = await this.getSessionToken(profile, keys, { region, serial, code, durationSeconds, endpoints: config.endpoints, network: config.network });
    const expiration = session.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z');

    // The code is spent at AWS now, whatever happens to the file: remember it, and the session, in the
    // state file while the credentials file is written (different files and locks, so in parallel).
    const accepted = { code, at: this.now() };
    this.acceptedCodes.set(serial, accepted);
    try {
      const values = {
        aws_access_key_id: session.accessKeyId,
        aws_secret_access_key: session.secretAccessKey,
        aws_session_token: session.sessionToken,
        aws_credential_expiration: expiration,
      };
      // `file`: the read above; if nothing changed the file meanwhile, its scan is not repeated.
      await updateIniFile(
        credentialsFile,
        (sections) => {
          assertWritable(sections.get(target));
          return [{ profile: target, values }];
        },
        file,
      );
    } catch (e) {
      // Not written, but the code is spent at AWS: keep it on record for the next try.
      await this.sessions.state.update((st) => void (st.lastCodes[serial] = accepted)).catch(() => undefined);
      throw e;
    }
    if (known === undefined) this.rememberSerial(profile, target, serial);
    const regionAdded = await this.regionFollows(config.region, target, { configFile, config: settled(configRead), credentialsFile, credentials: file?.sections ?? null });
    // The profile is ready, which is what the user waits for; the bookkeeping (status line, spent
    // code) is written in the background. flush() waits for it, and status() flushes first.
    this.sessions.inBackground(() =>
      this.sessions.state.update((st) => {
        st.lastCodes[serial] = accepted;
        putSession(st, { credentialsFile: credentialsFileKey(credentialsFile), target, profile, expiration, accessKeyId: session.accessKeyId });
      }),
    );
    return {
      result: { profile, target, serial, expiration, ...(regionAdded ? { regionAdded } : {}) },
      credentials: { Version: 1, AccessKeyId: session.accessKeyId, SecretAccessKey: session.secretAccessKey, SessionToken: session.sessionToken, Expiration: expiration },
    };
  }

  /**
   * GetSessionToken; when AWS rejects the keys themselves and the keychain was answering from
   * memory, asks the OS keychain again and retries once with keys changed meanwhile (the CLI may
   * have replaced them). A rejected signature is checked before the MFA code, so the code is unspent.
   */
  private async getSessionToken(profile: string, keys: LongTermKeys, req: StsRequest): Promise<SessionCredentials> {
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
  private async discoverSerial(keys: LongTermKeys, region: string, endpoints?: ConfiguredEndpoints, network?: ProfileNetwork): Promise<string> {
    const devices = await this.deps.aws.listMfaDevices(keys, region, endpoints, network);
    const usable = devices.filter((d) => d.kind !== 'u2f');
    if (usable.length === 0) {
      if (devices.length > 0) throw u2fError();
      throw new UserError(
        {
          en: 'This IAM user has no MFA device; assign a virtual MFA device in the IAM console (Security credentials), then try again.',
          ja: 'この IAM ユーザーには MFA デバイスがありません。IAM コンソール（セキュリティ認証情報）で仮想 MFA デバイスを割り当ててから、やり直してください。',
        },
        'NoMfaDevice',
      );
    }
    if (usable.length > 1) {
      throw new UserError(
        {
          en: `This IAM user has several MFA devices (${usable.map((d) => d.serial).join(', ')}); choose one with --serial or in Settings.`,
          ja: `この IAM ユーザーには MFA デバイスが複数あります（${usable.map((d) => d.serial).join('、')}）。--serial または設定で 1 つ選んでください。`,
        },
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
      const entry = settingsEntry(this.deps.settings.read(), profile);
      this.deps.settings.saveProfile(entry ? { ...entry, serial } : { sourceProfile: profile, target, serial });
    } catch {
      // see above
    }
  }

  /**
   * The source profile's region for a target without one of its own (config or credentials file,
   * as the SDK merges them), written into the config file. The session is written already, so a
   * config file that cannot be changed costs only the region, not the login.
   */
  private async regionFollows(region: string | undefined, target: string, files: Parameters<typeof sourceProfileConfig>[0]): Promise<string | undefined> {
    if (!region || sourceProfileConfig(files, target).region) return undefined;
    try {
      return (await addTargetRegion(this.deps.paths.configFile, target, region)) ? region : undefined;
    } catch {
      return undefined;
    }
  }

  /** The MFA devices of `profile`'s IAM user (the settings page's device picker). */
  async discoverDevices(profile: string): Promise<MfaDevice[]> {
    const name = validateProfileName(profile);
    const keys = await keysFor(this.deps.keychain, name);
    const config = await readSourceProfileConfig(this.deps.paths.configFile, this.deps.paths.credentialsFile, name);
    return this.deps.aws.listMfaDevices(keys, regionFor(this.env, config.region), config.endpoints, config.network);
  }
}
