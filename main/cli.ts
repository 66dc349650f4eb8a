/**
 * Command-line entry point (bin/aws-mfa-tray) over the same core as the tray app. The contract
 * (commands, exit codes, environment, language) is docs/cli.md. Exit 0 done, 1 operation failed,
 * 2 bad usage or input; errors are one sentence on stderr in the reader's language; secrets are
 * never read from argv.
 */
import { CommanderError } from 'commander';
import { exitCodeFor, messageFor } from './core/errors';
import { resolveLocale, systemLocaleFromEnv, type Locale } from './core/i18n/locale';
import { resolvePaths } from './core/paths';
import { FileSettingsStore } from './core/settings';
import { createContext } from './cli/context';
import { parseErrorSentence } from './cli/parse-errors';
import { buildProgram, ParseError } from './cli/program';
import { PromptCancelled } from './cli/tty';

// We pin an SDK release that supports Node 20; its notice about future releases is not for our users' terminals.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

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

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const paths = resolvePaths(env);
  const locale = cliLocale(env, paths.settingsDir);
  const program = buildProgram(createContext({ locale, env, paths }));
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return 0; // --help, --version
    if (e instanceof PromptCancelled) return 130; // Ctrl+C at a prompt, as a shell reports SIGINT
    if (e instanceof ParseError) {
      // A command group without its subcommand ("aws-mfa-tray keys"): commander has shown its help on stderr.
      if (e.parseError.code === 'commander.help') return 2;
      process.stderr.write(`${parseErrorSentence(e.parseError, e.command, argv.slice(2))[locale]}\n`);
      return 2;
    }
    process.stderr.write(`${messageFor(e, locale)}\n`);
    if (env.AWS_MFA_TRAY_DEBUG && !(e instanceof Error && e.name === 'UserError')) console.error(e);
    return exitCodeFor(e);
  }
}

/** Runs the CLI on process.argv and sets the exit code (bin/aws-mfa-tray calls this). */
export function run(): void {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
