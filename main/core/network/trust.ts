/**
 * Which certificate authorities a TLS connection trusts: Node's defaults (its Mozilla roots plus
 * NODE_EXTRA_CA_CERTS), plus a PEM bundle from AWS_CA_BUNDLE or the profile's ca_bundle (the AWS
 * CLI's names; the variable wins), plus, once a chain is not trusted by those, the OS's own store
 * where this Node can read it (tls.getCACertificates('system'), Node 22.15+; Electron ships one).
 * The OS store is not read up front: it costs about 0.1-0.3 s, and most chains need only the defaults.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { UserError } from '../errors';

export interface CaBundleSetting {
  path: string;
  /** "AWS_CA_BUNDLE", or "ca_bundle in <config file>". */
  source: string;
}

type GetCaCertificates = (type: 'default' | 'system') => string[];
const getCaCertificates = (tls as unknown as { getCACertificates?: GetCaCertificates }).getCACertificates;

/** The bundle's certificates; one sentence if it cannot be read or holds none. */
export function readCaBundle(setting: CaBundleSetting): string[] {
  const file = setting.path.startsWith('~/') ? path.join(os.homedir(), setting.path.slice(2)) : setting.path;
  const bad = (why: { en: string; ja: string }) =>
    new UserError(
      {
        en: `The CA bundle ${setting.path} (from ${setting.source}) ${why.en}; point it at your company's CA certificates in PEM format, or remove the setting.`,
        ja: `CA バンドル ${setting.path}（${setting.source} で指定）${why.ja}。社内の CA 証明書（PEM 形式）を指定するか、設定を外してください。`,
      },
      'NetworkConfig',
    );
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw bad({ en: `cannot be read (${code})`, ja: `を読めません（${code}）` });
  }
  const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (pems.length === 0) throw bad({ en: 'holds no PEM certificate', ja: 'に PEM 形式の証明書がありません' });
  for (const pem of pems) {
    try {
      new X509Certificate(pem);
    } catch {
      throw bad({ en: 'holds a certificate that cannot be read', ja: 'に読み取れない証明書があります' });
    }
  }
  return pems;
}

/** Node's default CAs, NODE_EXTRA_CA_CERTS included (read by hand where getCACertificates is missing). */
function defaultCas(env: NodeJS.ProcessEnv): string[] {
  if (getCaCertificates) return getCaCertificates('default');
  const extra = env.NODE_EXTRA_CA_CERTS ? safeRead(env.NODE_EXTRA_CA_CERTS) : '';
  return [...tls.rootCertificates, ...(extra.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [])];
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS
  }
}

/** The trust of one request handler; builds its TLS context once. */
export class TrustStore {
  private context: tls.SecureContext | undefined;
  private withSystem = false;

  constructor(
    private readonly bundle: string[],
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Options for tls.connect: none at all for Node's defaults (its fast path). */
  tlsOptions(): { secureContext?: tls.SecureContext } {
    if (this.bundle.length === 0 && !this.withSystem) return {};
    this.context ??= tls.createSecureContext({ ca: [...defaultCas(this.env), ...this.bundle, ...(this.withSystem ? systemCas() : [])] });
    return { secureContext: this.context };
  }

  /** Adds the OS store after a chain the others did not trust; false if there is nothing to add. */
  addSystemStore(): boolean {
    if (this.withSystem || !getCaCertificates) return false;
    this.withSystem = true;
    this.context = undefined;
    return true;
  }
}

function systemCas(): string[] {
  try {
    return getCaCertificates?.('system') ?? [];
  } catch {
    return [];
  }
}
