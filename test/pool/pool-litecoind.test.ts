// The pool node end to end on a real litecoind regtest: blocks found by a real stratum
// miner (lib/miner) are accepted by litecoind and pay as the payout mode says, and every
// acknowledged share is a row in the share log.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PoolConfig } from '../../lib/config';
import { Miner } from '../../lib/miner/miner';
import { PoolNode } from '../../lib/pool/pool-node';
import { openSqliteShareLog } from '../../lib/sharelog';
import { regtestPoolConfig } from '../util/pool-config';
import { startLitecoind, stopAllLitecoind, waitFor, type LitecoindNode } from '../util/litecoind';

interface CoinbaseBlock {
  height: number;
  // litecoind 0.21 lists `addresses`; newer Core versions give one `address`.
  tx: Array<{ vout: Array<{ value: number; scriptPubKey: { address?: string; addresses?: string[] } }> }>;
}

const SATS = 100_000_000;

function startMiner(port: number, user: string): Miner & { accepted: number; rejected: string[] } {
  const miner = Object.assign(new Miner({ urls: [`stratum+tcp://127.0.0.1:${port}`], user, password: 'x', algorithm: 'scrypt', threads: 1 }), {
    accepted: 0,
    rejected: [] as string[],
  });
  miner.on('share', (event) => (event.accepted ? miner.accepted++ : miner.rejected.push(event.reason ?? '?')));
  miner.start();
  return miner;
}

/** The coinbase outputs (address -> LTC) of every block above `fromHeight`. */
async function coinbasesAbove(node: LitecoindNode, fromHeight: number): Promise<Array<Map<string, number>>> {
  const height = await node.rpc<number>('getblockcount');
  const out: Array<Map<string, number>> = [];
  for (let h = fromHeight + 1; h <= height; h++) {
    const block = await node.rpc<CoinbaseBlock>('getblock', await node.rpc<string>('getblockhash', h), 2);
    const paid = new Map<string, number>();
    for (const vout of block.tx[0]?.vout ?? []) {
      const address = vout.scriptPubKey.address ?? vout.scriptPubKey.addresses?.[0];
      if (address !== undefined) paid.set(address, (paid.get(address) ?? 0) + vout.value);
    }
    out.push(paid);
  }
  return out;
}

describe('pool node on litecoind regtest (end to end)', function () {
  this.timeout(180_000);
  let node: LitecoindNode;
  let dir: string;

  beforeEach(async () => {
    node = await startLitecoind();
    await node.mine(1); // out of initial block download
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-pool-e2e-'));
  });

  afterEach(async () => {
    await stopAllLitecoind();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function run(
    config: PoolConfig,
    users: string[],
    until: (pool: PoolNode) => Promise<boolean>,
  ): Promise<{ pool: PoolNode; miners: Array<ReturnType<typeof startMiner>> }> {
    const pool = await PoolNode.start(config);
    const port = pool.stratumPorts[0]?.port ?? 0;
    const miners = users.map((user) => startMiner(port, user));
    try {
      await waitFor(() => until(pool), 'blocks to be found', 120_000);
    } finally {
      await Promise.all(miners.map((m) => m.stop()));
      await pool.stop();
    }
    return { pool, miners };
  }

  async function shareRows(): Promise<number> {
    const log = openSqliteShareLog({ path: path.join(dir, 'shares.db') });
    try {
      return await log.shareCount();
    } finally {
      await log.close();
    }
  }

  it('solo: blocks found through stratum are accepted and pay the miner; every acknowledged share is logged', async () => {
    const address = await node.newAddress('bech32');
    const start = await node.rpc<number>('getblockcount');
    const config = await regtestPoolConfig(node, dir, { difficulty: 0.01 });
    const { miners } = await run(config, [`${address}.rig1`], async () => (await node.rpc<number>('getblockcount')) >= start + 3);

    const coinbases = await coinbasesAbove(node, start);
    assert.ok(coinbases.length >= 3);
    for (const paid of coinbases) {
      assert.deepEqual([...paid.keys()], [address], 'solo coinbase pays only the miner');
      assert.ok((paid.get(address) ?? 0) >= 50 - 1e-8 / SATS);
    }
    const miner = miners[0];
    assert.ok(miner !== undefined && miner.accepted > 0);
    // On regtest every share is a block, so each one moves the tip: a share found just
    // before the new job arrives is stale (21). Nothing else may be rejected.
    assert.deepEqual(miner.rejected.filter((reason) => !/^21\b/.test(reason)), [], 'only stale shares rejected');
    assert.equal(await shareRows(), miner.accepted, 'acknowledged shares = rows in the share log');
  });

  it('pool: the coinbase pays the pool address whoever mines', async () => {
    const poolAddress = await node.newAddress('p2sh-segwit');
    const start = await node.rpc<number>('getblockcount');
    const config = await regtestPoolConfig(node, dir, { difficulty: 0.01, overrides: (c) => {
      c.payout.mode = 'pool';
      c.payout.address = poolAddress;
    } });
    await run(config, ['alice.rig1'], async () => (await node.rpc<number>('getblockcount')) >= start + 2);
    const coinbases = await coinbasesAbove(node, start);
    for (const paid of coinbases) assert.deepEqual([...paid.keys()], [poolAddress]);
  });

  it('pplns: blocks pay the last shares by difficulty plus the pool fee, and the outputs sum to the block reward', async () => {
    const [alice, bob, feeAddress] = [await node.newAddress('bech32'), await node.newAddress('legacy'), await node.newAddress('bech32')];
    const start = await node.rpc<number>('getblockcount');
    const config = await regtestPoolConfig(node, dir, { difficulty: 0.01, overrides: (c) => {
      c.payout.mode = 'pplns';
      c.payout.address = feeAddress;
      c.payout.pplns = { windowFactor: 1000, feePercent: 2 };
    } });
    const paysBoth = async (): Promise<boolean> =>
      (await coinbasesAbove(node, start)).some((paid) => paid.has(alice) && paid.has(bob));
    await run(config, [`${alice}.a`, `${bob}.b`], paysBoth);

    const coinbases = await coinbasesAbove(node, start);
    const split = coinbases.find((paid) => paid.has(alice) && paid.has(bob));
    assert.ok(split !== undefined);
    const total = [...split.values()].reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total - 50) < 1e-6, `outputs sum to the reward (${total})`);
    const fee = split.get(feeAddress) ?? 0;
    assert.ok(Math.abs(fee - total * 0.02) < 1e-4, `2% fee, got ${fee} of ${total}`);
    assert.deepEqual(new Set(split.keys()), new Set([alice, bob, feeAddress]));
    // Before any share, the window is empty and the fee address gets everything.
    assert.deepEqual([...(coinbases[0]?.keys() ?? [])], [feeAddress]);
  });

  it('a block the journal saw found but the share log never recorded (a crash in between) is recorded at start', async () => {
    const address = await node.newAddress('bech32');
    const [hash] = await node.mine(1, address);
    assert.ok(hash !== undefined);
    const height = await node.rpc<number>('getblockcount');
    const journal = path.join(dir, 'blocks.jsonl');
    fs.writeFileSync(
      journal,
      `${JSON.stringify({ event: 'found', at: new Date().toISOString(), height, hash, hex: '00', finder: `${address}.rig9` })}\n` +
        `${JSON.stringify({ event: 'found', hash: 'ab'.repeat(32), height: 99, hex: '00' })}\n{"event":"fou`,
    );
    const pool = await PoolNode.start(await regtestPoolConfig(node, dir, { difficulty: 0.01 }));
    await pool.stop();
    const log = openSqliteShareLog({ path: path.join(dir, 'shares.db') });
    try {
      const blocks = await log.blocks(10);
      assert.equal(blocks.length, 1, 'the unknown hash is not invented into a block');
      assert.deepEqual(
        { hash: blocks[0]?.hash, height: blocks[0]?.height, worker: blocks[0]?.worker, user: blocks[0]?.user, reward: blocks[0]?.reward, status: blocks[0]?.status },
        { hash, height, worker: `${address}.rig9`, user: address, reward: 50n * 100_000_000n, status: 'pending' },
      );
    } finally {
      await log.close();
    }
  });
});

