/**
 * The command line proper (main/cli.ts starts it unless the credential-process fast path answered):
 * the program over the same core as the tray app. The contract (commands, exit codes, environment,
 * language) is docs/cli.md. Exit 0 done, 1 operation failed, 2 bad usage or input; errors are one
 * sentence on stderr in the reader's language; secrets are never read from argv.
 */
import * as path from 'node:path';
import { CommanderError } from 'commander';
import { exitCodeFor, messageFor } from '../core/errors';
import { resolveLocale, systemLocaleFromEnv, type Locale } from '../core/i18n/locale';
import { defaultCacheDir, homeDir, resolvePaths, type Paths } from '../core/paths';
import { guardAwsFolders } from './aws-folder-guard';
import { FileSettingsStore } from '../core/settings';
import { createContext } from './context';
import { keepZoneNamesIn } from './local-time';
import { parseErrorSentence } from './parse-errors';
import { buildProgram, ParseError } from './program';
import { PromptCancelled } from './tty';

/** The settings' language wins; else LC_ALL, LC_MESSAGES, LANG; else (Windows) the system's. */
function cliLocale(env: NodeJS.ProcessEnv, settingsDir: string): Locale {
  let language;
  try {
    language = new FileSettingsStore(settingsDir).read().preferences.language;
  } catch {
    language = undefined; // an unusable settings file is reported by the command that needs it
  }
  const fallback = process.platform === 'win32' ? Intl.DateTimeFormat().resolvedOptions().locale : '';
  return resolveLocale(language, systemLocaleFromEnv(env, fallback));
}

export async function runProgram(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let paths: Paths;
  try {
    paths = resolvePaths(env);
  } catch (e) {
    // No usable home at all: said before anything is read.
    process.stderr.write(`${messageFor(e, resolveLocale(undefined, systemLocaleFromEnv(env, '')))}\n`);
    return exitCodeFor(e);
  }
  const locale = cliLocale(env, paths.settingsDir);
  keepZoneNamesIn(path.join(defaultCacheDir(env, homeDir(env)), 'zone-names.json'));
  const args = argv.slice(2);
  const program = buildProgram(createContext({ locale, env, paths }), args);
  try {
    guardAwsFolders(args, paths, locale, (line) => {
      if (process.stderr.isTTY) process.stderr.write(`${line}\n`);
    });
    await program.parseAsync(argv);
    // exec ends with its command's status.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return 0; // --help, --version
    if (e instanceof PromptCancelled) return 130; // Ctrl+C at a prompt, as a shell reports SIGINT
    if (e instanceof ParseError) {
      // A command group without its subcommand ("aws-mfa-tray keys"): commander has shown its help on stderr.
      if (e.parseError.code === 'commander.help') return 2;
      process.stderr.write(`${parseErrorSentence(e.parseError, e.command, args)[locale]}\n`);
      return 2;
    }
    process.stderr.write(`${messageFor(e, locale)}\n`);
    if (env.AWS_MFA_TRAY_DEBUG && !(e instanceof Error && e.name === 'UserError')) console.error(e);
    return exitCodeFor(e);
  }
}
