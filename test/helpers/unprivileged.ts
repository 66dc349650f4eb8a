/**
 * Running a child as an unprivileged user (nobody) when the tests run as root: root reads anything,
 * so "may not read" checks need another uid. That user must be able to reach what it runs, and a
 * checkout in a private folder (mktemp -d, /root, a 0750 home) is out of its reach; so the Node
 * binary and the built CLI are copied once into a world-readable temp folder.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const NOBODY = 65534;

/** True when the tests run as root, i.e. when the checks have to switch to nobody. */
export const runningAsRoot = (): boolean => process.getuid?.() === 0;

export interface ReachableRuntime {
  /** A Node binary nobody can run. */
  node: string;
  /** bin/aws-mfa-tray of a copy of the built CLI nobody can read. */
  bin: string;
}

const ROOT = path.resolve(__dirname, '../..');
let cached: ReachableRuntime | undefined;

/** Hard link when on the same file system (no 120 MB copy), else a copy. */
function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

/** The runtime copy, made on first use and removed when the test process exits. */
export function reachableRuntime(): ReachableRuntime {
  if (cached) return cached;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amt-nobody-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  fs.chmodSync(dir, 0o755);
  const node = path.join(dir, 'node');
  linkOrCopy(process.execPath, node);
  fs.chmodSync(node, 0o755);
  const app = path.join(dir, 'app');
  for (const part of ['bin', 'dist', 'package.json', 'node_modules/keytar']) {
    fs.cpSync(path.join(ROOT, part), path.join(app, part), { recursive: true });
  }
  // cpSync keeps the source modes; a private checkout's umask may have made them 0700/0600.
  const open = (p: string): void => {
    const st = fs.statSync(p);
    fs.chmodSync(p, st.isDirectory() || (st.mode & 0o100) !== 0 ? 0o755 : 0o644);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) open(path.join(p, e));
  };
  open(app);
  const bin = path.join(app, 'bin', 'aws-mfa-tray');
  cached = { node, bin };
  // Prove the copy is usable by nobody now, so a failure reads as this and not as a test's own.
  if (runningAsRoot()) {
    const probe = spawnSync(node, ['-e', 'process.stdout.write("ok")'], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
    if (probe.error || probe.stdout !== 'ok') {
      throw new Error(`nobody cannot run the copied Node in ${dir}: ${probe.error?.message ?? probe.stderr}`);
    }
  }
  return cached;
}

/**
 * Runs a child that answers with one JSON document on stdout. A child that could not start (EACCES,
 * ENOENT) or printed nothing is reported as that, with its error and stderr, never as a JSON parse error.
 */
export function childJson<T>(cmd: string, args: string[], ids: { uid?: number; gid?: number } = {}): T {
  const r = spawnSync(cmd, args, { ...ids, encoding: 'utf8' });
  if (r.error) throw new Error(`the child ${cmd} did not start: ${r.error.message}`);
  if (r.stdout.trim() === '') throw new Error(`the child ${cmd} printed nothing (exit ${String(r.status)}): ${r.stderr.trim()}`);
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`the child ${cmd} printed no JSON (exit ${String(r.status)}): ${r.stdout.slice(0, 200)} ${r.stderr.trim()}`);
  }
}
