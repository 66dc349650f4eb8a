/**
 * What a rotation in progress has done, so that the next rotate after a crash (or a kill) knows:
 * written before CreateAccessKey with the key IDs that existed then, updated once the new key is
 * in the keychain, removed when the rotation is over. Key IDs only, never a secret (0600 anyway).
 */
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { readJsonFile, writeJsonFile } from '../json-file';

export interface RotationJournal {
  version: 1;
  profile: string;
  userName: string;
  /** The key in the keychain when the rotation began. */
  oldKeyId: string;
  /** Every key the user had before CreateAccessKey: any other key found later is the one we made. */
  keyIdsBefore: string[];
  keepOld: boolean;
  startedAt: string;
  /** Set once the new key is in the keychain: from then on only the old key's removal is left. */
  storedKeyId?: string;
}

export const journalFile = (settingsDir: string, profile: string): string => path.join(settingsDir, `rotation-${profile}.json`);

export function readJournal(settingsDir: string, profile: string): RotationJournal | null {
  let raw: unknown;
  try {
    raw = readJsonFile(journalFile(settingsDir, profile));
  } catch {
    return null; // torn or unreadable: treated as absent; the key IDs at AWS still tell the keys apart
  }
  const j = raw as Partial<RotationJournal> | undefined;
  if (!j || j.version !== 1 || j.profile !== profile || typeof j.oldKeyId !== 'string' || !Array.isArray(j.keyIdsBefore) || typeof j.userName !== 'string') return null;
  return j as RotationJournal;
}

export function writeJournal(settingsDir: string, j: RotationJournal): void {
  writeJsonFile(journalFile(settingsDir, j.profile), j);
}

export function clearJournal(settingsDir: string, profile: string): void {
  rmSync(journalFile(settingsDir, profile), { force: true });
}
