/**
 * app.requestSingleInstanceLock: a file in the userData folder of the moment (so app.setPath must
 * come first), held until the process ends; a lock left by a process that died is taken over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class SingleInstanceLock {
  /** The lock file this process holds, if any. */
  private file: string | null = null;
  constructor(private readonly paths: () => Map<string, string>) {}

  /** The lock: a file in the userData folder of the moment, held until the process ends. */
  take(): boolean {
    const dir = this.paths().get('userData')!;
    const file = path.join(dir, 'SingletonLock');
    fs.mkdirSync(dir, { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
        this.file = file;
        process.on('exit', () => this.release());
        return true;
      } catch {
        const pid = Number(fs.readFileSync(file, 'utf8'));
        if (pid === process.pid) return true;
        if (pidAlive(pid)) return false;
        fs.rmSync(file, { force: true }); // a stale lock from a process that died
      }
    }
    return false;
  }

  release(): void {
    if (this.file) fs.rmSync(this.file, { force: true });
    this.file = null;
  }
}
