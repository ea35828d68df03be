// Limits of the stratum server over real sockets: connections per IP, idle and
// unsubscribed timeouts, bans for invalid shares (and unban), a TLS port.
import assert from 'node:assert/strict';
import { StratumServer, type SessionInfo } from '../../lib/pool/stratum-server';
import { CertificateDir } from '../util/certificates';
import { StratumTestClient, sleep } from '../util/stratum-test-client';
import { grindShare, PORT_DIFFICULTY, portOptions, serverOptions, TestCore } from './stratum-server-fixture';

describe('stratum server limits', function () {
  this.timeout(60_000);
  let server: StratumServer | undefined;
  const clients: StratumTestClient[] = [];

  async function connect(port: number, tls = false): Promise<StratumTestClient> {
    const client = await StratumTestClient.connect(port, { tls });
    clients.push(client);
    return client;
  }

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.close({ timeoutMs: 1000 });
    server = undefined;
  });

  it('refuses connections over the per-IP limit, and accepts again when one closes', async () => {
    server = new StratumServer(serverOptions({ maxConnectionsPerIp: 3 }), new TestCore());
    const [{ port }] = await server.listen();
    const refused: string[] = [];
    server.on('refused', (ip: string, why: string) => refused.push(`${ip} ${why}`));
    const open = await Promise.all([connect(port), connect(port), connect(port)]);
    for (const client of open) assert.equal((await client.request('mining.ping', [])).result, 'pong');
    assert.equal(await StratumTestClient.probe(port), 'closed');
    assert.deepEqual(refused, ['127.0.0.1 limit']);
    await open[0].close();
    for (let i = 0; i < 100 && server.connectionCount > 2; i++) await sleep(20);
    assert.equal(await StratumTestClient.probe(port), 'open');
  });

  it('closes a connection that sends nothing for idleTimeoutSeconds', async () => {
    server = new StratumServer(serverOptions({ idleTimeoutSeconds: 1 }), new TestCore());
    const [{ port }] = await server.listen();
    const reasons: string[] = [];
    server.on('disconnect', (_info: SessionInfo, reason: string) => reasons.push(reason));
    const client = await connect(port);
    await client.handshake();
    // Jobs the server sends do not count as activity of the miner.
    await client.waitClosed(10_000);
    for (let i = 0; i < 50 && reasons.length === 0; i++) await sleep(20);
    assert.deepEqual(reasons, ['idle timeout']);
  });

  it('closes a connection that does not subscribe within unsubscribedTimeoutSeconds, even if it talks', async () => {
    server = new StratumServer(serverOptions({ unsubscribedTimeoutSeconds: 1 }), new TestCore());
    const [{ port }] = await server.listen();
    const reasons: string[] = [];
    server.on('disconnect', (_info: SessionInfo, reason: string) => reasons.push(reason));
    const talker = await connect(port);
    const subscriber = await connect(port);
    await subscriber.request('mining.subscribe', []);
    const pinging = setInterval(() => {
      if (!talker.isClosed) talker.send({ id: 1, method: 'mining.ping', params: [] });
      if (!subscriber.isClosed) subscriber.send({ id: 2, method: 'mining.ping', params: [] });
    }, 100);
    try {
      await talker.waitClosed(10_000);
    } finally {
      clearInterval(pinging);
    }
    assert.equal(subscriber.isClosed, false);
    for (let i = 0; i < 50 && reasons.length === 0; i++) await sleep(20);
    assert.deepEqual(reasons, ['not subscribed in time']);
  });

  it('bans an IP after too many invalid shares: its sessions close, new connections are refused until unban', async () => {
    const ban = { enabled: true, invalidPercent: 50, checkThreshold: 4, seconds: 600 };
    const core = new TestCore();
    server = new StratumServer(serverOptions({ ban }), core);
    const [{ port }] = await server.listen();
    const banned: Array<[string, number]> = [];
    server.on('ban', (ip: string, seconds: number) => banned.push([ip, seconds]));
    const miner = await connect(port);
    const other = await connect(port);
    const { extranonce1 } = await miner.handshake();
    const notify = await miner.notification('mining.notify');
    const jobId = String(notify.params?.[0]);
    const job = core.job(jobId);
    // Two good, two bad (nonce of the wrong width): 50 % invalid at the 4th submit.
    for (const extranonce2 of ['00000001', '00000002']) {
      const share = grindShare(job, Buffer.from(extranonce1, 'hex'), { minDifficulty: PORT_DIFFICULTY, extranonce2 });
      assert.equal((await miner.request('mining.submit', ['miner.rig1', jobId, share.extranonce2, share.ntime, share.nonce])).result, true);
    }
    const ntime = job.curtime.toString(16).padStart(8, '0');
    const bad1 = await miner.request('mining.submit', ['miner.rig1', jobId, '00000003', ntime, '00']);
    assert.equal((bad1.error as unknown[])[0], 20);
    assert.equal(miner.isClosed, false);
    const bad2 = await miner.request('mining.submit', ['miner.rig1', jobId, '00000004', ntime, '00']);
    assert.equal((bad2.error as unknown[])[0], 20);
    await miner.waitClosed(5000);
    await other.waitClosed(5000);
    assert.deepEqual(banned, [['127.0.0.1', 600]]);
    const bans = server.bans();
    assert.equal(bans.length, 1);
    assert.equal(bans[0].ip, '127.0.0.1');
    assert.ok(bans[0].until > Date.now());
    assert.equal(await StratumTestClient.probe(port), 'closed');
    assert.equal(server.unban('127.0.0.1'), true);
    assert.equal(server.unban('127.0.0.1'), false);
    assert.deepEqual(server.bans(), []);
    assert.equal(await StratumTestClient.probe(port), 'open');
  });

  it('does not ban below the invalid share ratio; ban() and disconnect() by hand', async () => {
    const ban = { enabled: true, invalidPercent: 75, checkThreshold: 4, seconds: 600 };
    const core = new TestCore();
    server = new StratumServer(serverOptions({ ban }), core);
    const [{ port }] = await server.listen();
    const miner = await connect(port);
    const { extranonce1 } = await miner.handshake();
    const notify = await miner.notification('mining.notify');
    const jobId = String(notify.params?.[0]);
    // 2 of 4 invalid is under 75 %: no ban, counters start again.
    for (const extranonce2 of ['00000001', '00000002']) {
      const share = grindShare(core.job(jobId), Buffer.from(extranonce1, 'hex'), { minDifficulty: PORT_DIFFICULTY, extranonce2 });
      assert.equal((await miner.request('mining.submit', ['miner.rig1', jobId, share.extranonce2, share.ntime, share.nonce])).result, true);
    }
    await miner.request('mining.submit', ['miner.rig1', jobId, '00000003', '00000000', '00']);
    await miner.request('mining.submit', ['miner.rig1', 'nosuchjob', '00000003', '00000000', '00000000']);
    assert.equal(miner.isClosed, false);
    assert.deepEqual(server.bans(), []);
    const sessionId = server.sessions()[0].id;
    assert.equal(server.disconnect(sessionId), true);
    await miner.waitClosed(5000);
    assert.equal(server.disconnect(sessionId), false);
    const second = await connect(port);
    await second.request('mining.ping', []);
    server.ban('::ffff:127.0.0.1', 30);
    await second.waitClosed(5000);
    assert.equal(server.bans()[0].ip, '127.0.0.1');
  });

  describe('TLS', () => {
    let certs: CertificateDir;
    let cert: Buffer;
    let key: Buffer;

    before(() => {
      certs = new CertificateDir();
      ({ cert, key } = certs.make('IP:127.0.0.1'));
    });

    after(() => certs.remove());

    it('serves a TLS port next to a plain one: handshake and an accepted share over TLS', async () => {
      const core = new TestCore();
      server = new StratumServer(serverOptions({ ports: [portOptions(), portOptions({ tls: { cert, key }, difficulty: 0.004 })] }), core);
      const bound = await server.listen();
      assert.equal(bound.length, 2);
      assert.deepEqual(
        bound.map((b) => b.tls),
        [false, true],
      );
      const client = await connect(bound[1].port, true);
      const { extranonce1 } = await client.handshake();
      assert.deepEqual((await client.notification('mining.set_difficulty')).params, [0.004]);
      const notify = await client.notification('mining.notify');
      const jobId = String(notify.params?.[0]);
      const share = grindShare(core.job(jobId), Buffer.from(extranonce1, 'hex'), { minDifficulty: 0.004 });
      assert.equal((await client.request('mining.submit', ['miner.rig1', jobId, share.extranonce2, share.ntime, share.nonce])).result, true);
      assert.equal(server.sessions()[0].port, bound[1].port);
      // A plain-text client on the TLS port gets nowhere and the server goes on.
      const plain = await StratumTestClient.connect(bound[1].port);
      clients.push(plain);
      plain.send({ id: 1, method: 'mining.subscribe', params: [] });
      await plain.waitClosed(10_000);
      assert.equal(plain.received.length, 0);
      assert.equal((await client.request('mining.ping', [])).result, 'pong');
    });
  });
});
