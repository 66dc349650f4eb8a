/**
 * Strict, line-level reading of an AWS shared credentials file.
 *
 * Two programs read this file and they disagree on corner cases: the AWS CLI (Python configparser:
 * strict about duplicates, indented lines continue the key above, no inline comments) and the AWS
 * SDKs (smithy parseIni: inline " #"/" ;" comments, `key =` opens nested `  sub = v` settings, no
 * continuation). We accept a file only when both read the same top-level settings, and refuse with
 * the line number otherwise, so a patch can never change what either of them sees elsewhere.
 * Values are reported as the SDK reads them (this app uses the SDK).
 */
import { UserError, type Sentence } from './errors';

export type Eol = '' | '\n' | '\r\n';


/** A top-level `key = value` line plus the continuation lines the AWS CLI attaches to it. */
export interface KeyEntry {
  name: string;
  lower: string;
  /** Index of the key line. */
  line: number;
  /** Index after the last continuation line (exclusive). */
  end: number;
  indent: string;
  /** Text between the key name and the value, e.g. " = ". */
  sep: string;
  /** Value as the SDK reads it ('' opens nested settings). */
  value: string;
}

export interface SectionEntry {
  name: string;
  /** Index of the header line. */
  header: number;
  /** Index of the next header, or the line count (exclusive). */
  end: number;
  /** Top-level keys; null when the scan did not collect them (see keysOf). */
  keys: KeyEntry[] | null;
  /** Settings as the SDK reads them, nested ones as "parent.child". */
  values: Record<string, string>;
}

/**
 * Lines are kept as offsets into the text rather than objects: a 10,000-profile file has 40,000
 * lines, and allocating an object per line made scanning it several times slower.
 */
export interface IniModel {
  text: string;
  lineCount: number;
  /** starts[i]: offset of line i; starts[lineCount] = text.length. */
  starts: Uint32Array;
  /** ends[i]: offset where line i's content ends and its line break (if any) begins. */
  ends: Uint32Array;
  sections: SectionEntry[];
  /**
   * Section name -> its settings (the same objects as sections[].values), in file order. After a
   * scan with `valuesOf`, only those sections (when present); the rest are in `sections` without values.
   */
  byName: Map<string, Record<string, string>>;
  /** The `valuesOf` the scan was made with (undefined: every section's values were collected). */
  valuesOf?: ReadonlySet<string>;
  /** Line ending style of the file: that of its first line break, '\n' when it has none. */
  eol: '\n' | '\r\n';
}

export const lineText = (m: IniModel, i: number): string => m.text.slice(m.starts[i], m.ends[i]);
export const lineEol = (m: IniModel, i: number): Eol => m.text.slice(m.ends[i], m.starts[i + 1]) as Eol;
/** The exact text of lines from..to-1, line breaks included. */
export const linesText = (m: IniModel, from: number, to: number): string => m.text.slice(m.starts[from], m.starts[to]);

// C0/C1 controls other than tab/CR/LF, DEL, and the byte-order mark: binary data or invisible junk
// that the two readers treat differently (Python strips \x1c-\x1f and \x85 as space, JS does not).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_RE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]/;
// A carriage return that does not end a line (old Mac line breaks): Python splits lines there, JS does not.
// Kept apart from CONTROL_RE: a single character class is scanned about twice as fast as the alternation.
const LONE_CR_RE = /\r(?!\n)/;
// The SDK's comment rule: from a ; or # at line start or after whitespace.
const SDK_COMMENT_RE = /(^|\s)[;#]/;

/** The first character the scan refuses before looking at lines, or null. */
function firstControl(text: string): { index: number; char: string } | null {
  const ctl = CONTROL_RE.exec(text);
  const cr = text.includes('\r') ? LONE_CR_RE.exec(text) : null;
  const hit = ctl && cr ? (ctl.index < cr.index ? ctl : cr) : (ctl ?? cr);
  return hit ? { index: hit.index, char: hit[0] } : null;
}

/**
 * Plain objects (fast in V8, unlike null-prototype ones, which made scanning 10,000 sections
 * markedly slower); "__proto__" is the one name plain assignment would drop, so define it.
 */
function setValue(values: Record<string, string>, name: string, value: string): void {
  if (name === '__proto__') Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true });
  else values[name] = value;
}

/** The values of every section whose values are not collected (see scanIni's valuesOf): none, and none can be added. */
const NO_VALUES: Record<string, string> = Object.freeze({});

/** Stands for a non-empty value that was not collected (see scanIni's valuesOf). */
const NOT_COLLECTED = '\u0000';

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function grown(a: Uint32Array): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Offset of the first `ch` at or after `from`, or text.length when there is none. */
function nextOf(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i === -1 ? text.length : i;
}

/**
 * Scans `text`; `source` names the file in refusal sentences. Throws UserError CredentialsFileUnusable.
 * `collectKeys: false` skips building KeyEntry lists (keysOf builds one section's on demand);
 * `firstLine` numbers lines when `text` is a fragment starting at that line.
 * `valuesOf` collects the settings of only these sections (checking the whole file just as
 * strictly): a login needs two sections of a file that may hold thousands, and making a string for
 * every value of every other one was a third of the scan. Not with `collectKeys`.
 *
 * Each line first goes through a fast path that reads it in place (character codes and offsets; the
 * only substrings it makes are the names and values it keeps) and handles the shapes that make up almost every real file: blank lines, comments,
 * plain `[name]` headers and plain `key = value` settings. It only accepts a line when it can
 * prove the general rules below it would read the line the same way: the line's first and last
 * non-blank characters (and those around "=") are ASCII, so JavaScript's trim, which also strips
 * Unicode spaces, cuts exactly where the fast path does; it has no "#" or ";" (no SDK comment
 * rule to apply), no ":" before its "=", and is not a continuation line. Every other line, and
 * every line that would be refused, goes through the general rules, which alone word refusals.
 */
export function scanIni(text: string, source: string, opts: { collectKeys?: boolean; firstLine?: number; valuesOf?: ReadonlySet<string> } = {}): IniModel {
  const collectKeys = opts.collectKeys ?? true;
  const firstLine = opts.firstLine ?? 0;
  const valuesOf = opts.valuesOf;
  if (valuesOf && collectKeys) throw new Error('scanIni: valuesOf is for scans without keys');
  const refuse = (line: number, problem: Sentence): UserError =>
    new UserError(
      {
        en: `${source} line ${line + firstLine} ${problem.en}; fix that line by hand, then try again.`,
        ja: `${source} の ${line + firstLine} 行目は${problem.ja}。その行を手で直してからやり直してください。`,
      },
      'CredentialsFileUnusable',
    );

  const ctl = firstControl(text);
  if (ctl) {
    const c = ctl.char;
    const what: Sentence =
      c === '\0'
        ? { en: 'contains NUL bytes (binary data)', ja: ' NUL バイト（バイナリデータ）を含んでいます' }
        : c === '\ufeff'
          ? { en: 'contains a byte-order mark', ja: 'バイトオーダーマーク（BOM）を含んでいます' }
          : c === '\r'
            ? { en: 'contains a carriage return that does not end the line', ja: '行末ではない復帰文字（CR）を含んでいます' }
            : { en: 'contains control characters', ja: '制御文字を含んでいます' };
    throw refuse(lineOf(text, ctl.index), what);
  }

  const len = text.length;
  // Line offsets are filled in as lines are found (no separate pass to count them first), in
  // arrays that double when full and are trimmed to size at the end.
  let starts: Uint32Array<ArrayBuffer> = new Uint32Array((len >> 5) + 2);
  let ends: Uint32Array<ArrayBuffer> = new Uint32Array(starts.length);

  const sections: SectionEntry[] = [];
  const byName = new Map<string, Record<string, string>>(); // also detects repeated sections (without valuesOf)
  const names = valuesOf ? new Set<string>() : null; // detects repeated sections with valuesOf
  let kept = true; // whether the current section's values are collected
  const seenKeys: string[] = []; // top-level keys of the current section (a few: an array beats a Set)
  let seen = 0; // how many of seenKeys are the current section's (the array is reused, not cleared)
  let section: SectionEntry | undefined;
  let keyName: string | undefined; // the AWS CLI's current option (continuation target)
  let keyValue = '';
  let keyIndent = 0;
  let key: KeyEntry | undefined; // its entry, when collecting
  let sdkSub: string | undefined; // the SDK's current nested-settings parent
  // Offsets of the next "#", ";", "=", ":" at or after the current line's first non-blank
  // character (len: none); each is searched again only once the scan has passed it, so finding
  // them costs one pass over the text in all.
  let hashAt = -1;
  let semiAt = -1;
  let eqAt = -1;
  let colonAt = -1;

  let pos = 0;
  let i = 0;
  for (; pos < len; i++) {
    const lineStart = pos;
    const nl = text.indexOf('\n', pos);
    let lineEnd: number;
    if (nl === -1) {
      lineEnd = len;
      pos = len;
    } else {
      lineEnd = nl > lineStart && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      pos = nl + 1;
    }
    if (i === starts.length) {
      starts = grown(starts);
      ends = grown(ends);
    }
    starts[i] = lineStart;
    ends[i] = lineEnd;

    // Fast path (see above). Control characters, including a carriage return inside a line, were refused already.
    let ls = lineStart;
    let c = 0;
    while (ls < lineEnd && ((c = text.charCodeAt(ls)) === 32 || c === 9)) ls++;
    if (ls === lineEnd || c === 35 /* # */ || c === 59 /* ; */) continue; // blank or comment: both readers skip it
    fast: if (c < 128 && !(keyName !== undefined && ls - lineStart > keyIndent)) {
      let le = lineEnd;
      let d = 0;
      while ((d = text.charCodeAt(le - 1)) === 32 || d === 9) le--; // stops at ls at the latest
      if (d >= 128) break fast;
      if (hashAt < ls) hashAt = nextOf(text, '#', ls);
      if (semiAt < ls) semiAt = nextOf(text, ';', ls);
      if (hashAt < le || semiAt < le) break fast;
      const indentLen = ls - lineStart;

      if (c === 91 /* [ */) {
        if (d !== 93 /* ] */ || le - ls < 3) break fast;
        const name = text.slice(ls + 1, le - 1);
        if (name === '__proto__' || name === 'profile __proto__') break fast;
        let values: Record<string, string> = NO_VALUES;
        if (names) {
          if (names.has(name)) break fast; // a repeated section: the general rules refuse it
          names.add(name);
          kept = valuesOf!.has(name);
          if (kept) byName.set(name, (values = {}));
        } else {
          values = {};
          const known = byName.size;
          byName.set(name, values); // one hash lookup instead of has() then set()
          if (byName.size === known) break fast; // a repeated section: the general rules refuse it (nothing else was changed)
        }
        if (section) section.end = i;
        section = { name, header: i, end: -1 /* set below */, keys: collectKeys ? [] : null, values };
        sections.push(section);
        seen = 0;
        keyName = undefined;
        key = undefined;
        sdkSub = undefined;
        continue;
      }

      if (!section) break fast;
      if (eqAt < ls) eqAt = nextOf(text, '=', ls);
      if (colonAt < ls) colonAt = nextOf(text, ':', ls);
      const eq = eqAt;
      if (eq >= le || colonAt < eq) break fast;
      let ne = eq;
      while (ne > ls && ((d = text.charCodeAt(ne - 1)) === 32 || d === 9)) ne--;
      if (ne === ls || d >= 128) break fast;
      let vs = eq + 1;
      while (vs < le && ((d = text.charCodeAt(vs)) === 32 || d === 9)) vs++;
      if (vs < le && d >= 128) break fast;

      const name = text.slice(ls, ne);
      for (let j = 0; j < seen; j++) {
        const k = seenKeys[j]!;
        if (k.length === name.length && (k === name || k.toLowerCase() === name.toLowerCase())) break fast;
      }
      // Only whether the value is empty matters for a section whose values are not collected.
      const value = kept ? text.slice(vs, le) : vs === le ? '' : NOT_COLLECTED;
      if (value === '') {
        sdkSub = name;
      } else {
        if (sdkSub !== undefined && indentLen === 0) sdkSub = undefined;
        if (sdkSub !== undefined) break fast;
        if (kept) setValue(section.values, name, value);
      }
      seenKeys[seen++] = name;
      keyName = name;
      keyValue = value;
      keyIndent = indentLen;
      key = section.keys ? keyEntry(text.slice(lineStart, lineEnd), name, name.toLowerCase(), i, indentLen, value) : undefined;
      if (key) section.keys!.push(key);
      continue;
    }

    // The general rules: every line the fast path did not take, and every refusal.
    const raw = text.slice(lineStart, lineEnd);
    const n = i + 1;
    const stripped = raw.trim();
    const first = stripped.charCodeAt(0);
    if (stripped === '' || first === 35 /* # */ || first === 59 /* ; */) continue; // both readers skip these
    const indentLen = raw.length - raw.trimStart().length;
    // The SDK's view of the line: cut at its comment rule (skipped when there is no # or ; at all, which is most lines).
    const cut = raw.includes('#') || raw.includes(';') ? SDK_COMMENT_RE.exec(raw) : null;
    const sdkLine = cut ? raw.slice(0, cut.index).trim() : stripped;
    const sdkHeader = sdkLine[0] === '[' && sdkLine[sdkLine.length - 1] === ']';
    const sdkEq = sdkLine.indexOf('=');

    if (keyName !== undefined && indentLen > keyIndent) {
      // The AWS CLI reads this line as part of the value above.
      if (sdkHeader) throw refuse(n, { en: 'is indented under a setting but also looks like a [section] header', ja: '設定の下でインデントされていますが、[セクション] 見出しのようにも見えます' });
      if (sdkEq > 0) {
        const name = sdkLine.slice(0, sdkEq).trim();
        const value = sdkLine.slice(sdkEq + 1).trim();
        if (value === '') sdkSub = name;
        else if (keyValue === '' && sdkSub === keyName) {
          if (kept) setValue(section!.values, `${keyName}.${name}`, value);
        }
        else throw refuse(n, { en: 'is indented, so the AWS CLI reads it as part of the setting above while AWS SDKs read it as a setting of its own', ja: 'インデントされているため、AWS CLI は上の設定の続きとして、AWS SDK は独立した設定として読みます' });
      }
      if (key) key.end = i + 1;
      continue;
    }

    // Python's SECTCRE, "\[(.+)\]" anchored at the start only: "[", then up to the last "]".
    const lastBracket = first === 91 /* [ */ ? stripped.lastIndexOf(']') : -1;
    if (lastBracket >= 2 || sdkHeader) {
      const name = sdkLine.slice(1, -1);
      const sameAsPython = lastBracket >= 2 && sdkHeader && (stripped === sdkLine || stripped.slice(1, lastBracket) === name);
      if (!sameAsPython) {
        throw refuse(n, { en: 'looks like a section header but is not written as [name] alone on its line', ja: 'セクション見出しのようですが、[名前] だけの行になっていません' });
      }
      // The SDK refuses these names outright (and then ignores the whole file).
      if (name === '__proto__' || name === 'profile __proto__') throw refuse(n, { en: `names a section [${name}] that AWS SDKs refuse`, ja: ` AWS SDK が受け付けないセクション [${name}] です` });
      if (names ? names.has(name) : byName.has(name)) throw refuse(n, { en: `repeats the section [${name}], which the AWS CLI refuses`, ja: `セクション [${name}] の重複です（AWS CLI は受け付けません）` });
      if (section) section.end = i;
      kept = !valuesOf || valuesOf.has(name);
      section = { name, header: i, end: -1 /* set below */, keys: collectKeys ? [] : null, values: kept ? {} : NO_VALUES };
      sections.push(section);
      if (names) names.add(name);
      if (kept) byName.set(name, section.values);
      seen = 0;
      keyName = undefined;
      key = undefined;
      sdkSub = undefined;
      continue;
    }

    // Python's OPTCRE: the first "=" or ":" separates the option name from its value.
    const eq = stripped.indexOf('=');
    const colon = stripped.indexOf(':');
    if (eq === -1 && colon === -1) throw refuse(n, { en: 'is not a "key = value" setting, a [section] header or a comment', ja: '"key = value" の設定でも [セクション] 見出しでもコメントでもありません' });
    if (colon !== -1 && (eq === -1 || colon < eq)) throw refuse(n, { en: 'uses ":" where AWS SDKs need "="', ja: 'AWS SDK では "=" が必要なところに ":" を使っています' });
    const name = stripped.slice(0, eq).trimEnd();
    if (name === '') throw refuse(n, { en: 'has a value but no setting name before "="', ja: '"=" の前に設定名がありません' });
    if (!section) throw refuse(n, { en: 'sets a value before any [section] header', ja: '[セクション] 見出しより前で値を設定しています' });
    if (sdkEq <= 0 || (sdkLine !== stripped && sdkLine.slice(0, sdkEq).trim() !== name)) {
      throw refuse(n, { en: 'has a "#" or ";" that makes AWS SDKs read it differently from the AWS CLI', ja: '"#" か ";" があり、AWS SDK と AWS CLI で読み方が変わります' });
    }
    // The AWS CLI lower-cases setting names; lower-case only when lengths match (toLowerCase on every key showed in profiles).
    for (let j = 0; j < seen; j++) {
      const k = seenKeys[j]!;
      if (k.length === name.length && (k === name || k.toLowerCase() === name.toLowerCase())) {
        throw refuse(n, { en: `repeats the setting ${name} in [${section.name}], which the AWS CLI refuses`, ja: `[${section.name}] の設定 ${name} の重複です（AWS CLI は受け付けません）` });
      }
    }
    seenKeys[seen++] = name;
    const value = sdkLine.slice(sdkEq + 1).trim();
    if (value === '') {
      sdkSub = name;
    } else {
      if (sdkSub !== undefined && indentLen === 0) sdkSub = undefined;
      if (sdkSub !== undefined) {
        throw refuse(n, {
          en: `is indented after the nested setting ${sdkSub}, so AWS SDKs read it as part of ${sdkSub} while the AWS CLI reads it as a setting of its own`,
          ja: `入れ子の設定 ${sdkSub} の後でインデントされているため、AWS SDK は ${sdkSub} の一部として、AWS CLI は独立した設定として読みます`,
        });
      }
      if (kept) setValue(section.values, name, value);
    }
    keyName = name;
    keyValue = value;
    keyIndent = indentLen;
    key = section.keys ? keyEntry(raw, name, name.toLowerCase(), i, indentLen, value) : undefined;
    if (key) section.keys!.push(key);
  }

  const lineCount = i;
  if (section) section.end = lineCount;
  const lineStarts = new Uint32Array(lineCount + 1);
  lineStarts.set(starts.subarray(0, lineCount));
  lineStarts[lineCount] = len;
  const firstCr = text.indexOf('\n');
  const eol = firstCr > 0 && text.charCodeAt(firstCr - 1) === 13 ? '\r\n' : '\n';
  return { text, lineCount, starts: lineStarts, ends: ends.slice(0, lineCount), sections, byName, eol, ...(valuesOf ? { valuesOf } : {}) };
}

function keyEntry(raw: string, name: string, lower: string, line: number, indentLen: number, value: string): KeyEntry {
  // The separator as written (" = ", "=", "\t=\t"...), kept when the value is replaced.
  const rawEq = raw.indexOf('=');
  const sepStart = indentLen + raw.slice(indentLen, rawEq).trimEnd().length;
  const afterEq = raw.slice(rawEq + 1);
  const sep = raw.slice(sepStart, rawEq + 1) + afterEq.slice(0, afterEq.length - afterEq.trimStart().length);
  return { name, lower, line, end: line + 1, indent: raw.slice(0, indentLen), sep, value };
}

/** The keys of one section, scanning just its lines (a header resets all parsing state, so this is exact). */
export function keysOf(model: IniModel, section: SectionEntry, source: string): KeyEntry[] {
  if (section.keys) return section.keys;
  const part = scanIni(linesText(model, section.header, section.end), source, { firstLine: section.header });
  return part.sections[0]!.keys!.map((k) => ({ ...k, line: k.line + section.header, end: k.end + section.header }));
}
