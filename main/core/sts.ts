/**
 * The AWS side of login: sts:GetSessionToken and iam:ListMFADevices through the AWS SDK v3,
 * with the long-term keys passed explicitly (never the SDK's credential chain).
 *
 * Deliberate departures from SDK defaults:
 * - clock-skew correction is off: the SDK would quietly re-sign with the server's time and succeed,
 *   but the AWS CLI that later uses the written profile does not, and our countdown would be off;
 *   a skewed clock is reported instead (from the server's Date header).
 * - one overall deadline (timeoutMs) covers connection, answer and retries.
 */
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import type { IAMClient, ListMFADevicesCommandOutput } from '@aws-sdk/client-iam';
import { UserError } from './errors';
import {
  badSerialError,
  codeReusedError,
  invalidCodeError,
  isInvalidCodeError,
  isUnableToValidateError,
  mapAwsError,
  reusedOrBadSerialError,
  sessionKeysError,
  type AwsOperation,
} from './sts-errors';
import type { ConfiguredEndpoints } from './aws-config';
import type { LongTermKeys, MfaDevice, MfaDeviceKind, SessionCredentials } from './types';
import { u2fError } from './validate';

/**
 * The IAM client is loaded on first use: only device discovery needs it, and evaluating it costs
 * every login about 12 ms of cold start in the CLI.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const iam = (): typeof import('@aws-sdk/client-iam') => require('@aws-sdk/client-iam') as typeof import('@aws-sdk/client-iam');

export interface AwsGatewayOptions {
  env?: NodeJS.ProcessEnv;
  /** Overall deadline per call, retries included. Default 10000. */
  timeoutMs?: number;
  /** SDK attempts per call for throttling, 5xx and network errors. Default 3. */
  maxAttempts?: number;
}

export interface GetSessionTokenRequest {
  region: string;
  serial: string;
  code: string;
  durationSeconds: number;
  /** Endpoints from the source profile's config, below the environment variables in precedence. */
  endpoints?: ConfiguredEndpoints;
}

interface ClientSet {
  secretAccessKey: string;
  sts?: STSClient;
  iam?: IAMClient;
}

const DEFAULT_TIMEOUT_MS = 10_000;
// How long a code AWS accepted is remembered, to tell "reused" from "wrong serial" (3 TOTP steps).
const RECENT_CODE_MS = 90_000;

/**
 * The endpoint the SDK and the AWS CLI would use: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, then
 * the config file's `services` section, then the profile's endpoint_url; none of them when
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's ignore_configured_endpoint_urls) is true.
 * Undefined means AWS's own endpoint.
 */
export function resolveEndpoint(env: NodeJS.ProcessEnv, serviceId: 'STS' | 'IAM', configured?: ConfiguredEndpoints): string | undefined {
  if (/^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '') || configured?.ignore) return undefined;
  const fromEnv = (env[`AWS_ENDPOINT_URL_${serviceId}`] ?? env.AWS_ENDPOINT_URL ?? '').trim();
  if (fromEnv) return fromEnv;
  return (serviceId === 'STS' ? configured?.sts : configured?.iam) ?? configured?.global;
}

export function deviceKind(serial: string): MfaDeviceKind {
  if (/:u2f\//.test(serial)) return 'u2f';
  if (/:mfa\//.test(serial)) return 'virtual';
  return 'hardware'; // hardware TOTP tokens are listed by serial number (GAHT...), not ARN
}

export class AwsGateway {
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly clients = new Map<string, ClientSet>();
  private readonly acceptedCodes = new Map<string, number>();

  constructor(opts: AwsGatewayOptions = {}) {
    this.env = opts.env ?? process.env;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxAttempts = opts.maxAttempts ?? 3;
  }

  async getSessionToken(keys: LongTermKeys, req: GetSessionTokenRequest): Promise<SessionCredentials> {
    refuseSessionKeys(keys);
    if (deviceKind(req.serial) === 'u2f') throw u2fError();
    const command = new GetSessionTokenCommand({
      SerialNumber: req.serial,
      TokenCode: req.code,
      DurationSeconds: req.durationSeconds,
    });
    let out;
    try {
      out = await this.send('GetSessionToken', keys, (signal) => this.stsClient(keys, req.region, req.endpoints).send(command, { abortSignal: signal }));
    } catch (e) {
      throw await this.mfaRefusal(e, keys, req);
    }
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(c.Expiration instanceof Date) || Number.isNaN(c.Expiration.getTime())) {
      throw new UserError({ en: 'AWS STS sent an answer without complete session credentials; try again in a moment.', ja: 'AWS STS の応答にセッションの認証情報がそろっていませんでした。少し待ってからやり直してください。' }, 'AwsError');
    }
    this.rememberAccepted(req.serial, req.code);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  }

  async listMfaDevices(keys: LongTermKeys, region: string, endpoints?: ConfiguredEndpoints): Promise<MfaDevice[]> {
    refuseSessionKeys(keys);
    const client = this.iamClient(keys, region, endpoints);
    const { ListMFADevicesCommand } = iam();
    const listed: NonNullable<ListMFADevicesCommandOutput['MFADevices']> = [];
    // IAM pages its answer (IsTruncated + Marker); a bounded loop, in case a server never stops.
    let marker: string | undefined;
    for (let page = 0; page < 100; page++) {
      const out = await this.send('ListMFADevices', keys, (signal) =>
        client.send(new ListMFADevicesCommand(marker ? { Marker: marker } : {}), { abortSignal: signal }),
      );
      listed.push(...(out.MFADevices ?? []));
      marker = out.IsTruncated ? out.Marker : undefined;
      if (!marker) break;
    }
    return listed
      .filter((d) => typeof d.SerialNumber === 'string')
      .map((d) => {
        const device: MfaDevice = { serial: d.SerialNumber!, kind: deviceKind(d.SerialNumber!) };
        if (d.EnableDate instanceof Date && !Number.isNaN(d.EnableDate.getTime())) device.enableDate = d.EnableDate.toISOString();
        return device;
      });
  }

  /** The cached STS client for this identity (exposed so tests can check reuse). */
  stsClient(keys: LongTermKeys, region: string, endpoints?: ConfiguredEndpoints): STSClient {
    const endpoint = resolveEndpoint(this.env, 'STS', endpoints);
    const set = this.clientSet(keys, region, `sts:${endpoint ?? ''}`);
    set.sts ??= new STSClient({ ...this.clientConfig(keys, region), endpoint });
    return set.sts;
  }

  iamClient(keys: LongTermKeys, region: string, endpoints?: ConfiguredEndpoints): IAMClient {
    const endpoint = resolveEndpoint(this.env, 'IAM', endpoints);
    const set = this.clientSet(keys, region, `iam:${endpoint ?? ''}`);
    set.iam ??= new (iam().IAMClient)({ ...this.clientConfig(keys, region), endpoint });
    return set.iam;
  }

  /** Closes pooled connections (keep-alive sockets would otherwise hold a CLI process open). */
  destroy(): void {
    for (const set of this.clients.values()) {
      set.sts?.destroy();
      set.iam?.destroy();
    }
    this.clients.clear();
  }

  /** One set per identity, region and service endpoint (scope). */
  private clientSet(keys: LongTermKeys, region: string, scope: string): ClientSet {
    const id = `${keys.accessKeyId}\n${region}\n${scope}`;
    let set = this.clients.get(id);
    // Same key ID with another secret (the user re-entered it): the old clients sign wrongly.
    if (set && set.secretAccessKey !== keys.secretAccessKey) {
      set.sts?.destroy();
      set.iam?.destroy();
      set = undefined;
    }
    if (!set) {
      set = { secretAccessKey: keys.secretAccessKey };
      this.clients.set(id, set);
    }
    return set;
  }

  private clientConfig(keys: LongTermKeys, region: string) {
    return {
      region,
      credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
      maxAttempts: this.maxAttempts,
      disableClockSkewCorrection: true,
      requestHandler: {
        connectionTimeout: this.timeoutMs,
        requestTimeout: this.timeoutMs,
        // Without this the SDK only logs a warning when requestTimeout passes.
        throwOnRequestTimeout: true,
      },
    };
  }

  /** Runs one SDK call under the overall deadline; failures other than MFA refusals become UserErrors. */
  private async send<T>(operation: AwsOperation, keys: LongTermKeys, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.timeoutMs);
    try {
      return await call(deadline.signal);
    } catch (e) {
      if (operation === 'GetSessionToken' && (isInvalidCodeError(e) || isUnableToValidateError(e))) throw e;
      throw mapAwsError(e, { operation, accessKeyId: keys.accessKeyId, timeoutMs: this.timeoutMs, deadlineHit: deadline.signal.aborted });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * AWS answers a reused code and a serial that is not the caller's with the same text; the
   * device list (allowed even under MFA-enforcing policies) tells them apart.
   */
  private async mfaRefusal(e: unknown, keys: LongTermKeys, req: GetSessionTokenRequest): Promise<UserError> {
    if (isInvalidCodeError(e)) return invalidCodeError();
    if (!isUnableToValidateError(e)) {
      return mapAwsError(e, { operation: 'GetSessionToken', accessKeyId: keys.accessKeyId, timeoutMs: this.timeoutMs, deadlineHit: false });
    }
    if (this.wasAccepted(req.serial, req.code)) return codeReusedError();
    let devices: MfaDevice[];
    try {
      devices = await this.listMfaDevices(keys, req.region, req.endpoints);
    } catch {
      return reusedOrBadSerialError(req.serial);
    }
    if (devices.some((d) => d.serial === req.serial)) return codeReusedError();
    return badSerialError(
      req.serial,
      devices.filter((d) => d.kind !== 'u2f').map((d) => d.serial),
    );
  }

  private rememberAccepted(serial: string, code: string): void {
    const now = Date.now();
    for (const [k, at] of this.acceptedCodes) if (now - at > RECENT_CODE_MS) this.acceptedCodes.delete(k);
    this.acceptedCodes.set(`${serial}\n${code}`, now);
  }

  private wasAccepted(serial: string, code: string): boolean {
    const at = this.acceptedCodes.get(`${serial}\n${code}`);
    return at !== undefined && Date.now() - at <= RECENT_CODE_MS;
  }
}

function refuseSessionKeys(keys: LongTermKeys): void {
  if (/^ASIA/.test(keys.accessKeyId.trim())) throw sessionKeysError();
}
