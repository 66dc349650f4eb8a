/**
 * Item 9 of issue 18: the tray's mfa_process gets the login shell's PATH, not launchd's or a desktop
 * file's minimal one. Real shells (bash as a login shell reads ~/.bash_profile) in a temp HOME.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { adoptLoginShellPath, loginShellPath, mergePath } from '../../main/app/login-shell-path';
import { linuxOnly } from '../helpers/platform';

const GUI_PATH = '/usr/bin:/bin:/usr/sbin:/sbin';

test("a GUI launch's PATH gains the login shell's entries, and mfa_process then finds the user's tool", { skip: linuxOnly('bash login shells in a temp HOME (macOS checks zsh by hand)') }, async () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'amt-login-path-'));
  try {
    const tools = path.join(home, '.local', 'bin');
    mkdirSync(tools, { recursive: true });
    writeFileSync(path.join(tools, 'ykman-standin'), '#!/bin/sh\necho 123456\n');
    chmodSync(path.join(tools, 'ykman-standin'), 0o755);
    // What users have: a profile that extends PATH, and rc files that print things.
    writeFileSync(path.join(home, '.bash_profile'), `echo "welcome back"\nexport PATH="${tools}:$PATH"\n`);
    const env: NodeJS.ProcessEnv = { HOME: home, PATH: GUI_PATH, SHELL: '/bin/bash', USER: 'alice' };
    assert.notEqual(spawnSync('/bin/sh', ['-c', 'ykman-standin'], { env }).status, 0, 'the GUI PATH does not find it (exit 127)');

    const p = await loginShellPath(env, 'linux');
    assert.ok(p?.split(':').includes(tools), String(p));
    await adoptLoginShellPath(env, 'linux');
    assert.equal(env.PATH!.split(':')[0], tools);
    for (const d of GUI_PATH.split(':')) assert.ok(env.PATH!.split(':').includes(d), d);
    const r = spawnSync('/bin/sh', ['-c', 'ykman-standin'], { env, encoding: 'utf8' });
    assert.equal(r.stdout, '123456\n');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('a shell that fails or is missing leaves PATH as it was; Windows is not asked', async () => {
  const env: NodeJS.ProcessEnv = { HOME: os.tmpdir(), PATH: GUI_PATH, SHELL: '/nonexistent/shell' };
  assert.equal(await loginShellPath(env, 'linux'), null);
  await adoptLoginShellPath(env, 'darwin');
  assert.equal(env.PATH, GUI_PATH);
  assert.equal(await loginShellPath({ ...env, SHELL: '/bin/false' }, 'linux'), null);
  assert.equal(await loginShellPath({ ...env, SHELL: '/bin/sh' }, 'win32'), null);
});

test('merging: the shell order first, nothing twice, nothing empty', () => {
  assert.equal(mergePath('/opt/homebrew/bin:/usr/bin:/bin', '/usr/bin:/bin:/usr/sbin:/sbin'), '/opt/homebrew/bin:/usr/bin:/bin:/usr/sbin:/sbin');
  assert.equal(mergePath('/a::/b', undefined), '/a:/b');
});
