/**
 * The CLI's second bundle (dist/aws.js, see scripts/build.mjs): the AWS gateway and the SDK, loaded
 * only by commands that call AWS.
 *
 * The SDK's clients look up their own settings (retry mode, FIPS, endpoint URLs...) in the shared
 * config and credentials files, parsing each file again for every setting. We give the clients their
 * region, endpoint and credentials ourselves, so the credentials file adds nothing but cost: with
 * thousands of profiles (megabytes) it was most of a login's time. The CLI therefore shows the
 * clients in this bundle an empty credentials file; the tool's own scanner still reads the real one
 * (once per command), and the config file stays visible to them.
 */
import * as path from 'node:path';
import { externalDataInterceptor, getHomeDir } from '@smithy/core/config';

export { AwsGateway } from '../core/sts';
export { AwsKeyApi } from '../core/keys/key-gateway';
export { ConsoleGateway } from '../core/console-gateway';
export { cliOsNetwork } from '../core/network/os-proxy';

/** The path the SDK's loader reads the credentials file from, worked out as the loader does. */
function sdkCredentialsPath(env: NodeJS.ProcessEnv): string {
  const file = env.AWS_SHARED_CREDENTIALS_FILE || path.join(getHomeDir(), '.aws', 'credentials');
  return file.startsWith('~/') ? path.join(getHomeDir(), file.slice(2)) : file;
}

/** For this process only (the CLI): the SDK clients see an empty credentials file. */
export function hideCredentialsFileFromSdkClients(): void {
  // The SDK's own hook for supplying a shared file's contents; it is marked internal, so a test
  // (test/integration/large-credentials-file.test.ts) checks the clients really skip the file.
  externalDataInterceptor.interceptFile(sdkCredentialsPath(process.env), '');
}
