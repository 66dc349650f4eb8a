/**
 * The one place that decides how the SDK reaches AWS, from the environment and the profile's
 * config, for the CLI and the app alike: the request handler (proxy, CA bundle, timeouts) and the
 * endpoint variant (FIPS, dual-stack, STS global or regional), with the AWS CLI's names and
 * precedence (the variable, then the profile). The platform adds the OS's proxy (PlatformNetwork).
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { UserError } from '../errors';
import { routesFromPac } from './pac';
import { envProxyFor, hasProxyVariables, ProxySettingError } from './proxy-env';
import { RoutingAgent, type Route } from './routing-agent';
import { readCaBundle, TrustStore, type CaBundleSetting } from './trust';

/** The profile's network settings as written in the config file (validated here). */
export interface ProfileNetwork {
  caBundle?: string;
  useFipsEndpoint?: string;
  useDualstackEndpoint?: string;
  stsRegionalEndpoints?: string;
  /** The config file, for messages. */
  file?: string;
}

/** What the platform adds to the environment's proxy variables. */
export interface PlatformNetwork {
  /** The app: the OS's proxy for a URL, in PAC result form (Electron's session.resolveProxy); after the variables. */
  resolveSystemProxy?: (url: string) => Promise<string>;
  /**
   * The CLI on macOS and Windows (os-proxy.ts): the OS's manual proxy settings with the AWS CLI's
   * rules, used instead of the variables when none is set at all (urllib's rule).
   */
  osProxy?: (target: URL) => Promise<Route[]>;
}

export interface EndpointVariant {
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  /** STS only: the legacy global endpoint (AWS_STS_REGIONAL_ENDPOINTS=legacy). */
  useGlobalEndpoint: boolean;
}

function flag(env: NodeJS.ProcessEnv, variable: string, profile: ProfileNetwork, key: keyof ProfileNetwork, setting: string): boolean {
  const fromEnv = env[variable];
  const [value, source] = fromEnv ? [fromEnv, variable] : [profile[key], `${setting} in ${profile.file ?? 'the config file'}`];
  const jaSource = fromEnv ? variable : `${profile.file ?? '設定ファイル'} の ${setting}`;
  if (value === undefined || value === '') return false;
  // botocore accepts any case; the JS SDK only lower case. Anything else is refused, not guessed.
  if (/^true$/i.test(value.trim())) return true;
  if (/^false$/i.test(value.trim())) return false;
  throw new UserError(
    { en: `${source} must be true or false; fix it there or remove it.`, ja: `${jaSource} は true か false にしてください。そこで直すか削除してください。` },
    'NetworkConfig',
    'usage',
  );
}

export function endpointVariant(env: NodeJS.ProcessEnv, profile: ProfileNetwork): EndpointVariant {
  const regional = env.AWS_STS_REGIONAL_ENDPOINTS || profile.stsRegionalEndpoints;
  if (regional !== undefined && !/^(legacy|regional)$/.test(regional.trim())) {
    const source = env.AWS_STS_REGIONAL_ENDPOINTS ? 'AWS_STS_REGIONAL_ENDPOINTS' : `sts_regional_endpoints in ${profile.file ?? 'the config file'}`;
    const jaSource = env.AWS_STS_REGIONAL_ENDPOINTS ? 'AWS_STS_REGIONAL_ENDPOINTS' : `${profile.file ?? '設定ファイル'} の sts_regional_endpoints`;
    throw new UserError(
      { en: `${source} must be regional or legacy; fix it there or remove it.`, ja: `${jaSource} は regional か legacy にしてください。そこで直すか削除してください。` },
      'NetworkConfig',
      'usage',
    );
  }
  return {
    useFipsEndpoint: flag(env, 'AWS_USE_FIPS_ENDPOINT', profile, 'useFipsEndpoint', 'use_fips_endpoint'),
    useDualstackEndpoint: flag(env, 'AWS_USE_DUALSTACK_ENDPOINT', profile, 'useDualstackEndpoint', 'use_dualstack_endpoint'),
    useGlobalEndpoint: regional?.trim() === 'legacy',
  };
}

/** AWS_CA_BUNDLE wins over the profile's ca_bundle, as in the AWS CLI. */
function caBundleSetting(env: NodeJS.ProcessEnv, profile: ProfileNetwork): CaBundleSetting | null {
  if (env.AWS_CA_BUNDLE) return { path: env.AWS_CA_BUNDLE, source: 'AWS_CA_BUNDLE' };
  if (profile.caBundle) return { path: profile.caBundle, source: `ca_bundle in ${profile.file ?? 'the config file'}` };
  return null;
}

/** The environment's proxy variables first (also when they say "no proxy"), then the OS's proxy. */
export function routeResolver(env: NodeJS.ProcessEnv, platform: PlatformNetwork): (target: URL) => Promise<Route[]> {
  return async (target) => {
    if (platform.osProxy && !hasProxyVariables(env)) return platform.osProxy(target);
    const fromEnv = envProxyFor(target, env);
    if (fromEnv === 'direct') return [{ kind: 'direct' }];
    if (fromEnv) return [{ kind: 'proxy', url: fromEnv.url, source: fromEnv.variable }];
    if (!platform.resolveSystemProxy) return [{ kind: 'direct' }];
    // Chromium itself goes direct when the PAC script cannot be fetched or run; so do we.
    const answer = await platform.resolveSystemProxy(target.href).catch(() => 'DIRECT');
    return routesFromPac(answer);
  };
}

/** Refuses a proxy variable that is not a URL before any request (without repeating its value). */
function checkProxyVariables(env: NodeJS.ProcessEnv): void {
  for (const scheme of ['https', 'http']) {
    try {
      envProxyFor(new URL(`${scheme}://aws-mfa-tray.invalid`), env);
    } catch (e) {
      if (!(e instanceof ProxySettingError)) throw e;
      throw new UserError(
        {
          en: `${e.variable} is not a proxy URL; set it like http://proxy.example.com:8080 (or http://user:password@host:port), or unset it.`,
          ja: `${e.variable} はプロキシの URL ではありません。http://proxy.example.com:8080（または http://ユーザー名:パスワード@ホスト:ポート）の形にするか、設定を外してください。`,
        },
        'NetworkConfig',
        'usage',
      );
    }
  }
}

/** The SDK's request handler for one profile's clients. Reads the CA bundle now: a bad one is refused before any request. */
export function buildRequestHandler(env: NodeJS.ProcessEnv, profile: ProfileNetwork, platform: PlatformNetwork, timeoutMs: number): NodeHttpHandler {
  checkProxyVariables(env);
  const bundle = caBundleSetting(env, profile);
  const trust = new TrustStore(bundle ? readCaBundle(bundle) : [], env);
  const routes = routeResolver(env, platform);
  // Under the overall deadline (by half a second at least), so that a stalled proxy or handshake is
  // reported as such rather than as AWS not answering.
  const options = { routes, trust, connectTimeoutMs: Math.max(100, timeoutMs - Math.max(500, Math.round(timeoutMs * 0.1))) };
  return new NodeHttpHandler({
    httpAgent: new RoutingAgent(options, false),
    httpsAgent: new RoutingAgent(options, true),
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    // Without this the SDK only logs a warning when requestTimeout passes.
    throwOnRequestTimeout: true,
  });
}
