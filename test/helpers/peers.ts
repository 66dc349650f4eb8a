/**
 * The AWS CLI and botocore as users run them, configured with
 * `credential_process = aws-mfa-tray credential-process <target>`: `aws-mfa-tray` is found on PATH
 * (a folder with a link to bin/aws-mfa-tray), exactly as after `npm i -g`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { BIN, runProcess, type CliResult } from './cli';
import type { World } from './world';

const atLeast = (version: string | undefined, min: number[]): boolean => {
  const v = (version ?? '').split('.').map(Number);
  for (let i = 0; i < min.length; i++) if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i]!;
  return true;
};

/**
 * The peers are tested against the emulator through AWS_ENDPOINT_URL_STS, which botocore honours
 * from 1.31 and AWS CLI v2 from 2.13 (Debian 12's awscli 2.9 would call the real STS): older ones
 * are skipped with that reason rather than failing on a missing network.
 */
function awsCliUsable(): boolean {
  const r = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) return false;
  const text = `${r.stdout}${r.stderr}`;
  const cli = /aws-cli\/(\S+)/.exec(text)?.[1];
  return cli?.startsWith('2.') ? atLeast(cli, [2, 13]) : atLeast(/botocore\/(\S+)/.exec(text)?.[1], [1, 31]);
}

export const hasAwsCli = awsCliUsable();
const botocore = spawnSync('python3', ['-c', 'import botocore; print(botocore.__version__)'], { encoding: 'utf8' });
export const hasBotocore = botocore.status === 0 && atLeast(botocore.stdout.trim(), [1, 31]);

/** The world's environment with `aws-mfa-tray` on PATH and what the AWS CLI v1 needs (region, no pager). */
export function peerEnv(w: World): NodeJS.ProcessEnv {
  const bin = path.join(w.home, 'bin');
  mkdirSync(bin, { recursive: true });
  try {
    symlinkSync(BIN, path.join(bin, 'aws-mfa-tray'));
  } catch {
    // already there
  }
  return { ...w.env, PATH: `${bin}${path.delimiter}${w.env.PATH ?? ''}`, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
}

/** `aws sts get-caller-identity --profile <profile>`; detached: no controlling terminal (like a GUI or CI). */
export function awsWhoAmI(env: NodeJS.ProcessEnv, profile: string, opts: { detached?: boolean } = {}): Promise<CliResult> {
  return runProcess('aws', ['sts', 'get-caller-identity', '--profile', profile, '--output', 'json'], { env, detached: opts.detached ?? true });
}

export const BOTOCORE_WHOAMI = [
  'import json, sys, botocore.session',
  's = botocore.session.Session(profile=sys.argv[1])',
  "print(json.dumps(s.create_client('sts', region_name='us-east-1').get_caller_identity(), indent=1))",
].join('\n');

/** The same through botocore directly (what boto3, Ansible and many tools use). */
export function botocoreWhoAmI(env: NodeJS.ProcessEnv, profile: string, opts: { detached?: boolean } = {}): Promise<CliResult> {
  return runProcess('python3', ['-c', BOTOCORE_WHOAMI, profile], { env, detached: opts.detached ?? true });
}
