/**
 * The controlling terminal, opened directly (/dev/tty; CONIN$/CONOUT$ on Windows), so a prompt works
 * even when stdin and stdout are pipes: the AWS CLI reads credential_process's stdout and captures
 * its stderr. Used only while a prompt is on screen.
 */
import { closeSync, openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { inForeground } from '../core/process-info';
import type { PromptTerminal } from '../core/renew/sources/terminal';
import { readHiddenLine } from './tty';

export interface ControllingTerminal {
  input: ReadStream;
  output: WriteStream;
  close(): void;
}

/** The terminal, or null when there is none this process may use (a GUI app, a daemon, a background job). */
export function openControllingTerminal(platform: NodeJS.Platform = process.platform): ControllingTerminal | null {
  let readFd: number;
  let writeFd: number;
  try {
    readFd = openSync(platform === 'win32' ? '\\\\.\\CONIN$' : '/dev/tty', platform === 'win32' ? 'r+' : 'r');
  } catch {
    return null;
  }
  try {
    writeFd = openSync(platform === 'win32' ? '\\\\.\\CONOUT$' : '/dev/tty', 'w');
  } catch {
    closeSync(readFd);
    return null;
  }
  if (platform !== 'win32' && !inForeground(platform, process.pid)) {
    closeSync(readFd);
    closeSync(writeFd);
    return null;
  }
  const input = new ReadStream(readFd);
  const output = new WriteStream(writeFd);
  return {
    input,
    output,
    close() {
      input.destroy();
      output.destroy();
    },
  };
}

/** The controlling terminal as the terminal code source uses it, or null (see openControllingTerminal). */
export function promptTerminal(platform: NodeJS.Platform = process.platform): PromptTerminal | null {
  const tty = openControllingTerminal(platform);
  if (!tty) return null;
  return { readHidden: (prompt) => readHiddenLine(tty.input, tty.output, prompt), write: (text) => void tty.output.write(text), close: () => tty.close() };
}
