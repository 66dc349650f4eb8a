/**
 * How a config file names this command so that the tools that run `credential_process` can start
 * it. botocore splits the line (shlex on POSIX, the C runtime's rules on Windows) and starts the
 * first word without a shell, so on Windows the name must carry its extension: CreateProcess looks
 * for `<name>.exe` only, never the `aws-mfa-tray.cmd` shim that `npm i -g` installs. The installed
 * app (the CLI inside the Electron binary) is named by its full path: it is not on PATH on macOS or
 * Windows, and an AppImage runs from a mount that is gone after it exits.
 */
export interface SelfCommandInput {
  platform: NodeJS.Platform;
  /** Running inside the installed app's binary (process.versions.electron is set). */
  app: boolean;
  /** process.execPath: the app binary when `app`. */
  execPath: string;
  /** APPIMAGE, set by the AppImage runtime to the .AppImage file. */
  appImage?: string | undefined;
  /** process.argv[1]: the command as it was started (npm's link in <prefix>/bin, or the package's bin file). */
  script?: string | undefined;
}

/**
 * The installed command by its absolute path: an IDE started from the desktop does not have npm's
 * prefix on its PATH. npm's own link (<prefix>/bin/aws-mfa-tray; on Windows <prefix>\aws-mfa-tray.cmd)
 * rather than the file inside the package, which moves with every reinstall of another version.
 */
function installedCommand(script: string, platform: NodeJS.Platform): string | null {
  if (platform === 'win32') {
    const m = /^(.*)\\node_modules\\aws-mfa-tray\\bin\\aws-mfa-tray$/i.exec(script);
    return m ? `${m[1]}\\aws-mfa-tray.cmd` : null;
  }
  const m = /^(.*)\/lib\/node_modules\/aws-mfa-tray\/bin\/aws-mfa-tray$/.exec(script);
  return m ? `${m[1]}/bin/aws-mfa-tray` : script.startsWith('/') ? script : null;
}

export function selfCommand(o: SelfCommandInput): string {
  if (!o.app) {
    const installed = o.script ? installedCommand(o.script, o.platform) : null;
    if (installed) return o.platform === 'win32' ? quoteWindows(installed) : quotePosix(installed);
    return o.platform === 'win32' ? 'aws-mfa-tray.cmd' : 'aws-mfa-tray';
  }
  const binary = o.appImage || o.execPath;
  return o.platform === 'win32' ? quoteWindows(binary) : quotePosix(binary);
}

/** The C runtime's rules (botocore's _windows_shell_split): only double quotes; a path holds none. */
function quoteWindows(s: string): string {
  return /[\s"]/.test(s) ? `"${s}"` : s;
}

/** shlex.split's rules: single quotes keep everything; a single quote itself is closed, escaped, reopened. */
function quotePosix(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`;
}

/** The running process's own command, as a config file should name it. */
export function selfCommandHere(env: NodeJS.ProcessEnv): string {
  return selfCommand({ platform: process.platform, app: Boolean(process.versions.electron), execPath: process.execPath, appImage: env.APPIMAGE, script: process.argv[1] });
}

/**
 * The same with Node named too, for tools whose PATH lacks even `node` (Node from nvm, fnm, volta):
 * the command's shebang (#!/usr/bin/env node) would not find it. Null inside the app (no Node needed).
 */
export function selfCommandWithNodeHere(): string | null {
  if (process.versions.electron || !process.argv[1]) return null;
  const q = process.platform === 'win32' ? quoteWindows : quotePosix;
  return `${q(process.execPath)} ${q(process.argv[1])}`;
}
