/**
 * A real pseudo-terminal for tests of what a person at a terminal sees (test/helpers/pty-drive.py,
 * Python's pty module): prompts, echo, and the terminal's state afterwards.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface PtyStep {
  /** A regular expression the terminal output must show before `send` is typed. */
  expect: string;
  send: string;
}

export interface PtyResult {
  transcript: string;
  code: number;
  timedOut: boolean;
}

const DRIVER = path.resolve(__dirname, 'pty-drive.py');

export function runOnPty(argv: string[], env: NodeJS.ProcessEnv, steps: PtyStep[], timeoutS = 20): Promise<PtyResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [DRIVER], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`pty driver exited ${code}: ${out}`));
      resolve(JSON.parse(out) as PtyResult);
    });
    child.stdin.end(JSON.stringify({ argv, env: { ...env, TERM: 'dumb' }, steps, timeout: timeoutS }));
  });
}
