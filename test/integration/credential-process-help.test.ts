/**
 * `credential-process --help` prints the line a config file needs, with the installed command's
 * absolute path (an IDE started from the desktop lacks npm's folder on its PATH). Checked by
 * pasting the printed line into a config file and running the AWS CLI with that folder off PATH;
 * and how npm's own layouts map to the link npm made (unit cases for Linux, macOS, Windows).
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { selfCommand } from '../../main/cli/self-command';
import { BIN, runProcess } from '../helpers/cli';
import { awsWhoAmI, hasAwsCli } from '../helpers/peers';
import { createWorld, type World } from '../helpers/world';

let w: World;
let prefixBin: string;
before(async () => {
  w = await createWorld();
  // As after npm i -g: <prefix>/bin/aws-mfa-tray, a link to the package's bin file.
  prefixBin = path.join(w.home, 'npm-prefix', 'bin');
  mkdirSync(prefixBin, { recursive: true });
  symlinkSync(BIN, path.join(prefixBin, 'aws-mfa-tray'));
  await w.storeKeys('default');
  w.writeConfig(`[default]\nmfa_serial = ${w.user.devices[0]!.serial}\n`);
});
after(() => w.close());

const printedLines = async (env: NodeJS.ProcessEnv): Promise<string[]> => {
  const r = await runProcess('aws-mfa-tray', ['credential-process', '--help'], { env, detached: true });
  assert.equal(r.code, 0, r.stderr);
  return [...r.stdout.matchAll(/^ {2}(credential_process = .*)$/gm)].map((m) => m[1]!);
};

test('the help names the command by the absolute path npm linked, and the line works without that folder on PATH', async () => {
  const onPath = { ...w.env, PATH: `${prefixBin}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${w.env.PATH ?? ''}` };
  const [line, withNode] = await printedLines(onPath);
  assert.equal(line, `credential_process = ${path.join(prefixBin, 'aws-mfa-tray')} credential-process mfa`);
  assert.equal(withNode, `credential_process = ${process.execPath} ${path.join(prefixBin, 'aws-mfa-tray')} credential-process mfa`);
  const ja = await runProcess('aws-mfa-tray', ['credential-process', '--help'], { env: { ...onPath, LANG: 'ja_JP.UTF-8' }, detached: true });
  assert.match(ja.stdout, /# ~\/\.aws\/config に（フルパスで。/);

  if (!hasAwsCli) return;
  await runProcess(process.execPath, [BIN, 'login', 'default', '--code', w.emulator.nextFreshCode(w.user.devices[0]!.serial)], { env: w.env });
  // The IDE's view: node is found, npm's bin folder is not.
  // (node's folder last: /usr/bin may hold an older AWS CLI than the one first on PATH.)
  const idePath = `${(w.env.PATH ?? '').split(path.delimiter).filter((d) => d !== prefixBin).join(path.delimiter)}${path.delimiter}${path.dirname(process.execPath)}`;
  for (const l of [line, withNode]) {
    w.writeConfig(`[default]\nmfa_serial = ${w.user.devices[0]!.serial}\n\n[profile work]\n${l}\n`);
    const r = await awsWhoAmI({ ...w.env, PATH: idePath, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' }, 'work');
    assert.equal(r.code, 0, `${l}: ${r.stderr}`);
    assert.match((JSON.parse(r.stdout) as { Arn: string }).Arn, /:user\/alice$/);
  }
});

test("npm's layouts map to the link npm made in its prefix", () => {
  const cases: [NodeJS.Platform, string, string][] = [
    ['linux', '/usr/local/lib/node_modules/aws-mfa-tray/bin/aws-mfa-tray', '/usr/local/bin/aws-mfa-tray'],
    ['linux', '/home/me/.local/bin/aws-mfa-tray', '/home/me/.local/bin/aws-mfa-tray'],
    ['darwin', '/opt/homebrew/lib/node_modules/aws-mfa-tray/bin/aws-mfa-tray', '/opt/homebrew/bin/aws-mfa-tray'],
    ['linux', '/home/me/My Tools/bin/aws-mfa-tray', "'/home/me/My Tools/bin/aws-mfa-tray'"],
    ['win32', 'C:\\Users\\me\\AppData\\Roaming\\npm\\node_modules\\aws-mfa-tray\\bin\\aws-mfa-tray', 'C:\\Users\\me\\AppData\\Roaming\\npm\\aws-mfa-tray.cmd'],
    ['win32', 'C:\\Users\\John Smith\\AppData\\Roaming\\npm\\node_modules\\aws-mfa-tray\\bin\\aws-mfa-tray', '"C:\\Users\\John Smith\\AppData\\Roaming\\npm\\aws-mfa-tray.cmd"'],
  ];
  for (const [platform, script, expected] of cases) assert.equal(selfCommand({ platform, app: false, execPath: '/usr/bin/node', script }), expected, script);
});
