// `npm start` after the build: runs the app in Electron. Since Electron 42 its binary is fetched on
// first use; where that fails (no route to GitHub, a proxy, an offline machine) this says so in one
// sentence with the ways round it, instead of @electron/get's stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const electronDir = path.dirname(require.resolve('electron/package.json'));
const { version } = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8'));

/** Where the binary sits inside Electron's dist folder on this OS (as electron/install.js lays it out). */
function platformPath() {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}

function binary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, platformPath());
  return path.join(electronDir, 'dist', platformPath());
}

/** The reason a download failed, as one clause: the network error under fetch's "fetch failed". */
function reason(e) {
  let err = e;
  while (err?.cause) err = err.cause;
  const text = String(err?.message ?? err).split('\n')[0].trim();
  return text.replace(/\.$/, '') || 'unknown error';
}

function fail(why) {
  const zip = `electron-v${version}-${process.platform}-${process.arch}.zip`;
  process.stderr.write(
    `aws-mfa-tray: Electron ${version} could not be downloaded (${why}); behind a proxy set ELECTRON_GET_USE_PROXY=1 and HTTPS_PROXY, ` +
      `or set ELECTRON_MIRROR to a mirror you can reach, or unzip ${zip} and set ELECTRON_OVERRIDE_DIST_PATH to that folder, then run npm start again.\n`,
  );
  process.exit(1);
}

async function ensureBinary() {
  if (existsSync(binary())) return;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) fail(`${binary()} does not exist`);
  process.stderr.write(`Downloading Electron ${version} for ${process.platform}-${process.arch} (first run only)…\n`);
  // The same request electron/install.js makes; doing it here gives the real network error.
  const get = await import(pathToFileURL(require.resolve('@electron/get', { paths: [electronDir] })).href);
  try {
    await get.downloadArtifact({
      version,
      artifactName: 'electron',
      cacheRoot: process.env.electron_config_cache,
      checksums: JSON.parse(readFileSync(path.join(electronDir, 'checksums.json'), 'utf8')),
      platform: process.platform,
      arch: process.arch,
    });
  } catch (e) {
    fail(reason(e));
  }
  // Now cached: electron's own installer unpacks it and records the path.
  const r = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(binary())) fail(`unpacking failed: ${(r.stderr || r.stdout || '').split('\n')[0] || `exit ${r.status}`}`);
}

await ensureBinary();
const child = spawn(binary(), [root, ...process.argv.slice(2)], { stdio: 'inherit', windowsHide: false });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('error', (e) => {
  process.stderr.write(`aws-mfa-tray: ${binary()} could not be started (${reason(e)}); delete node_modules/electron/dist and run npm start again.\n`);
  process.exit(1);
});
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
