// The stratum server over real loopback sockets with a core of the real pool pieces: the
// handshake and its extensions, extranonce1 allocation and resume, difficulty changes while
// shares are in flight, and a graceful close.
import assert from 'node:assert/strict';
import type { ShareVerdict } from '../../lib/pool/contracts';
import { StratumServer, type SessionInfo } from '../../lib/pool/stratum-server';
import { StratumTestClient, sleep } from '../util/stratum-test-client';
import { grindShare, PORT_DIFFICULTY, portOptions, serverOptions, TestCore } from './stratum-server-fixture';

const D = PORT_DIFFICULTY;

async function jobOf(client: StratumTestClient): Promise<{ jobId: string; clean: boolean }> {
  const notify = await client.notification('mining.notify');
  return { jobId: String(notify.params?.[0]), clean: notify.params?.[8] === true };
}

describe('stratum server', function () {
  this.timeout(120_000);
  let core: TestCore;
  let server: StratumServer;
  let port: number;
  const clients: StratumTestClient[] = [];

  async function connect(): Promise<StratumTestClient> {
    const client = await StratumTestClient.connect(port);
    clients.push(client);
    return client;
  }

  function sessionOf(extranonce1: string): SessionInfo {
    const found = server.sessions().find((s) => s.extranonce1 === extranonce1);
    assert.ok(found, `no session with extranonce1 ${extranonce1}`);
    return found;
  }

  beforeEach(async () => {
    core = new TestCore();
    server = new StratumServer(serverOptions(), core);
    [{ port }] = await server.listen();
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close({ timeoutMs: 1000 });
  });

  describe('handshake', () => {
    it('configure: version-rolling gets the pool and miner mask intersection, unknown extensions false', async () => {
      const client = await connect();
      const configured = await client.request('mining.configure', [
        ['version-rolling', 'info', 'x-unknown'],
        { 'version-rolling.mask': '00ffff00', 'version-rolling.min-bit-count': 16 },
      ]);
      assert.deepEqual(configured.result, { 'version-rolling': true, 'version-rolling.mask': '00ffe000', info: false, 'x-unknown': false });
      const defaultMask = await (await connect()).request('mining.configure', [['version-rolling'], {}]);
      assert.deepEqual(defaultMask.result, { 'version-rolling': true, 'version-rolling.mask': '1fffe000' });
    });

    it('a share with rolled version bits inside the granted mask is accepted', async () => {
      const client = await connect();
      await client.request('mining.configure', [['version-rolling'], { 'version-rolling.mask': '1fffe000' }]);
      const { extranonce1 } = await client.handshake();
      const { jobId } = await jobOf(client);
      const share = grindShare(core.job(jobId), Buffer.from(extranonce1, 'hex'), { minDifficulty: D, versionBits: 0x00006000, versionMask: 0x1fffe000 });
      const answer = await client.request('mining.submit', ['miner.rig1', jobId, share.extranonce2, share.ntime, share.nonce, share.versionBits]);
      assert.equal(answer.result, true, answer.raw);
    });

    it('subscribe reply carries the extranonce1 as session id; d=N in the password is floored by the port minimum', async () => {
      const client = await connect();
      const subscribed = await client.request('mining.subscribe', ['cgminer/4.11']);
      const result = subscribed.result as [Array<[string, string]>, string, number];
      const extranonce1 = result[1];
      assert.match(extranonce1, /^4a11[0-9a-f]{4}$/);
      assert.deepEqual(result, [[['mining.set_difficulty', extranonce1], ['mining.notify', extranonce1]], extranonce1, 4]);
      const authorized = await client.request('mining.authorize', ['miner.rig1', 'd=0.00001']);
      assert.equal(authorized.result, true);
      const difficulty = await client.notification('mining.set_difficulty');
      assert.deepEqual(difficulty.params, [0.001]);
      const { clean } = await jobOf(client);
      assert.equal(clean, true);
      // set_difficulty came before the first notify.
      const order = client.received.filter((l) => l.method !== undefined).map((l) => l.method);
      assert.deepEqual(order.slice(0, 2), ['mining.set_difficulty', 'mining.notify']);
      assert.equal(sessionOf(extranonce1).userAgent, 'cgminer/4.11');
    });

    it('d=N above the minimum is used as given', async () => {
      const client = await connect();
      await client.handshake('miner.rig1', 'd=0.5');
      assert.deepEqual((await client.notification('mining.set_difficulty')).params, [0.5]);
    });

    it('suggest_difficulty as a number and as a string: set_difficulty then the same job again', async () => {
      const client = await connect();
      await client.handshake();
      await client.notification('mining.set_difficulty');
      const { jobId } = await jobOf(client);
      assert.equal((await client.request('mining.suggest_difficulty', [0.5])).result, true);
      assert.deepEqual((await client.notification('mining.set_difficulty')).params, [0.5]);
      assert.deepEqual(await jobOf(client), { jobId, clean: false });
      assert.equal((await client.request('mining.suggest_difficulty', ['0.25'])).result, true);
      assert.deepEqual((await client.notification('mining.set_difficulty')).params, [0.25]);
      assert.deepEqual(await jobOf(client), { jobId, clean: false });
      // Below the port minimum: floored.
      assert.equal((await client.request('mining.suggest_difficulty', ['0.0000001'])).result, true);
      assert.deepEqual((await client.notification('mining.set_difficulty')).params, [0.001]);
    });

    it('suggest before authorize becomes the first difficulty', async () => {
      const client = await connect();
      assert.equal((await client.request('mining.suggest_difficulty', [0.125])).result, true);
      await client.handshake();
      assert.deepEqual((await client.notification('mining.set_difficulty')).params, [0.125]);
      await jobOf(client);
      assert.equal(client.notifications('mining.set_difficulty').length, 1);
    });

    it('suggest_target is turned into a difficulty with the coin factor', async () => {
      const client = await connect();
      await client.handshake();
      await client.notification('mining.set_difficulty');
      // diff-1 (0xffff << 208) times 65536 / 0.5 = 0xffff << 225 as a target.
      const target = (0xffffn << 225n).toString(16).padStart(64, '0');
      assert.equal((await client.request('mining.suggest_target', [target])).result, true);
      assert.deepEqual((await client.notification('mining.set_difficulty')).params, [0.5]);
    });

    it('configure minimum-difficulty is applied and vardiff-free requests cannot go below it', async () => {
      const client = await connect();
      const configured = await client.request('mining.configure', [['minimum-difficulty'], { 'minimum-difficulty.value': 0.05 }]);
      assert.deepEqual(configured.result, { 'minimum-difficulty': true });
      await client.handshake();
      assert.deepEqual((await client.notification('mining.set_difficulty')).params, [0.05]);
      await client.request('mining.suggest_difficulty', [0.01]);
      // Nothing to change: the miner's own minimum holds.
      await client.request('mining.ping', []);
      assert.equal(client.notifications('mining.set_difficulty').length, 1);
    });

    it('authorize before subscribe is tolerated; work starts at subscribe', async () => {
      const client = await connect();
      assert.equal((await client.request('mining.authorize', ['miner.rig1', 'x'])).result, true);
      await client.request('mining.ping', []);
      assert.equal(client.notifications('mining.notify').length, 0);
      const subscribed = await client.request('mining.subscribe', []);
      assert.ok(Array.isArray(subscribed.result));
      await jobOf(client);
    });

    it('several workers on one connection; each submits under its own name', async () => {
      const client = await connect();
      const { extranonce1 } = await client.handshake('miner.rig1', 'x');
      assert.equal((await client.request('mining.authorize', ['miner.rig2', 'x'])).result, true);
      const { jobId } = await jobOf(client);
      const shares: string[] = [];
      server.on('share', (_info: SessionInfo, worker: string, verdict: ShareVerdict) => {
        if (verdict.ok) shares.push(worker);
      });
      const first = grindShare(core.job(jobId), Buffer.from(extranonce1, 'hex'), { minDifficulty: D, extranonce2: '00000001' });
      const second = grindShare(core.job(jobId), Buffer.from(extranonce1, 'hex'), { minDifficulty: D, extranonce2: '00000002' });
      assert.equal((await client.request('mining.submit', ['miner.rig1', jobId, first.extranonce2, first.ntime, first.nonce])).result, true);
      assert.equal((await client.request('mining.submit', ['miner.rig2', jobId, second.extranonce2, second.ntime, second.nonce])).result, true);
      assert.deepEqual(shares, ['miner.rig1', 'miner.rig2']);
      assert.deepEqual(sessionOf(extranonce1).workers, ['miner.rig1', 'miner.rig2']);
    });

    it('get_transactions and ping', async () => {
      const client = await connect();
      await client.handshake();
      core.newTemplate(true); // the 4-transaction template
      server.broadcastJobs(true);
      await jobOf(client);
      const { jobId } = await jobOf(client);
      const transactions = await client.request('mining.get_transactions', [jobId]);
      const expected = core.job(jobId).template.transactions.map((tx) => tx.data.toString('hex'));
      assert.equal(expected.length, 4);
      assert.deepEqual(transactions.result, expected);
      assert.equal((await client.request('mining.ping', [])).result, 'pong');
    });
  });

  describe('extranonce1', () => {
    it('extranonce.subscribe + reassignExtranonce: set_extranonce, then a share with the new extranonce1 is accepted', async () => {
      const client = await connect();
      const { extranonce1 } = await client.handshake();
      assert.equal((await client.request('mining.extranonce.subscribe', [])).result, true);
      await jobOf(client);
      assert.equal(server.reassignExtranonce(sessionOf(extranonce1).id), true);
      const set = await client.notification('mining.set_extranonce');
      const [next, size] = set.params as [string, number];
      assert.notEqual(next, extranonce1);
      assert.match(next, /^4a11[0-9a-f]{4}$/);
      assert.equal(size, 4);
      const { jobId, clean } = await jobOf(client);
      assert.equal(clean, true);
      const share = grindShare(core.job(jobId), Buffer.from(next, 'hex'), { minDifficulty: D });
      assert.equal((await client.request('mining.submit', ['miner.rig1', jobId, share.extranonce2, share.ntime, share.nonce])).result, true);
      assert.equal(sessionOf(next).extranonce1, next);
    });

    it('reassignExtranonce without extranonce.subscribe sends client.reconnect', async () => {
      const client = await connect();
      const { extranonce1 } = await client.handshake();
      assert.equal(server.reassignExtranonce(sessionOf(extranonce1).id), true);
      const reconnect = await client.notification('client.reconnect');
      assert.deepEqual(reconnect.params, []);
      await client.waitClosed(5000);
      assert.equal(server.reassignExtranonce(123456), false);
    });

    it('session resume gives the same extranonce1 back when it is free, a new one when it is not', async () => {
      const first = await connect();
      const { extranonce1 } = await first.handshake();
      await first.close();
      for (let i = 0; i < 100 && server.connectionCount > 0; i++) await sleep(20);
      assert.equal(server.connectionCount, 0);
      const resumed = await connect();
      const again = await resumed.request('mining.subscribe', ['ua', extranonce1]);
      assert.equal((again.result as unknown[])[1], extranonce1);
      const other = await connect();
      const taken = await other.request('mining.subscribe', ['ua', extranonce1]);
      assert.notEqual((taken.result as unknown[])[1], extranonce1);
      // Another instance's value is never handed out.
      const foreign = await (await connect()).request('mining.subscribe', ['ua', '00000005']);
      assert.match(String((foreign.result as unknown[])[1]), /^4a11/);
    });

    it('is unique across 1000 concurrent connections', async () => {
      const seen = new Set<string>();
      for (let batch = 0; batch < 10; batch++) {
        const group = await Promise.all(Array.from({ length: 100 }, () => connect()));
        const replies = await Promise.all(group.map((c) => c.request('mining.subscribe', [])));
        for (const reply of replies) seen.add(String((reply.result as unknown[])[1]));
      }
      assert.equal(seen.size, 1000);
      for (const value of seen) assert.match(value, /^4a11[0-9a-f]{4}$/);
      assert.equal(server.connectionCount, 1000);
    });
  });

  describe('difficulty change in flight', () => {
    it('raised by suggest_difficulty to 4D: a share meeting D for the job sent at D is accepted, credited at D', async () => {
      const client = await connect();
      const { extranonce1 } = await client.handshake();
      const { jobId } = await jobOf(client);
      const share = grindShare(core.job(jobId), Buffer.from(extranonce1, 'hex'), { minDifficulty: D, belowDifficulty: 4 * D });
      assert.deepEqual((await client.notification('mining.set_difficulty')).params, [D]);
      await client.request('mining.suggest_difficulty', [4 * D]);
      assert.deepEqual((await client.notification('mining.set_difficulty')).params, [4 * D]);
      assert.deepEqual(await jobOf(client), { jobId, clean: false });
      const verdicts: ShareVerdict[] = [];
      server.on('share', (_i: SessionInfo, _w: string, verdict: ShareVerdict) => verdicts.push(verdict));
      assert.equal((await client.request('mining.submit', ['miner.rig1', jobId, share.extranonce2, share.ntime, share.nonce])).result, true);
      assert.equal(verdicts.length, 1);
      assert.equal(verdicts[0].ok && verdicts[0].creditedDifficulty, D);
      // A share of a job first sent at 4D must meet 4D.
      core.newTemplate(false);
      server.broadcastJobs(false);
      const { jobId: laterJob } = await jobOf(client);
      const low = grindShare(core.job(laterJob), Buffer.from(extranonce1, 'hex'), { minDifficulty: D, belowDifficulty: 4 * D });
      const refused = await client.request('mining.submit', ['miner.rig1', laterJob, low.extranonce2, low.ntime, low.nonce]);
      assert.equal((refused.error as unknown[])[0], 23);
    });

    it('raised by vardiff after fast shares: the earlier share at D is still accepted', async () => {
      await server.close();
      const vardiff = { enabled: true, targetSeconds: 1000, retargetSeconds: 1000, variancePercent: 30, min: 0.001, max: 4 * D, powersOfTwo: false };
      server = new StratumServer(serverOptions({ ports: [portOptions({ vardiff })] }), core);
      [{ port }] = await server.listen();
      const client = await connect();
      const { extranonce1 } = await client.handshake();
      const { jobId } = await jobOf(client);
      const job = core.job(jobId);
      const e1 = Buffer.from(extranonce1, 'hex');
      const held = grindShare(job, e1, { minDifficulty: D, belowDifficulty: 4 * D, extranonce2: 'ffffffff' });
      // Eight quick shares at far more than 4x the target rate retarget at once (vardiff's early rule).
      for (let i = 1; i <= 8; i++) {
        const share = grindShare(job, e1, { minDifficulty: D, extranonce2: i.toString(16).padStart(8, '0') });
        assert.equal((await client.request('mining.submit', ['miner.rig1', jobId, share.extranonce2, share.ntime, share.nonce])).result, true);
      }
      const raised = client.notifications('mining.set_difficulty').map((l) => l.params?.[0]);
      assert.deepEqual(raised, [D, 4 * D]);
      assert.deepEqual(await jobOf(client), { jobId, clean: false });
      assert.equal((await client.request('mining.submit', ['miner.rig1', jobId, held.extranonce2, held.ntime, held.nonce])).result, true);
    });

    it('lowering never rejects: shares meeting the lower difficulty pass on the job sent at the higher one', async () => {
      const client = await connect();
      const { extranonce1 } = await client.handshake('miner.rig1', `d=${4 * D}`);
      const { jobId } = await jobOf(client);
      await client.request('mining.suggest_difficulty', [D]);
      assert.deepEqual(await jobOf(client), { jobId, clean: false });
      const share = grindShare(core.job(jobId), Buffer.from(extranonce1, 'hex'), { minDifficulty: D, belowDifficulty: 4 * D });
      assert.equal((await client.request('mining.submit', ['miner.rig1', jobId, share.extranonce2, share.ntime, share.nonce])).result, true);
    });
  });

  describe('robustness', () => {
    it('a flood of submits without waiting: every one answered exactly once, in bounded memory', async () => {
      await server.close();
      core = new TestCore({ submitDelayMs: 30 });
      server = new StratumServer(serverOptions(), core);
      [{ port }] = await server.listen();
      const client = await connect();
      await client.handshake();
      const { jobId } = await jobOf(client);
      const count = 2000;
      const lines: string[] = [];
      for (let i = 0; i < count; i++) {
        lines.push(JSON.stringify({ id: `s${i}`, method: 'mining.submit', params: ['miner.rig1', jobId, i.toString(16).padStart(8, '0'), '00000000', '00000000'] }));
      }
      client.sendRaw(`${lines.join('\n')}\n`);
      const answers = await Promise.all(Array.from({ length: count }, (_, i) => client.reply(`s${i}`, 30_000)));
      for (const answer of answers) assert.equal((answer.error as unknown[])[0], 20, answer.raw);
      await sleep(50);
      assert.equal(client.received.filter((l) => l.isReply).length, count + 2);
      assert.equal((await client.request('mining.ping', [])).result, 'pong');
    });

    it('a core that cannot build a job: reported as server-error, the miner still gets its replies', async () => {
      await server.close();
      core = new TestCore();
      const failing = Object.assign(Object.create(core) as TestCore, {
        currentJob: (): never => {
          throw new Error('payout refused');
        },
      });
      server = new StratumServer(serverOptions(), failing);
      [{ port }] = await server.listen();
      const errors: string[] = [];
      server.on('server-error', (error: Error) => errors.push(error.message));
      const client = await connect();
      await client.handshake();
      assert.equal((await client.request('mining.suggest_difficulty', [1])).result, true);
      assert.equal(server.broadcastJobs(true).sessions, 0);
      assert.ok(errors.length >= 2);
      assert.ok(errors.every((m) => m === 'payout refused'));
      assert.equal((await client.request('mining.ping', [])).result, 'pong');
    });
  });

  describe('broadcast and close', () => {
    it('broadcastJobs reaches every ready session, with one encoded notify per job', async () => {
      const ready = await Promise.all([connect(), connect(), connect()]);
      for (const client of ready) await client.handshake();
      const idle = await connect();
      await idle.request('mining.subscribe', []);
      core.newTemplate(true);
      const result = server.broadcastJobs(true);
      assert.equal(result.sessions, 3);
      assert.equal(typeof result.lastWriteAt, 'number');
      const lines = new Set<string>();
      for (const client of ready) {
        await jobOf(client);
        const second = await client.notification('mining.notify');
        assert.equal(second.params?.[8], true);
        lines.add(second.raw);
      }
      assert.equal(lines.size, 1);
      assert.equal(idle.notifications('mining.notify').length, 0);
    });

    it('close(): client.reconnect to everyone, in-flight submits answered before the sockets close', async () => {
      await server.close();
      core = new TestCore({ submitDelayMs: 400 });
      server = new StratumServer(serverOptions(), core);
      [{ port }] = await server.listen();
      const client = await connect();
      const bystander = await connect();
      await bystander.request('mining.subscribe', []);
      const { extranonce1 } = await client.handshake();
      const { jobId } = await jobOf(client);
      const share = grindShare(core.job(jobId), Buffer.from(extranonce1, 'hex'), { minDifficulty: D });
      const answer = client.request('mining.submit', ['miner.rig1', jobId, share.extranonce2, share.ntime, share.nonce]);
      for (let i = 0; i < 100 && core.submits === 0; i++) await sleep(5);
      assert.equal(core.submits, 1);
      await server.close({ reconnect: { host: 'pool2.example', port: 3334, waitSeconds: 5 }, timeoutMs: 5000 });
      const reconnect = await client.notification('client.reconnect');
      assert.deepEqual(reconnect.params, ['pool2.example', 3334, 5]);
      assert.deepEqual((await bystander.notification('client.reconnect')).params, ['pool2.example', 3334, 5]);
      assert.equal((await answer).result, true);
      await client.waitClosed(5000);
      await bystander.waitClosed(5000);
      assert.equal(await StratumTestClient.probe(port), 'closed');
    });

    it('close(): a submit sent after client.reconnect, within the grace time, is still answered', async () => {
      const client = await connect();
      const { extranonce1 } = await client.handshake();
      const { jobId } = await jobOf(client);
      const share = grindShare(core.job(jobId), Buffer.from(extranonce1, 'hex'), { minDifficulty: D });
      const closing = server.close({ graceMs: 2000 });
      await client.notification('client.reconnect');
      const answer = await client.request('mining.submit', ['miner.rig1', jobId, share.extranonce2, share.ntime, share.nonce]);
      assert.equal(answer.result, true);
      await closing;
      await client.waitClosed(5000);
    });
  });
});
