/**
 * The session a command needs, renewed when needed: the use case behind credential-process, exec
 * and login without --code. A valid session is answered from the credentials file alone (no SDK,
 * no keychain). Otherwise the source profile is found for the target, a per-target lock makes
 * concurrent callers wait for one renewal (one prompt, one STS call, the same session for all),
 * and the code comes from the resolver.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { isUserError, UserError } from '../errors';
import { withFileLock } from '../file-lock';
import type { Paths } from '../paths';
import type { MfaService } from '../session';
import type { SettingsStore } from '../settings';
import { sourceForTarget } from '../targets';
import type { CredentialProcessOutput } from '../types';
import { validateProfileName } from '../validate';
import { renewSession, type CodeRequest, type CodeSource, type Renewed } from './code-source';
import type { Asker } from './protocol';
import { currentSession, RENEW_WITHIN_SECONDS, secondsLeft } from './valid-session';

/** Long enough for a person to answer a prompt another caller opened (the app gives up at 5 minutes). */
const RENEW_LOCK_WAIT_MS = 6 * 60_000;

export interface RenewalDeps {
  paths: Paths;
  settings: SettingsStore;
  /** Built on first need only: it brings the AWS SDK and the keychain. */
  service(): MfaService;
  /** The code sources in order (mfa_process, the tray app, the terminal). */
  sources(): readonly CodeSource[];
  /** The sentence when no source is available. */
  none(req: CodeRequest): UserError;
  now?: () => number;
  /** Told when a still-valid session is used because it could not be renewed (`why`: the reason). */
  warnStale?(why: UserError, target: string, expiration: string): void;
}

/** Runs `fn` holding the renewal lock of `target`: one renewal per target at a time, across processes. */
export async function withRenewLock<T>(settingsDir: string, target: string, fn: () => Promise<T>): Promise<T> {
  const lockFile = path.join(settingsDir, `renew-${target}`);
  mkdirSync(settingsDir, { recursive: true, mode: 0o700 });
  return withFileLock(lockFile, lockFile, () => fn(), RENEW_LOCK_WAIT_MS, 250).catch((e: unknown) => {
    if (isUserError(e) && e.code === 'Busy') {
      throw new UserError(
        {
          en: `Another command has been waiting for an MFA code for profile ${target} for several minutes; answer or cancel that prompt, then try again.`,
          ja: `別のコマンドがプロファイル ${target} の MFA コードを数分間待っています。その入力に答えるか取り消してから、もう一度実行してください。`,
        },
        'Busy',
      );
    }
    throw e;
  });
}

const leftEnough = (s: CredentialProcessOutput, now: number): boolean => secondsLeft(s, now) >= RENEW_WITHIN_SECONDS;

/**
 * The valid session in `target`, renewed first when it is missing, expired or has under 5 minutes
 * left (or, with `good`, when the file's session is not good enough: exec --server renews ahead).
 */
export async function sessionForTarget(
  targetName: string,
  asker: () => Asker,
  deps: RenewalDeps,
  good: (s: CredentialProcessOutput, now: number) => boolean = leftEnough,
): Promise<CredentialProcessOutput> {
  const target = validateProfileName(targetName, 'target profile name');
  const now = deps.now ?? Date.now;
  const current = await currentSession(deps.paths.credentialsFile, target);
  if (current && good(current, now())) return current;

  const svc = deps.service();
  await svc.flush();
  const source = sourceForTarget(target, deps.settings.read(), svc.sessionRecords());
  if (!source) {
    throw new UserError(
      {
        en: `No source profile is known for profile ${target} (its name does not end in -mfa, and aws-mfa-tray has not written a session there); log in to it once with "aws-mfa-tray login <source profile> --target ${target}".`,
        ja: `プロファイル ${target} のソースプロファイルがわかりません（名前が -mfa で終わらず、aws-mfa-tray がセッションを書き込んだこともありません）。一度 "aws-mfa-tray login <ソースプロファイル> --target ${target}" でログインしてください。`,
      },
      'UnknownTarget',
    );
  }
  const req: CodeRequest = { profile: source.profile, target, asker: asker() };
  try {
    return await withRenewLock(deps.paths.settingsDir, target, async () => {
      // A caller that waited for the lock looks again: another process may have just renewed it
      // (then nobody is asked twice, and every caller gets that one session).
      const fresh = await currentSession(deps.paths.credentialsFile, target);
      return fresh && good(fresh, now()) ? fresh : (await renewNow(req, deps)).credentials;
    });
  } catch (e) {
    // Nowhere to ask for a code, but the session still works for a few minutes: better than nothing.
    if (isUserError(e) && e.code === 'NoCodeSource' && current && secondsLeft(current, now()) > 0) {
      deps.warnStale?.(e, target, current.Expiration);
      return current;
    }
    throw e;
  }
}

/** A new session for `req` now, under the target's renewal lock (login without --code, the tray's Renew). */
export function renewLocked(req: CodeRequest, deps: RenewalDeps): Promise<Renewed> {
  return withRenewLock(deps.paths.settingsDir, req.target, () => renewNow(req, deps));
}

/** A code from the sources (or a session a source made), and the login with it. */
async function renewNow(req: CodeRequest, deps: RenewalDeps): Promise<Renewed> {
  const svc = deps.service();
  const renewed = await renewSession(
    deps.sources(),
    req,
    (code) =>
      svc.loginWithSession({
        profile: req.profile,
        code,
        target: req.target,
        ...(req.serial ? { serial: req.serial } : {}),
        ...(req.durationSeconds ? { durationSeconds: req.durationSeconds } : {}),
      }),
    () => deps.none(req),
  );
  await svc.flush();
  return renewed;
}
