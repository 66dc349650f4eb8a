/**
 * After a CLI login: the key's creation date (for `keys list` and the rotation reminder), learnt the
 * way the tray app learns it (ListAccessKeys with the new session), at most once a day per key while
 * it is unknown. The result is printed before; the process waits for this at most `waitMs`, then
 * cuts it off and tries again at a later login.
 */
import { refreshKeyAgeAfterLogin } from '../core/keys/key-age';
import { keyApiTarget } from '../core/keys/rotation-session';
import type { CliContext } from './context';
import { cliKeyApi } from './key-api';

export async function learnKeyAge(ctx: CliContext, profile: string, target: string, waitMs = 3000): Promise<void> {
  const r = refreshKeyAgeAfterLogin({
    settingsDir: ctx.paths.settingsDir,
    credentialsFile: ctx.paths.credentialsFile,
    keychain: ctx.loginKeychain(),
    profile,
    target,
    at: () => keyApiTarget(ctx.paths, ctx.env, profile),
    api: () => cliKeyApi(ctx.env),
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      r.cancel();
      resolve();
    }, waitMs);
  });
  await Promise.race([r.done, late]);
  clearTimeout(timer);
}
