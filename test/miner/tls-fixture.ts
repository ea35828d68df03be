// Our pool's StratumServer with a TLS port over the fixture core (shares really hashed and
// validated), for the miner's TLS tests.
import type { SessionView, ShareVerdict } from '../../lib/pool/contracts';
import { StratumServer } from '../../lib/pool/stratum-server';
import type { SubmitParams } from '../../lib/stratum';
import { portOptions, serverOptions, TestCore } from '../pool/stratum-server-fixture';
import type { TestCertificate } from '../util/certificates';

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
