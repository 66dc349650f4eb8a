/**
 * The AWS shared credentials file: strict reading, byte-preserving patching, and the only writer
 * (locked, atomic, 0600). It holds every AWS identity of its user, so anything ambiguous is refused
 * with the file untouched rather than guessed at.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { constants, promises as fs } from 'node:fs';
import { UserError, type Sentence } from './errors';
import { ensureFolder, removeLeftoverTemps, resolveWriteTarget, writeFileAtomic } from './atomic-write';
import { withFileLock } from './file-lock';
import { type IniModel, scanIni } from './ini-scan';
import { patchSection, patchText } from './ini-patch';

/** Larger than any real credentials file (10,000 profiles is about 2 MB). */
export const MAX_CREDENTIALS_BYTES = 10 * 1024 * 1024;

export type Sections = Map<string, Record<string, string>>;

export interface ProfilePatch {
  profile: string;
  values: Record<string, string | null>;
  removeSectionIfEmpty?: boolean;
}

function toSections(model: IniModel): Sections {
  return model.byName;
}

/** Strict parse: section name -> settings as the AWS SDK reads them. Throws UserError CredentialsFileUnusable. */
export function parseCredentialsText(text: string, filePath: string): Sections {
  return toSections(scanIni(text, filePath, { collectKeys: false }));
}

/** Pure, byte-preserving patch of one section; see patchModel in ini-patch.ts for the exact rules. */
export function patchProfileText(text: string, profile: string, values: Record<string, string | null>, opts?: { removeSectionIfEmpty?: boolean }): string {
  return patchText(text, profile, values, opts?.removeSectionIfEmpty ?? false);
}

function unusable(message: Sentence): UserError {
  return new UserError(message, 'CredentialsFileUnusable');
}

/** One sentence for a file-system error on the credentials file (never includes file contents). */
function fsError(e: unknown, filePath: string): UserError {
  if (e instanceof UserError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return unusable({ en: `You do not have permission to read or write ${filePath}; make it yours and readable (chmod 600), then try again.`, ja: `${filePath} を読み書きする権限がありません。自分の所有にして読めるようにして（chmod 600）、やり直してください。` });
    case 'ELOOP':
      return unusable({ en: `${filePath} is a symbolic link that loops back on itself; point it at a real file or remove it.`, ja: `${filePath} は自分自身を指すシンボリックリンクです。実在のファイルを指すようにするか、削除してください。` });
    case 'ENOTDIR':
      return unusable({ en: `Part of the path ${filePath} is a file where a folder should be; fix the path or AWS_SHARED_CREDENTIALS_FILE.`, ja: `パス ${filePath} の途中にフォルダーではなくファイルがあります。パスか AWS_SHARED_CREDENTIALS_FILE を直してください。` });
    case 'EISDIR':
      return unusable({ en: `${filePath} is a folder, not a file; move it out of the way or point AWS_SHARED_CREDENTIALS_FILE at a file.`, ja: `${filePath} はファイルではなくフォルダーです。移動するか、AWS_SHARED_CREDENTIALS_FILE でファイルを指定してください。` });
    case 'ENOSPC':
    case 'EDQUOT':
      return unusable({ en: `The disk holding ${filePath} is full; free some space, then try again (the file was not changed).`, ja: `${filePath} のあるディスクがいっぱいです。空きを作ってからやり直してください（ファイルは変更していません）。` });
    case 'EROFS':
      return unusable({ en: `${filePath} is on a read-only file system; point AWS_SHARED_CREDENTIALS_FILE at a writable place.`, ja: `${filePath} は読み取り専用のファイルシステムにあります。AWS_SHARED_CREDENTIALS_FILE で書き込める場所を指定してください。` });
    default:
      return unusable({ en: `Cannot use ${filePath} (${code ?? 'unknown error'}); check the file and its folder, then try again.`, ja: `${filePath} を使えません（${code ?? '不明なエラー'}）。ファイルとフォルダーを確認してからやり直してください。` });
  }
}

/** Reads the file as UTF-8 text, or null if it does not exist; refuses anything that is not a plausible text file. */
async function readText(filePath: string, displayPath: string): Promise<string | null> {
  let fh: fs.FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO for reading must not hang; it is refused below as not a file.
    fh = await fs.open(filePath, process.platform === 'win32' ? 'r' : constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fsError(e, displayPath);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw fsError(Object.assign(new Error('folder'), { code: 'EISDIR' }), displayPath);
    if (!st.isFile()) throw unusable({ en: `${displayPath} is not a regular file; replace it with a plain text file.`, ja: `${displayPath} は通常のファイルではありません。テキストファイルに置き換えてください。` });
    const tooBig = unusable({ en: `${displayPath} is larger than 10 MB, far too big for an AWS credentials file; check what it holds and shrink it.`, ja: `${displayPath} は 10 MB を超えており、AWS の認証情報ファイルとしては大きすぎます。中身を確認して小さくしてください。` });
    if (st.size > MAX_CREDENTIALS_BYTES) throw tooBig;
    // Read to the end rather than trusting fstat's size (the file may change meanwhile), but never past the limit.
    const chunks: Buffer[] = [];
    let len = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(st.size - len, 0) + 65536); // only the bytes read are used
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      len += bytesRead;
      if (len > MAX_CREDENTIALS_BYTES) throw tooBig;
    }
    return decodeStrict(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, len), displayPath);
  } catch (e) {
    throw fsError(e, displayPath);
  } finally {
    await fh.close();
  }
}

/**
 * Strict UTF-8 decoding. isAscii/isUtf8 (simdutf) accept exactly the well-formed UTF-8 that a fatal
 * TextDecoder accepts (no overlong forms, surrogates or code points past U+10FFFF) and are several
 * times faster on a large file; ASCII (nearly every credentials file) is then copied as Latin-1,
 * which for ASCII bytes is the same text. A byte-order mark stays in the text, where the strict
 * scan refuses it (the AWS CLI does too). test/reliability/scan-equivalence.test.ts checks this against
 * TextDecoder on malformed and random bytes.
 */
export function decodeStrict(bytes: Buffer, displayPath: string): string {
  if (bytes.includes(0)) throw unusable({ en: `${displayPath} contains binary data (NUL bytes), not text; restore it from a backup or fix it by hand.`, ja: `${displayPath} はテキストではなくバイナリデータ（NUL バイト）を含んでいます。バックアップから戻すか、手で直してください。` });
  if (isAscii(bytes)) return bytes.toString('latin1');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  throw unusable({ en: `${displayPath} is not UTF-8 text; restore it from a backup or save it as UTF-8.`, ja: `${displayPath} は UTF-8 のテキストではありません。バックアップから戻すか、UTF-8 で保存し直してください。` });
}

/** What a read gives: the text, its sections, and the scan they came from (see updateCredentialsFile's `seen`). */
export interface CredentialsRead {
  text: string;
  sections: Sections;
  model: IniModel;
}

/**
 * Read + strict parse. Returns null if the file does not exist. Throws UserError CredentialsFileUnusable.
 * `opts.sections`: the whole file is checked, but only these sections' settings are returned (a
 * login needs two of possibly thousands; see scanIni's valuesOf).
 */
export async function readCredentialsFile(filePath: string, opts: { sections?: readonly string[] } = {}): Promise<CredentialsRead | null> {
  const text = await readText(filePath, filePath);
  if (text === null) return null;
  const model = scanIni(text, filePath, { collectKeys: false, ...(opts.sections ? { valuesOf: new Set(opts.sections) } : {}) });
  return { text, sections: toSections(model), model };
}

/** A patched text in three pieces: `head` and `tail` are slices of the text that was patched. */
interface Patched {
  head: string;
  fragment: string;
  tail: string;
}

const joined = (p: Patched): string => p.head + p.fragment + p.tail;

/**
 * Applies one patch and proves its effect before anything is written: the new text is the old text
 * with only the target section's bytes changed (a section starts with its header, which resets all
 * parsing state, so what precedes and follows it reads exactly as before), and that section,
 * scanned on its own, must hold what was asked and every other setting it had. A last guard against
 * a patching bug destroying someone's credentials. The new text is assembled here from the old
 * text's own bytes before and after the section, so nothing outside it can change by construction
 * (no comparison of two whole files needed); the patcher must have replaced exactly the section's
 * lines (or appended at the end for a new section). Cost: one scan of the section, not of the file.
 * Returns null when the patch changes nothing.
 */
function patchVerified(model: IniModel, patch: ProfilePatch, filePath: string): Patched | null {
  const { profile, values } = patch;
  const edit = patchSection(model, profile, values, patch.removeSectionIfEmpty ?? false, filePath);
  const fail = (): UserError =>
    new UserError({ en: `Updating ${filePath} would have changed more than intended, so it was left untouched; please report this.`, ja: `${filePath} の更新で意図しない部分まで変わるところだったため、ファイルはそのままにしました。この問題を報告してください。` }, 'CredentialsFileUnusable');
  const { text } = model;
  const section = model.sections.find((s) => s.name === profile);
  let from = section ? model.starts[section.header]! : text.length;
  const to = section ? model.starts[section.end]! : text.length;
  // The one exception to "only the section's bytes": a last section removed whole takes the blank
  // line before it (the separator an append added), and nothing else.
  if (section && edit.text === '' && to === text.length && section.header >= 2 && edit.from === model.starts[section.header - 1]) {
    if (text.slice(edit.from, from).trim() !== '') throw fail();
    from = edit.from;
  }
  if (edit.from !== from || edit.to !== to) throw fail();
  if (edit.text === text.slice(from, to)) return null;
  const head = text.slice(0, from);
  const tail = text.slice(to);
  let fragment = edit.text;
  if (!section && !head.endsWith('\n') && head !== '') {
    if (!fragment.startsWith(model.eol)) throw fail();
    fragment = fragment.slice(model.eol.length);
  }
  let sections: IniModel['sections'];
  try {
    sections = scanIni(fragment, filePath, { collectKeys: false }).sections;
  } catch {
    throw fail();
  }
  if (sections.length > 1 || (sections[0] && sections[0].name !== profile) || (sections.length === 0 && !patch.removeSectionIfEmpty)) throw fail();
  const now = sections[0]?.values ?? {};
  const lowered = Object.keys(values).map((k) => k.toLowerCase());
  for (const [k, v] of Object.entries(values)) {
    const present = Object.keys(now).filter((key) => key.toLowerCase() === k.toLowerCase());
    if (v === null ? present.length !== 0 : now[k] !== v || present.length !== 1) throw fail();
  }
  for (const [k, v] of Object.entries(section?.values ?? {})) {
    const lower = k.toLowerCase();
    if (!lowered.some((p) => lower === p || lower.startsWith(`${p}.`)) && now[k] !== v) throw fail();
  }
  return { head, fragment: edit.text, tail };
}

/**
 * The only writer. Under an inter-process lock, re-reads and strictly parses the current file,
 * asks `decide` for patches, applies them and, if the text changed, replaces the file atomically
 * (0600; folder created 0700 if missing; a symlink is kept and its target written). Returns
 * whether the file changed. Throws UserError (CredentialsFileUnusable, Busy) with the file untouched.
 * `seen`: a read made just before (a login reads the file to check it first). When the file under
 * the lock still has exactly that text, its scan is used instead of scanning again: with thousands
 * of profiles the scan is the main cost, and comparing the text is a fraction of it. A read of some
 * `sections` only is used only if every patch is to one of them (else the file is scanned in full
 * and `decide` asked again).
 */
export async function updateCredentialsFile(filePath: string, decide: (sections: Sections) => ProfilePatch[], seen?: CredentialsRead | null): Promise<boolean> {
  let target: string;
  try {
    target = await resolveWriteTarget(filePath, filePath);
    await ensureFolder(target);
  } catch (e) {
    throw fsError(e, filePath);
  }
  return withFileLock(target, filePath, async (lock) => {
    const before = (await readText(target, filePath)) ?? '';
    let model = seen && seen.text === before ? seen.model : scanIni(before, filePath, { collectKeys: false });
    let patches = decide(toSections(model));
    const partial = model.valuesOf;
    if (partial && patches.some((p) => !partial.has(p.profile))) {
      model = scanIni(before, filePath, { collectKeys: false });
      patches = decide(toSections(model));
    }
    let out: Patched | null = null; // the current text, in pieces, once a patch changed it
    let changes = 0;
    let stale = false; // whether `model` is of an older text than `out`
    for (const p of patches) {
      if (out && stale) model = scanIni(joined(out), filePath, { collectKeys: false });
      const next = patchVerified(model, p, filePath);
      stale = next !== null;
      if (next) {
        out = next;
        changes++;
      }
    }
    if (!out) return false;
    // Several patches may add up to no change at all (later ones undoing earlier ones).
    if (changes > 1 && joined(out) === before) return false;
    try {
      await removeLeftoverTemps(target);
      await writeFileAtomic(target, [out.head, out.fragment, out.tail], () => lock.assertHeld());
    } catch (e) {
      throw fsError(e, filePath);
    }
    return true;
  });
}
