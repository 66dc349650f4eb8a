/**
 * Byte-preserving edit of one section of a scanned credentials file. Only the lines of the keys
 * being set or deleted change (plus appended lines); every other byte is kept as it was.
 */
import { usageError } from './errors';
import { type IniModel, keysOf, lineEol, lineText, linesText, scanIni } from './ini-scan';
import { validateProfileName } from './validate';

export type PatchValues = Record<string, string | null>;

// Setting names we write: plain identifiers, so they cannot inject "=", "[" or comments.
const KEY_RE = /^[A-Za-z0-9_-]{1,128}$/;
// A value must read back identically in the AWS CLI and the SDKs: one line, no surrounding space,
// no control characters, and nothing the SDK would take for an inline comment.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BAD_VALUE_RE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|(^|\s)[#;]/;

/**
 * Refuses, on top of the shared allow-list, names the SDK cannot read back: it keeps profiles in a
 * plain object, so [__proto__] makes it reject the whole file and [constructor], [toString]... are
 * mixed up with Object.prototype members.
 */
export function checkSectionName(profile: string): string {
  // The config file names profiles "[profile work]" (and "[default]"): the name after the prefix is checked.
  const name = profile.startsWith('profile ') ? profile.slice('profile '.length) : profile;
  validateProfileName(name);
  if (name in Object.prototype) throw usageError({ en: `The profile name ${name} is reserved by the AWS SDK; choose another name.`, ja: `プロファイル名 ${name} は AWS SDK が予約しています。別の名前を選んでください。` });
  return profile;
}

function checkValues(values: PatchValues): [string, string | null][] {
  const entries = Object.entries(values);
  for (const [k, v] of entries) {
    if (!KEY_RE.test(k)) throw usageError({ en: 'A credentials setting name must be letters, digits, _ or -; use a plain name like aws_session_token.', ja: '認証情報の設定名は英数字と _ - だけにしてください（例: aws_session_token）。' });
    if (v !== null && (typeof v !== 'string' || v === '' || v.trim() !== v || BAD_VALUE_RE.test(v))) {
      // Never echo the value: it may be a secret.
      throw usageError({ en: `The value for ${k} cannot be stored in the credentials file (it is empty, spans lines or contains control characters or comment marks); check where it came from.`, ja: `${k} の値は認証情報ファイルに保存できません（空、複数行、制御文字やコメント記号を含む）。値の出どころを確認してください。` });
    }
  }
  const lowered = new Set(entries.map(([k]) => k.toLowerCase()));
  if (lowered.size !== entries.length) throw usageError({ en: 'The same credentials setting was given twice with different capitalisation; give it once.', ja: '同じ認証情報の設定が大文字・小文字違いで 2 回指定されています。1 回だけ指定してください。' });
  return entries;
}

/**
 * The one patch entry point: applies `values` to section `profile` of `text` and returns the new
 * text (pure; the file writer is updateIniFile in credentials-file.ts). Throws UserError
 * CredentialsFileUnusable if the text is unusable.
 * - Existing keys (matched case-insensitively, as the AWS CLI does) are replaced in place, together
 *   with their continuation lines; the line keeps its indentation, separator and line ending, and
 *   takes our spelling of the key so the case-sensitive SDK finds it.
 * - New keys go after the section's last key (right after the header when it has none), unindented,
 *   in the order given, with the file's line ending.
 * - A missing section is created at the end of the file, after one blank line as a person leaves
 *   between sections (none in an empty file or after a blank last line; the last line gets its
 *   line break first when it has none); deleting from a missing section changes nothing.
 * - removeSectionIfEmpty: when no key remains, the header goes too, with every line from the header
 *   to the end of its last key (comments and blank lines between them included). Blank and comment
 *   lines after the last key stay, because they usually introduce the next section. When the section
 *   is the last thing in the file, the one blank line before its header goes with it: that is the
 *   separator appending put there, so a section added and then removed leaves the file as it was.
 */
export function patchProfileText(text: string, profile: string, values: PatchValues, opts: { removeSectionIfEmpty?: boolean } = {}): string {
  const model = scanIni(text, 'The credentials text');
  const edit = patchSection(model, profile, values, opts.removeSectionIfEmpty ?? false);
  return edit.text === text.slice(edit.from, edit.to) ? text : text.slice(0, edit.from) + edit.text + text.slice(edit.to);
}

/** What goes before a section appended to `text`: a line break if the last line lacks one, then a blank line. */
function separatorBefore(text: string, eol: string): string {
  if (text === '') return '';
  if (!text.endsWith('\n')) return eol + eol;
  const lastLine = text.slice(text.lastIndexOf('\n', text.length - 2) + 1);
  return lastLine.trim() === '' ? '' : eol;
}

/** A patch as one replacement: model.text[from, to) becomes `text`. */
export interface SectionEdit {
  from: number;
  to: number;
  text: string;
}

/**
 * patchProfileText's edit without building the whole new text: the target section's lines
 * (from its header to the next one) and their replacement, or, for a missing section, what to
 * append at the end of the file (from = to = text length; text '' when nothing is to be set).
 */
export function patchSection(model: IniModel, profile: string, values: PatchValues, removeSectionIfEmpty = false, source = 'The credentials text'): SectionEdit {
  checkSectionName(profile);
  const entries = checkValues(values);
  const { text, eol } = model;
  const section = model.sections.find((s) => s.name === profile);

  if (!section) {
    const toSet = entries.filter((e): e is [string, string] => e[1] !== null);
    const end = text.length;
    if (toSet.length === 0) return { from: end, to: end, text: '' };
    return { from: end, to: end, text: separatorBefore(text, eol) + [`[${profile}]`, ...toSet.map(([k, v]) => `${k} = ${v}`)].map((l) => l + eol).join('') };
  }

  const keys = keysOf(model, section, source);
  // Line ranges to replace, by first line: [end (exclusive), replacement text].
  const edits = new Map<number, [number, string]>();
  let appended = '';
  const deleted = new Set<string>();
  for (const [k, v] of entries) {
    const entry = keys.find((e) => e.lower === k.toLowerCase());
    if (!entry) {
      if (v !== null) appended += `${k} = ${v}${eol}`;
    } else if (v === null) {
      edits.set(entry.line, [entry.end, '']);
      deleted.add(entry.lower);
    } else {
      const sep = entry.value === '' ? ' = ' : entry.sep;
      edits.set(entry.line, [entry.end, `${entry.indent}${k}${sep}${v}${lineEol(model, entry.end - 1)}`]);
    }
  }

  const lastKey = keys[keys.length - 1];
  if (removeSectionIfEmpty && appended === '' && keys.every((e) => deleted.has(e.lower))) {
    const removedTo = lastKey ? lastKey.end : section.header + 1;
    // Last in the file, after a blank line: the blank separator goes too (see patchProfileText).
    if (removedTo === model.lineCount && section.header >= 2 && lineText(model, section.header - 1).trim() === '') {
      return { from: model.starts[section.header - 1]!, to: model.starts[section.end]!, text: '' };
    }
    edits.clear();
    edits.set(section.header, [removedTo, '']);
  }

  const insertAt = lastKey ? lastKey.end : section.header + 1;
  // The section's new lines. When keys are appended the header line at least is already in `out`
  // (it is only edited when the whole section goes, and then nothing is appended).
  let out = '';
  for (let i = section.header; i <= section.end; ) {
    if (i === insertAt && appended !== '') {
      // Only the file's last line can lack a line break; give it one before adding after it.
      if (out !== '' && !out.endsWith('\n')) out += eol;
      out += appended;
    }
    if (i === section.end) break;
    const edit = edits.get(i);
    if (edit) {
      out += edit[1];
      i = edit[0];
    } else {
      out += linesText(model, i, i + 1);
      i++;
    }
  }
  return { from: model.starts[section.header]!, to: model.starts[section.end]!, text: out };
}
