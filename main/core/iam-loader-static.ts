/**
 * ./iam-loader.ts for the CLI's dist/aws.js (scripts/build.mjs swaps it in): a static import, which
 * esbuild tree-shakes down to IAMClient and ListMFADevicesCommand (about 60 KB of the client's
 * 350 KB); what is left costs less to evaluate at once than the lazy require() of all of it.
 */
import * as client from './iam-client';

export const iam = (): typeof import('./iam-client') => client;
