/**
 * Writes to the AWS config file: only the one setting a user asks us to put there (mfa_process
 * from the settings page), with the same strict, byte-preserving, locked and atomic writer as the
 * credentials file. Everything else in the file is left as it was.
 */
import { updateIniFile } from './credentials-file';
import { validateProfileName } from './validate';

/** The config file's section for a profile: [default], else [profile name]. */
export const configSection = (profile: string): string => (profile === 'default' ? 'default' : `profile ${validateProfileName(profile)}`);

/** Sets (or, with null, removes) `mfa_process` of `profile`; returns whether the file changed. */
export function writeMfaProcess(configFile: string, profile: string, command: string | null): Promise<boolean> {
  return updateIniFile(configFile, () => [{ profile: configSection(profile), values: { mfa_process: command } }]);
}
