/**
 * Error texts as real STS/IAM send them (collected from CLI output quoted in public issues), so
 * code that matches on them is tested against the real wording.
 */
export const MSG = {
  invalidToken: 'The security token included in the request is invalid.',
  expiredToken: 'The security token included in the request is expired',
  badSignature:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  missingAuth: 'Request is missing Authentication Token',
  // AWS answers a wrong code with this one ...
  invalidCode: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
  // ... and a reused code, a serial that is not the caller's, or a U2F key with this one (two spaces, sic).
  unableToValidate:
    'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
  sessionCredentials: 'Cannot call GetSessionToken with session credentials',
  throttled: 'Rate exceeded',
  internal: 'An internal error has occurred',
  unavailable: 'Service is unavailable. Please try again later.',
} as const;

export function signatureExpired(signed: string, earliest: string, now: string): string {
  return `Signature expired: ${signed} is now earlier than ${earliest} (${now} - 15 min.)`;
}

export function signatureNotYetCurrent(signed: string, latest: string, now: string): string {
  return `Signature not yet current: ${signed} is still later than ${latest} (${now} + 15 min.)`;
}

export function notAuthorized(userArn: string, action: string, resource: string): string {
  return `User: ${userArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
}

export function validation(value: string, member: string, constraint: string): string {
  return `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`;
}
