// End to end as a user runs it: `hashpool mine` (child) -> `hashpool pool` (child) ->
// litecoind regtest. Blocks the miner finds are accepted by litecoind and pay the miner's
// address (solo payout), with no share rejected.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startLitecoind, stopAllLitecoind, type LitecoindNode } from '../util/litecoind';
import { until } from './helpers';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'hashpool.js');

describe('hashpool mine -> hashpool pool -> litecoind regtest', function () {
  this.timeout(240_000);
  let node: LitecoindNode;
  let dir: string;
  const children: ChildProcess[] = [];

  before(async () => {
    node = await startLitecoind();
    await node.mine(1);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-mine-e2e-'));
  });

  after(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await stopAllLitecoind();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds blocks that litecoind accepts, paying the miner', async () => {
    const stratumPort = await freePort();
    const config = path.join(dir, 'pool.yml');
    fs.writeFileSync(config, [
      'network: litecoin-regtest',
      `daemons:\n  - url: ${node.rpcUrl}`,
      `p2p:\n  host: 127.0.0.1\n  port: ${node.p2pPort}`,
      `payout:\n  mode: solo`,
      `shareLog:\n  dir: ${path.join(dir, 'shares')}`,
      `stratum:\n  ports:\n    - port: ${stratumPort}\n      difficulty: 0.01`,
      // No fixed port in a test: the monitor would want 8080, which may be taken.
      'monitor:\n  enabled: false',
      'log:\n  level: warn',
      '',
    ].join('\n'));
    const pool = spawn(process.execPath, [BIN, 'pool', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(pool);
    let poolOut = '';
    pool.stdout?.on('data', (d: Buffer) => (poolOut += d.toString()));
    pool.stderr?.on('data', (d: Buffer) => (poolOut += d.toString()));
    const address = await node.newAddress('bech32');
    const startHeight = await node.rpc<number>('getblockcount');
    const miner = spawn(process.execPath, [BIN, 'mine', '-o', `stratum+tcp://127.0.0.1:${stratumPort}`, '-u', `${address}.rig`, '-p', 'x', '-a', 'scrypt', '-t', '2', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(miner);
    let minerOut = '';
    miner.stdout?.on('data', (d: Buffer) => (minerOut += d.toString()));
    miner.stderr?.on('data', (d: Buffer) => (minerOut += d.toString()));
    const height = async (): Promise<number> => node.rpc<number>('getblockcount');
    let current = startHeight;
    try {
      await until(() => {
        void height().then((h) => (current = h));
        return current >= startHeight + 2;
      }, 'two blocks from the miner', 200_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\npool: ${poolOut.slice(-2000)}\nminer: ${minerOut.slice(-2000)}`);
    }
    for (let h = startHeight + 1; h <= startHeight + 2; h++) {
      const block = await node.rpc<{ tx: Array<{ vout: Array<{ scriptPubKey: { address?: string; addresses?: string[] } }> }> }>(
        'getblock', await node.rpc<string>('getblockhash', h), 2,
      );
      const paid = block.tx[0].vout.map((v) => v.scriptPubKey.address ?? v.scriptPubKey.addresses?.[0]);
      assert.ok(paid.includes(address), `block ${h} pays ${paid.join(',')}`);
    }
    const shares = minerOut.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event: string; accepted?: boolean; reason?: string });
    assert.ok(shares.some((e) => e.event === 'share' && e.accepted === true));
    assert.deepEqual(shares.filter((e) => e.event === 'share' && e.accepted === false && e.reason !== undefined && !e.reason.startsWith('21')), []);
  });
});
