/**
 * The program behind a credential-process call (its parent: aws, terraform, kubectl...), so the
 * prompt can say who asks. Looked up only when a prompt is about to be shown; best effort.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cleanProgramName } from './protocol';

export function parentProgram(platform: NodeJS.Platform = process.platform, ppid: number = process.ppid): string | undefined {
  try {
    if (platform === 'linux') return cleanProgramName(readFileSync(`/proc/${ppid}/comm`, 'utf8'));
    if (platform === 'darwin' || platform.endsWith('bsd')) {
      return cleanProgramName(execFileSync('ps', ['-o', 'comm=', '-p', String(ppid)], { encoding: 'utf8', timeout: 2000 }));
    }
  } catch {
    // gone already, or no ps: the prompt names the command without its program
  }
  return undefined;
}
