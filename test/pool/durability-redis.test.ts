// Redis stopped and restarted while the pool is under load: shares keep being acknowledged
// from the local disk buffer during the outage, and after the restart and a graceful stop
// every acknowledged share is in the Redis stream exactly once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configFromSources } from '../../lib/config';
import { PoolNode } from '../../lib/pool/pool-node';
import { getNetwork } from '../../lib/protocol';
import { freePort, sleep, startLitecoind, stopAllLitecoind, waitFor, type LitecoindNode } from '../util/litecoind';
import { startRedis, stopAllRedis, type RedisServer } from '../util/redis';
import { duplicates, streamHashes } from '../sharelog/redis-read';
import { openRedisShareLog } from '../../lib/sharelog';
import { LoadClient } from './load-client';

const NETWORK = getNetwork('litecoin-regtest');
const PREFIX = 'durability:';

describe('pool durability: Redis stopped and restarted under load', function () {
  this.timeout(120_000);
  let node: LitecoindNode;
  let redis: RedisServer;
  let dir: string;
  let pool: PoolNode | undefined;
  let load: LoadClient | undefined;

  before(async () => {
    [node, redis] = await Promise.all([startLitecoind(), startRedis()]);
    await node.mine(1); // out of initial block download
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-durability-redis-'));
  });

  after(async () => {
    await load?.stop();
    await pool?.stop();
    await Promise.all([stopAllLitecoind(), stopAllRedis()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges from the disk buffer while Redis is down; every acknowledged share reaches Redis exactly once', async () => {
    const config = configFromSources({
      flags: {
        network: 'litecoin-regtest',
        daemon: [node.rpcUrl],
        stratumPort: [await freePort()],
        difficulty: 0.001,
        payoutMode: 'pool',
        address: await node.newAddress('bech32'),
        shareLog: dir,
      },
    });
    config.p2p = { host: '127.0.0.1', port: node.p2pPort };
    config.shareLog.backend = 'redis';
    config.shareLog.redis = { url: redis.url, keyPrefix: PREFIX };
    config.stratum.host = '127.0.0.1';
    // On regtest nearly every share is a block, so about half the submits go stale (21) as
    // jobs turn over; the invalid-share ban would take that for a broken miner.
    config.stratum.ban.enabled = false;
    config.monitor.enabled = false;
    config.log.level = 'error';
    for (const port of config.stratum.ports) port.vardiff.enabled = false;

    const heightBefore = await node.rpc<number>('getblockcount');
    pool = await PoolNode.start(config);
    const port = pool.stratumPorts[0]?.port ?? 0;
    load = await LoadClient.start({ port, connections: 8, user: 'durable', pow: NETWORK.pow, difficultyFactor: NETWORK.difficultyFactor });

    await sleep(1500);
    await waitFor(() => (load?.acknowledged.length ?? 0) >= 30, 'acknowledged shares before the outage', 20_000);
    await redis.terminate();
    const atStop = load.acknowledged.length;
    await sleep(2000);
    const afterTwoSeconds = load.acknowledged.length - atStop;
    // Shares must keep being acknowledged from the disk buffer while Redis is down.
    await waitFor(() => (load?.acknowledged.length ?? 0) >= atStop + 10, 'shares acknowledged while Redis is down', 15_000);
    const duringOutage = load.acknowledged.length - atStop;
    assert.equal(redis.running, false);
    await redis.restart();
    const atRestart = load.acknowledged.length;
    await sleep(2000);
    await waitFor(() => (load?.acknowledged.length ?? 0) >= atRestart + 30, 'acknowledged shares after the restart', 20_000);
    await load.stop();
    // A graceful stop drains the disk buffer into Redis before the share log closes.
    await pool.stop();

    const counts = load.counts();
    const stored = await streamHashes(redis.url, PREFIX);
    const have = new Set(stored);
    const lost = load.acknowledged.filter((h) => !have.has(h));
    console.log(
      `      ${JSON.stringify(counts)}; acknowledged while Redis was down: ${duringOutage} (${afterTwoSeconds} in its first 2 s); stream entries ${stored.length}, lost ${lost.length}`,
    );
    assert.deepEqual(load.errors, []);
    assert.deepEqual(lost, [], 'acknowledged shares missing from Redis');
    assert.deepEqual(duplicates(stored), [], 'shares stored twice');
    assert.equal(stored.length, load.acknowledged.length, 'shares stored but never acknowledged');
    assert.equal(new Set(load.acknowledged).size, load.acknowledged.length, 'no hash acknowledged twice');

    // Every block the pool got onto the chain, the outage and the last moments before the stop
    // included, is recorded.
    const tip = await node.rpc<number>('getblockcount');
    const chain: string[] = [];
    for (let h = heightBefore + 1; h <= tip; h++) chain.push(await node.rpc<string>('getblockhash', h));
    const reader = await openRedisShareLog({ url: redis.url, keyPrefix: PREFIX, bufferDir: path.join(dir, 'reader-buffer') });
    try {
      const recorded = new Set((await reader.blocks(1_000_000)).map((block) => block.hash));
      assert.ok(chain.length > 0, 'no block found');
      assert.deepEqual(chain.filter((h) => !recorded.has(h)), [], 'blocks on the chain missing from the share log');
    } finally {
      await reader.close();
    }
  });
});
