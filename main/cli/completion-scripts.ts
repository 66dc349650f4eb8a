/**
 * The completion scripts, one per shell. Each is small on purpose: it hands the words on the line
 * to `aws-mfa-tray __complete` (./complete-words.ts) and shows the answer, so completion follows
 * the installed version's commands and the profiles in the files at the moment Tab is pressed.
 */
export type Shell = 'bash' | 'zsh' | 'fish' | 'powershell';
export const SHELLS: Shell[] = ['bash', 'zsh', 'fish', 'powershell'];

const bash = `# aws-mfa-tray completion for bash. Load it with:  eval "$(aws-mfa-tray completion bash)"  (in ~/.bashrc)
_aws_mfa_tray() {
  local IFS=$'\\n'
  COMPREPLY=($(aws-mfa-tray __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o bashdefault -o default -F _aws_mfa_tray aws-mfa-tray
`;

const zsh = `#compdef aws-mfa-tray
# aws-mfa-tray completion for zsh. Load it with:  source <(aws-mfa-tray completion zsh)  (in ~/.zshrc,
# after compinit), or save it as _aws-mfa-tray in a folder of $fpath.
_aws_mfa_tray() {
  local -a candidates
  candidates=("\${(@f)$(aws-mfa-tray __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if [[ -n "\${candidates[1]}" ]]; then
    compadd -a candidates
  else
    _files
  fi
}
if [[ "\${funcstack[1]}" = _aws_mfa_tray ]]; then
  _aws_mfa_tray "$@"
else
  compdef _aws_mfa_tray aws-mfa-tray
fi
`;

const fish = `# aws-mfa-tray completion for fish. Load it with:  aws-mfa-tray completion fish | source
# (or save it as ~/.config/fish/completions/aws-mfa-tray.fish)
complete -c aws-mfa-tray -f -a '(aws-mfa-tray __complete -- (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null)'
`;

const powershell = `# aws-mfa-tray completion for PowerShell. Load it with:
#   aws-mfa-tray completion powershell | Out-String | Invoke-Expression   (in your $PROFILE)
Register-ArgumentCompleter -Native -CommandName aws-mfa-tray, aws-mfa-tray.cmd -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $words = @($commandAst.CommandElements | Select-Object -Skip 1 | Where-Object { $_.Extent.StartOffset -lt $cursorPosition } | ForEach-Object { $_.ToString() })
  if ($wordToComplete -eq '') { $words += '' }
  aws-mfa-tray __complete -- @words 2>$null | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`;

export const completionScript: Record<Shell, string> = { bash, zsh, fish, powershell };
