import type { Readable } from 'node:stream';
import { usageError } from '../core/errors';

/**
 * The secret access key comes from the first line of stdin, never from argv (argv is visible to
 * every local process and lands in shell history). A terminal gets no echo hint; pipes are normal.
 */
export async function readSecretLine(input: Readable & { isTTY?: boolean }): Promise<string> {
  if (input.isTTY) process.stderr.write('Secret access key (input is read from stdin; end with Enter): ');
  let data = '';
  for await (const chunk of input) {
    data += String(chunk);
    if (data.includes('\n')) break;
  }
  const line = data.split(/\r?\n/)[0] ?? '';
  if (line === '') throw usageError('Give the secret access key as the first line of standard input, e.g. from your password manager.');
  return line;
}
