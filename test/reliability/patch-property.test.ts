/**
 * Property tests of the byte-preserving patch over generated credentials files: bytes outside the
 * target section never change, the AWS SDK's own parser reads the new values and every other
 * section exactly as before, a second identical patch is a no-op, and (when python3 is present)
 * the AWS CLI's parser (configparser) reads the same top-level settings as the SDK, before and after.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCredentialsText } from '../../main/core/credentials-read';
import { patchProfileText } from '../../main/core/ini-patch';
import { lineText, linesText, scanIni } from '../../main/core/ini-scan';
import { credentialsFile, render, sectionName, value } from './fixtures/gen-credentials';
import { sdkParseCredentials } from './fixtures/sdk-parse';

const AWS_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_credential_expiration', 'region', 'Note'];

const patchArb = fc.record({
  pickExisting: fc.nat(),
  newName: sectionName,
  useExisting: fc.boolean(),
  values: fc.dictionary(fc.constantFrom(...AWS_KEYS), fc.option(value, { freq: 3 }), { minKeys: 1, maxKeys: 4 }),
  removeSectionIfEmpty: fc.boolean(),
});

const plain = (r: Record<string, string> | undefined): Record<string, string> => ({ ...r });

/** Files the CLI parser must read, collected during the runs and checked in one python3 process. */
const forPython: string[] = [];

interface PatchCase {
  pickExisting: number;
  newName: string;
  useExisting: boolean;
  values: Record<string, string | null>;
  removeSectionIfEmpty: boolean;
}

async function checkOne(text: string, p: PatchCase): Promise<void> {
  const model = scanIni(text, 'generated'); // must accept every generated file
  const ours = parseCredentialsText(text, 'generated');
  const sdkBefore = await sdkParseCredentials(text);
  for (const [name, values] of ours) {
    if (Object.keys(values).length) assert.deepEqual(sdkBefore[name], plain(values), `SDK and we disagree on [${name}]`);
  }

  const names = model.sections.map((s) => s.name);
  const profile = p.useExisting && names.length ? names[p.pickExisting % names.length]! : p.newName;
  const out = patchProfileText(text, profile, p.values, { removeSectionIfEmpty: p.removeSectionIfEmpty });

  // Bytes outside the target section are identical.
  const idx = model.sections.findIndex((s) => s.name === profile);
  if (idx === -1) {
    assert.ok(out.startsWith(text), 'a new section only appends');
  } else {
    const sec = model.sections[idx]!;
    const next = sec.end;
    let before = linesText(model, 0, sec.header);
    const afterSec = linesText(model, next, model.lineCount);
    // A section removed whole takes the one blank line that separates it with it (the line a new
    // section is appended after), so that a login and a logout give the original bytes back.
    const separator = sec.header > 0 && lineText(model, sec.header - 1).trim() === '';
    if (p.removeSectionIfEmpty && separator && !out.startsWith(before)) before = linesText(model, 0, sec.header - 1);
    assert.ok(out.startsWith(before), 'bytes before the section are kept');
    assert.ok(out.endsWith(afterSec), 'bytes after the section are kept');
    // Inside the section, every line not belonging to a patched key survives, in order.
    const patched = new Set(Object.keys(p.values).map((k) => k.toLowerCase()));
    const owned = new Set<number>();
    for (const k of sec.keys!) if (patched.has(k.lower)) for (let i = k.line; i < k.end; i++) owned.add(i);
    const middle = out.slice(before.length, out.length - afterSec.length);
    const outLines = middle.split(/\r?\n/);
    const sectionRemoved = p.removeSectionIfEmpty && outLines[0] !== lineText(model, sec.header);
    let j = 0;
    for (let i = sectionRemoved ? sec.keys!.at(-1)?.end ?? sec.header + 1 : sec.header; i < next; i++) {
      if (owned.has(i)) continue;
      while (j < outLines.length && outLines[j] !== lineText(model, i)) j++;
      assert.ok(j < outLines.length, `line ${i + 1} of the section was lost`);
      j++;
    }
  }

  // The SDK reads the new values, and every other section as before.
  const sdkAfter = await sdkParseCredentials(out);
  for (const [k, v] of Object.entries(p.values)) {
    const present = Object.keys(sdkAfter[profile] ?? {}).filter((key) => key.toLowerCase() === k.toLowerCase());
    if (v === null) assert.deepEqual(present, [], `${k} deleted`);
    else assert.equal(sdkAfter[profile]?.[k], v, `${k} set`);
  }
  for (const [name, values] of Object.entries(sdkBefore)) if (name !== profile) assert.deepEqual(sdkAfter[name], values, `[${name}] unchanged`);
  // Settings of the target section that were not patched (nor nested under a patched one) read as before.
  const patchedLower = Object.keys(p.values).map((k) => k.toLowerCase());
  for (const [k, v] of Object.entries(sdkBefore[profile] ?? {})) {
    const lower = k.toLowerCase();
    if (!patchedLower.some((pk) => lower === pk || lower.startsWith(`${pk}.`))) assert.equal(sdkAfter[profile]?.[k], v, `[${profile}] ${k} unchanged`);
  }
  for (const name of Object.keys(sdkAfter)) assert.ok(name === profile || name in sdkBefore, `no new section [${name}]`);
  // Our strict reader accepts the result and agrees with the SDK.
  for (const [name, values] of parseCredentialsText(out, 'patched')) {
    if (Object.keys(values).length) assert.deepEqual(sdkAfter[name], plain(values));
  }
  // Idempotent.
  assert.equal(patchProfileText(out, profile, p.values, { removeSectionIfEmpty: p.removeSectionIfEmpty }), out);
  if (forPython.length < 1200) forPython.push(text, out);
}

void describe('patchProfileText properties', () => {
  void it('keeps bytes outside the section, is read back by the SDK, and is idempotent (500 files)', async () => {
    await fc.assert(
      fc.asyncProperty(credentialsFile(10).map(render), patchArb, (text, p) => checkOne(text, p)),
      { numRuns: 500 },
    );
  });

  void it('holds on large files (100 to 400 sections)', async () => {
    await fc.assert(
      fc.asyncProperty(credentialsFile(400, 100).map(render), patchArb, (text, p) => checkOne(text, p)),
      { numRuns: 25 },
    );
  });

  void it('the AWS CLI parser (python configparser) reads the same top-level settings as the SDK, before and after patching', (t) => {
    const probe = spawnSync('python3', ['-c', 'import configparser'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      t.skip('python3 is not available');
      return;
    }
    assert.ok(forPython.length > 100, 'the property runs collected files');
    // As botocore's raw_config_parse does: RawConfigParser (strict, no interpolation, lower-cased names).
    const script = [
      'import configparser, json, sys',
      'out = []',
      'for text in json.load(sys.stdin):',
      '    cp = configparser.RawConfigParser()',
      '    cp.read_string(text)',
      '    out.append([[s, cp.items(s)] for s in cp.sections()])',  // lists: JSON objects would reorder numeric names
      'json.dump(out, sys.stdout)',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(forPython), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    const results = JSON.parse(r.stdout) as [string, [string, string][]][][];
    const sdkStrip = (v: string): string => v.split(/(^|\s)[;#]/)[0]!.trim();
    results.forEach((cp, i) => {
      const model = scanIni(forPython[i]!, 'generated');
      assert.deepEqual(cp.map(([name]) => name), model.sections.map((s) => s.name));
      model.sections.forEach((s, si) => {
        const cpKeys = new Map(cp[si]![1]);
        assert.deepEqual([...cpKeys.keys()], s.keys!.map((k) => k.lower), `[${s.name}] keys`);
        // Same first-line value once the SDK's inline-comment rule is applied.
        for (const k of s.keys!) assert.equal(sdkStrip(cpKeys.get(k.lower)!.split('\n')[0]!), k.value, `[${s.name}] ${k.name}`);
      });
    });
    t.diagnostic(`configparser read ${results.length} generated and patched files`);
  });
});
