/**
 * Keeps the session of `exec --server` fresh without making an SDK wait. The endpoint answers from
 * memory at once; a new session is asked for in the background, well before expiry: RENEW_LEAD_MS
 * ahead, more than the SDKs' own windows (botocore refreshes container credentials 15 minutes ahead,
 * and must have them 10 minutes ahead; the JS SDK 5 minutes), so the person has the time of those
 * windows to answer while every SDK goes on with the still-valid session.
 *
 * One renewal at a time: fetches that arrive meanwhile get the old session, never a second prompt.
 * One timer, set for the next renewal (hours away for a 12-hour session): nothing runs while idle.
 * After expiry with no new session, fetches are answered at once with one sentence; a renewal that
 * failed (cancelled, mfa_process failed) is tried again only on a fetch RETRY_AFTER_FAILURE_MS later,
 * so a command that polls does not reopen the popup as soon as it is closed.
 */
import { isUserError, type Sentence } from './errors';
import type { CredentialProcessOutput } from './types';

export const RENEW_LEAD_MS = 20 * 60_000;
export const RETRY_AFTER_FAILURE_MS = 60_000;
/** setTimeout's limit (about 24.8 days); a later renewal is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface KeeperDeps {
  /** A session newer than `held`: from the credentials file if another process renewed, else through the code sources. */
  renew(held: CredentialProcessOutput): Promise<CredentialProcessOutput>;
  /** Told once per failed renewal (the CLI prints it on stderr). */
  onRenewFailed?(error: unknown): void;
  /** Told when a new session is in use. */
  onRenewed?(session: CredentialProcessOutput): void;
  now?: () => number;
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  leadMs?: number;
  retryAfterFailureMs?: number;
}

export type KeeperAnswer = { ok: true; session: CredentialProcessOutput } | { ok: false; message: Sentence; code: string };

const expiredSentence = (target: string, exp: string, why?: Sentence): Sentence => ({
  en: why
    ? `The session of profile ${target} expired at ${exp} and could not be renewed (${why.en.replace(/\.$/, '')}); renew it with "aws-mfa-tray login" or the tray, and the command's next AWS call will use it.`
    : `The session of profile ${target} expired at ${exp} and a new one is being asked for (tray, mfa_process); answer that prompt, and the command's next AWS call will use it.`,
  ja: why
    ? `プロファイル ${target} のセッションは ${exp} に期限が切れ、更新できませんでした（${why.ja.replace(/\u3002$/, '')}）。"aws-mfa-tray login" かトレイで更新すれば、コマンドの次の AWS 呼び出しから使われます。`
    : `プロファイル ${target} のセッションは ${exp} に期限が切れ、新しいセッションを求めています（トレイ、mfa_process）。その入力に答えれば、コマンドの次の AWS 呼び出しから使われます。`,
});

export class SessionKeeper {
  private session: CredentialProcessOutput;
  /** When the next renewal is due (ms since epoch). */
  private dueAt: number;
  private renewing: Promise<void> | null = null;
  private lastFailure: { at: number; error: unknown } | null = null;
  private timer: unknown = null;
  private stopped = false;
  private readonly now: () => number;
  private readonly timers: NonNullable<KeeperDeps['timers']>;
  private readonly leadMs: number;

  constructor(
    private readonly target: string,
    initial: CredentialProcessOutput,
    private readonly deps: KeeperDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.timers = deps.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
    this.leadMs = deps.leadMs ?? RENEW_LEAD_MS;
    this.session = initial;
    // A session found in the file: due LEAD ahead of its expiry, which may be now already.
    this.dueAt = Date.parse(initial.Expiration) - this.leadMs;
    this.arm();
  }

  /** A renewal is running (mfa_process, a popup open). */
  get busy(): boolean {
    return this.renewing !== null;
  }

  /** The answer for one fetch, at once. Starts a renewal when one is due. */
  answer(): KeeperAnswer {
    const now = this.now();
    if (now >= this.dueAt) this.kick(now);
    const exp = Date.parse(this.session.Expiration);
    if (exp > now) return { ok: true, session: this.session };
    const failure = this.lastFailure && !this.renewing ? this.lastFailure.error : null;
    const why = failure && isUserError(failure) ? { en: failure.message, ja: failure.ja } : undefined;
    return { ok: false, code: 'SessionExpired', message: expiredSentence(this.target, this.session.Expiration, why) };
  }

  /** The command ended: no more renewals (one running is left to finish or die with the process). */
  stop(): void {
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    this.timers.clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    const wait = this.dueAt - this.now();
    if (wait <= 0) {
      this.kick(this.now());
      return;
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (this.now() >= this.dueAt) this.kick(this.now());
      else this.arm();
    }, Math.min(wait, MAX_TIMER_MS));
  }

  private kick(now: number): void {
    if (this.renewing || this.stopped) return;
    if (this.lastFailure && now - this.lastFailure.at < (this.deps.retryAfterFailureMs ?? RETRY_AFTER_FAILURE_MS)) return;
    const held = this.session;
    this.renewing = this.deps
      .renew(held)
      .then((fresh) => {
        if (Date.parse(fresh.Expiration) <= Date.parse(held.Expiration)) throw new Error('the renewal gave no newer session');
        this.lastFailure = null;
        this.adopt(fresh, this.now());
        this.deps.onRenewed?.(fresh);
      })
      .catch((e: unknown) => {
        this.lastFailure = { at: this.now(), error: e };
        this.deps.onRenewFailed?.(e);
      })
      .finally(() => {
        this.renewing = null;
      });
  }

  /**
   * A new session is due LEAD ahead of its expiry; one too short for that (15-minute sessions) at
   * the middle of its life, so that renewing never loops.
   */
  private adopt(fresh: CredentialProcessOutput, now: number): void {
    this.session = fresh;
    const exp = Date.parse(fresh.Expiration);
    this.dueAt = Math.max(exp - this.leadMs, now + (exp - now) / 2);
    this.arm();
  }
}
