/**
 * The two names of @aws-sdk/client-iam that device discovery uses. A module of their own so that a
 * bundle importing it statically (the CLI's dist/aws.js, through ./iam-loader-static.ts) keeps only
 * what these two need: a require() of the package keeps all ~170 IAM commands and their schemas.
 */
export { IAMClient, ListMFADevicesCommand } from '@aws-sdk/client-iam';
