/**
 * The region a session is used in: the target profile's own `region`, else its source profile's
 * (usually the one under [default]), so `exec` and `export` give a command the region the user
 * already chose. login writes the same fallback into [profile <target>] (./target-region.ts).
 */
import { readSourceProfileConfig } from './aws-config';
import type { Paths } from './paths';
import type { SettingsStore } from './settings';
import { sourceForTarget } from './targets';

export async function regionForTarget(
  paths: Pick<Paths, 'configFile' | 'credentialsFile'>,
  target: string,
  settings: SettingsStore,
  sessions: Record<string, { profile: string }>,
): Promise<string | undefined> {
  const own = (await readSourceProfileConfig(paths.configFile, paths.credentialsFile, target)).region;
  if (own) return own;
  const source = sourceForTarget(target, settings.read(), sessions);
  return source ? (await readSourceProfileConfig(paths.configFile, paths.credentialsFile, source.profile)).region : undefined;
}
