// The Miner library against the independent stratum server (its own header building and
// share checks): every algorithm, extranonce2 sizes with rolling, clean jobs, version
// rolling, set_extranonce, restarts, failover, client.reconnect and a custom PoW.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Miner, registerPow, unregisterPow, type MinerOptions } from '../../lib/miner';
import { IndependentStratumServer, type IndependentAlgorithm, type IndependentServerOptions } from '../util/independent-stratum-server';
import { freePort } from '../util/litecoind';
import { TEST_DIFFICULTY, until } from './helpers';

describe('Miner against the independent stratum server', function () {
  this.timeout(90_000);
  const servers: IndependentStratumServer[] = [];
  const miners: Miner[] = [];

  afterEach(async () => {
    for (const miner of miners.splice(0)) await miner.stop();
    for (const server of servers.splice(0)) await server.stop();
  });

  async function serve(options: Partial<IndependentServerOptions> & { algorithm: IndependentAlgorithm }): Promise<IndependentStratumServer> {
    const server = new IndependentStratumServer({ difficulty: TEST_DIFFICULTY[options.algorithm], ...options });
    await server.start();
    servers.push(server);
    return server;
  }

  function mine(urls: string[], options: Partial<MinerOptions> = {}): Miner {
    const miner = new Miner({
      urls, user: 'tester', algorithm: 'sha256d', threads: 2, hashrateIntervalMs: 500,
      client: { initialBackoffMs: 100, maxBackoffMs: 500, requestTimeoutMs: 5000 }, ...options,
    });
    miners.push(miner);
    miner.start();
    return miner;
  }

  for (const algorithm of ['sha256d', 'scrypt', 'x11'] as const) {
    it(`${algorithm}: shares accepted, none rejected`, async () => {
      const server = await serve({ algorithm });
      const miner = mine([server.url], { algorithm });
      await until(() => server.accepted().length >= 8, `${algorithm} shares`);
      assert.deepEqual(server.rejected(), []);
      assert.equal(miner.stats.rejected, 0);
      assert.ok(miner.stats.accepted > 0);
    });
  }

  for (const size of [2, 4, 8]) {
    it(`extranonce2 of ${size} bytes rolls when a unit's nonces run out`, async () => {
      const server = await serve({ algorithm: 'sha256d', extranonce2Size: size, difficulty: 2 ** -16 });
      mine([server.url], { scan: { noncesPerUnit: 1 << 14 } });
      const distinct = (): Set<string> => new Set(server.accepted().map((s) => s.extranonce2));
      await until(() => distinct().size >= 6, 'shares over several extranonce2 values');
      assert.deepEqual(server.rejected(), []);
      for (const e2 of distinct()) assert.equal(e2.length, 2 * size);
    });
  }

  it('honours clean jobs: nothing for an old job once the miner has read the clean notify', async () => {
    const server = await serve({ algorithm: 'sha256d', difficulty: 2 ** -16 });
    mine([server.url]);
    await until(() => server.accepted().length >= 5, 'first shares');
    for (let round = 0; round < 5; round++) {
      const job = server.newJob(true);
      const fence = server.sendFence();
      await until(() => server.fences.has(fence) && server.accepted().some((s) => s.jobId === job.id), `shares for ${job.id}`);
      const fenceSeq = server.fences.get(fence) as number;
      const late = server.submits.filter((s) => s.seq > fenceSeq && s.jobId !== job.id && !s.forCurrentJob);
      assert.deepEqual(late, [], 'a share for a replaced job was submitted after the clean notify was read');
    }
    // The only rejections allowed are shares already in flight when the clean notify went out.
    const lastFence = Math.max(...server.fences.values());
    for (const share of server.rejected()) {
      assert.equal(share.code, 21);
      assert.ok(share.seq < lastFence);
    }
  });

  it('rolls version bits inside the granted mask, and not at all with versionRolling false', async () => {
    const server = await serve({ algorithm: 'sha256d', versionMask: 0x1fffe000 });
    const miner = mine([server.url]);
    await until(() => server.accepted().filter((s) => s.versionBits !== undefined && s.versionBits !== '00000000').length >= 3, 'rolled shares');
    assert.deepEqual(server.rejected(), []);
    for (const share of server.accepted()) assert.equal(Number.parseInt(share.versionBits ?? '0', 16) & ~0x1fffe000, 0);
    await miner.stop();
    const plain = mine([server.url], { versionRolling: false });
    await until(() => plain.stats.accepted >= 3, 'shares without rolling');
    const last = server.accepted().slice(-3);
    for (const share of last) assert.equal(share.versionBits, undefined);
  });

  it('applies set_extranonce from the next job', async () => {
    const server = await serve({ algorithm: 'sha256d', difficulty: 2 ** -16 });
    mine([server.url]);
    await until(() => server.accepted().length >= 3, 'first shares');
    server.setExtranonce(8);
    const job = server.newJob(false);
    await until(() => server.accepted().filter((s) => s.jobId === job.id).length >= 3, 'shares with the new extranonce');
    for (const share of server.accepted().filter((s) => s.jobId === job.id)) assert.equal(share.extranonce2.length, 16);
    assert.deepEqual(server.rejected(), []);
  });

  it('stop() with shares in flight and a new job arriving: every sent share gets its verdict, none is sent after', async () => {
    const server = await serve({ algorithm: 'sha256d', difficulty: 2 ** -16, submitReplyDelayMs: 200 });
    const miner = mine([server.url]);
    const cutOff: string[] = [];
    miner.on('share', (event) => {
      if (!event.accepted && (event.reason === 'disconnected' || event.reason === 'timeout')) cutOff.push(event.reason);
    });
    await until(() => server.accepted().length >= 20, 'a stream of shares');
    const stopped = miner.stop();
    // As on regtest, where every share is a block: new work comes while stop() waits for answers.
    await new Promise((resolve) => setTimeout(resolve, 20));
    server.newJob(true);
    await stopped;
    assert.deepEqual(cutOff, []);
    assert.equal(miner.stats.unanswered, 0);
    assert.equal(miner.stats.accepted, server.accepted().length, 'the server accepted exactly what the miner counted');
  });

  it('reconnects after the server restarts on the same port', async () => {
    const server = await serve({ algorithm: 'sha256d' });
    const miner = mine([server.url]);
    await until(() => server.accepted().length >= 2, 'shares before the restart');
    let disconnects = 0;
    miner.on('disconnected', () => disconnects++);
    await server.stop();
    await until(() => disconnects > 0, 'the miner to notice');
    const before = server.accepted().length;
    await server.start();
    await until(() => server.accepted().length >= before + 2, 'shares after the restart');
    assert.ok(server.connectionsSeen.length >= 2);
    assert.deepEqual(server.rejected(), []);
  });

  it('fails over to the next -o URL when the first is down', async () => {
    const dead = await freePort();
    const server = await serve({ algorithm: 'sha256d' });
    const miner = mine([`stratum+tcp://127.0.0.1:${dead}`, server.url]);
    await until(() => server.accepted().length >= 2, 'shares on the second URL');
    assert.equal(miner.client.sessionInfo?.url, server.url);
  });

  it('follows client.reconnect to another host:port', async () => {
    const first = await serve({ algorithm: 'sha256d' });
    const second = await serve({ algorithm: 'sha256d' });
    mine([first.url]);
    await until(() => first.accepted().length >= 1, 'shares on the first server');
    first.sendReconnect('127.0.0.1', second.port, 0);
    await until(() => second.accepted().length >= 2, 'shares on the second server');
    await until(() => first.connectionCount === 0, 'the first connection to close');
  });

  it('sends suggest_difficulty when asked', async () => {
    const server = await serve({ algorithm: 'sha256d' });
    mine([server.url], { suggestDifficulty: 0.5 });
    await until(() => server.suggested.length > 0, 'suggest_difficulty');
    assert.deepEqual(server.suggested, [0.5]);
  });

  it('mines a custom PoW (nightminer example: md5 zero-extended, little-endian)', async () => {
    registerPow('md5', {
      hash: (header) => Buffer.concat([crypto.createHash('md5').update(header).digest(), Buffer.alloc(16)]),
      difficultyFactor: 1,
    });
    try {
      const server = await serve({ algorithm: 'md5' });
      const miner = mine([server.url], { algorithm: 'md5' });
      await until(() => server.accepted().length >= 5, 'md5 shares');
      assert.deepEqual(server.rejected(), []);
      assert.equal(miner.scanPool.threads, 1);
    } finally {
      unregisterPow('md5');
    }
  });
});
