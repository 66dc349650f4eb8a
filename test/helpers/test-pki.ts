/**
 * A private PKI made for a test with openssl: certificate authorities and server certificates for
 * the host names a test routes to the local emulator. Nothing here is trusted anywhere else.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestCa {
  name: string;
  /** The CA certificate, PEM. */
  pem: string;
  /** Its file (what AWS_CA_BUNDLE / ca_bundle point at). */
  file: string;
  keyFile: string;
}

export interface ServerCert {
  key: string;
  cert: string;
}

export class TestPki {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-pki-'));
  private n = 0;

  private run(args: string[]): void {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  }

  ca(name: string): TestCa {
    const base = path.join(this.dir, `ca${this.n++}`);
    this.run([
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', `${base}.key`, '-out', `${base}.pem`, '-subj', `/O=Test/CN=${name}`, '-days', '2',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    return { name, pem: readFileSync(`${base}.pem`, 'utf8'), file: `${base}.pem`, keyFile: `${base}.key` };
  }

  /** A server certificate for `hosts` (DNS names or IPs) signed by `ca`. */
  serverCert(ca: TestCa, hosts: string[]): ServerCert {
    const base = path.join(this.dir, `leaf${this.n++}`);
    const san = hosts.map((h) => (/^[\d.]+$/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
    writeFileSync(`${base}.ext`, `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
    this.run(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${hosts[0]}`]);
    this.run(['x509', '-req', '-in', `${base}.csr`, '-CA', ca.file, '-CAkey', ca.keyFile, '-CAcreateserial', '-out', `${base}.pem`, '-days', '2', '-extfile', `${base}.ext`]);
    return { key: readFileSync(`${base}.key`, 'utf8'), cert: readFileSync(`${base}.pem`, 'utf8') };
  }

  /** A file holding these PEM texts (a bundle). */
  file(name: string, text: string): string {
    const f = path.join(this.dir, name);
    writeFileSync(f, text);
    return f;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
