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
import { partition } from '@aws-sdk/core/client';
import { UserError } from './errors';
import { arnPartition, isPartition, partitionMismatchError, type Partition } from './partitions';
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
import { buildRequestHandler, endpointVariant, type PlatformNetwork, type ProfileNetwork } from './network/network-config';
import type { LongTermKeys, MfaDevice, MfaDeviceKind, SessionCredentials } from './types';
import { u2fError } from './validate';
import { iam } from './iam-loader';


export interface AwsGatewayOptions {
  env?: NodeJS.ProcessEnv;
  /** Overall deadline per call, retries included. Default 10000. */
  timeoutMs?: number;
  /** SDK attempts per call for throttling, 5xx and network errors. Default 3. */
  maxAttempts?: number;
  /** What the platform adds to the network settings (the app: the OS's proxy). */
  platform?: PlatformNetwork;
}

export interface GetSessionTokenRequest {
  region: string;
  serial: string;
  code: string;
  durationSeconds: number;
  /** Endpoints from the source profile's config, below the environment variables in precedence. */
  endpoints?: ConfiguredEndpoints;
  /** CA bundle, FIPS, dual-stack and STS endpoint settings of the source profile. */
  network?: ProfileNetwork;
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

/** The partition the SDK puts a region in (its own table); an unknown region is in aws, as for the SDK. */
export function regionPartition(region: string): Partition {
  const name = partition(region).name;
  return isPartition(name) ? name : 'aws';
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
  private readonly platform: PlatformNetwork;
  private readonly clients = new Map<string, ClientSet>();
  private readonly acceptedCodes = new Map<string, number>();

  constructor(opts: AwsGatewayOptions = {}) {
    this.env = opts.env ?? process.env;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.platform = opts.platform ?? {};
  }

  async getSessionToken(keys: LongTermKeys, req: GetSessionTokenRequest): Promise<SessionCredentials> {
    refuseSessionKeys(keys);
    if (deviceKind(req.serial) === 'u2f') throw u2fError();
    // A device of another partition than the region's: AWS would refuse it; say why before the code is sent.
    const serialPartition = arnPartition(req.serial);
    if (serialPartition && serialPartition !== regionPartition(req.region)) {
      throw partitionMismatchError(req.serial, serialPartition, req.region, regionPartition(req.region));
    }
    const command = new GetSessionTokenCommand({
      SerialNumber: req.serial,
      TokenCode: req.code,
      DurationSeconds: req.durationSeconds,
    });
    let out;
    try {
      out = await this.send('GetSessionToken', keys, (signal) => this.stsClient(keys, req.region, req.endpoints, req.network).send(command, { abortSignal: signal }));
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

  async listMfaDevices(keys: LongTermKeys, region: string, endpoints?: ConfiguredEndpoints, network?: ProfileNetwork): Promise<MfaDevice[]> {
    refuseSessionKeys(keys);
    let client: IAMClient;
    try {
      client = this.iamClient(keys, region, endpoints, network);
    } catch (e) {
      throw mapAwsError(e, { operation: 'ListMFADevices', accessKeyId: keys.accessKeyId, timeoutMs: this.timeoutMs, deadlineHit: false });
    }
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
  stsClient(keys: LongTermKeys, region: string, endpoints?: ConfiguredEndpoints, network: ProfileNetwork = {}): STSClient {
    const endpoint = resolveEndpoint(this.env, 'STS', endpoints);
    const set = this.clientSet(keys, region, `sts:${endpoint ?? ''}:${JSON.stringify(network)}`);
    if (!set.sts) {
      const { useGlobalEndpoint, ...config } = this.clientConfig(keys, region, network);
      set.sts = new STSClient({ ...config, useGlobalEndpoint, endpoint });
    }
    return set.sts;
  }

  iamClient(keys: LongTermKeys, region: string, endpoints?: ConfiguredEndpoints, network: ProfileNetwork = {}): IAMClient {
    const endpoint = resolveEndpoint(this.env, 'IAM', endpoints);
    const set = this.clientSet(keys, region, `iam:${endpoint ?? ''}:${JSON.stringify(network)}`);
    if (!set.iam) {
      // IAM is global per partition: the STS-only legacy switch does not apply.
      const { useGlobalEndpoint: _sts, ...config } = this.clientConfig(keys, region, network);
      set.iam = new (iam().IAMClient)({ ...config, endpoint });
    }
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

  /** Proxy, trust, timeouts and the endpoint variant: decided in network-config.ts for every client. */
  private clientConfig(keys: LongTermKeys, region: string, network: ProfileNetwork) {
    return {
      region,
      credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
      maxAttempts: this.maxAttempts,
      disableClockSkewCorrection: true,
      requestHandler: buildRequestHandler(this.env, network, this.platform, this.timeoutMs),
      ...endpointVariant(this.env, network),
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
      devices = await this.listMfaDevices(keys, req.region, req.endpoints, req.network);
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
    const key = `${serial}\n${code}`;
    this.acceptedCodes.delete(key); // re-inserted last: the map stays in time order
    // Oldest first, so the expired ones are a prefix: stop at the first one still fresh.
    for (const [k, at] of this.acceptedCodes) {
      if (now - at <= RECENT_CODE_MS) break;
      this.acceptedCodes.delete(k);
    }
    this.acceptedCodes.set(key, now);
  }

  private wasAccepted(serial: string, code: string): boolean {
    const at = this.acceptedCodes.get(`${serial}\n${code}`);
    return at !== undefined && Date.now() - at <= RECENT_CODE_MS;
  }
}

function refuseSessionKeys(keys: LongTermKeys): void {
  if (/^ASIA/.test(keys.accessKeyId.trim())) throw sessionKeysError();
}
