/**
 * `exec --server <target> -- <command>`: the command gets a loopback credential endpoint instead of
 * the session itself (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN, no
 * static keys), so a long-running tool renews by itself. The session is renewed first when needed
 * (as plain exec does, the terminal included, before the command owns it); later renewals run in the
 * background through mfa_process and the tray app. Not the terminal then: the command owns it, and a
 * prompt there would take keystrokes meant for it (terraform's "yes", a TUI's keys).
 * The endpoint ends with the command; the exit status and signals are plain exec's (run-child.ts).
 */
import { messageFor, type UserError } from '../core/errors';
import { startCredentialEndpoint, type CredentialEndpoint } from '../core/credential-endpoint';
import { readSourceProfileConfig } from '../core/aws-config';
import { sessionForTarget } from '../core/renew/renewal';
import { RENEW_WITHIN_SECONDS } from '../core/renew/valid-session';
import type { Asker } from '../core/renew/protocol';
import { passRegion, REMOVED as SESSION_VARIABLES } from '../core/session-env';
import { SessionKeeper, RENEW_LEAD_MS } from '../core/session-keeper';
import type { CredentialProcessOutput } from '../core/types';
import type { CliContext } from './context';
import { renewalDeps } from './renew-context';
import { runChild } from './run-child';

/**
 * Removed from the command's environment: each would win over the endpoint in the SDKs' chains
 * (plain exec's list, and: both SDKs prefer the relative URI to the full one, the token file to the token).
 */
const REMOVED = [...SESSION_VARIABLES, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'];

const text = {
  en: {
    renewed: (t: string, exp: string) => `aws-mfa-tray: the command now gets the new session of profile ${t} (until ${exp}).`,
    failed: (why: string) => `aws-mfa-tray: ${why} The command goes on with the current session until it expires.`,
  },
  ja: {
    renewed: (t: string, exp: string) => `aws-mfa-tray: コマンドはプロファイル ${t} の新しいセッション（${exp} まで）を使います。`,
    failed: (why: string) => `aws-mfa-tray: ${why} 期限が切れるまで、コマンドは今のセッションを使い続けます。`,
  },
};

/** AWS_MFA_TRAY_RENEW_LEAD_SECONDS: how long before expiry to renew (tests use seconds; the default is 20 minutes). */
function renewLeadMs(env: NodeJS.ProcessEnv): number {
  const s = Number(env.AWS_MFA_TRAY_RENEW_LEAD_SECONDS);
  return Number.isFinite(s) && s > 0 ? s * 1000 : RENEW_LEAD_MS;
}

export function serverEnv(base: NodeJS.ProcessEnv, endpoint: { url: string; token: string }, region?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const k of REMOVED) delete env[k];
  env.AWS_CONTAINER_CREDENTIALS_FULL_URI = endpoint.url;
  env.AWS_CONTAINER_AUTHORIZATION_TOKEN = endpoint.token;
  passRegion(env, region);
  return env;
}

export async function execWithServer(ctx: CliContext, target: string, file: string, args: string[], program: string | undefined): Promise<number> {
  const asker = (): Asker => (program ? { command: 'exec-server', program } : { command: 'exec-server' });
  const deps = renewalDeps(ctx, 'exec-server');
  const leadMs = renewLeadMs(ctx.env);
  // As plain exec: renewed first when under 5 minutes are left (less only with a shorter lead).
  const startWithin = Math.min(RENEW_WITHIN_SECONDS * 1000, leadMs / 2);
  const initial = await sessionForTarget(target, asker, deps, (s, now) => Date.parse(s.Expiration) - now >= startWithin);
  const { region } = await readSourceProfileConfig(ctx.paths.configFile, ctx.paths.credentialsFile, target);
  const t = text[ctx.locale];
  // Background renewals: the file's session when another process renewed it past ours, else the sources but the terminal.
  // No source to ask makes sessionForTarget fall back to the held session: that sentence is the failure here.
  const stale: { why: UserError | null } = { why: null };
  const background = { ...deps, sources: () => deps.sources().filter((s) => s.name !== 'terminal'), warnStale: (why: UserError) => void (stale.why = why) };
  const keeper = new SessionKeeper(target, initial, {
    renew: async (held: CredentialProcessOutput) => {
      stale.why = null;
      const newer = (s: CredentialProcessOutput): boolean => Date.parse(s.Expiration) > Date.parse(held.Expiration);
      const s = await sessionForTarget(target, asker, background, (c, now) => newer(c) && Date.parse(c.Expiration) - now > leadMs / 2);
      // (set by the fallback during the await above, which the type checker cannot see)
      const why = stale.why as UserError | null;
      if (!newer(s) && why) throw why;
      return s;
    },
    leadMs,
    onRenewed: (s) => ctx.note(t.renewed(target, s.Expiration)),
    onRenewFailed: (e) => ctx.note(t.failed(messageFor(e, ctx.locale))),
  });
  let endpoint: CredentialEndpoint | null = null;
  try {
    endpoint = await startCredentialEndpoint({
      locale: ctx.locale,
      answer: () => {
        const a = keeper.answer();
        if (!a.ok) return { ok: false, status: 400, code: a.code, message: a.message };
        const s = a.session;
        return { ok: true, accessKeyId: s.AccessKeyId, secretAccessKey: s.SecretAccessKey, sessionToken: s.SessionToken, expiration: s.Expiration };
      },
    });
    return await runChild(file, args, serverEnv(ctx.env, endpoint, region));
  } finally {
    keeper.stop();
    await endpoint?.close();
    // A prompt still open (the tray waits up to 5 minutes) must not keep us alive after the command.
    if (keeper.busy) setImmediate(() => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0));
  }
}
