/**
 * AWS partitions of ARNs (their second field). The partition of a region is the SDK's own
 * (regionPartition in sts.ts), so a region maps exactly as it does when the SDK picks the endpoint.
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

/** A device of one partition cannot be used with another partition's STS: say so before the code is sent. */
export function partitionMismatchError(serial: string, serialPartition: string, region: string, regionPart: string): UserError {
  return new UserError(
    {
      en: `The MFA device ${serial} belongs to the ${serialPartition} partition but the region ${region} is in ${regionPart}; set a ${serialPartition} region for this profile (region in ~/.aws/config or AWS_REGION), or use a device of ${regionPart}.`,
      ja: `MFA デバイス ${serial} は ${serialPartition} パーティションのものですが、リージョン ${region} は ${regionPart} にあります。このプロファイルに ${serialPartition} のリージョンを設定するか（~/.aws/config の region または AWS_REGION）、${regionPart} のデバイスを使ってください。`,
    },
    'PartitionMismatch',
    'usage',
  );
}
