// The miner over stratum+ssl against our own pool's TLS port (StratumServer over the
// fixture core, so every share is really hashed and validated): a self-signed certificate
// trusted with `ca`, refused without it (reported, retried, never a crash), accepted with
// rejectUnauthorized false, and the host name check (IP URLs need an IP SAN).
import assert from 'node:assert/strict';
import { ERR_MINER_BAD_OPTION, ERR_MINER_TLS_CERT, Miner, TlsCertificateError, type MinerOptions } from '../../lib/miner';
import { until } from './helpers';
import { CertificateDir, type TestCertificate } from '../util/certificates';
import { startTlsPool, type TlsPool } from './tls-fixture';

describe('miner over TLS (our pool)', function () {
  this.timeout(60_000);
  let certs: CertificateDir;
  let both: TestCertificate;
  let nameOnly: TestCertificate;
  const pools: TlsPool[] = [];
  const miners: Miner[] = [];

  before(() => {
    certs = new CertificateDir();
    both = certs.make('DNS:localhost,IP:127.0.0.1');
    nameOnly = certs.make('DNS:localhost');
  });

  after(() => certs.remove());

  afterEach(async () => {
    for (const miner of miners.splice(0)) await miner.stop();
    for (const pool of pools.splice(0)) await pool.server.close({ timeoutMs: 1000 });
  });

  async function pool(certificate: TestCertificate): Promise<TlsPool> {
    const started = await startTlsPool(certificate);
    pools.push(started);
    return started;
  }

  interface Watched {
    miner: Miner;
    reasons: string[];
    problems: Error[];
  }

  function mine(options: Partial<MinerOptions> & Pick<MinerOptions, 'urls'>): Watched {
    // Fast retries so that several refused attempts happen within the test.
    const miner = new Miner({ user: 'miner.rig1', algorithm: 'scrypt', threads: 1, client: { initialBackoffMs: 20, maxBackoffMs: 200 }, ...options });
    miners.push(miner);
    const watched: Watched = { miner, reasons: [], problems: [] };
    miner.on('disconnected', (info) => watched.reasons.push(info.reason));
    miner.on('problem', (error) => watched.problems.push(error));
    miner.start();
    return watched;
  }

  async function expectShares(watched: Watched, target: TlsPool): Promise<void> {
    await until(() => watched.miner.stats.accepted >= 3, 'three accepted shares').catch((error: Error) => {
      throw new Error(`${error.message}; disconnects: ${watched.reasons.join(' | ')}`);
    });
    assert.equal(watched.miner.stats.rejected, 0);
    assert.deepEqual(target.core.rejected, []);
    assert.ok(target.core.accepted >= 3);
    assert.deepEqual(watched.reasons, []);
  }

  async function expectRefused(watched: Watched, target: TlsPool, tlsCode: string): Promise<void> {
    // Three refusals in a row: the miner retries after each one.
    await until(() => watched.reasons.length >= 3, 'three refused connections');
    for (const reason of watched.reasons) assert.match(reason, new RegExp(`\\(${tlsCode}: `));
    // Reported once as a typed problem, not once per retry.
    assert.equal(watched.problems.length, 1);
    const [problem] = watched.problems;
    assert.ok(problem instanceof TlsCertificateError);
    assert.equal(problem.code, ERR_MINER_TLS_CERT);
    assert.equal(problem.tlsCode, tlsCode);
    assert.equal(watched.miner.client.connected, false);
    assert.equal(watched.miner.stats.accepted, 0);
    assert.equal(target.core.submits, 0);
  }

  it('trusts a self-signed pool certificate given as ca: shares accepted, none rejected', async () => {
    const target = await pool(both);
    const watched = mine({ urls: [target.url], ca: both.cert });
    await expectShares(watched, target);
    assert.equal(target.server.sessions()[0].port, target.port);
  });

  it('without ca refuses the self-signed certificate, reports DEPTH_ZERO_SELF_SIGNED_CERT, keeps retrying, and stops', async () => {
    const target = await pool(both);
    const watched = mine({ urls: [target.url] });
    await expectRefused(watched, target, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    // stop() resolves only once the reconnect loop has ended, even in the middle of a backoff.
    miners.splice(miners.indexOf(watched.miner), 1);
    await watched.miner.stop();
    assert.equal(watched.miner.client.connected, false);
  });

  it('rejectUnauthorized false (--insecure) accepts any certificate', async () => {
    const target = await pool(both);
    const watched = mine({ urls: [target.url], rejectUnauthorized: false });
    await expectShares(watched, target);
  });

  it('checks the host name: an IP URL needs an IP SAN even with ca; the DNS name in the certificate works', async () => {
    const target = await pool(nameOnly);
    const byIp = mine({ urls: [target.url], ca: nameOnly.cert });
    await expectRefused(byIp, target, 'ERR_TLS_CERT_ALTNAME_INVALID');
    const byName = mine({ urls: [`stratum+ssl://localhost:${target.port}`], ca: nameOnly.cert });
    await until(() => byName.miner.stats.accepted >= 1, 'an accepted share over localhost');
    assert.equal(byName.miner.stats.rejected, 0);
    assert.deepEqual(target.core.rejected, []);
  });

  it('refuses a ca that holds no PEM certificate before connecting', () => {
    for (const ca of ['not a certificate', Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), both.key]) {
      assert.throws(() => new Miner({ urls: ['stratum+ssl://127.0.0.1:1'], user: 'u', ca }), (error: Error & { code?: string }) => error.code === ERR_MINER_BAD_OPTION);
    }
  });
});
