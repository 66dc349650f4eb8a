/**
 * Who is asking for a code, in words, for every prompt (terminal, popup): "credential_process for
 * profile mfa, run by aws". Pure, so the renderer uses it too.
 */
import type { Locale } from '../i18n/locale';
import type { Asker } from './protocol';

export function askerText(asker: Asker, target: string, locale: Locale): string {
  if (locale === 'ja') {
    const p = asker.program;
    if (asker.command === 'credential-process') return p ? `${p} が実行したプロファイル ${target} の credential_process` : `プロファイル ${target} の credential_process`;
    if (asker.command === 'exec') return p ? `プロファイル ${target} で exec する ${p}` : `プロファイル ${target} での exec`;
    if (asker.command === 'exec-server') return p ? `exec --server 経由の ${p}（プロファイル ${target}）` : `プロファイル ${target} の exec --server`;
    if (asker.command === 'console') return `プロファイル ${target} からのコンソールへのサインイン`;
    if (asker.command === 'export') return `シェルへのプロファイル ${target} の export`;
    return `プロファイル ${target} へのログイン`;
  }
  const by = asker.program ? `, run by ${asker.program}` : '';
  if (asker.command === 'credential-process') return `credential_process for profile ${target}${by}`;
  if (asker.command === 'exec') return `exec with profile ${target}${by}`;
  // The program first: it is what the person recognises ("terraform, through exec --server").
  if (asker.command === 'exec-server') return asker.program ? `${asker.program}, through exec --server with profile ${target}` : `exec --server with profile ${target}`;
  if (asker.command === 'console') return `console sign-in from profile ${target}`;
  if (asker.command === 'export') return `export of profile ${target} to a shell`;
  return `login to profile ${target}`;
}
