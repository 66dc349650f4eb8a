/**
 * The controlling terminal, opened directly (/dev/tty; CONIN$/CONOUT$ on Windows), so a prompt works
 * even when stdin and stdout are pipes: the AWS CLI reads credential_process's stdout and captures
 * its stderr. Used only while a prompt is on screen.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';

export interface ControllingTerminal {
  input: ReadStream;
  output: WriteStream;
  close(): void;
}

/**
 * Whether this process is in the foreground process group of its terminal: only then may it read
 * the terminal (a background job that tries is stopped by SIGTTIN), and only then does Ctrl+C there
 * reach it and its children at once.
 */
export function inForeground(platform: NodeJS.Platform = process.platform): boolean {
  try {
    if (platform === 'linux') {
      // /proc/self/stat: "pid (comm) state ppid pgrp session tty_nr tpgid ..."; comm may hold spaces.
      const stat = readFileSync('/proc/self/stat', 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return f[2] === f[5];
    }
    if (platform === 'darwin' || platform.endsWith('bsd')) {
      // "+" in ps's state column: in the foreground process group of its terminal.
      return execFileSync('ps', ['-o', 'stat=', '-p', String(process.pid)], { encoding: 'utf8', timeout: 2000 }).includes('+');
    }
  } catch {
    return false;
  }
  return true;
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
  if (platform !== 'win32' && !inForeground(platform)) {
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
