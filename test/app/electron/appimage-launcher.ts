/**
 * The AppImage's launcher as users run it: electron-builder's own AppRun script, rendered by
 * app-builder-lib (out/targets/appimage/appImageUtil.js generateAppRunScript) into an AppDir whose
 * binary is a stand-in that records the arguments it was started with. So a test sees exactly the
 * argv Electron would get from `aws-mfa-tray.AppImage <args>`, --no-sandbox included when the host
 * refuses unprivileged user namespaces (Ubuntu 23.10+, `unshare -Ur` fails).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const require = createRequire(__filename);

interface AppImageUtil {
  generateAppRunScript(this: void, config: { DesktopFileName: string; ExecutableName: string; ProductName: string; ProductFilename: string; ResourceName: string }): string;
}

export interface LauncherRun {
  /** The arguments the app binary got, after argv[0]. */
  args: string[];
  status: number | null;
  stderr: string;
}

/**
 * Runs AppRun with `args`. `userNamespaces: false` puts an `unshare` that fails first on PATH, as on
 * a host whose AppArmor restricts unprivileged user namespaces.
 */
export function runAppImageLauncher(args: string[], opts: { userNamespaces: boolean; executableName?: string }): LauncherRun {
  const { generateAppRunScript } = require('app-builder-lib/out/targets/appimage/appImageUtil') as AppImageUtil;
  const executableName = opts.executableName ?? 'aws-mfa-tray';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amt-apprun-'));
  try {
    const appDir = path.join(dir, 'AppDir');
    const tools = path.join(dir, 'tools');
    mkdirSync(appDir);
    mkdirSync(tools);
    const script = generateAppRunScript({
      DesktopFileName: `${executableName}.desktop`,
      ExecutableName: executableName,
      ProductName: 'aws-mfa-tray',
      ProductFilename: 'aws-mfa-tray',
      ResourceName: `appimagekit-${executableName}`,
    });
    writeFileSync(path.join(appDir, 'AppRun'), script, { mode: 0o755 });
    const record = path.join(dir, 'argv');
    // The stand-in app binary: one argument per NUL-terminated record.
    writeFileSync(path.join(appDir, executableName), `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done > "${record}"\n`, { mode: 0o755 });
    chmodSync(path.join(appDir, executableName), 0o755);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, APPDIR: appDir, APPIMAGE: path.join(dir, 'aws-mfa-tray.AppImage') };
    if (!opts.userNamespaces) {
      writeFileSync(path.join(tools, 'unshare'), '#!/bin/sh\necho "unshare: write failed /proc/self/uid_map: Operation not permitted" >&2\nexit 1\n', { mode: 0o755 });
      env.PATH = `${tools}:${env.PATH ?? ''}`;
    }
    const r = spawnSync('bash', [path.join(appDir, 'AppRun'), ...args], { env, encoding: 'utf8', timeout: 10_000 });
    let recorded = '';
    try {
      recorded = readFileSync(record, 'utf8');
    } catch {
      // the binary never ran
    }
    return { args: recorded === '' ? [] : recorded.replace(/\0$/, '').split('\0'), status: r.status, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
