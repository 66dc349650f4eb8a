/**
 * commander's usage errors as one sentence in the reader's language, pointing at the help of the
 * command that failed ("aws-mfa-tray login --help"). commander prints nothing itself (./program.ts
 * silences it); this turns its error code and message into our sentence.
 */
import type { CommanderError } from 'commander';
import type { Sentence } from '../core/errors';

const quoted = (message: string): string => /'([^']*)'/.exec(message)?.[1] ?? '';
const suggestion = (message: string): string => /Did you mean (.+?)\?/.exec(message)?.[1] ?? '';

/** The user's own command line with "--profile x" (or "--profile=x") moved to x after the command words. */
function positionalForm(argv: readonly string[], commandWords: number): string {
  const rest: string[] = [];
  let profile = '<profile>';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--profile') profile = argv[++i] ?? profile;
    else if (a.startsWith('--profile=')) profile = a.slice('--profile='.length);
    else rest.push(a);
  }
  return ['aws-mfa-tray', ...rest.slice(0, commandWords), profile, ...rest.slice(commandWords)].join(' ');
}

/** `command` is the full name of the command that failed, e.g. "aws-mfa-tray keys set". */
export function parseErrorSentence(err: CommanderError, command: string, argv: readonly string[]): Sentence {
  const help = `"${command} --help"`;
  const s = (en: string, ja: string): Sentence => ({ en: `${en}; see ${help}.`, ja: `${ja}。${help} を参照してください。` });
  const name = quoted(err.message);
  const mean = suggestion(err.message);
  switch (err.code) {
    case 'commander.unknownOption': {
      // The AWS CLI's habit: aws-mfa-tray takes the profile as a word, not as --profile.
      if (name === '--profile' || name.startsWith('--profile=')) {
        const example = positionalForm(argv, command.split(' ').length - 1);
        return s(`The profile is given as a word, not with --profile: "${example}"`, `プロファイルは --profile ではなく単語で指定します: "${example}"`);
      }
      return mean
        ? s(`Unknown option '${name}' (did you mean ${mean}?)`, `'${name}' というオプションはありません（${mean} のことですか？）`)
        : s(`Unknown option '${name}'`, `'${name}' というオプションはありません`);
    }
    case 'commander.unknownCommand':
      return mean
        ? s(`Unknown command '${name}' (did you mean ${mean}?)`, `'${name}' というコマンドはありません（${mean} のことですか？）`)
        : s(`Unknown command '${name}'`, `'${name}' というコマンドはありません`);
    case 'commander.missingArgument':
      return s(`Missing the <${name}> argument`, `引数 <${name}> がありません`);
    case 'commander.optionMissingArgument':
      return s(`The option '${name}' needs a value`, `オプション '${name}' には値が必要です`);
    case 'commander.missingMandatoryOptionValue':
      return s(`The option '${name}' is required`, `オプション '${name}' は必須です`);
    case 'commander.excessArguments':
      return s('Too many arguments', '引数が多すぎます');
    default:
      return s(err.message.replace(/^error: /, '').replace(/\.$/, ''), err.message.replace(/^error: /, '').replace(/\.$/, ''));
  }
}
