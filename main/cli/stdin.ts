import type { Readable } from 'node:stream';
import { readHiddenLine, type TerminalInput } from './tty';

/**
 * A secret from standard input, never from argv (argv is visible to every local process and lands
 * in shell history). On a terminal: a prompt on `prompts` and no echo. From a pipe (a password
 * manager, a script): the first line, without a prompt. Returns '' when nothing was given.
 */
export async function readSecretLine(input: Readable & { isTTY?: boolean }, prompts: NodeJS.WritableStream, prompt: string): Promise<string> {
  if (input.isTTY) return readHiddenLine(input as Readable & TerminalInput, prompts, prompt);
  let data = '';
  for await (const chunk of input) {
    data += String(chunk);
    if (data.includes('\n')) break;
  }
  return data.split(/\r?\n/)[0] ?? '';
}
