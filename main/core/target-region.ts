/**
 * The region follows the session: a login whose target profile has no region of its own writes
 * the source profile's `region` into [profile <target>] of the config file, so `aws --profile mfa`
 * does not stop at "You must specify a region". Byte-preserving (one line added, or a new section
 * at the end), atomic and locked like every write; done once (a target with a region keeps it).
 */
import { updateIniFile } from './credentials-file';
import { configSection } from './config-file';

/** Adds `region = <region>` to the target's config section unless it has one; true when it wrote. */
export async function addTargetRegion(configFile: string, target: string, region: string): Promise<boolean> {
  const section = configSection(target);
  return updateIniFile(configFile, (sections) => (sections.get(section)?.region ? [] : [{ profile: section, values: { region } }]));
}
