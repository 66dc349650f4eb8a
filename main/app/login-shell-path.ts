/**
 * The PATH of the user's login shell, for the app's mfa_process. An app started by launchd (macOS)
 * or from a desktop file (Linux) gets a minimal PATH (/usr/bin:/bin:/usr/sbin:/sbin on macOS), so
 * `ykman` or `op` from Homebrew or ~/.local/bin would fail with exit 127 from the tray while working
 * in a terminal. Asked once, in the background, at start; markers keep out what rc files print.
 */
import { execFile } from 'node:child_process';

const MARK = '__AWS_MFA_TRAY_PATH__';
/** A login shell that hangs (a prompt in .zshrc) must not hold anything up. */
const TIMEOUT_MS = 5000;

export function loginShellPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<string | null> {
  if (platform !== 'darwin' && platform !== 'linux') return Promise.resolve(null);
  const shell = env.SHELL || (platform === 'darwin' ? '/bin/zsh' : '/bin/sh');
  return new Promise((resolve) => {
    execFile(
      shell,
      ['-ilc', `printf '%s%s%s' '${MARK}' "$PATH" '${MARK}'`],
      { env: { ...env, TERM: 'dumb' }, encoding: 'utf8', timeout: TIMEOUT_MS, windowsHide: true },
      (error, stdout) => {
        const m = new RegExp(`${MARK}(.*?)${MARK}`, 's').exec(stdout ?? '');
        resolve(!error && m?.[1] ? m[1] : null);
      },
    );
  });
}

/** The login shell's entries first (as in a terminal), then any of the current PATH it lacks. */
export function mergePath(shellPath: string, current: string | undefined): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of [...shellPath.split(':'), ...(current ?? '').split(':')]) {
    if (p && !seen.has(p)) {
      seen.add(p);
      out.push(p);
    }
  }
  return out.join(':');
}

/** Resolves the login shell's PATH once and puts it into `env` (the app's process.env), for what the app runs. */
export function adoptLoginShellPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<void> {
  return loginShellPath(env, platform).then((p) => {
    if (p) env.PATH = mergePath(p, env.PATH);
  });
}
