/**
 * The AWS side of console sign-in: sts:AssumeRole with a session (the MFA session, or the role
 * before it in a chain) and the federation endpoint's getSigninToken, both over the request
 * handler every AWS call of the tool uses (proxy, CA bundle, timeouts: network-config.ts).
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { HttpRequest } from '@smithy/core/protocols';
import type { ConfiguredEndpoints } from './aws-config';
import { UserError } from './errors';
import { buildRequestHandler, endpointVariant, type PlatformNetwork, type ProfileNetwork } from './network/network-config';
import { isNetworkFault } from './network/faults';
import { resolveEndpoint } from './sts';
import { mapAwsError } from './sts-errors';

export interface TempCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface AssumeRoleRequest {
  roleArn: string;
  sessionName: string;
  externalId?: string;
  region: string;
  endpoints?: ConfiguredEndpoints;
  network?: ProfileNetwork;
  /** The profile whose session assumes it (for messages). */
  from: string;
}

export interface ConsoleApi {
  assumeRole(creds: TempCredentials, req: AssumeRoleRequest): Promise<TempCredentials>;
  /** GET of the federation endpoint; resolves with the SigninToken. */
  signinToken(url: string, network?: ProfileNetwork): Promise<string>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class ConsoleGateway implements ConsoleApi {
  constructor(private readonly opts: { env: NodeJS.ProcessEnv; platform?: PlatformNetwork; timeoutMs?: number }) {}

  private get timeoutMs(): number {
    return this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async assumeRole(creds: TempCredentials, req: AssumeRoleRequest): Promise<TempCredentials> {
    const network = req.network ?? {};
    const { useGlobalEndpoint, ...variant } = endpointVariant(this.opts.env, network);
    const client = new STSClient({
      region: req.region,
      credentials: creds,
      maxAttempts: 3,
      requestHandler: buildRequestHandler(this.opts.env, network, this.opts.platform ?? {}, this.timeoutMs),
      endpoint: resolveEndpoint(this.opts.env, 'STS', req.endpoints),
      useGlobalEndpoint,
      ...variant,
    });
    const deadline = AbortSignal.timeout(this.timeoutMs);
    try {
      // No DurationSeconds: AWS's federation endpoint refuses a role session made from temporary
      // credentials with one (its guide); the role's default hour is what the console gets.
      const out = await client.send(
        new AssumeRoleCommand({ RoleArn: req.roleArn, RoleSessionName: req.sessionName, ...(req.externalId ? { ExternalId: req.externalId } : {}) }),
        { abortSignal: deadline },
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('no credentials in the AssumeRole answer');
      return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    } catch (e) {
      const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (err.name === 'AccessDenied' || err.$metadata?.httpStatusCode === 403) {
        throw new UserError(
          {
            en: `AWS refused to let profile ${req.from} assume ${req.roleArn}; check the role's trust policy (it must trust your user, with MFA when it asks for it) and role_arn in your AWS config file.`,
            ja: `AWS はプロファイル ${req.from} が ${req.roleArn} を引き受けることを拒否しました。ロールの信頼ポリシー（あなたのユーザーを信頼し、求められるなら MFA 付き）と AWS 設定ファイルの role_arn を確認してください。`,
          },
          'AccessDenied',
        );
      }
      throw mapAwsError(e, { operation: 'GetSessionToken', accessKeyId: creds.accessKeyId, timeoutMs: this.timeoutMs, deadlineHit: deadline.aborted });
    } finally {
      client.destroy();
    }
  }

  async signinToken(url: string, network: ProfileNetwork = {}): Promise<string> {
    const u = new URL(url);
    const handler = buildRequestHandler(this.opts.env, network, this.opts.platform ?? {}, this.timeoutMs);
    const request = new HttpRequest({
      protocol: u.protocol,
      hostname: u.hostname,
      ...(u.port ? { port: Number(u.port) } : {}),
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      headers: { host: u.host, accept: 'application/json' },
      method: 'GET',
    });
    let status = 0;
    let body = '';
    try {
      const { response } = await handler.handle(request);
      status = response.statusCode;
      const chunks: Buffer[] = [];
      for await (const c of response.body as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
      body = Buffer.concat(chunks).toString('utf8');
    } catch (e) {
      if (isNetworkFault(e)) throw mapAwsError(e, { operation: 'GetSessionToken', accessKeyId: '', timeoutMs: this.timeoutMs, deadlineHit: false });
      throw new UserError(
        { en: `Could not reach the AWS sign-in endpoint ${u.host} (${(e as Error).message}); check your network or proxy, then try again.`, ja: `AWS のサインインエンドポイント ${u.host} に接続できませんでした（${(e as Error).message}）。ネットワークかプロキシを確認して、やり直してください。` },
        'Network',
      );
    } finally {
      handler.destroy();
    }
    const token = status === 200 ? (JSON.parse(body || '{}') as { SigninToken?: unknown }).SigninToken : undefined;
    if (typeof token !== 'string' || token === '') {
      throw new UserError(
        {
          en: `The AWS sign-in endpoint ${u.host} refused to make a console sign-in token (HTTP ${status}); try again, and if it goes on, check that the role may be used for console access.`,
          ja: `AWS のサインインエンドポイント ${u.host} がコンソールのサインイントークンを作りませんでした（HTTP ${status}）。やり直し、続くようならロールをコンソールで使えるか確認してください。`,
        },
        'AwsError',
      );
    }
    return token;
  }
}
