/**
 * `npm start` where Electron's binary cannot be downloaded (#7 item 13): one sentence naming what
 * failed and the ways round it (proxy, mirror, a local zip), exit 1, no stack trace. Runs the part
 * of the start script after the build, as npm would, against a mirror that refuses connections.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..');

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

test('npm start without a downloadable Electron says so in one sentence', { timeout: 60_000 }, async (t) => {
  const platformPath = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron';
  if (existsSync(path.join(root, 'node_modules', 'electron', 'dist', platformPath))) {
    t.skip('Electron is installed here, so npm start would not download it');
    return;
  }
  const start = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const [build, run] = start.split(' && ');
  assert.equal(build, 'npm run build');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
    electron_config_cache: mkdtempSync(path.join(os.tmpdir(), 'mfa-electron-cache-')),
  };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  const child = spawn(run!, { cwd: root, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  assert.equal(code, 1);
  const lines = err.split('\n').filter((l) => l && !l.startsWith('Downloading Electron'));
  assert.equal(lines.length, 1, `one sentence, got:\n${err}${out}`);
  assert.match(
    lines[0]!,
    /^aws-mfa-tray: Electron \d+\.\d+\.\d+ could not be downloaded \(connect ECONNREFUSED 127\.0\.0\.1:\d+\); behind a proxy set ELECTRON_GET_USE_PROXY=1 and HTTPS_PROXY, or set ELECTRON_MIRROR to a mirror you can reach, or unzip electron-v[\d.]+-\w+-\w+\.zip and set ELECTRON_OVERRIDE_DIST_PATH to that folder, then run npm start again\.$/,
  );
  assert.doesNotMatch(err + out, /^\s+at /m, 'no stack trace');
});
