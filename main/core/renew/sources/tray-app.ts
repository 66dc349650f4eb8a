/**
 * Code source b: the running tray app. Asks it over the per-user socket to show its popup for the
 * source profile, naming the command that asked; the app logs in and answers with the session.
 * No app (or a stale socket) means "not available here". A cancel or timeout in the tray is the
 * answer: the user was asked.
 */
import { type Sentence, UserError } from '../../errors';
import { plainText } from '../../plain-text';
import { ask, askApp } from '../agent-client';
import type { AgentEndpoint } from '../endpoint';
import { PROTOCOL_VERSION, type Asker } from '../protocol';
import { REQUEST_TIMEOUT_MS } from '../broker';
import type { CodeSource } from '../code-source';

/**
 * `note` tells the user why an answer was refused (a server that could not prove the app's key, or
 * another protocol version); the chain then goes on without it.
 */
export function trayAppSource(endpoint: AgentEndpoint, note: (why: Sentence) => void = () => undefined): CodeSource {
  return {
    name: 'tray app',
    async obtain(req) {
      const answer = await ask(
        endpoint,
        {
          v: PROTOCOL_VERSION,
          type: 'renew',
          profile: req.profile,
          target: req.target,
          asker: req.asker,
          ...(req.serial ? { serial: req.serial } : {}),
          ...(req.durationSeconds ? { durationSeconds: req.durationSeconds } : {}),
        },
        // The app answers CodeTimeout itself after REQUEST_TIMEOUT_MS; this only covers an app that hangs.
        { timeoutMs: REQUEST_TIMEOUT_MS + 15_000 },
      );
      if (answer.kind === 'refused') note(answer.why);
      if (answer.kind !== 'reply') return null;
      const reply = answer.reply;
      if (!reply.ok) {
        if (reply.error.code === 'BadRequest' || reply.error.code === 'UnsupportedVersion') return null; // another version of the app
        // The app answers in both languages; the command prints its reader's.
        // Printed on a terminal: no escape sequences from the other end (it proved the key, still).
        const en = plainText(reply.error.message);
        throw new UserError({ en, ja: plainText(reply.error.ja ?? en) }, reply.error.code);
      }
      if (!reply.credentials || !reply.login) return null;
      return { kind: 'session', result: reply.login, credentials: reply.credentials };
    },
  };
}

/** Tells the running app that mfa_process runs (the tray shows it); false when no app answered. */
export async function announceToApp(endpoint: AgentEndpoint, profile: string, asker: Asker): Promise<boolean> {
  const reply = await askApp(endpoint, { v: PROTOCOL_VERSION, type: 'mfaProcess', profile, asker }, { timeoutMs: 2000 });
  return reply?.ok === true;
}
