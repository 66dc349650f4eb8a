/**
 * One resolver for "where does the MFA code come from", shared by login, credential-process, exec
 * and the tray. Each source is a small module behind CodeSource (aws-vault's prompt drivers are the
 * model); the resolver tries them in order and the caller never knows which one answered.
 *
 * A source answers with a code (the caller logs in with it), or with a finished session (the tray
 * app logged in itself), or null: "not available here, try the next one". A UserError from a source
 * stops the chain: the user was asked and something went wrong, so that sentence is the answer.
 */
import { isUserError, type UserError } from '../errors';
import type { CredentialProcessOutput, LoginResult } from '../types';
import type { Asker } from './protocol';

export interface CodeRequest {
  /** The source profile whose keys log in. */
  profile: string;
  /** Where the session goes. */
  target: string;
  asker: Asker;
  /** login's --serial and --duration, when given. */
  serial?: string;
  durationSeconds?: number;
}

export interface Renewed {
  result: LoginResult;
  credentials: CredentialProcessOutput;
}

export type CodeAnswer =
  | {
      kind: 'code';
      code: string;
      /** Interactive sources ask again when AWS refused the code (a typo); null: give up with `error`. */
      retry?: (error: UserError) => Promise<CodeAnswer | null>;
    }
  | ({ kind: 'session' } & Renewed);

export interface CodeSource {
  readonly name: string;
  obtain(req: CodeRequest): Promise<CodeAnswer | null>;
}

/** The first answer of `sources`, in order; `none()` when no source is available. */
export async function resolveCode(sources: readonly CodeSource[], req: CodeRequest, none: () => UserError): Promise<CodeAnswer> {
  for (const source of sources) {
    const answer = await source.obtain(req);
    if (answer) return answer;
  }
  throw none();
}

/** Codes AWS refused that a person can correct by typing the next code. */
const RETRYABLE = new Set(['InvalidCode', 'CodeReused']);

/**
 * A new session for `req`: a code from the sources and `login` with it, or the session a source
 * made itself. A refused code goes back to an interactive source for another try.
 */
export async function renewSession(
  sources: readonly CodeSource[],
  req: CodeRequest,
  login: (code: string) => Promise<Renewed>,
  none: () => UserError,
): Promise<Renewed> {
  let answer: CodeAnswer | null = await resolveCode(sources, req, none);
  for (;;) {
    if (answer.kind === 'session') return { result: answer.result, credentials: answer.credentials };
    try {
      return await login(answer.code);
    } catch (e) {
      if (!answer.retry || !isUserError(e) || !RETRYABLE.has(e.code)) throw e;
      const next: CodeAnswer | null = await answer.retry(e);
      if (!next) throw e;
      answer = next;
    }
  }
}
