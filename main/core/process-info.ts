/**
 * What the OS says about a process, read the one way each OS offers: /proc on Linux, ps on macOS and
 * the BSDs. Best effort: `undefined` when this OS has neither (Windows) or the answer could not be
 * had (the process is gone, no ps). The platform is the caller's, as everywhere in main/core.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cleanProgramName } from './renew/protocol';

/** One field of process `pid`: from /proc (`fromProc` reads it), else `ps -o <psField>=`. */
function processField(platform: NodeJS.Platform, pid: number, fromProc: (pid: number) => string, psField: string): string | undefined {
  try {
    if (platform === 'linux') return fromProc(pid);
    if (platform === 'darwin' || platform.endsWith('bsd')) return execFileSync('ps', ['-o', `${psField}=`, '-p', String(pid)], { encoding: 'utf8', timeout: 2000 });
  } catch {
    return undefined; // gone already, or no ps
  }
  return undefined;
}

/**
 * The program behind a credential-process call (its parent: aws, terraform, kubectl...), so the
 * prompt can say who asks. Looked up only when a prompt is about to be shown.
 */
export function parentProgram(platform: NodeJS.Platform, ppid: number): string | undefined {
  const raw = processField(platform, ppid, (pid) => readFileSync(`/proc/${pid}/comm`, 'utf8'), 'comm');
  return raw === undefined ? undefined : cleanProgramName(raw);
}

/**
 * Whether process `pid` is in the foreground process group of its terminal: only then may it read
 * the terminal (a background job that tries is stopped by SIGTTIN), and only then does Ctrl+C there
 * reach it and its children at once. Windows has no such groups: true. Unknown: false.
 */
export function inForeground(platform: NodeJS.Platform, pid: number): boolean {
  if (platform !== 'linux' && platform !== 'darwin' && !platform.endsWith('bsd')) return true;
  // /proc/<pid>/stat: "pid (comm) state ppid pgrp session tty_nr tpgid ..."; comm may hold spaces.
  // ps: "+" in the state column means the foreground process group.
  const stat = processField(platform, pid, (p) => readFileSync(`/proc/${p}/stat`, 'utf8'), 'stat');
  if (stat === undefined) return false;
  if (platform !== 'linux') return stat.includes('+');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return f[2] === f[5];
}
