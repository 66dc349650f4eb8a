/**
 * Command-line entry point (bin/aws-mfa-tray). credential-process on a valid session, the command
 * run before every AWS call of every tool configured with it, is answered here from the credentials
 * file alone; everything else (and any credential-process that needs more) goes to the program in
 * ./cli/run-program.ts, loaded only then: its commands, commander and the core cost a cold start.
 * The contract (commands, exit codes, environment, language) is docs/cli.md.
 */
import { endQuietlyOnClosedOutput } from './cli/closed-output';
import { credentialProcessFastPath, writeAnswer } from './cli/fast-path';
import { defaultCacheDir, homeDir } from './core/paths';

/** The environment as the user gave it: commands pass this on (exec), not what we add for ourselves. */
const userEnv: NodeJS.ProcessEnv = { ...process.env };
// We pin an SDK release that supports Node 20; its notice about future releases is not for our users' terminals
// (the SDK reads process.env; exec's command gets userEnv, without it).
const setHere = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined;
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export async function main(argv: string[], given: NodeJS.ProcessEnv = process.env, codeCache = false): Promise<number> {
  // The app's command-line mode passes process.env itself: without our own addition too.
  const env = given === process.env && setHere ? userEnv : given;
  const answer = await credentialProcessFastPath(argv.slice(2), env);
  if (answer !== null) {
    writeAnswer(answer);
    return 0;
  }
  if (codeCache) useCodeCache(argv, env);
  endQuietlyOnClosedOutput();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runProgram } = require('./cli/run-program') as typeof import('./cli/run-program');
  return runProgram(argv, env);
}

/**
 * The bundles come through the code cache (./cli/code-cache.ts); it is written at a clean exit, not
 * after help. Loaded here, after the fast path: credential-process on a valid session needs none of it.
 */
function useCodeCache(argv: string[], env: NodeJS.ProcessEnv): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { commandOf, installCodeCache } = require('./cli/code-cache') as typeof import('./cli/code-cache');
  let home: string;
  try {
    home = homeDir(env);
  } catch {
    return; // no home: the program says so
  }
  const args = argv.slice(2);
  const cache = installCodeCache(__dirname, defaultCacheDir(env, home), commandOf(args), env);
  // uninstall removes the folder, and its --dry-run changes nothing; help holds only its own path.
  if (!cache || args[0] === 'uninstall' || args.some((a) => a === '-h' || a === '--help' || a === '-V' || a === '--version')) return;
  process.on('exit', (code) => {
    if (code === 0) cache.save();
  });
}

/** Runs the CLI on process.argv and sets the exit code (bin/aws-mfa-tray calls this). */
export function run(): void {
  void main(process.argv, process.env, true).then((code) => {
    process.exitCode = code;
  });
}

// package.json "main" names this file (it is in the npm package, unlike the app's dist/main.js): loaded
// by Electron as the main script (npm start), it hands over to the app's entry once this module is complete (the app's
// command-line mode requires this very file back).
if ((process as { type?: string }).type === 'browser' && !(globalThis as Record<symbol, unknown>)[Symbol.for('aws-mfa-tray.app-started')]) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(`${__dirname}/main.js`);
}
