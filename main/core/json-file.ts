/** Small JSON files of our own (settings, session state): atomic 0600 writes in a 0700 folder. */
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { removeLeftoverTemps, resolveWriteTarget, writeFileAtomic, writeFileAtomicSync } from './atomic-write';

/** Parsed JSON, or undefined when the file does not exist. Throws SyntaxError on bad JSON. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return JSON.parse(text) as unknown;
}

/** Tab-indented, as files written by earlier versions (through electron-store) were: same bytes. */
const jsonText = (value: unknown): string => `${JSON.stringify(value, null, '\t')}\n`;

/** The file to replace, its 0700 folder created first. */
function targetOf(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  return resolveWriteTarget(file, file);
}

/** Temp file, fsync, rename, folder fsync (atomic-write.ts), blocking until done. */
export function writeJsonFile(file: string, value: unknown): void {
  writeFileAtomicSync(targetOf(file), jsonText(value));
}

/**
 * The same, without blocking the event loop during the fsyncs (state written beside a login).
 * `underLock`: the caller holds the file's lock, so temp files that writers which died left
 * beside it can be removed first.
 */
export async function writeJsonFileAsync(file: string, value: unknown, opts: { underLock?: boolean } = {}): Promise<void> {
  const target = targetOf(file);
  if (opts.underLock) removeLeftoverTemps(target);
  await writeFileAtomic(target, jsonText(value));
}
