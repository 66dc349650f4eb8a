/**
 * One sentence per way the road to AWS can fail (faults.ts), in English and Japanese, naming what
 * the user can act on: the host that could not be found, the proxy (host:port and where its
 * setting came from, never its password), the issuer of a certificate nobody here trusts.
 */
import { UserError, type ErrorCode, type Sentence } from '../errors';
import type { Fault } from './faults';

const s = (n: number) => (n === 1 ? '' : 's');
const status = (f: { status: number; statusText: string }) => `HTTP ${f.status}${f.statusText ? ` ${f.statusText}` : ''}`;
/** "the macOS proxy settings" reads as macOS のプロキシ設定 in Japanese; variable names stay as they are. */
const JA_SOURCES: Record<string, string> = { 'the macOS proxy settings': 'macOS のプロキシ設定', 'the Windows proxy settings': 'Windows のプロキシ設定' };
const jaSource = (source: string) => JA_SOURCES[source] ?? (source.startsWith('the ') ? 'システムのプロキシ設定' : source);
/** Where a host to reach directly goes: NO_PROXY, or for the OS's settings their exceptions (a NO_PROXY would switch them off). */
const directList = (source: string): [en: string, ja: string] =>
  source in JA_SOURCES ? [`the proxy exceptions in ${source}`, `${jaSource(source)}の例外`] : ['NO_PROXY', 'NO_PROXY '];

function sentence(f: Fault, service: string): [Sentence, ErrorCode] {
  switch (f.kind) {
    case 'dns':
      return f.temporary
        ? [
            {
              en: `The name ${f.host} could not be looked up right now (DNS); check your network connection and try again.`,
              ja: `${f.host} の名前解決（DNS）が今はできません。ネットワーク接続を確認してからやり直してください。`,
            },
            'HostNotFound',
          ]
        : [
            {
              en: `The name ${f.host} could not be found (DNS); check the region and endpoint settings, your network connection and any VPN, and try again.`,
              ja: `${f.host} という名前が見つかりません（DNS）。リージョンとエンドポイントの設定、ネットワーク接続と VPN を確認してからやり直してください。`,
            },
            'HostNotFound',
          ];
    case 'connect':
      return [
        {
          en: `Could not connect to ${service} at ${f.host} (${f.code}); check your internet connection (and any proxy or VPN) and try again.`,
          ja: `${f.host} の ${service} に接続できません（${f.code}）。インターネット接続（とプロキシや VPN）を確認してからやり直してください。`,
        },
        'Network',
      ];
    case 'timeout':
      return f.proxy
        ? [
            {
              en: `${service} at ${f.host} could not be reached through the proxy ${f.proxy} within ${f.seconds} second${s(f.seconds)}; check the proxy and your network, and try again.`,
              ja: `プロキシ ${f.proxy} 経由で ${f.host} の ${service} に ${f.seconds} 秒以内につながりませんでした。プロキシとネットワークを確認してからやり直してください。`,
            },
            'Timeout',
          ]
        : [
            {
              en: `${service} at ${f.host} could not be reached within ${f.seconds} second${s(f.seconds)}; check your internet connection (and any proxy or VPN) and try again.`,
              ja: `${f.host} の ${service} に ${f.seconds} 秒以内につながりませんでした。インターネット接続（とプロキシや VPN）を確認してからやり直してください。`,
            },
            'Timeout',
          ];
    case 'proxy-unreachable':
      return [
        {
          en: `Could not connect to the proxy ${f.proxy} from ${f.source} (${f.code}); check that the proxy address is right and the proxy is running, or change ${f.source}.`,
          ja: `${jaSource(f.source)} のプロキシ ${f.proxy} に接続できません（${f.code}）。プロキシのアドレスと稼働状況を確認するか、${jaSource(f.source)} を変更してください。`,
        },
        'ProxyUnreachable',
      ];
    case 'proxy-dns':
      return [
        {
          en: `The proxy host in ${f.source} (${f.proxy}) could not be found (DNS); check the proxy address in ${f.source}.`,
          ja: `${jaSource(f.source)} のプロキシのホスト（${f.proxy}）が見つかりません（DNS）。${jaSource(f.source)} のアドレスを確認してください。`,
        },
        'ProxyUnreachable',
      ];
    case 'proxy-unsupported':
      return [
        {
          en: `${capital(f.source)} name a SOCKS proxy (${f.proxy}), which aws-mfa-tray cannot use; set HTTPS_PROXY to your HTTP proxy, like http://proxy.example.com:8080.`,
          ja: `${jaSource(f.source)} は SOCKS プロキシ（${f.proxy}）を指定していますが、aws-mfa-tray は使えません。HTTPS_PROXY に HTTP プロキシを設定してください（例 http://proxy.example.com:8080）。`,
        },
        'ProxyUnreachable',
      ];
    case 'proxy-setting':
      return [
        {
          en: `The proxy address in ${f.source} is not usable; correct it there (like proxy.example.com:8080), or set HTTPS_PROXY to your proxy's URL.`,
          ja: `${jaSource(f.source)} のプロキシのアドレスが使えません。そこで正しく直す（例 proxy.example.com:8080）か、HTTPS_PROXY にプロキシの URL を設定してください。`,
        },
        'ProxyUnreachable',
      ];
    case 'proxy-auth':
      return f.sentCredentials
        ? [
            {
              en: `The proxy ${f.proxy} did not accept the user name and password from ${f.source}; check them (special characters percent-encoded, like %40 for @) and try again.`,
              ja: `プロキシ ${f.proxy} が ${jaSource(f.source)} のユーザー名とパスワードを受け付けませんでした。確認してからやり直してください（記号は %40 のようにパーセントエンコードします）。`,
            },
            'ProxyAuth',
          ]
        : [
            {
              en: `The proxy ${f.proxy} asks for a user name and password; set HTTPS_PROXY to http://user:password@${f.proxy} (special characters percent-encoded) and try again.`,
              ja: `プロキシ ${f.proxy} がユーザー名とパスワードを求めています。HTTPS_PROXY を http://ユーザー名:パスワード@${f.proxy} の形で設定してからやり直してください（記号はパーセントエンコードします）。`,
            },
            'ProxyAuth',
          ];
    case 'proxy-status':
      return f.status >= 500
        ? [
            {
              en: `The proxy ${f.proxy} could not reach ${f.host} (${status(f)}); check the region and endpoint settings, or ask your network administrator whether ${f.host} is reachable.`,
              ja: `プロキシ ${f.proxy} から ${f.host} に届きませんでした（${status(f)}）。リージョンとエンドポイントの設定を確認するか、${f.host} に届くかネットワーク管理者に確認してください。`,
            },
            'ProxyRefused',
          ]
        : [
            {
              en: `The proxy ${f.proxy} refused the connection to ${f.host} (${status(f)}); ask your network administrator to allow ${f.host}, or add it to ${directList(f.source)[0]} if it should be reached directly.`,
              ja: `プロキシ ${f.proxy} が ${f.host} への接続を拒否しました（${status(f)}）。ネットワーク管理者に ${f.host} の許可を依頼するか、直接つなぐ場合は ${directList(f.source)[1]}に追加してください。`,
            },
            'ProxyRefused',
          ];
    case 'tls-untrusted':
      return f.issuer
        ? [
            {
              en: `The certificate of ${f.host} was issued by "${f.issuer}", which this computer does not trust; if that is your company's proxy, point AWS_CA_BUNDLE (or ca_bundle in ~/.aws/config) at its CA certificate in PEM format and try again.`,
              ja: `${f.host} の証明書の発行者「${f.issuer}」はこのコンピューターで信頼されていません。社内プロキシのものであれば、その CA 証明書（PEM）を AWS_CA_BUNDLE（または ~/.aws/config の ca_bundle）に指定してからやり直してください。`,
            },
            'CertificateUntrusted',
          ]
        : [
            {
              en: `The certificate of ${f.host} is not trusted here (${f.reason}); if your company's proxy re-signs connections, point AWS_CA_BUNDLE (or ca_bundle in ~/.aws/config) at its CA certificate in PEM format and try again.`,
              ja: `${f.host} の証明書はここでは信頼されていません（${f.reason}）。社内プロキシが通信を再署名している場合は、その CA 証明書（PEM）を AWS_CA_BUNDLE（または ~/.aws/config の ca_bundle）に指定してからやり直してください。`,
            },
            'CertificateUntrusted',
          ];
    case 'tls-name':
      return [
        {
          en: `The certificate presented for ${f.host} is for another name${f.names ? ` (${f.names})` : ''}; check the endpoint and proxy settings, and do not continue on this network if they are right.`,
          ja: `${f.host} に提示された証明書は別の名前${f.names ? `（${f.names}）` : ''}のものです。エンドポイントとプロキシの設定を確認し、設定が正しければこのネットワークでは続けないでください。`,
        },
        'CertificateUntrusted',
      ];
  }
}

export function faultError(f: Fault, service: string): UserError {
  const [text, code] = sentence(f, service);
  return new UserError(text, code);
}

const capital = (t: string) => `${t.charAt(0).toUpperCase()}${t.slice(1)}`;
