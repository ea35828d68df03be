// Self-signed certificates made with openssl in a temporary directory, and our pool's
// StratumServer with a TLS port over the fixture core (shares really hashed and validated).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionView, ShareVerdict } from '../../lib/pool/contracts';
import { StratumServer } from '../../lib/pool/stratum-server';
import type { SubmitParams } from '../../lib/stratum';
import { portOptions, serverOptions, TestCore } from '../pool/stratum-server-fixture';

export interface TestCertificate {
  certFile: string;
  cert: Buffer;
  key: Buffer;
}

export class CertificateDir {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'hashpool-miner-tls-'));
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

/** The fixture core, keeping every verdict so a test can check the pool's side too. */
export class VerdictCore extends TestCore {
  readonly verdicts: ShareVerdict[] = [];

  override async submit(session: SessionView, share: SubmitParams): Promise<ShareVerdict> {
    const verdict = await super.submit(session, share);
    this.verdicts.push(verdict);
    return verdict;
  }

  get accepted(): number {
    return this.verdicts.filter((v) => v.ok).length;
  }

  get rejected(): string[] {
    return this.verdicts.flatMap((v) => (v.ok ? [] : [v.message]));
  }
}

export interface TlsPool {
  server: StratumServer;
  core: VerdictCore;
  port: number;
  url: string;
}

/** Our stratum server with one TLS port on 127.0.0.1 at the fixture's low difficulty. */
export async function startTlsPool(certificate: TestCertificate): Promise<TlsPool> {
  const core = new VerdictCore();
  const server = new StratumServer(serverOptions({ ports: [portOptions({ tls: { cert: certificate.cert, key: certificate.key } })] }), core);
  const [{ port }] = await server.listen();
  return { server, core, port, url: `stratum+ssl://127.0.0.1:${port}` };
}
