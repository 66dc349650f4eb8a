/**
 * The `credential_process` line --help shows must start this installation when botocore runs it:
 * botocore reads the config file with its own loader, splits the value with its own rules (shlex on
 * POSIX, the C runtime's on Windows: compat_shell_split(s, platform)) and starts the first word
 * without a shell. Checked through botocore itself for every kind of installation and awkward paths.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { selfCommand, type SelfCommandInput } from '../../main/cli/self-command';

const botocore = spawnSync('python3', ['-c', 'import botocore.compat, botocore.configloader'], { encoding: 'utf8' });
const skip = botocore.status === 0 ? false : 'botocore is not installed for python3';

const cases: { input: SelfCommandInput; argv0: string }[] = [
  // npm i -g: the command on PATH; on Windows the shim's own name, since CreateProcess adds only .exe.
  { input: { platform: 'linux', app: false, execPath: '/usr/bin/node' }, argv0: 'aws-mfa-tray' },
  { input: { platform: 'darwin', app: false, execPath: '/opt/homebrew/bin/node' }, argv0: 'aws-mfa-tray' },
  { input: { platform: 'win32', app: false, execPath: 'C:\\Program Files\\nodejs\\node.exe' }, argv0: 'aws-mfa-tray.cmd' },
  // The installed app: its binary by full path.
  { input: { platform: 'darwin', app: true, execPath: '/Applications/aws-mfa-tray.app/Contents/MacOS/aws-mfa-tray' }, argv0: '/Applications/aws-mfa-tray.app/Contents/MacOS/aws-mfa-tray' },
  { input: { platform: 'darwin', app: true, execPath: "/Users/o'neil/Applications/My Tools/aws-mfa-tray.app/Contents/MacOS/aws-mfa-tray" }, argv0: "/Users/o'neil/Applications/My Tools/aws-mfa-tray.app/Contents/MacOS/aws-mfa-tray" },
  { input: { platform: 'linux', app: true, execPath: '/opt/aws-mfa-tray/aws-mfa-tray' }, argv0: '/opt/aws-mfa-tray/aws-mfa-tray' },
  { input: { platform: 'linux', app: true, execPath: '/tmp/.mount_awsXYZ/aws-mfa-tray', appImage: '/home/me/Apps/aws mfa tray $(x).AppImage' }, argv0: '/home/me/Apps/aws mfa tray $(x).AppImage' },
  { input: { platform: 'win32', app: true, execPath: 'C:\\Users\\me\\AppData\\Local\\Programs\\aws-mfa-tray\\aws-mfa-tray.exe' }, argv0: 'C:\\Users\\me\\AppData\\Local\\Programs\\aws-mfa-tray\\aws-mfa-tray.exe' },
  { input: { platform: 'win32', app: true, execPath: 'C:\\Users\\John Smith\\AppData\\Local\\Programs\\aws-mfa-tray\\aws-mfa-tray.exe' }, argv0: 'C:\\Users\\John Smith\\AppData\\Local\\Programs\\aws-mfa-tray\\aws-mfa-tray.exe' },
  { input: { platform: 'win32', app: true, execPath: 'D:\\ツール\\aws-mfa-tray\\aws-mfa-tray.exe' }, argv0: 'D:\\ツール\\aws-mfa-tray\\aws-mfa-tray.exe' },
];

const SPLIT = `
import json, sys, botocore.compat, botocore.configloader
out = []
for path, platform in json.load(sys.stdin):
    value = botocore.configloader.load_config(path)['profiles']['work']['credential_process']
    out.append(botocore.compat.compat_shell_split(value, platform))
print(json.dumps(out))
`;

test('botocore reads and splits the help line back into this installation\'s command', { skip }, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'self-command-'));
  try {
    const files = cases.map((c, i) => {
      const file = path.join(dir, `config${i}`);
      writeFileSync(file, `[profile work]\ncredential_process = ${selfCommand(c.input)} credential-process mfa\n`);
      return [file, c.input.platform];
    });
    const r = spawnSync('python3', ['-c', SPLIT], { input: JSON.stringify(files), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const argvs = JSON.parse(r.stdout) as string[][];
    cases.forEach((c, i) => assert.deepEqual(argvs[i], [c.argv0, 'credential-process', 'mfa'], JSON.stringify(c.input)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a plain command stays unquoted, as a person would write it', () => {
  assert.equal(selfCommand({ platform: 'linux', app: false, execPath: '/usr/bin/node' }), 'aws-mfa-tray');
  assert.equal(selfCommand({ platform: 'win32', app: false, execPath: 'C:\\node.exe' }), 'aws-mfa-tray.cmd');
  assert.equal(selfCommand({ platform: 'darwin', app: true, execPath: '/Applications/aws-mfa-tray.app/Contents/MacOS/aws-mfa-tray' }), '/Applications/aws-mfa-tray.app/Contents/MacOS/aws-mfa-tray');
});
