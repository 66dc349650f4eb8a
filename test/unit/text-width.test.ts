/**
 * Wrapping --help and status for a terminal in Japanese: wide characters count two columns, lines
 * break between any two Japanese characters but never end with an opening bracket or start with
 * closing punctuation (kinsoku), and English words stay whole.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayWidth, wrap } from '../../main/cli/text-width';

test('wide characters take two columns', () => {
  assert.equal(displayWidth('abc'), 3);
  assert.equal(displayWidth('キー'), 4);
  assert.equal(displayWidth('（OS）'), 6);
});

test('no line is wider than asked, and the text is kept', () => {
  const text = 'MFA を必須にする IAM ポリシーの JSON を出力する（利用者の文書どおり、パーティションに合わせて）';
  for (let width = 12; width <= 60; width++) {
    const lines = wrap(text, width).split('\n');
    for (const line of lines) assert.ok(displayWidth(line) <= width, `${width}: ${line}`);
    assert.equal(lines.join('').replace(/ /g, ''), text.replace(/ /g, ''), `${width}`);
  }
});

test('an opening bracket never ends a line; closing punctuation never starts one', () => {
  const text = 'MFA を必須にする IAM ポリシーの JSON を出力する（利用者の文書どおり、パーティションに合わせて）。キーチェーン（GNOME Keyring または KWallet）を起動';
  for (let width = 12; width <= 60; width++) {
    for (const line of wrap(text, width).split('\n')) {
      assert.ok(!/[（「『〔【]$/.test(line), `${width}: "${line}" ends with an opening bracket`);
      assert.ok(!/^[、。）」』〕】ー]/.test(line), `${width}: "${line}" starts with closing punctuation`);
    }
  }
});

test('English words are not split', () => {
  assert.equal(wrap('get an MFA session with the keys of <profile>', 20), 'get an MFA session\nwith the keys of\n<profile>');
});
