/**
 * What every Windows-lane case shares. This code runs on Windows' own Node (node.exe under wine),
 * bundled by test/windows/lane.test.ts; see test/windows/README.md.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { type CliResult, runProcess } from '../../helpers/cli';

/** The checkout as Windows sees it (wine maps / to Z:), e.g. Z:\work\wt\i18. */
export const REPO = process.env.AWS_MFA_TRAY_WIN_REPO ?? '';
/** The CLI's bin script (over dist/cli.js): what npm's aws-mfa-tray.cmd shim runs with node.exe. */
export const CLI = path.join(REPO, 'bin', 'aws-mfa-tray');
/** Set by the lane when the Windows is wine, for the known limits (test/windows/README.md). */
export const UNDER_WINE = process.env.AWS_MFA_TRAY_WIN_LANE === 'wine';

const PREFIX = "on Windows' Node: ";

/**
 * A test of the lane: its name says where it ran, and it fails at once if it did not run on
 * Windows (a lane that silently ran Linux code would prove nothing).
 */
export function winTest(name: string, fn: (t: TestContext) => Promise<void> | void): void;
export function winTest(name: string, opts: { skip?: string | false; todo?: string | false }, fn: (t: TestContext) => Promise<void> | void): void;
export function winTest(name: string, a: unknown, b?: unknown): void {
  const fn = (b ?? a) as (t: TestContext) => Promise<void> | void;
  const opts = (b ? a : {}) as { skip?: string | false; todo?: string | false };
  test(PREFIX + name, opts, async (t) => {
    assert.equal(process.platform, 'win32', 'the Windows lane ran on a Node that is not Windows');
    await fn(t);
  });
}

/** A fresh folder in the Windows temp folder (C:\users\<user>\AppData\Local\Temp\...): a drive-letter path. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `amt-${name}-`));
  assert.match(dir, /^[A-Za-z]:\\/, `not a drive-letter path: ${dir}`);
  return dir;
}

/**
 * Runs a program with Windows pipes for its stdio (the child's pipes are Windows named pipes, which
 * wine has; only the lane's own stdout, a Unix pipe, is out of reach).
 */
export const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv, opts: { cwd?: string; stdin?: string } = {}): Promise<CliResult> => runProcess(cmd, args, { env, ...opts });

/** A user's world on Windows: the AWS files and the settings folder under a temp folder, by backslash paths. */
export interface WinWorld {
  dir: string;
  credentials: string;
  config: string;
  settings: string;
  env: NodeJS.ProcessEnv;
}

export function winWorld(name: string): WinWorld {
  const dir = tempDir(name);
  const credentials = path.join(dir, '.aws', 'credentials');
  const config = path.join(dir, '.aws', 'config');
  const settings = path.join(dir, 'AppData', 'Roaming', 'aws-mfa-tray');
  const env: NodeJS.ProcessEnv = {
    SystemRoot: process.env.SystemRoot,
    PATH: process.env.PATH,
    PATHEXT: process.env.PATHEXT,
    TEMP: process.env.TEMP,
    TMP: process.env.TMP,
    USERPROFILE: dir,
    APPDATA: path.join(dir, 'AppData', 'Roaming'),
    LOCALAPPDATA: path.join(dir, 'AppData', 'Local'),
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_CONFIG_FILE: config,
    AWS_MFA_TRAY_HOME: settings,
    // Nowhere to reach: a test that wrongly calls AWS fails fast instead of going out.
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_REGION: 'us-east-1',
    LANG: 'en_US.UTF-8',
  };
  return { dir, credentials, config, settings, env };
}

/** A session section as the tool writes it, valid for `secondsLeft`. */
export function sessionSection(target: string, secondsLeft: number, keyId = 'ASIAWINDOWSLANE00001'): string {
  const expiration = new Date(Date.now() + secondsLeft * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `[${target}]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${'w'.repeat(40)}\naws_session_token = windows-lane-token\naws_credential_expiration = ${expiration}\n`;
}

export function writeText(file: string, text: string): void {
  writeFileSync(file, text);
}
