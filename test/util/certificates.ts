// Self-signed certificates made with openssl in a temporary directory, for TLS tests of the
// pool's stratum ports and the miner.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCertificate {
  certFile: string;
  cert: Buffer;
  key: Buffer;
}

export class CertificateDir {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'hashpool-tls-'));
  private count = 0;

  /** A self-signed certificate (P-256, one day) whose subjectAltName is exactly `san`, e.g. 'DNS:localhost,IP:127.0.0.1'. */
  make(san: string): TestCertificate {
    this.count += 1;
    const certFile = path.join(this.dir, `cert-${this.count}.pem`);
    const keyFile = path.join(this.dir, `key-${this.count}.pem`);
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', keyFile, '-out', certFile,
      '-days', '1', '-subj', '/CN=hashpool test pool', '-addext', `subjectAltName=${san}`,
    ], { stdio: 'ignore' });
    return { certFile, cert: readFileSync(certFile), key: readFileSync(keyFile) };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
