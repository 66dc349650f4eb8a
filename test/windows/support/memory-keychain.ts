/**
 * The Windows lane's keychain: no Windows keytar binary can be had here, so the cases that need a
 * keychain use this in-process one, behind the same Keychain interface KeytarKeychain implements.
 * For the Windows lane only; everywhere else the tests use the real OS keychain.
 */
import type { Keychain } from '../../../main/core/keychain';
import type { LongTermKeys } from '../../../main/core/types';

export class MemoryKeychain implements Keychain {
  private readonly items = new Map<string, LongTermKeys>();
  get(profile: string): Promise<LongTermKeys | null> {
    return Promise.resolve(this.items.get(profile) ?? null);
  }
  set(profile: string, keys: LongTermKeys): Promise<void> {
    this.items.set(profile, { ...keys });
    return Promise.resolve();
  }
  list(): Promise<{ profile: string; accessKeyId: string }[]> {
    return Promise.resolve([...this.items].map(([profile, k]) => ({ profile, accessKeyId: k.accessKeyId })));
  }
  remove(profile: string): Promise<boolean> {
    return Promise.resolve(this.items.delete(profile));
  }
}
