/**
 * The session for the current shell, in each shell's own syntax (`export <target> --format`):
 * env (POSIX sh, bash, zsh: for eval "$(aws-mfa-tray export mfa)"), fish, powershell, json
 * (credential_process Version 1) and ini (a credentials-file section). The shells get the same
 * variables `exec` gives a command, and lose the same ones (a profile variable would win in some tools).
 */
import type { CredentialProcessOutput } from '../core/types';

export type ExportFormat = 'env' | 'fish' | 'powershell' | 'json' | 'ini';
export const EXPORT_FORMATS: ExportFormat[] = ['env', 'fish', 'powershell', 'json', 'ini'];

/** Unset by the shell formats, as exec removes them from its command's environment. */
const UNSET = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SECURITY_TOKEN'];

function variables(c: CredentialProcessOutput, region: string | undefined): [string, string][] {
  const vars: [string, string][] = [
    ['AWS_ACCESS_KEY_ID', c.AccessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.SecretAccessKey],
    ['AWS_SESSION_TOKEN', c.SessionToken],
    // Shell prompts (starship's aws module) show the time left from it.
    ['AWS_CREDENTIAL_EXPIRATION', c.Expiration],
  ];
  if (region) vars.push(['AWS_REGION', region], ['AWS_DEFAULT_REGION', region]);
  return vars;
}

/** Single quotes in each shell's rules: nothing inside is expanded. */
const posix = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;
const fishQuote = (v: string): string => `'${v.replace(/[\\']/g, '\\$&')}'`;
const psQuote = (v: string): string => `'${v.replace(/'/g, "''")}'`;

export function formatExport(format: ExportFormat, target: string, c: CredentialProcessOutput, region: string | undefined): string {
  const vars = variables(c, region);
  switch (format) {
    case 'env':
      return [`unset ${UNSET.join(' ')}`, ...vars.map(([k, v]) => `export ${k}=${posix(v)}`)].join('\n') + '\n';
    case 'fish':
      return [...UNSET.map((k) => `set -e ${k}`), ...vars.map(([k, v]) => `set -gx ${k} ${fishQuote(v)}`)].join('\n') + '\n';
    case 'powershell':
      return [...UNSET.map((k) => `Remove-Item Env:${k} -ErrorAction SilentlyContinue`), ...vars.map(([k, v]) => `$env:${k} = ${psQuote(v)}`)].join('\n') + '\n';
    case 'json':
      return `${JSON.stringify(c)}\n`;
    case 'ini':
      return (
        [
          `[${target}]`,
          `aws_access_key_id = ${c.AccessKeyId}`,
          `aws_secret_access_key = ${c.SecretAccessKey}`,
          `aws_session_token = ${c.SessionToken}`,
          `aws_credential_expiration = ${c.Expiration}`,
          ...(region ? [`region = ${region}`] : []),
        ].join('\n') + '\n'
      );
  }
}
