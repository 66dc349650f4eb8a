/**
 * `completion bash|zsh|fish|powershell`: the shell's Tab completion script (commands, options,
 * choices, and profile names from the credentials and config files). The hidden `__complete` is
 * what those scripts ask on every Tab.
 */
import type { Command } from 'commander';
import { usageError } from '../../core/errors';
import { completeWords, profileNames } from '../complete-words';
import { completionScript, SHELLS, type Shell } from '../completion-scripts';
import { pick, type CliContext } from '../context';
import { defineCommand } from '../help';

const text = {
  en: {
    description: 'print the Tab completion script for bash, zsh, fish or powershell (profile names come from your AWS files)',
    shellArg: 'bash, zsh, fish or powershell',
    badShell: (s: string) => `There is no completion for "${s}"; give bash, zsh, fish or powershell, e.g. "aws-mfa-tray completion bash".`,
    examples: [
      'eval "$(aws-mfa-tray completion bash)"          # in ~/.bashrc',
      'source <(aws-mfa-tray completion zsh)           # in ~/.zshrc, after compinit',
      'aws-mfa-tray completion fish | source            # or save it in ~/.config/fish/completions/aws-mfa-tray.fish',
      'aws-mfa-tray completion powershell | Out-String | Invoke-Expression   # in $PROFILE',
    ],
    ok: 'the script is on stdout',
  },
  ja: {
    description: 'bash・zsh・fish・powershell 用の Tab 補完スクリプトを出力する（プロファイル名は AWS のファイルから）',
    shellArg: 'bash、zsh、fish、powershell のいずれか',
    badShell: (s: string) => `"${s}" 用の補完はありません。bash、zsh、fish、powershell のいずれかを指定してください（例: "aws-mfa-tray completion bash"）。`,
    examples: [
      'eval "$(aws-mfa-tray completion bash)"          # ~/.bashrc に',
      'source <(aws-mfa-tray completion zsh)           # ~/.zshrc の compinit の後に',
      'aws-mfa-tray completion fish | source            # または ~/.config/fish/completions/aws-mfa-tray.fish に保存',
      'aws-mfa-tray completion powershell | Out-String | Invoke-Expression   # $PROFILE に',
    ],
    ok: 'スクリプトを標準出力に出した',
  },
};

export function registerCompletion(program: Command, ctx: CliContext): void {
  const t = pick(ctx.locale, text);
  const cmd = defineCommand(program, ctx.locale, { name: 'completion', text, environment: ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE'] }).argument('<shell>', t.shellArg);
  cmd.action((shell: string) => {
    if (!SHELLS.includes(shell as Shell)) throw usageError({ en: text.en.badShell(shell), ja: text.ja.badShell(shell) });
    process.stdout.write(completionScript[shell as Shell]);
  });

  // Asked by the scripts on every Tab: one candidate a line, nothing on error (a Tab never prints a sentence).
  program
    .command('__complete', { hidden: true })
    .argument('[words...]')
    .allowUnknownOption()
    .helpOption(false)
    .action((words: string[]) => {
      const list = completeWords(program, words.length ? words : [''], () => profileNames(ctx.paths));
      if (list.length) process.stdout.write(`${list.join('\n')}\n`);
    });
}
