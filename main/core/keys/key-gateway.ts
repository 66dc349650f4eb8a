/**
 * The AWS side of key rotation and key age: sts:GetCallerIdentity (with any credentials: no IAM
 * policy can deny it) and the four IAM key calls, made with the MFA session and an explicit
 * UserName. The network is decided where every other client's is (network-config.ts); the SDK is
 * loaded by whoever imports this file (the CLI: its second bundle).
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { ConfiguredEndpoints } from '../aws-config';
import { UserError } from '../errors';
import { buildRequestHandler, endpointVariant, type PlatformNetwork, type ProfileNetwork } from '../network/network-config';
import { mapAwsError } from '../sts-errors';
import { resolveEndpoint } from '../sts';
import { actionDeniedError, KeyApiError, userNameFromArn } from './key-errors';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const iamSdk = (): typeof import('@aws-sdk/client-iam') => require('@aws-sdk/client-iam') as typeof import('@aws-sdk/client-iam');

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where the profile's calls go: its region, endpoints and network settings (from its config). */
export interface KeyApiTarget {
  region: string;
  endpoints?: ConfiguredEndpoints;
  network?: ProfileNetwork;
}

export interface CallerIdentity {
  arn: string;
  account: string;
  /** The IAM user's name when the credentials are an IAM user's (or a GetSessionToken session of one). */
  userName: string | null;
}

export interface AccessKeyInfo {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  /** ISO 8601 UTC. */
  created?: string;
}

export interface NewAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  created: string;
}

/** What rotation and the key-age refresh need from AWS (the real one below; tests use the emulator). */
export interface KeyApi {
  callerIdentity(creds: Credentials, at: KeyApiTarget): Promise<CallerIdentity>;
  listAccessKeys(session: Credentials, userName: string, at: KeyApiTarget): Promise<AccessKeyInfo[]>;
  createAccessKey(session: Credentials, userName: string, at: KeyApiTarget): Promise<NewAccessKey>;
  updateAccessKey(session: Credentials, userName: string, accessKeyId: string, status: 'Active' | 'Inactive', at: KeyApiTarget): Promise<void>;
  deleteAccessKey(session: Credentials, userName: string, accessKeyId: string, at: KeyApiTarget): Promise<void>;
  destroy(): void;
}

const asSdk = (e: unknown): { name?: string; $metadata?: { httpStatusCode?: number } } => (typeof e === 'object' && e !== null ? e : {});

export class AwsKeyApi implements KeyApi {
  private readonly clients: { destroy(): void }[] = [];

  constructor(
    private readonly opts: { env: NodeJS.ProcessEnv; timeoutMs?: number; platform?: PlatformNetwork },
  ) {}

  private config(creds: Credentials, at: KeyApiTarget) {
    const network = at.network ?? {};
    const { useGlobalEndpoint, ...variant } = endpointVariant(this.opts.env, network);
    return {
      base: {
        region: at.region,
        credentials: { ...creds },
        maxAttempts: 3,
        // As in sts.ts: a skewed clock is reported, not silently corrected.
        disableClockSkewCorrection: true,
        requestHandler: buildRequestHandler(this.opts.env, network, this.opts.platform ?? {}, this.opts.timeoutMs ?? 10_000),
        ...variant,
      },
      useGlobalEndpoint,
    };
  }

  private sts(creds: Credentials, at: KeyApiTarget): STSClient {
    const { base, useGlobalEndpoint } = this.config(creds, at);
    const c = new STSClient({ ...base, useGlobalEndpoint, endpoint: resolveEndpoint(this.opts.env, 'STS', at.endpoints) });
    this.clients.push(c);
    return c;
  }

  private iam(creds: Credentials, at: KeyApiTarget): IAMClient {
    const c = new (iamSdk().IAMClient)({ ...this.config(creds, at).base, endpoint: resolveEndpoint(this.opts.env, 'IAM', at.endpoints) });
    this.clients.push(c);
    return c;
  }

  /** One call under one overall deadline; failures become one sentence, keeping AWS's error name. */
  private async send<T>(action: string, accessKeyId: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const timeoutMs = this.opts.timeoutMs ?? 10_000;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    try {
      return await call(deadline.signal);
    } catch (e) {
      const name = asSdk(e).name ?? '';
      if (name === 'AccessDenied' || name === 'AccessDeniedException') throw new KeyApiError(actionDeniedError(action), name);
      const operation = action.startsWith('sts:') ? 'GetSessionToken' : 'ListMFADevices'; // picks the service named in the sentence
      throw new KeyApiError(mapAwsError(e, { operation, accessKeyId, timeoutMs, deadlineHit: deadline.signal.aborted }), name);
    } finally {
      clearTimeout(timer);
    }
  }

  async callerIdentity(creds: Credentials, at: KeyApiTarget): Promise<CallerIdentity> {
    const out = await this.send('sts:GetCallerIdentity', creds.accessKeyId, (signal) => this.sts(creds, at).send(new GetCallerIdentityCommand({}), { abortSignal: signal }));
    const arn = out.Arn ?? '';
    return { arn, account: out.Account ?? '', userName: userNameFromArn(arn) };
  }

  async listAccessKeys(session: Credentials, userName: string, at: KeyApiTarget): Promise<AccessKeyInfo[]> {
    const { ListAccessKeysCommand } = iamSdk();
    const client = this.iam(session, at);
    const keys: AccessKeyInfo[] = [];
    let marker: string | undefined;
    // IAM pages its lists; two keys fit one page, but a server that pages anyway is followed (bounded).
    for (let page = 0; page < 10; page++) {
      const out = await this.send('iam:ListAccessKeys', session.accessKeyId, (signal) =>
        client.send(new ListAccessKeysCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) }), { abortSignal: signal }),
      );
      for (const k of out.AccessKeyMetadata ?? []) {
        if (!k.AccessKeyId) continue;
        const created = k.CreateDate instanceof Date && !Number.isNaN(k.CreateDate.getTime()) ? k.CreateDate.toISOString() : undefined;
        keys.push({ accessKeyId: k.AccessKeyId, status: k.Status === 'Inactive' ? 'Inactive' : 'Active', ...(created ? { created } : {}) });
      }
      marker = out.IsTruncated ? out.Marker : undefined;
      if (!marker) break;
    }
    return keys;
  }

  async createAccessKey(session: Credentials, userName: string, at: KeyApiTarget): Promise<NewAccessKey> {
    const { CreateAccessKeyCommand } = iamSdk();
    const out = await this.send('iam:CreateAccessKey', session.accessKeyId, (signal) =>
      this.iam(session, at).send(new CreateAccessKeyCommand({ UserName: userName }), { abortSignal: signal }),
    );
    const k = out.AccessKey;
    if (!k?.AccessKeyId || !k.SecretAccessKey) {
      throw new UserError({ en: 'AWS IAM sent an answer without the new access key; try again in a moment.', ja: 'AWS IAM の応答に新しいアクセスキーがありませんでした。少し待ってからやり直してください。' }, 'AwsError');
    }
    const created = k.CreateDate instanceof Date && !Number.isNaN(k.CreateDate.getTime()) ? k.CreateDate.toISOString() : new Date().toISOString();
    return { accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey, created };
  }

  async updateAccessKey(session: Credentials, userName: string, accessKeyId: string, status: 'Active' | 'Inactive', at: KeyApiTarget): Promise<void> {
    const { UpdateAccessKeyCommand } = iamSdk();
    await this.send('iam:UpdateAccessKey', session.accessKeyId, (signal) =>
      this.iam(session, at).send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId, Status: status }), { abortSignal: signal }),
    );
  }

  async deleteAccessKey(session: Credentials, userName: string, accessKeyId: string, at: KeyApiTarget): Promise<void> {
    const { DeleteAccessKeyCommand } = iamSdk();
    await this.send('iam:DeleteAccessKey', session.accessKeyId, (signal) =>
      this.iam(session, at).send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId }), { abortSignal: signal }),
    );
  }

  /** Closes pooled connections (keep-alive sockets would hold a CLI process open). */
  destroy(): void {
    for (const c of this.clients.splice(0)) c.destroy();
  }
}
