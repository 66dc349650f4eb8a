/**
 * MfaService: the one object the tray app and the CLI hold, over the use cases of main/core:
 * login.ts (keys + code -> session -> target profile), sessions.ts (status, logout, clean-up),
 * keys.ts (set, import, list, remove) and policy.ts (which partition's policy). It only wires them
 * together, so call sites stay stable while each use case lives in its own file. No Electron here.
 */
import { importKeys, listKeys, plaintextProfiles, removeKeys, setKeys, type ImportResult } from './keys';
import { Login, type LoginRequest } from './login';
import type { Partition } from './partitions';
import type { Paths } from './paths';
import { policyPartition } from './policy';
import type { MfaServiceDeps } from './service-deps';
import type { SessionRecord, SessionStateStore } from './session-state';
import { Sessions } from './sessions';
import { targetFor } from './targets';
import type { CredentialProcessOutput, LoginResult, MfaDevice, SessionStatus } from './types';

export type { AwsApi, MfaServiceDeps } from './service-deps';
export type { ImportResult } from './keys';
export type { LoginRequest } from './login';

export class MfaService {
  private readonly sessions: Sessions;
  private readonly logins: Login;

  constructor(private readonly deps: MfaServiceDeps) {
    const now = deps.now ?? Date.now;
    this.sessions = new Sessions(deps.paths, now);
    this.logins = new Login(deps, this.sessions, now);
  }

  get paths(): Paths {
    return this.deps.paths;
  }

  get state(): SessionStateStore {
    return this.sessions.state;
  }

  /** Background bookkeeping not yet on disk (the app delays a Windows log-off only for this). */
  get hasPendingWrites(): boolean {
    return this.sessions.hasPendingWrites;
  }

  /** Waits for background bookkeeping (the CLI calls it before exiting). */
  flush(): Promise<void> {
    return this.sessions.flush();
  }

  sessionRecords(): Record<string, SessionRecord> {
    return this.sessions.records();
  }

  preflight(profile: string, target: string): Promise<void> {
    return this.logins.preflight(profile, target);
  }

  async login(req: LoginRequest): Promise<LoginResult> {
    return (await this.logins.loginWithSession(req)).result;
  }

  loginWithSession(req: LoginRequest): Promise<{ result: LoginResult; credentials: CredentialProcessOutput }> {
    return this.logins.loginWithSession(req);
  }

  /** The profile a login with `profile`'s keys writes to, unless --target says otherwise. */
  targetFor(profile: string): string {
    return targetFor(profile, this.deps.settings.read());
  }

  discoverDevices(profile: string): Promise<MfaDevice[]> {
    return this.logins.discoverDevices(profile);
  }

  policyPartition(profile?: string, onConflict: 'error' | 'first' = 'error'): Promise<Partition> {
    return policyPartition({ paths: this.deps.paths, settings: this.deps.settings, env: this.deps.env ?? process.env }, profile, onConflict);
  }

  status(): Promise<SessionStatus[]> {
    return this.sessions.status();
  }

  logout(target: string): Promise<'removed' | 'none'> {
    return this.sessions.logout(target);
  }

  removeExpiredSessions(): Promise<string[]> {
    return this.sessions.removeExpired();
  }

  setKeys(profile: string, accessKeyId: string, secretAccessKey: string): Promise<void> {
    return setKeys(this.deps, profile, accessKeyId, secretAccessKey);
  }

  importKeys(profile: string): Promise<ImportResult> {
    return importKeys(this.deps, profile);
  }

  plaintextProfiles(): Promise<string[]> {
    return plaintextProfiles(this.deps.paths);
  }

  listKeys(): Promise<{ profile: string; accessKeyId: string }[]> {
    return listKeys(this.deps.keychain);
  }

  removeKeys(profile: string): Promise<boolean> {
    return removeKeys(this.deps.keychain, profile);
  }
}
