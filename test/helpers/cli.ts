/** Runs the built CLI (bin/aws-mfa-tray -> dist/cli.js) as a user would, in a world's environment. */
// cross-spawn: on Windows a .cmd (npm.cmd, an npm bin shim) cannot be spawned without a shell since
// the CVE-2024-27980 fix (EINVAL); cross-spawn runs it through cmd.exe with its arguments escaped.
import spawn from 'cross-spawn';
import * as path from 'node:path';

export const BIN = path.resolve(__dirname, '../../bin/aws-mfa-tray');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Any command, collecting its output. Asynchronous on purpose: the emulator the child talks to
 * usually runs in the test's own event loop, which a synchronous spawn would block.
 */
export function runProcess(
  cmd: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; stdin?: string; uid?: number; gid?: number; cwd?: string; /** a new session: no controlling terminal */ detached?: boolean },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const ids = opts.uid === undefined ? {} : { uid: opts.uid, gid: opts.gid ?? opts.uid };
    const child = spawn(cmd, args, { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'], detached: opts.detached ?? false, ...ids, ...(opts.cwd ? { cwd: opts.cwd } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    // A command that exits without reading its stdin (sh -c 'printf …') closes the pipe first: not an error.
    child.stdin!.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') reject(e);
    });
    child.stdin!.end(opts.stdin ?? '');
  });
}

/** Without a controlling terminal (a new session): no test ever prompts on the terminal that runs the tests. */
export function runCli(env: NodeJS.ProcessEnv, args: string[], stdin = ''): Promise<CliResult> {
  return runProcess(process.execPath, [BIN, ...args], { env, stdin, detached: true });
}
