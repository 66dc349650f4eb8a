/**
 * The names of @aws-sdk/client-iam that device discovery and key rotation use. A module of their own
 * so that a bundle importing it statically (the CLI's dist/aws.js, through ./iam-loader-static.ts)
 * keeps only what these need: a require() of the package keeps all ~170 IAM commands and their schemas.
 */
export { CreateAccessKeyCommand, DeleteAccessKeyCommand, IAMClient, ListAccessKeysCommand, ListMFADevicesCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
