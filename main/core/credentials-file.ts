/**
 * The only writer of the AWS files (the shared credentials file, and the config file for the one
 * setting we put there): byte-preserving patches, locked, atomic, 0600. The credentials file holds
 * every AWS identity of its user, so anything ambiguous is refused with the file untouched rather
 * than guessed at. Reading is credentials-read.ts; the pure text patch is ini-patch.ts.
 */
import { UserError } from './errors';
import { ensureFolder, removeLeftoverTemps, resolveWriteTarget, writeFileAtomic } from './atomic-write';
import { fsError, readText, toSections, type CredentialsRead, type Sections } from './credentials-read';
import { withFileLock } from './file-lock';
import { type IniModel, scanIni } from './ini-scan';
import { patchSection } from './ini-patch';

export interface ProfilePatch {
  profile: string;
  values: Record<string, string | null>;
  removeSectionIfEmpty?: boolean;
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
export async function updateIniFile(filePath: string, decide: (sections: Sections) => ProfilePatch[], seen?: CredentialsRead | null): Promise<boolean> {
  let target: string;
  try {
    target = resolveWriteTarget(filePath, filePath);
    ensureFolder(target);
  } catch (e) {
    throw fsError(e, filePath);
  }
  return withFileLock(target, filePath, async (lock) => {
    const before = readText(target, filePath) ?? '';
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
      removeLeftoverTemps(target);
      await writeFileAtomic(target, [out.head, out.fragment, out.tail], () => lock.assertHeld());
    } catch (e) {
      throw fsError(e, filePath);
    }
    return true;
  });
}

