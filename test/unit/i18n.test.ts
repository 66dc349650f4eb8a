/**
 * The reader's language: the settings' choice wins, else the POSIX locale variables in their order
 * (LC_ALL, LC_MESSAGES, LANG; the first one set decides); and every sentence an error can carry has
 * a real Japanese side (the type system makes each error give both; this checks none is blank).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { messageFor, UserError } from '../../main/core/errors';
import { resolveLocale, systemLocaleFromEnv } from '../../main/core/i18n/locale';

void test('POSIX order: the first of LC_ALL, LC_MESSAGES, LANG that is set decides', () => {
  const cases: [Record<string, string>, 'en' | 'ja'][] = [
    [{ LANG: 'ja_JP.UTF-8' }, 'ja'],
    [{ LANG: 'ja_JP' }, 'ja'],
    [{ LANG: 'ja' }, 'ja'],
    [{ LC_MESSAGES: 'ja_JP.eucJP', LANG: 'en_US.UTF-8' }, 'ja'],
    [{ LC_ALL: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' }, 'ja'],
    [{ LC_ALL: 'C', LANG: 'ja_JP.UTF-8' }, 'en'],
    [{ LC_ALL: '', LC_MESSAGES: '', LANG: 'ja_JP.UTF-8' }, 'ja'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'jv_ID' }, 'en'],
    [{}, 'en'],
  ];
  for (const [env, want] of cases) assert.equal(resolveLocale('auto', systemLocaleFromEnv(env)), want, JSON.stringify(env));
  assert.equal(resolveLocale('auto', systemLocaleFromEnv({}, 'ja-JP')), 'ja', 'the fallback (Intl on Windows) when nothing is set');
});

void test('the settings’ language wins over the environment', () => {
  assert.equal(resolveLocale('ja', systemLocaleFromEnv({ LANG: 'en_US.UTF-8' })), 'ja');
  assert.equal(resolveLocale('en', systemLocaleFromEnv({ LANG: 'ja_JP.UTF-8' })), 'en');
});

void test('messageFor gives the error’s own sentence in the reader’s language, and a generic one for bugs', () => {
  const e = new UserError({ en: 'English.', ja: '日本語。' }, 'BadInput', 'usage');
  assert.equal(messageFor(e), 'English.');
  assert.equal(messageFor(e, 'ja'), '日本語。');
  assert.match(messageFor(new Error('x'), 'ja'), /^予期しないエラー/);
});

void test('every Japanese sentence in main/ is real Japanese, not a blank or a copy of the English', () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(path.resolve(__dirname, '../../main'));
  let seen = 0;
  for (const file of files) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\bja: (['`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
      seen++;
      assert.match(m[2]!, /[\u3040-\u30ff\u4e00-\u9fff]/, `${path.relative(process.cwd(), file)}: ja: ${m[0].slice(0, 80)}`);
    }
  }
  assert.ok(seen > 100, `found ${seen} Japanese sentences`);
});
