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
import { UserError } from './errors';

export type Eol = '' | '\n' | '\r\n';

export interface IniLine {
  text: string;
  eol: Eol;
}

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
  header: number;
  keys: KeyEntry[];
  /** Settings as the SDK reads them, nested ones as "parent.child". */
  values: Record<string, string>;
}

export interface IniModel {
  lines: IniLine[];
  sections: SectionEntry[];
  /** Line ending style of the file: that of its first line break, '\n' when it has none. */
  eol: '\n' | '\r\n';
}

// C0/C1 controls other than tab/CR/LF, DEL, and the byte-order mark: binary data or invisible junk
// that the two readers treat differently (Python strips \x1c-\x1f and \x85 as space, JS does not).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_RE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]/;
const LONE_CR_RE = /\r(?!\n)/;
// The SDK's comment rule: from a ; or # at line start or after whitespace.
const SDK_COMMENT_RE = /(^|\s)[;#]/;
// Section names the SDK refuses outright (it then ignores the whole file).
const SDK_BLOCKED_SECTIONS = new Set(['__proto__', 'profile __proto__']);

export function splitLines(text: string): IniLine[] {
  const lines: IniLine[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      lines.push({ text: text.slice(start), eol: '' });
      break;
    }
    const cr = nl > start && text.charCodeAt(nl - 1) === 13;
    lines.push({ text: text.slice(start, cr ? nl - 1 : nl), eol: cr ? '\r\n' : '\n' });
    start = nl + 1;
  }
  return lines;
}

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Scans `text`; `source` names the file in refusal sentences. Throws UserError CredentialsFileUnusable. */
export function scanIni(text: string, source: string): IniModel {
  const refuse = (line: number, problem: string): UserError =>
    new UserError(`${source} line ${line} ${problem}; fix that line by hand, then try again.`, 'CredentialsFileUnusable');

  const ctl = CONTROL_RE.exec(text);
  if (ctl) {
    const what = ctl[0] === '\0' ? 'contains NUL bytes (binary data)' : ctl[0] === '\ufeff' ? 'contains a byte-order mark' : 'contains control characters';
    throw refuse(lineOf(text, ctl.index), what);
  }
  const cr = LONE_CR_RE.exec(text);
  if (cr) throw refuse(lineOf(text, cr.index), 'contains a carriage return that does not end the line');

  const lines = splitLines(text);
  const sections: SectionEntry[] = [];
  const seen = new Set<string>();
  let section: SectionEntry | undefined;
  let key: KeyEntry | undefined; // the AWS CLI's current option (continuation target)
  let keyIndent = 0;
  let sdkSub: string | undefined; // the SDK's current nested-settings parent

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.text;
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

    if (key && indentLen > keyIndent) {
      // The AWS CLI reads this line as part of the value above.
      if (sdkHeader) throw refuse(n, 'is indented under a setting but also looks like a [section] header');
      if (sdkEq > 0) {
        const name = sdkLine.slice(0, sdkEq).trim();
        const value = sdkLine.slice(sdkEq + 1).trim();
        if (value === '') sdkSub = name;
        else if (key.value === '' && sdkSub === key.name) section!.values[`${key.name}.${name}`] = value;
        else throw refuse(n, 'is indented, so the AWS CLI reads it as part of the setting above while AWS SDKs read it as a setting of its own');
      }
      key.end = i + 1;
      continue;
    }

    // Python's SECTCRE: "[" then greedy ".+" then "]", anchored at the start only.
    const cpHeader = first === 91 /* [ */ ? /^\[(.+)\]/.exec(stripped) : null;
    if (cpHeader || sdkHeader) {
      const name = sdkLine.slice(1, -1);
      if (!cpHeader || !sdkHeader || cpHeader[1] !== name || name === '') {
        throw refuse(n, 'looks like a section header but is not written as [name] alone on its line');
      }
      if (SDK_BLOCKED_SECTIONS.has(name)) throw refuse(n, `names a section [${name}] that AWS SDKs refuse`);
      if (seen.has(name)) throw refuse(n, `repeats the section [${name}], which the AWS CLI refuses`);
      seen.add(name);
      section = { name, header: i, keys: [], values: Object.create(null) as Record<string, string> };
      sections.push(section);
      key = undefined;
      sdkSub = undefined;
      continue;
    }

    // Python's OPTCRE: the first "=" or ":" separates the option name from its value.
    const eq = stripped.indexOf('=');
    const colon = stripped.indexOf(':');
    if (eq === -1 && colon === -1) throw refuse(n, 'is not a "key = value" setting, a [section] header or a comment');
    if (colon !== -1 && (eq === -1 || colon < eq)) throw refuse(n, 'uses ":" where AWS SDKs need "="');
    const name = stripped.slice(0, eq).trimEnd();
    if (name === '') throw refuse(n, 'has a value but no setting name before "="');
    if (!section) throw refuse(n, 'sets a value before any [section] header');
    if (sdkEq <= 0 || sdkLine.slice(0, sdkEq).trim() !== name) {
      throw refuse(n, 'has a "#" or ";" that makes AWS SDKs read it differently from the AWS CLI');
    }
    const lower = name.toLowerCase(); // the AWS CLI lower-cases setting names
    if (section.keys.some((k) => k.lower === lower)) throw refuse(n, `repeats the setting ${name} in [${section.name}], which the AWS CLI refuses`);
    const value = sdkLine.slice(sdkEq + 1).trim();
    if (value === '') {
      sdkSub = name;
    } else {
      if (sdkSub !== undefined && indentLen === 0) sdkSub = undefined;
      if (sdkSub !== undefined) {
        throw refuse(n, `is indented after the nested setting ${sdkSub}, so AWS SDKs read it as part of ${sdkSub} while the AWS CLI reads it as a setting of its own`);
      }
      section.values[name] = value;
    }
    // The separator as written (" = ", "=", "\t=\t"...), kept when the value is replaced.
    const rawEq = raw.indexOf('=');
    const sepStart = indentLen + raw.slice(indentLen, rawEq).trimEnd().length;
    const afterEq = raw.slice(rawEq + 1);
    const sep = raw.slice(sepStart, rawEq + 1) + afterEq.slice(0, afterEq.length - afterEq.trimStart().length);
    key = { name, lower, line: i, end: i + 1, indent: raw.slice(0, indentLen), sep, value };
    keyIndent = indentLen;
    section.keys.push(key);
  }

  const firstBreak = lines.find((l) => l.eol !== '');
  return { lines, sections, eol: firstBreak?.eol === '\r\n' ? '\r\n' : '\n' };
}
