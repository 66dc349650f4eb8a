/**
 * AWS partitions: of an ARN (its second field) and of a region (the SDK's own partition table, so
 * a region maps exactly as the SDK maps it when it picks the endpoint).
 */
import { UserError } from './errors';

/** Partitions whose ARNs the tool accepts (validate.ts) and whose policy it can print. */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;
export type Partition = (typeof PARTITIONS)[number];

export const isPartition = (s: string): s is Partition => (PARTITIONS as readonly string[]).includes(s);

/** "arn:aws-cn:iam::…" -> "aws-cn"; hardware token serials (no ARN) have none. */
export function arnPartition(arn: string): Partition | null {
  const p = /^arn:([a-z-]+):/.exec(arn)?.[1];
  return p !== undefined && isPartition(p) ? p : null;
}

/**
 * The partition the SDK puts a region in. Loaded on first use: the table lives in @aws-sdk/core,
 * which the commands that never call AWS need not load.
 */
export function regionPartition(region: string): Partition {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { partition } = require('@aws-sdk/core/client') as typeof import('@aws-sdk/core/client');
  const name = partition(region).name;
  // The SDK puts an unknown region in aws; so do we if it ever names a partition we do not know.
  return isPartition(name) ? name : 'aws';
}

/** A device of one partition cannot be used with another partition's STS: say so before the code is sent. */
export function partitionMismatchError(serial: string, serialPartition: string, region: string, regionPart: string): UserError {
  return new UserError(
    `The MFA device ${serial} belongs to the ${serialPartition} partition but the region ${region} is in ${regionPart}; set a ${serialPartition} region for this profile (region in ~/.aws/config or AWS_REGION), or use a device of ${regionPart}.`,
    'PartitionMismatch',
    'usage',
  );
}
