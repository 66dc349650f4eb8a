/**
 * The app side of a code request, free of Electron: a request from the socket becomes "show the
 * popup for this profile and tell me the result". Concurrent requests for one target share one
 * pending login (one popup, one STS call, the same answer for every caller). Requests for other
 * targets queue behind it. The popup answers through submit() (the same MfaService login it makes
 * for itself, with the request's target and options) or cancel() (Esc).
 */
import { errorCodeOf, sentenceOf, type ErrorCode, type Sentence } from '../errors';
import type { LoginRequest } from '../login';
import type { CredentialProcessOutput, LoginResult } from '../types';
import { PROTOCOL_VERSION, type Asker, type Reply, type RenewRequest, type AppRequest } from './protocol';

/** How long a popup waits for a code before the callers are told to try again. */
export const REQUEST_TIMEOUT_MS = 5 * 60_000;
/** After an answer the popup shows its success line briefly; the next request waits that long. */
export const NEXT_REQUEST_DELAY_MS = 1600;

/** What the popup shows for a request (no secret in it). */
export interface RequestView {
  id: number;
  profile: string;
  target: string;
  asker: Asker;
  /** Commands waiting on this one code. */
  callers: number;
  /** When the callers are told to try again (epoch ms), unless the user extends it. */
  expiresAt: number;
  /** The wait a request gets, and what one extension gives again (the popup states both). */
  limitMs: number;
}

export interface BrokerDeps {
  /** The login the popup makes, returning the session for the callers too. */
  login(req: LoginRequest): Promise<{ result: LoginResult; credentials: CredentialProcessOutput }>;
  /** Refuses a request that cannot succeed before anyone types a code (e.g. no keys for the profile). */
  precheck?(req: RenewRequest): Promise<void>;
  /** Opens (or re-opens) the popup for this request. */
  show(view: RequestView): void;
  /** The request shown is over; the popup may go back to normal. */
  hide(view: RequestView, why: 'answered' | 'cancelled' | 'timeout' | 'abandoned'): void;
  /** A CLI is running mfa_process for this profile without a terminal: tell the user (touch the key). */
  notice(profile: string, asker: Asker): void;
  timeoutMs?: number;
  /** The clock `expiresAt` is read from (tests move it with their timers). */
  now?: () => number;
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

interface Pending {
  view: RequestView;
  request: RenewRequest;
  waiters: Set<(reply: Reply) => void>;
  timer: unknown;
}

/** An answer of one sentence, in both languages: the command prints its reader's. */
const failure = (code: ErrorCode, sentence: Sentence): Reply => ({ v: PROTOCOL_VERSION, ok: false, error: { code, message: sentence.en, ja: sentence.ja } });

export const CANCELLED: Sentence = {
  en: 'The MFA code request was cancelled in the tray; run the command again to get a new prompt.',
  ja: 'トレイで MFA コードの入力が取り消されました。新しい入力欄を出すには、もう一度コマンドを実行してください。',
};
const TIMED_OUT: Sentence = {
  en: 'No MFA code was entered in the tray in the time given; run the command again to get a new prompt.',
  ja: 'トレイで時間内に MFA コードが入力されませんでした。もう一度コマンドを実行してください。',
};
const APP_QUIT: Sentence = {
  en: 'The tray app quit before an MFA code was entered; run the command again.',
  ja: 'MFA コードが入力される前にトレイアプリが終了しました。もう一度コマンドを実行してください。',
};

export class RenewBroker {
  /** By target, in arrival order: the first one is on screen. */
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private readonly timers: NonNullable<BrokerDeps['timers']>;

  constructor(private readonly deps: BrokerDeps) {
    this.timers = deps.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    };
  }

  /** The socket's handler: one request, one reply. */
  async handle(request: AppRequest, gone: AbortSignal): Promise<Reply> {
    if (request.type === 'mfaProcess') {
      this.deps.notice(request.profile, request.asker);
      return { v: PROTOCOL_VERSION, ok: true };
    }
    try {
      await this.deps.precheck?.(request);
    } catch (e) {
      return failure(errorCodeOf(e), sentenceOf(e));
    }
    if (gone.aborted) return failure('CodeCancelled', CANCELLED);
    return new Promise<Reply>((resolve) => {
      let p = this.pending.get(request.target);
      let created = false;
      if (!p) {
        created = true;
        const view: RequestView = { id: this.nextId++, profile: request.profile, target: request.target, asker: request.asker, callers: 0, expiresAt: 0, limitMs: this.limitMs() };
        const fresh: Pending = { view, request, waiters: new Set(), timer: null };
        this.arm(fresh);
        this.pending.set(request.target, fresh);
        p = fresh;
      }
      const joined = p;
      joined.waiters.add(resolve);
      joined.view.callers = joined.waiters.size;
      gone.addEventListener(
        'abort',
        () => {
          joined.waiters.delete(resolve);
          joined.view.callers = joined.waiters.size;
          resolve(failure('CodeCancelled', CANCELLED)); // nobody reads it; settles the promise
          if (joined.waiters.size === 0 && this.pending.get(joined.request.target) === joined) this.finish(joined, null, 'abandoned');
        },
        { once: true },
      );
      // Later callers for the same target join the popup already on screen (re-showing would clear it).
      if (created && this.shown() === joined.view) this.deps.show(joined.view);
    });
  }

  /** The request on screen, if any. */
  shown(): RequestView | null {
    return this.first()?.view ?? null;
  }

  /**
   * The popup submitted a code for `profile`. While the request on screen is for that profile, logs
   * in with the request's target and options and answers every caller; else returns null (an
   * ordinary login). Throws the login's UserError: the popup shows it and the callers keep waiting.
   */
  submit(profile: string, code: string): Promise<LoginResult> | null {
    const p = this.first();
    if (!p || p.request.profile !== profile) return null;
    const { request } = p;
    return this.deps
      .login({
        profile,
        code,
        target: request.target,
        ...(request.serial ? { serial: request.serial } : {}),
        ...(request.durationSeconds ? { durationSeconds: request.durationSeconds } : {}),
      })
      .then(({ result, credentials }) => {
        if (this.pending.get(request.target) === p) this.finish(p, { v: PROTOCOL_VERSION, ok: true, login: result, credentials }, 'answered');
        return result;
      });
  }

  /**
   * A login the app made some other way wrote `target`: callers waiting on it take that session
   * (the popup showed another profile, or the user renewed from the menu).
   */
  settle(result: LoginResult, credentials: CredentialProcessOutput): void {
    const p = this.pending.get(result.target);
    if (p) this.finish(p, { v: PROTOCOL_VERSION, ok: true, login: result, credentials }, 'answered');
  }

  /** Esc or Cancel on request `id` (the one the popup showed): every caller gets one sentence. */
  cancel(id: number): void {
    const p = this.first();
    if (p && p.view.id === id) this.finish(p, failure('CodeCancelled', CANCELLED), 'cancelled');
  }

  /**
   * "Wait longer" on request `id` (the one on screen): its callers get the full limit again from
   * now. Returns the view with the new end, or null when that request is over.
   */
  extend(id: number): RequestView | null {
    const p = this.first();
    if (!p || p.view.id !== id) return null;
    this.timers.clearTimeout(p.timer);
    this.arm(p);
    return { ...p.view };
  }

  private limitMs(): number {
    return this.deps.timeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  private arm(p: Pending): void {
    p.view.expiresAt = (this.deps.now ?? Date.now)() + this.limitMs();
    p.timer = this.timers.setTimeout(() => this.finish(p, failure('CodeTimeout', TIMED_OUT), 'timeout'), this.limitMs());
  }

  /** The app is quitting: answer everyone now rather than leave them to time out. */
  cancelAll(): void {
    for (const p of [...this.pending.values()]) {
      this.finish(p, failure('CodeCancelled', APP_QUIT), 'cancelled');
    }
  }

  private first(): Pending | undefined {
    return this.pending.values().next().value;
  }

  private finish(p: Pending, reply: Reply | null, why: 'answered' | 'cancelled' | 'timeout' | 'abandoned'): void {
    if (this.pending.get(p.request.target) !== p) return;
    const wasShown = this.first() === p;
    this.pending.delete(p.request.target);
    this.timers.clearTimeout(p.timer);
    if (reply) for (const w of p.waiters) w(reply);
    p.waiters.clear();
    if (wasShown) {
      this.deps.hide(p.view, why);
      const next = this.first();
      if (!next) return;
      if (why !== 'answered') this.deps.show(next.view);
      // Let the popup show "ready" for the answered one first.
      else this.timers.setTimeout(() => this.first() === next && this.deps.show(next.view), NEXT_REQUEST_DELAY_MS);
    }
  }
}
