/**
 * The IAM client, loaded on first use: only device discovery needs it, and evaluating the whole
 * client costs a cold start about 12 ms (the app's bundle, tests). The CLI's dist/aws.js is built
 * with ./iam-loader-static.ts in this file's place (scripts/build.mjs), which the bundler can prune.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const iam = (): typeof import('./iam-client') => require('./iam-client') as typeof import('./iam-client');
