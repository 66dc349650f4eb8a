/** The console sign-in gateway for the CLI, from the SDK bundle (dist/aws.js): loaded on first use only. */
import type { ConsoleApi } from '../core/console-gateway';

export function consoleApi(env: NodeJS.ProcessEnv): ConsoleApi {
  // './aws-entry' from this folder is what scripts/build.mjs keeps out of the program bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ConsoleGateway, cliOsNetwork } = require('./aws-entry') as typeof import('./aws-entry');
  return new ConsoleGateway({ env, platform: cliOsNetwork(env) });
}
