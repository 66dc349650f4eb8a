/** Both languages cover every string (error sentences: test/unit/i18n.test.ts); the code field's cleaning rules. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeCode } from '../../renderer/format';
import { tables } from '../../renderer/i18n';

void test('Japanese has a non-empty sentence for every English string, with the same placeholders', () => {
  for (const [key, en] of Object.entries(tables.en)) {
    const ja = tables.ja[key as keyof typeof tables.ja];
    assert.ok(ja && ja.trim(), `ja.${key} is missing`);
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(holes(ja), holes(en), `placeholders of ${key}`);
  }
});

void test('the code field keeps digits only, full-width digits made ASCII, extra digits kept for the six-digit check', () => {
  assert.equal(normalizeCode('123 456'), '123456');
  assert.equal(normalizeCode('123-456\n'), '123456');
  assert.equal(normalizeCode('１２３４５６'), '123456');
  assert.equal(normalizeCode('12a3'), '123');
  assert.equal(normalizeCode('123\u00a0456'), '123456');
  assert.equal(normalizeCode('1234567'), '1234567');
  assert.equal(normalizeCode(''), '');
});
