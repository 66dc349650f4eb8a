/**
 * The sessions this tool wrote: their records (sessions.json), `status`, `logout`, the removal of
 * expired ones, and the background bookkeeping a login leaves behind. Only sessions still holding
 * the key the tool wrote are touched; every other byte of the credentials file stays.
 */
import { readCredentialsFile } from './credentials-read';
import { updateIniFile } from './credentials-file';
import { UserError } from './errors';
import type { Paths } from './paths';
import { readRoleChains } from './role-chains';
import { dropSession, SessionStateStore, sessionsIn, type SessionRecord, type SessionState } from './session-state';
import { holdsLongTermKeys, holdsSession, longTermKeysInTarget } from './target-rules';
import type { SessionStatus } from './types';
import { validateProfileName } from './validate';

/** The four keys the target section gets, and nothing else. */
export const SESSION_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_credential_expiration'] as const;

/** The patch that takes a session out of `target` (and the section, when nothing else is left). */
const removal = (target: string) => ({ profile: target, values: Object.fromEntries(SESSION_KEYS.map((k) => [k, null])), removeSectionIfEmpty: true });

export class Sessions {
  readonly state: SessionStateStore;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly paths: Paths,
    private readonly now: () => number,
  ) {
    this.state = new SessionStateStore(paths.settingsDir);
  }

  /** Bookkeeping that may finish after the call that started it (flush() waits for it). */
  inBackground(work: () => Promise<unknown>): void {
    // Started on the next turn of the event loop: its first file calls are synchronous, and the
    // caller, who waits for the profile, comes first.
    const started = new Promise<void>((resolve) => setImmediate(resolve)).then(work);
    const tracked: Promise<void> = started.then(
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

  /** The sessions this tool wrote to the credentials file in use, by target (who made each). */
  records(state: SessionState = this.state.read()): Record<string, SessionRecord> {
    return Object.fromEntries(sessionsIn(state, this.paths.credentialsFile).map((r) => [r.target, r]));
  }

  /** Sessions written by the tool that are still in the credentials file, soonest expiry first. */
  async status(): Promise<SessionStatus[]> {
    await this.flush();
    const records = sessionsIn(this.state.read(), this.paths.credentialsFile);
    const file = await readCredentialsFile(this.paths.credentialsFile).catch(() => null);
    const live = records.filter((r) => !file || file.sections.get(r.target)?.aws_access_key_id === r.accessKeyId);
    const roles = await readRoleChains(this.paths.configFile, this.paths.credentialsFile, live.map((r) => r.target));
    const out: SessionStatus[] = [];
    for (const { target, ...rec } of live) {
      const secondsLeft = Math.max(0, Math.floor((Date.parse(rec.expiration) - this.now()) / 1000));
      out.push({ profile: rec.profile, target, expiration: rec.expiration, secondsLeft, roles: roles.get(target) ?? [] });
    }
    return out.sort((a, b) => a.expiration.localeCompare(b.expiration) || a.target.localeCompare(b.target));
  }

  /**
   * Removes the session this tool wrote into `target` (its four keys, and the section when nothing
   * else is left in it) and its record; every other byte stays. Refuses long-term keys and a session
   * someone else wrote. 'none' when the file holds no session there (nothing changed).
   */
  async logout(targetName: string): Promise<'removed' | 'none'> {
    const target = validateProfileName(targetName, 'target profile name');
    const file = this.paths.credentialsFile;
    await this.flush();
    const record = sessionsIn(this.state.read(), file).find((r) => r.target === target);
    let outcome: 'removed' | 'none' = 'none';
    await updateIniFile(file, (sections) => {
      const s = sections.get(target);
      if (!holdsSession(s)) {
        if (holdsLongTermKeys(s)) throw longTermKeysInTarget(target);
        return [];
      }
      if (!record || s!.aws_access_key_id !== record.accessKeyId) {
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
      return [removal(target)];
    });
    if (record) await this.state.update((st) => dropSession(st, file, target, record.accessKeyId));
    return outcome;
  }

  /** Deletes the expired sessions this tool wrote (only if still ours); returns their targets. */
  async removeExpired(): Promise<string[]> {
    await this.flush();
    const now = this.now();
    const file = this.paths.credentialsFile;
    const expired = sessionsIn(this.state.read(), file).filter((r) => Date.parse(r.expiration) <= now);
    if (expired.length === 0) return [];
    await updateIniFile(file, (sections) => expired.filter((r) => sections.get(r.target)?.aws_access_key_id === r.accessKeyId).map(({ target }) => removal(target)));
    await this.state.update((s) => {
      for (const r of expired) dropSession(s, file, r.target, r.accessKeyId);
    });
    return expired.map((r) => r.target);
  }
}
