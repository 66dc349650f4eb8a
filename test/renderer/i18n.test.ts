/** Both languages cover every string and every error code; the code field's cleaning rules. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { normalizeCode } from '../../renderer/format';
import { jaErrorSentences } from '../../main/core/i18n/error-sentences';
import { tables } from '../../renderer/i18n';

// Read from the source so a new ErrorCode without a Japanese sentence fails here.
const ERROR_CODES_FILE = readFileSync(path.resolve(__dirname, '../../main/core/errors.ts'), 'utf8');

void test('Japanese has a non-empty sentence for every English string, with the same placeholders', () => {
  for (const [key, en] of Object.entries(tables.en)) {
    const ja = tables.ja[key as keyof typeof tables.ja];
    assert.ok(ja && ja.trim(), `ja.${key} is missing`);
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(holes(ja), holes(en), `placeholders of ${key}`);
  }
});

void test('every ErrorCode declared in main/core/errors.ts has a Japanese sentence', () => {
  const union = ERROR_CODES_FILE.slice(ERROR_CODES_FILE.indexOf('export type ErrorCode'), ERROR_CODES_FILE.indexOf(';', ERROR_CODES_FILE.indexOf('export type ErrorCode')));
  const codes = [...union.matchAll(/'(\w+)'/g)].map((m) => m[1]!);
  assert.ok(codes.length > 10);
  assert.deepEqual(Object.keys(jaErrorSentences).sort(), codes.sort());
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
