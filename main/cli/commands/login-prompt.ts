/**
 * `login <profile>` without --code: the code comes from the resolver (mfa_process, the tray app, the
 * terminal), under the target's renewal lock; with none of them, exit 2 asking for --code.
 */
import { renewLocked } from '../../core/renew/renewal';
import { targetFor } from '../../core/targets';
import type { LoginResult } from '../../core/types';
import { validateDuration, validateProfileName, validateSerial } from '../../core/validate';
import type { CliContext } from '../context';
import { renewalDeps } from '../renew-context';

export async function loginWithoutCode(req: { profile: string; target?: string; serial?: string; durationSeconds?: string }, ctx: CliContext): Promise<LoginResult> {
  // Bad input is refused before anyone is asked for a code.
  const profile = validateProfileName(req.profile);
  const explicit = req.target === undefined ? undefined : validateProfileName(req.target, 'target profile name');
  const serial = req.serial === undefined ? undefined : validateSerial(req.serial);
  const durationSeconds = req.durationSeconds === undefined ? undefined : validateDuration(req.durationSeconds);
  const target = targetFor(profile, ctx.settings.read(), explicit);
  const renewed = await renewLocked(
    { profile, target, asker: { command: 'login' }, ...(serial ? { serial } : {}), ...(durationSeconds ? { durationSeconds } : {}) },
    renewalDeps(ctx, 'login'),
  );
  return renewed.result;
}
