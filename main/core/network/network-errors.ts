/**
 * One sentence per way the road to AWS can fail (faults.ts), naming what the user can act on: the
 * host that could not be found, the proxy (host:port and where its setting came from, never its
 * password), the issuer of a certificate nobody here trusts.
 */
import { UserError } from '../errors';
import type { Fault } from './faults';

const s = (n: number) => (n === 1 ? '' : 's');

export function faultError(f: Fault, service: string): UserError {
  switch (f.kind) {
    case 'dns':
      return new UserError(
        f.temporary
          ? `The name ${f.host} could not be looked up right now (DNS); check your network connection and try again.`
          : `The name ${f.host} could not be found (DNS); check the region and endpoint settings, your network connection and any VPN, and try again.`,
        'HostNotFound',
      );
    case 'connect':
      return new UserError(
        `Could not connect to ${service} at ${f.host} (${f.code}); check your internet connection (and any proxy or VPN) and try again.`,
        'Network',
      );
    case 'timeout':
      return new UserError(
        f.proxy
          ? `${service} at ${f.host} could not be reached through the proxy ${f.proxy} within ${f.seconds} second${s(f.seconds)}; check the proxy and your network, and try again.`
          : `${service} at ${f.host} could not be reached within ${f.seconds} second${s(f.seconds)}; check your internet connection (and any proxy or VPN) and try again.`,
        'Timeout',
      );
    case 'proxy-unreachable':
      return new UserError(
        `Could not connect to the proxy ${f.proxy} from ${f.source} (${f.code}); check that the proxy address is right and the proxy is running, or change ${f.source}.`,
        'ProxyUnreachable',
      );
    case 'proxy-dns':
      return new UserError(
        `The proxy host in ${f.source} (${f.proxy}) could not be found (DNS); check the proxy address in ${f.source}.`,
        'ProxyUnreachable',
      );
    case 'proxy-unsupported':
      return new UserError(
        `${capital(f.source)} name a SOCKS proxy (${f.proxy}), which aws-mfa-tray cannot use; set HTTPS_PROXY to your HTTP proxy, like http://proxy.example.com:8080.`,
        'ProxyUnreachable',
      );
    case 'proxy-auth':
      return new UserError(
        f.sentCredentials
          ? `The proxy ${f.proxy} did not accept the user name and password from ${f.source}; check them (special characters percent-encoded, like %40 for @) and try again.`
          : `The proxy ${f.proxy} asks for a user name and password; set HTTPS_PROXY to http://user:password@${f.proxy} (special characters percent-encoded) and try again.`,
        'ProxyAuth',
      );
    case 'proxy-status':
      return new UserError(
        f.status >= 500
          ? `The proxy ${f.proxy} could not reach ${f.host} (HTTP ${f.status}${f.statusText ? ` ${f.statusText}` : ''}); check the region and endpoint settings, or ask your network administrator whether ${f.host} is reachable.`
          : `The proxy ${f.proxy} refused the connection to ${f.host} (HTTP ${f.status}${f.statusText ? ` ${f.statusText}` : ''}); ask your network administrator to allow ${f.host}, or add it to NO_PROXY if it should be reached directly.`,
        'ProxyRefused',
      );
    case 'tls-untrusted':
      return new UserError(
        f.issuer
          ? `The certificate of ${f.host} was issued by "${f.issuer}", which this computer does not trust; if that is your company's proxy, point AWS_CA_BUNDLE (or ca_bundle in ~/.aws/config) at its CA certificate in PEM format and try again.`
          : `The certificate of ${f.host} is not trusted here (${f.reason}); if your company's proxy re-signs connections, point AWS_CA_BUNDLE (or ca_bundle in ~/.aws/config) at its CA certificate in PEM format and try again.`,
        'CertificateUntrusted',
      );
    case 'tls-name':
      return new UserError(
        `The certificate presented for ${f.host} is for another name${f.names ? ` (${f.names})` : ''}; check the endpoint and proxy settings, and do not continue on this network if they are right.`,
        'CertificateUntrusted',
      );
  }
}

const capital = (t: string) => `${t.charAt(0).toUpperCase()}${t.slice(1)}`;
