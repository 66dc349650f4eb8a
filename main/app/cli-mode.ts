/**
 * The installed app is also the command line: `aws-mfa-tray status` runs the CLI (dist/cli.js)
 * inside the app binary, prints, and exits without a window, a tray or the single-instance lock.
 * That is what makes the deb's /usr/bin/aws-mfa-tray (a link to the app binary), the AppImage, the
 * macOS bundle's binary and the Windows .exe answer the documented commands and
 * `credential_process = aws-mfa-tray credential-process <target>`, with no Node installed.
 */
import * as path from 'node:path';

/**
 * Switches that launchers put before the user's arguments, never typed by the user: the AppImage's
 * AppRun adds --no-sandbox when `unshare -Ur` fails (app-builder-lib appImageUtil.js), and desktop
 * files or wrappers add the Ozone/Wayland ones. Only these are skipped to find a command: any other
 * switch (--remote-debugging-port...) keeps the arguments with the GUI.
 */
const LAUNCHER_SWITCH = /^--(no-sandbox|disable-gpu-sandbox|disable-gpu|ozone-platform(-hint)?=[\w-]+|enable-wayland-ime|enable-features=[\w,]+)$/;

/** What Electron puts before the user's arguments: the binary, and under `npm start` the app folder too. */
export function cliArguments(argv: readonly string[], defaultApp: boolean): string[] | null {
  let rest = argv.slice(1);
  if (defaultApp) {
    // `electron [switches] <app> [args]`: the first argument that is not a switch is the app.
    const app = rest.findIndex((a) => !a.startsWith('-'));
    rest = app < 0 ? [] : rest.slice(app + 1);
  }
  let skip = 0;
  while (skip < rest.length && LAUNCHER_SWITCH.test(rest[skip]!)) skip++;
  if (skip < rest.length) rest = rest.slice(skip);
  const first = rest[0];
  if (first === undefined) return null;
  // A command word, or the CLI's own --help/--version. Anything else starting with '-' is a
  // Chromium or Electron switch (--no-sandbox, --enable-logging...), which the GUI takes.
  if (!first.startsWith('-') || ['--help', '-h', '--version', '-V'].includes(first)) return rest;
  return null;
}

interface CliModule {
  main(argv: string[], env?: NodeJS.ProcessEnv): Promise<number>;
}

/** Runs the CLI bundle on `args`; `exit` ends the process once stdout and stderr are flushed. */
export function runCli(distDir: string, args: string[], env: NodeJS.ProcessEnv, exit: (code: number) => void): void {
  // A runtime require: the CLI is its own bundle (dist/cli.js), loaded only for a command.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cli = require(path.join(distDir, 'cli.js')) as CliModule;
  const done = (code: number) => process.stdout.write('', () => process.stderr.write('', () => exit(code)));
  cli.main([process.execPath, 'aws-mfa-tray', ...args], env).then(done, (e: unknown) => {
    process.stderr.write(`aws-mfa-tray: ${e instanceof Error ? e.message : String(e)}\n`);
    done(1);
  });
}
