/** The IAM/STS key calls for CLI commands, from the SDK bundle (dist/aws.js), loaded on first use only. */
import type { KeyApi } from '../core/keys/key-gateway';

export function cliKeyApi(env: NodeJS.ProcessEnv): KeyApi {
  // './aws-entry' exactly: the build keeps that path (and only that spelling) out of this bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AwsKeyApi } = require('./aws-entry') as typeof import('./aws-entry');
  const timeout = Number(env.AWS_MFA_TRAY_TIMEOUT_MS);
  return new AwsKeyApi({ env, ...(timeout > 0 ? { timeoutMs: timeout } : {}) });
}
