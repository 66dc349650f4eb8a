/**
 * The man page (scripts/man.mjs, run by the build) says exactly what --help says, in English and
 * Japanese, renders with man(1), and is what package.json ships and installs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { man: string[]; files: string[] };
const render = (file: string): string => {
  const r = spawnSync('man', ['-l', file], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '200', MANPAGER: 'cat', PAGER: 'cat', LANG: 'C.UTF-8' } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};
const help = (args: string[], lang: string): string =>
  spawnSync(process.execPath, [path.join(root, 'bin', 'aws-mfa-tray'), ...args, '--help'], { encoding: 'utf8', env: { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '', AWS_MFA_TRAY_HOME: '/nonexistent' } }).stdout;

test('package.json installs the generated man page, and ships it', () => {
  assert.deepEqual(pkg.man, ['./dist/man/aws-mfa-tray.1']);
  assert.ok(pkg.files.includes('dist/man/'));
  assert.ok(existsSync(path.join(root, 'dist/man/aws-mfa-tray.1')), 'npm run build makes it');
});

for (const [lang, file, heading] of [
  ['C', 'dist/man/aws-mfa-tray.1', 'COMMANDS'],
  ['ja_JP.UTF-8', 'dist/man/ja/man1/aws-mfa-tray.1', 'コマンド'],
] as const) {
  test(`${file}: every command's help, as --help prints it (${lang})`, () => {
    const page = render(path.join(root, file));
    assert.match(page, new RegExp(`^${heading}$`, 'm'));
    const squash = (s: string): string => s.replace(/\s+/g, ' ');
    for (const cmd of [[], ['login'], ['keys', 'set'], ['status'], ['completion'], ['policy']]) {
      const h = help(cmd, lang);
      assert.ok(h.length > 100, cmd.join(' '));
      // Each help line appears, in order (man indents and may hyphenate nothing in .nf blocks).
      assert.ok(squash(page).includes(squash(h.split('\n').slice(0, 6).join('\n'))), `${cmd.join(' ') || 'aws-mfa-tray'} --help is in the page`);
    }
  });
}
