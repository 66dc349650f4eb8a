/**
 * Reads one line from a terminal without echoing it: for the secret access key (keys set) and the
 * MFA code prompt. The terminal goes into raw mode for the read (so nothing is echoed, on every OS
 * Node supports) and is always restored, also on Ctrl+C and on exit. Editing: Backspace, Ctrl+U;
 * Enter ends the line; Ctrl+C cancels; Ctrl+D on an empty line ends the input. Escape sequences
 * (arrow keys) are ignored. A pasted line ending in a newline counts as typed.
 */
import { StringDecoder } from 'node:string_decoder';

/** The part of tty.ReadStream this needs (process.stdin on a terminal, or a stream on /dev/tty). */
export interface TerminalInput extends NodeJS.EventEmitter {
  isTTY?: boolean;
  setRawMode(mode: boolean): unknown;
  isRaw?: boolean;
  resume(): unknown;
  pause(): unknown;
}

/** Thrown when the person pressed Ctrl+C at the prompt; the CLI exits 130 as a shell would. */
export class PromptCancelled extends Error {
  constructor() {
    super('cancelled at the prompt');
    this.name = 'PromptCancelled';
  }
}

const ESC = '\u001b';

/**
 * Shows `prompt` on `output` and reads a line from `input` with echo off. Resolves with the line
 * (without its newline; '' if the input ended first); rejects with PromptCancelled on Ctrl+C.
 */
export function readHiddenLine(input: TerminalInput, output: NodeJS.WritableStream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    const wasRaw = input.isRaw === true;
    let line = '';
    let escape = false; // inside an escape sequence: ESC [ ... final byte
    const restore = (): void => {
      input.setRawMode(wasRaw);
    };
    const finish = (err: Error | null): void => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      process.removeListener('exit', restore);
      restore();
      input.pause();
      output.write('\n');
      if (err) reject(err);
      else resolve(line);
    };
    const onEnd = (): void => finish(null);
    const onData = (chunk: Buffer | string): void => {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      for (const ch of text) {
        if (escape) {
          // CSI sequences end with a byte in @..~; a lone ESC followed by another char ends too.
          if (ch !== '[' && ch !== 'O' && ch >= '@' && ch <= '~') escape = false;
          continue;
        }
        switch (ch) {
          case '\r':
          case '\n':
            return finish(null);
          case '\u0003': // Ctrl+C
            return finish(new PromptCancelled());
          case '\u0004': // Ctrl+D
            if (line === '') return finish(null);
            break;
          case '\u007f':
          case '\b':
            line = [...line].slice(0, -1).join('');
            break;
          case '\u0015': // Ctrl+U
            line = '';
            break;
          case ESC:
            escape = true;
            break;
          default:
            if (ch >= ' ') line += ch;
        }
      }
    };
    output.write(prompt);
    input.setRawMode(true);
    // If the process ends while reading (a signal, process.exit), the terminal is not left raw.
    process.once('exit', restore);
    input.on('data', onData);
    input.once('end', onEnd);
    input.resume();
  });
}
