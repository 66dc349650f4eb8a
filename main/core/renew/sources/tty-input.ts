/**
 * The controlling terminal, opened directly (/dev/tty; CONIN$/CONOUT$ on Windows), so a prompt works
 * even when stdin and stdout are pipes (credential_process: the AWS CLI reads our stdout and
 * captures our stderr). Input is read in raw mode without echo.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';

export interface Terminal {
  write(text: string): void;
  /** One line typed without echo; null when the user cancelled (Ctrl+C, Ctrl+D, Esc). */
  readHidden(maxLength?: number): Promise<string | null>;
  close(): void;
}

/**
 * Whether this process may read the terminal: in its foreground process group. A background job
 * that reads it would be stopped (SIGTTIN) instead of prompting.
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

/** Opens the controlling terminal, or returns null when there is none we may use. */
export function openTerminal(platform: NodeJS.Platform = process.platform): Terminal | null {
  let readFd: number;
  let writeFd: number;
  try {
    if (platform === 'win32') {
      readFd = openSync('\\\\.\\CONIN$', 'r+');
      writeFd = openSync('\\\\.\\CONOUT$', 'w');
    } else {
      readFd = openSync('/dev/tty', 'r');
      writeFd = openSync('/dev/tty', 'w');
    }
  } catch {
    return null; // no controlling terminal (a daemon, an IDE plugin, kubectl run from a GUI)
  }
  if (platform !== 'win32' && !inForeground(platform)) {
    closeSync(readFd);
    closeSync(writeFd);
    return null;
  }
  let input: ReadStream | null = null;
  let closed = false;
  return {
    write(text) {
      writeSync(writeFd, text);
    },
    readHidden(maxLength = 64) {
      input ??= new ReadStream(readFd);
      const stream = input;
      return new Promise((resolve) => {
        let typed = '';
        const done = (value: string | null): void => {
          stream.off('data', onData);
          stream.setRawMode(false);
          stream.pause();
          writeSync(writeFd, '\n');
          resolve(value);
        };
        const onData = (chunk: string): void => {
          if (chunk.startsWith('\u001b[') || chunk.startsWith('\u001bO')) return; // arrow and function keys
          for (const ch of chunk) {
            if (ch === '\r' || ch === '\n') return done(typed);
            if (ch === '\u0003' || ch === '\u001b' || (ch === '\u0004' && typed === '')) return done(null);
            if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
            else if (ch === '\u0015') typed = ''; // Ctrl+U
            else if (ch >= ' ' && typed.length < maxLength) typed += ch;
          }
        };
        stream.setEncoding('utf8');
        stream.setRawMode(true);
        stream.on('data', onData);
        stream.resume();
      });
    },
    close() {
      if (closed) return;
      closed = true;
      if (input) input.destroy(); // closes readFd
      else closeSync(readFd);
      closeSync(writeFd);
    },
  };
}
