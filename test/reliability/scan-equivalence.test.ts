/**
 * The fast paths of reading a credentials file against the plain code they stand for: the scanner
 * (read in place, general rules only for unusual lines) against the scanner as it was before
 * (fixtures/ini-scan-reference.ts), and the strict UTF-8 decoding (isAscii/isUtf8) against a fatal
 * TextDecoder. Same files accepted, same values, offsets and keys, same refusal sentence.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeStrict } from '../../main/core/credentials-read';
import { UserError } from '../../main/core/errors';
import { type IniModel, scanIni } from '../../main/core/ini-scan';
import { credentialsFile, render } from './fixtures/gen-credentials';
import { referenceScan } from './fixtures/ini-scan-reference';

type Outcome = { refused: string } | { model: unknown };

function plainModel(m: IniModel): unknown {
  return {
    lineCount: m.lineCount,
    starts: [...m.starts],
    ends: [...m.ends],
    eol: m.eol,
    sections: m.sections.map((s) => ({ ...s, values: Object.entries(s.values) })),
    byName: [...m.byName].map(([name, values]) => [name, Object.entries(values)]),
  };
}

function outcome(scan: () => IniModel): Outcome {
  try {
    return { model: plainModel(scan()) };
  } catch (e) {
    assert.ok(e instanceof UserError, String(e));
    return { refused: `${e.code}: ${e.message}` };
  }
}

function sameAsReference(text: string): void {
  for (const opts of [{}, { collectKeys: false }, { collectKeys: true, firstLine: 7 }]) {
    assert.deepEqual(
      outcome(() => scanIni(text, 'creds', opts)),
      outcome(() => referenceScan(text, 'creds', opts)),
      `${JSON.stringify(text)} ${JSON.stringify(opts)}`,
    );
  }
  samePartially(text);
}

/**
 * A scan that collects some sections' values only (valuesOf, what a login asks for) accepts and
 * refuses exactly the same files, with the same sentence, the same lines and sections, and the
 * same values for the sections it was asked for.
 */
function samePartially(text: string): void {
  const full = outcome(() => scanIni(text, 'creds', { collectKeys: false }));
  for (const wanted of [['a'], ['b', 'nope'], ['profile1', 'profile2'], []]) {
    const part = outcome(() => scanIni(text, 'creds', { collectKeys: false, valuesOf: new Set(wanted) }));
    if ('refused' in full) {
      assert.deepEqual(part, full, `${JSON.stringify(text)} ${wanted.join(',')}`);
      continue;
    }
    assert.ok('model' in part, `${JSON.stringify(text)} ${wanted.join(',')}: refused only when collecting some`);
    const f = full.model as { lineCount: number; starts: number[]; ends: number[]; eol: string; sections: { name: string; header: number; end: number }[]; byName: [string, unknown][] };
    const p = part.model as typeof f;
    assert.deepEqual([p.lineCount, p.starts, p.ends, p.eol], [f.lineCount, f.starts, f.ends, f.eol]);
    assert.deepEqual(p.sections.map((x) => [x.name, x.header, x.end]), f.sections.map((x) => [x.name, x.header, x.end]));
    assert.deepEqual(p.byName, f.byName.filter(([name]) => wanted.includes(name)));
  }
}

// Pieces of lines, weighted towards what makes the two code paths differ: indentation and unicode
// spaces at the edges, "=" ":" "#" ";" "[" "]", names the SDK refuses, repeated names, controls.
const PIECES = [
  ' ', ' ', '\t', '  ', '\u00a0', '\u3000', '\u2028', '\u200b', '=', '=', ' = ', ':', '#', ';', ' #', ' ;', '[', ']', '[a]', '[b]',
  'a', 'A', 'k', 'K', 'x', 'aws_access_key_id', 'AWS_ACCESS_KEY_ID', 'value', '__proto__', 'profile __proto__', 'constructor',
  'é', '東', '🎉', '\r', '\u0007', '\u0085', '\ufeff', '\u00ad',
];
const line = fc.array(fc.constantFrom(...PIECES), { maxLength: 7 }).map((a) => a.join(''));
const TEMPLATES = ['[a]', '[b]', 'k = v', 'K=v', 'x =', '  y = 1', '\tz = 2', '# c', '; c', '', '  ', 'k = v # c', 'k = v;c', '[a] # c'];
const mixedLine = fc.oneof(fc.constantFrom(...TEMPLATES), line, line.map((l) => `k = ${l}`), line.map((l) => `[${l}]`), line.map((l) => `${l}k = v`));
const file = fc
  .record({ lines: fc.array(mixedLine, { maxLength: 12 }), crlf: fc.boolean(), finalNewline: fc.boolean() })
  .map(({ lines, crlf, finalNewline }) => {
    const eol = crlf ? '\r\n' : '\n';
    const text = lines.join(eol);
    return finalNewline && text !== '' ? text + eol : text;
  });

void describe('the fast scanner reads exactly as the reference scanner', () => {
  void it('on files made of unusual lines (accepted or refused)', () => {
    fc.assert(fc.property(file, sameAsReference), { numRuns: 4000 });
  });

  void it('on generated valid files', () => {
    fc.assert(
      fc.property(credentialsFile(8), (f) => sameAsReference(render(f))),
      { numRuns: 500 },
    );
  });

  void it('on hand-picked corner cases', () => {
    for (const text of [
      '',
      '\n',
      '\r\n',
      '[a]',
      '[a]\nk = v',
      '[]\n',
      '[ ]\n',
      '[a]]\n',
      '[[a]\n',
      '[a\n',
      '[a]\n[a]\n',
      '[a]\nk = 1\n[b]\nk = 2\n[a]\n',
      '[a]\nk = 1\nK = 2\n',
      '[a]\nk = 1\n  j = 2\n',
      '[a]\ns3 =\n  k = v\nk = w\n',
      '[a]\n  s3 =\n  k = v\n',
      '[a]\nk =\n',
      '[a]\n=v\n',
      '[a]\n = v\n',
      '[a]\nk: v\n',
      '[a]\nk = v: w\n',
      '[a]\nk = \u00a0v\n',
      '[a]\nk\u00a0= v\n',
      '[a]\nk = v\u00a0\n',
      '\u00a0[a]\n',
      '[a]\u3000\n',
      'k = v\n[a]\n',
      '# c\n; c\n[a]\n',
      '[__proto__]\n',
      '[profile __proto__]\n',
      '[a]\n__proto__ = x\n',
      '[a]\nk = v\rj = w\n',
      '[a]\r\nk = v\r\n',
      '[a]\nk = v\r',
      '\ufeff[a]\n',
      '[a]\nk = v\u0085\n',
      '[a]\nk = v\n\u0007\n\r',
    ]) {
      sameAsReference(text);
    }
  });

  void it('on a large file, as the benchmark writes it', () => {
    const lines = ['# big'];
    for (let i = 0; i < 3000; i++) lines.push(`[profile${i}]`, `aws_access_key_id = AKIA${i}`, `  aws_secret_access_key\t=\t${'s'.repeat(40)}`, i % 7 ? '' : '; note');
    sameAsReference(`${lines.join('\n')}\n`);
    sameAsReference(lines.join('\r\n'));
  });
});

function referenceDecode(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function sameDecoding(bytes: Uint8Array): void {
  let ours: string | null;
  try {
    ours = decodeStrict(Buffer.from(bytes), 'creds');
  } catch (e) {
    assert.ok(e instanceof UserError && e.code === 'CredentialsFileUnusable', String(e));
    ours = null;
  }
  assert.equal(ours, referenceDecode(bytes), Buffer.from(bytes).toString('hex'));
}

void describe('strict UTF-8 decoding matches a fatal TextDecoder', () => {
  void it('on malformed and boundary sequences', () => {
    const cases = [
      [],
      [0x41],
      [0xef, 0xbb, 0xbf, 0x41], // byte-order mark: kept
      [0xc0, 0x80], // overlong NUL
      [0xc1, 0xbf], // overlong
      [0xe0, 0x80, 0x80], // overlong
      [0xed, 0xa0, 0x80], // surrogate
      [0xed, 0x9f, 0xbf], // last before surrogates
      [0xf4, 0x8f, 0xbf, 0xbf], // U+10FFFF
      [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
      [0xf5, 0x80, 0x80, 0x80],
      [0xc3], // truncated
      [0xe6, 0x9d], // truncated
      [0x80], // lone continuation
      [0xc3, 0xa9], // é
      [0xc2, 0x85], // U+0085
      [0x7f],
      [0xff],
    ];
    for (const c of cases) sameDecoding(Uint8Array.from(c));
  });

  void it('on random bytes and random text', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), sameDecoding), { numRuns: 3000 });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => sameDecoding(Buffer.from(s, 'utf8'))),
      { numRuns: 2000 },
    );
  });
});
