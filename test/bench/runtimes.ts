/**
 * The Node binaries a cold CLI figure is taken with: the Node 22 devDependency that `npm run bench`
 * runs on (node_modules/.bin comes first on an npm script's PATH), and the first `node` on the PATH
 * without node_modules — what bin/aws-mfa-tray runs on for a user who typed it in a terminal.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';

export interface Runtime {
  label: string;
  node: string;
  version: string;
}

const versionOf = (node: string): string => spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();

function userPathNode(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || dir.includes('node_modules')) continue;
    const candidate = path.join(dir, process.platform === 'win32' ? 'node.exe' : 'node');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export function runtimes(): Runtime[] {
  const own = { label: 'Node 22 (devDependency)', node: process.execPath, version: process.version };
  const user = userPathNode();
  if (!user) return [own];
  const version = versionOf(user);
  if (version === process.version) return [own];
  return [own, { label: `PATH node (${user})`, node: user, version }];
}
