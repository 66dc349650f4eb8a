/**
 * The command tree: one file per subcommand under ./commands, each registering itself here.
 * commander parses; it never prints an error itself (./parse-errors.ts words them).
 */
import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { pick, type CliContext } from './context';
import { BAD_USAGE, FAILED, localizeHelp, versionDescription, withHelp } from './help';
import { registerConsole } from './commands/console';
import { registerCompletion } from './commands/completion';
import { registerCredentialProcess } from './commands/credential-process';
import { registerExec } from './commands/exec';
import { registerExport } from './commands/export';
import { registerKeys } from './commands/keys';
import { registerLogin } from './commands/login';
import { registerLogout } from './commands/logout';
import { registerPolicy } from './commands/policy';
import { registerStatus } from './commands/status';
import { registerUninstall } from './commands/uninstall';

const text = {
  en: {
    description: 'Turn an AWS MFA code into a working CLI session; long-term keys stay in the OS keychain.',
    examples: [
      'aws-mfa-tray keys import default          # move plaintext keys into the keychain',
      'aws-mfa-tray login default --code 123456  # write a session to [mfa]',
      'aws s3 ls --profile mfa',
      'aws-mfa-tray login --help                 # every command has its own help',
    ],
    ok: 'done',
  },
  ja: {
    description: 'AWS の MFA コードを CLI で使えるセッションに変えます。長期キーは OS のキーチェーンに置いたままです。',
    examples: [
      'aws-mfa-tray keys import default          # 平文のキーをキーチェーンへ移す',
      'aws-mfa-tray login default --code 123456  # [mfa] にセッションを書き込む',
      'aws s3 ls --profile mfa',
      'aws-mfa-tray login --help                 # コマンドごとのヘルプ',
    ],
    ok: '完了',
  },
};

/** A usage error from commander, with the full name of the command it happened in. */
export class ParseError extends Error {
  constructor(
    readonly parseError: CommanderError,
    readonly command: string,
  ) {
    super(parseError.message);
    this.name = 'ParseError';
  }
}

/** The commands a user names first, each with what registers it (completion and help need them all). */
const REGISTER: Record<string, (program: Command, ctx: CliContext) => void> = {
  keys: registerKeys,
  login: registerLogin,
  logout: registerLogout,
  status: registerStatus,
  'credential-process': registerCredentialProcess,
  exec: registerExec,
  export: registerExport,
  policy: registerPolicy,
  console: registerConsole,
  completion: registerCompletion,
  uninstall: registerUninstall,
};

/**
 * The program for `argv` (the arguments after the script): only the command named first when it is
 * one of ours, else all of them. Building every command's help in both languages took ~5 ms of
 * each cold start; help, `help <cmd>`, unknown commands (commander's suggestions) and completion
 * still see the whole tree.
 */
export function buildProgram(ctx: CliContext, args: string[] = []): Command {
  const first = args[0];
  const only = first !== undefined && first !== 'completion' && Object.hasOwn(REGISTER, first) ? REGISTER[first] : undefined;
  return buildWith(ctx, only ? [only] : Object.values(REGISTER));
}

function buildWith(ctx: CliContext, registrars: ((program: Command, ctx: CliContext) => void)[]): Command {
  const t = pick(ctx.locale, text);
  const program = new Command('aws-mfa-tray').description(t.description).version(version, '-V, --version', versionDescription(ctx.locale));
  // Set before the commands are added: subcommands inherit them.
  localizeHelp(program, ctx.locale);
  program.configureOutput({ outputError: () => undefined });
  withHelp(
    program,
    {
      examples: { en: text.en.examples, ja: text.ja.examples },
      environment: ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_MFA_TRAY_HOME'],
      exitCodes: { 0: { en: text.en.ok, ja: text.ja.ok }, 1: FAILED, 2: BAD_USAGE },
    },
    ctx.locale,
  );

  for (const register of registrars) register(program, ctx);

  // Every command ends through here: help and version with exit code 0, usage errors as ParseError.
  const each = (cmd: Command, path: string): void => {
    cmd.exitOverride((err) => {
      if (err.exitCode === 0) throw err;
      throw new ParseError(err, path);
    });
    for (const sub of cmd.commands) each(sub, `${path} ${sub.name()}`);
  };
  each(program, program.name());
  return program;
}
