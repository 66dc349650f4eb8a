/**
 * A stand-in for whatever may sit at the tray app's address (a squatter, an app of another
 * version): a socket or pipe server that hands each first request line to `onLine`.
 */
import { createServer, type Server, type Socket } from 'node:net';

export function listenAt(address: string, onLine: (line: string, s: Socket) => void): Promise<Server> {
  const server = createServer((s) => {
    let buf = '';
    s.setEncoding('utf8');
    s.on('error', () => undefined);
    s.on('data', (d: string) => {
      buf += d;
      const end = buf.indexOf('\n');
      if (end >= 0) onLine(buf.slice(0, end), s);
    });
  });
  return new Promise((resolve) => server.listen(address, () => resolve(server)));
}

export const closeServer = (s: Server): Promise<void> => new Promise((r) => s.close(() => r()));
