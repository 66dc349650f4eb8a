/**
 * Authentication and the actions the app and its users' tools call: sts:GetSessionToken,
 * sts:GetCallerIdentity, iam:ListMFADevices, and sts:AssumeRole (role profiles chained off a session).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { KEY_ACTIONS } from './access-keys';
import type { Directory, SessionRecord, UserRecord } from './identity';
import { isoSeconds } from './identity';
import { MSG, notAuthorized, signatureExpired, signatureNotYetCurrent, validation } from './messages';
import { amzDateToMs, expectedSignature, msToAmzDate, parseAuthorization, signatureMatches } from './sigv4';
import { AwsFault, esc, type Service } from './xml';

export const VERSIONS: Record<Service, string> = { sts: '2011-06-15', iam: '2010-05-08' };
export const ACTIONS: Record<string, Service> = {
  GetSessionToken: 'sts',
  GetCallerIdentity: 'sts',
  AssumeRole: 'sts',
  ListMFADevices: 'iam',
  ...Object.fromEntries(KEY_ACTIONS.map((a) => [a, 'iam' as const])),
};

const SKEW_LIMIT_MS = 15 * 60 * 1000;

export interface Caller {
  owner: UserRecord;
  session: SessionRecord | null;
}

export interface RawRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Checks key, clock and signature in the order AWS reports them; throws AwsFault. */
export function authenticate(dir: Directory, req: RawRequest, nowMs: number): Caller {
  const auth = parseAuthorization(req.headers);
  if (!auth) throw new AwsFault(403, 'MissingAuthenticationToken', MSG.missingAuth);
  const token = req.headers['x-amz-security-token'];
  let owner: UserRecord | undefined;
  let session: SessionRecord | null = null;
  let secret: string;
  const longTerm = dir.accessKeys.get(auth.accessKeyId);
  if (longTerm) {
    // An inactive key, and a new one IAM has not propagated yet, are refused as AWS refuses them.
    if (token !== undefined || longTerm.status !== 'Active' || nowMs < longTerm.usableFromMs) throw new AwsFault(403, 'InvalidClientTokenId', MSG.invalidToken);
    owner = longTerm.owner;
    secret = longTerm.secretAccessKey;
  } else {
    session = dir.sessions.get(auth.accessKeyId) ?? null;
    if (!session || token !== session.sessionToken) throw new AwsFault(403, 'InvalidClientTokenId', MSG.invalidToken);
    owner = session.user;
    secret = session.secretAccessKey;
  }
  const signedAt = amzDateToMs(auth.amzDate);
  if (signedAt < nowMs - SKEW_LIMIT_MS) {
    throw new AwsFault(
      403,
      'SignatureDoesNotMatch',
      signatureExpired(auth.amzDate, msToAmzDate(nowMs - SKEW_LIMIT_MS), msToAmzDate(nowMs)),
    );
  }
  if (signedAt > nowMs + SKEW_LIMIT_MS) {
    throw new AwsFault(
      403,
      'SignatureDoesNotMatch',
      signatureNotYetCurrent(auth.amzDate, msToAmzDate(nowMs + SKEW_LIMIT_MS), msToAmzDate(nowMs)),
    );
  }
  if (!signatureMatches(auth, expectedSignature(auth, secret, req))) {
    throw new AwsFault(403, 'SignatureDoesNotMatch', MSG.badSignature);
  }
  if (session && session.expiresMs <= nowMs) throw new AwsFault(403, 'ExpiredToken', MSG.expiredToken);
  return { owner, session };
}

export const userArn = (u: UserRecord): string => `arn:aws:iam::${u.user.accountId}:user/${u.user.userName}`;

function checkAllowed(caller: Caller, action: string, resource: string): void {
  if (caller.owner.user.deny?.includes(action)) {
    throw new AwsFault(403, 'AccessDenied', notAuthorized(userArn(caller.owner), action, resource));
  }
}

function durationParam(raw: string | null): number {
  if (raw === null) return 43200;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw)) throw new AwsFault(400, 'MalformedInput', `Invalid value for DurationSeconds: ${raw}`);
  if (n < 900) throw new AwsFault(400, 'ValidationError', validation(raw, 'durationSeconds', 'Member must have value greater than or equal to 900'));
  if (n > 129600) throw new AwsFault(400, 'ValidationError', validation(raw, 'durationSeconds', 'Member must have value less than or equal to 129600'));
  return n;
}

function checkMfaParams(serial: string | null, code: string | null): void {
  if (code !== null) {
    if (code.length !== 6) {
      const bound = code.length < 6 ? 'greater than or equal to 6' : 'less than or equal to 6';
      throw new AwsFault(400, 'ValidationError', validation(code, 'tokenCode', `Member must have length ${bound}`));
    }
    if (!/^\d*$/.test(code)) {
      throw new AwsFault(400, 'ValidationError', validation(code, 'tokenCode', 'Member must satisfy regular expression pattern: [\\d]*'));
    }
  }
  if (serial !== null) {
    if (serial.length < 9 || serial.length > 256) {
      throw new AwsFault(400, 'ValidationError', validation(serial, 'serialNumber', 'Member must have length greater than or equal to 9'));
    }
    if (!/^[\w+=/:,.@-]*$/.test(serial)) {
      throw new AwsFault(400, 'ValidationError', validation(serial, 'serialNumber', 'Member must satisfy regular expression pattern: [\\w+=/:,.@-]*'));
    }
  }
  if ((serial === null) !== (code === null)) {
    throw new AwsFault(403, 'AccessDenied', MSG.unableToValidate);
  }
}

export function getSessionToken(
  dir: Directory,
  caller: Caller,
  params: URLSearchParams,
  nowMs: number,
  opts: { allowReuse: boolean; sessionKeyPrefix: string },
): string {
  if (caller.session) throw new AwsFault(403, 'AccessDenied', MSG.sessionCredentials);
  checkAllowed(caller, 'sts:GetSessionToken', userArn(caller.owner));
  const duration = durationParam(params.get('DurationSeconds'));
  const serial = params.get('SerialNumber');
  const code = params.get('TokenCode');
  checkMfaParams(serial, code);
  // Like AWS, a call without SerialNumber/TokenCode succeeds: the session just is not MFA-authenticated.
  if (serial !== null && code !== null) {
    const dev = dir.devices.get(serial);
    if (!dev || dev.owner !== caller.owner || dev.device.kind !== 'virtual') {
      throw new AwsFault(403, 'AccessDenied', MSG.unableToValidate);
    }
    const check = dev.codes.verify(code, nowMs, opts.allowReuse);
    if (check === 'invalid') throw new AwsFault(403, 'AccessDenied', MSG.invalidCode);
    if (check === 'reused') throw new AwsFault(403, 'AccessDenied', MSG.unableToValidate);
  }
  const s = dir.issueSession(caller.owner, nowMs + duration * 1000, { mfa: serial !== null, keyPrefix: opts.sessionKeyPrefix });
  return credentialsXml(s);
}

function credentialsXml(s: SessionRecord): string {
  return (
    `    <Credentials>\n` +
    `      <AccessKeyId>${s.accessKeyId}</AccessKeyId>\n` +
    `      <SecretAccessKey>${esc(s.secretAccessKey)}</SecretAccessKey>\n` +
    `      <SessionToken>${esc(s.sessionToken)}</SessionToken>\n` +
    `      <Expiration>${isoSeconds(s.expiresMs)}</Expiration>\n` +
    `    </Credentials>\n`
  );
}

const ROLE_ARN_RE = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** sts:AssumeRole, as the AWS CLI calls it for a profile with role_arn + source_profile. */
export function assumeRole(dir: Directory, caller: Caller, params: URLSearchParams, nowMs: number): string {
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw new AwsFault(400, 'ValidationError', validation(sessionName, 'roleSessionName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]*'));
  }
  if (!ROLE_ARN_RE.test(roleArn)) throw new AwsFault(400, 'ValidationError', validation(roleArn, 'roleArn', 'Member must have length greater than or equal to 20'));
  const raw = params.get('DurationSeconds');
  const duration = raw === null ? 3600 : Number(raw);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    throw new AwsFault(400, 'ValidationError', validation(String(raw), 'durationSeconds', 'Member must have value greater than or equal to 900'));
  }
  const role = dir.roles.get(roleArn);
  const who = caller.session?.role ? `arn:aws:sts::${caller.owner.user.accountId}:assumed-role/${caller.session.role.name}/${caller.session.role.sessionName}` : userArn(caller.owner);
  // The trust policy of the seed's pattern: same account, and an MFA session when the role asks for one.
  if (!role || !role.arn.includes(`::${caller.owner.user.accountId}:`) || (role.requireMfa && !caller.session?.mfa) || caller.owner.user.deny?.includes('sts:AssumeRole')) {
    throw new AwsFault(403, 'AccessDenied', `User: ${who} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  }
  const s = dir.issueSession(caller.owner, nowMs + duration * 1000, {
    mfa: caller.session?.mfa ?? false,
    role: { arn: role.arn, name: role.name, roleId: role.roleId, sessionName },
  });
  const accountId = caller.owner.user.accountId;
  return (
    credentialsXml(s) +
    `    <AssumedRoleUser>\n` +
    `      <AssumedRoleId>${role.roleId}:${esc(sessionName)}</AssumedRoleId>\n` +
    `      <Arn>arn:aws:sts::${accountId}:assumed-role/${esc(role.name)}/${esc(sessionName)}</Arn>\n` +
    `    </AssumedRoleUser>\n`
  );
}

export function getCallerIdentity(caller: Caller): string {
  const o = caller.owner;
  const role = caller.session?.role;
  const arn = role ? `arn:aws:sts::${o.user.accountId}:assumed-role/${role.name}/${role.sessionName}` : userArn(o);
  const userId = role ? `${role.roleId}:${role.sessionName}` : o.userId;
  return `    <Arn>${esc(arn)}</Arn>\n` + `    <UserId>${esc(userId)}</UserId>\n` + `    <Account>${o.user.accountId}</Account>\n`;
}

export function listMfaDevices(caller: Caller, params: URLSearchParams): string {
  const own = caller.owner.user.userName;
  const asked = params.get('UserName') ?? own;
  const resource = `user ${asked}`;
  checkAllowed(caller, 'iam:ListMFADevices', resource);
  // Self-service only: the policies this app is for never let a user list someone else's devices.
  if (asked !== own) throw new AwsFault(403, 'AccessDenied', notAuthorized(userArn(caller.owner), 'iam:ListMFADevices', resource));
  // Paged as IAM pages it: MaxItems (default 100), an opaque Marker, IsTruncated.
  const all = caller.owner.user.devices;
  const maxItems = Math.max(1, Math.min(1000, Number(params.get('MaxItems') ?? 100) || 100));
  const start = params.get('Marker') ? Number(Buffer.from(params.get('Marker')!, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0 || start > all.length) throw new AwsFault(400, 'InvalidInput', 'Invalid Marker.');
  const page = all.slice(start, start + maxItems);
  const next = start + page.length;
  const members = page
    .map(
      (d) =>
        `      <member>\n        <UserName>${esc(own)}</UserName>\n        <SerialNumber>${esc(d.serial)}</SerialNumber>\n` +
        `        <EnableDate>${caller.owner.createdIso}</EnableDate>\n      </member>\n`,
    )
    .join('');
  const more = next < all.length;
  const marker = more ? `    <Marker>${Buffer.from(String(next)).toString('base64url')}</Marker>\n` : '';
  return `    <IsTruncated>${more}</IsTruncated>\n${marker}    <MFADevices>\n${members}    </MFADevices>\n`;
}
