// kill -9 of the pool process under load loses no acknowledged share, and a restart on the
// same config keeps the log and goes on: every share a client saw `true` for is a row in
// <dir>/shares.db. The pool runs as `node bin/hashpool.js pool --config FILE`, as a user runs it.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { getNetwork } from '../../lib/protocol';
import { openDatabase } from '../../lib/sharelog/sqlite-binding';
import { freePort, sleep, startLitecoind, stopAllLitecoind, waitFor, type LitecoindNode } from '../util/litecoind';
import { LoadClient } from './load-client';

const BIN = path.resolve(__dirname, '../../../bin/hashpool.js');
const NETWORK = getNetwork('litecoin-regtest');
const CONNECTIONS = 8;

interface PoolProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

function spawnPool(configFile: string): PoolProcess {
  const child = spawn(process.execPath, [BIN, 'pool', '--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (text: string) => {
      output = (output + text).slice(-8000);
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitListening(pool: PoolProcess, port: number): Promise<void> {
  let exited = false;
  void pool.exited.then(() => (exited = true));
  await waitFor(async () => exited || (await accepts(port)), `stratum port ${port}`, 30_000);
  if (exited) throw new Error(`pool exited during start-up: ${pool.output()}`);
}

/** The hash column of the share log's `shares` or `blocks` table, read straight from the file. */
function loggedHashes(dir: string, table: 'shares' | 'blocks'): Set<string> {
  const db = openDatabase(path.join(dir, 'shares.db'), 5000);
  try {
    return new Set(db.prepare<{ hash: string }>(`SELECT hash FROM ${table}`).all().map((row) => row.hash));
  } finally {
    db.close();
  }
}

/** Hashes of the chain's blocks above `height` (on regtest only the pool mines after start). */
async function chainAbove(node: LitecoindNode, height: number): Promise<string[]> {
  const tip = await node.rpc<number>('getblockcount');
  const hashes: string[] = [];
  for (let h = height + 1; h <= tip; h++) hashes.push(await node.rpc<string>('getblockhash', h));
  return hashes;
}

describe('pool durability: kill -9 under load, then restart', function () {
  this.timeout(120_000);
  let node: LitecoindNode;
  let dir: string;
  const pools: PoolProcess[] = [];

  before(async () => {
    node = await startLitecoind();
    await node.mine(1); // out of initial block download
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-durability-kill-'));
  });

  after(async () => {
    for (const pool of pools) pool.child.kill('SIGKILL');
    await Promise.all(pools.map((pool) => pool.exited));
    await stopAllLitecoind();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every share acknowledged before SIGKILL is in shares.db; the restarted pool keeps it, logs more, and stops cleanly on SIGTERM', async () => {
    const stratumPort = await freePort();
    const configFile = path.join(dir, 'pool.yml');
    // JSON is YAML; the keys are those of config.example.yml.
    const config = {
      network: 'litecoin-regtest',
      daemons: [{ url: node.rpcUrl }],
      p2p: { host: '127.0.0.1', port: node.p2pPort },
      payout: { mode: 'pool', address: await node.newAddress('bech32') },
      shareLog: { backend: 'sqlite', dir: path.join(dir, 'data') },
      // On regtest nearly every share is a block, so about half the submits go stale (21) as
      // jobs turn over; the invalid-share ban would take that for a broken miner.
      stratum: { host: '127.0.0.1', ban: { enabled: false }, ports: [{ port: stratumPort, difficulty: 0.001, vardiff: { enabled: false } }] },
      monitor: { enabled: false },
      log: { level: 'error' },
    };
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    const dataDir = config.shareLog.dir;
    const loadOptions = { port: stratumPort, connections: CONNECTIONS, user: 'durable', pow: NETWORK.pow, difficultyFactor: NETWORK.difficultyFactor };

    // Run 1: load, then SIGKILL in the middle of it.
    const first = spawnPool(configFile);
    pools.push(first);
    await waitListening(first, stratumPort);
    const load1 = await LoadClient.start(loadOptions);
    await sleep(3000);
    await waitFor(() => load1.acknowledged.length >= 50, 'acknowledged shares before the kill', 20_000);
    first.child.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');
    await load1.stop();
    assert.deepEqual(load1.errors, []);

    const rowsAfterKill = loggedHashes(dataDir, 'shares');
    const lost1 = load1.acknowledged.filter((h) => !rowsAfterKill.has(h));
    console.log(`      run 1 (kill -9): ${JSON.stringify(load1.counts())}, rows ${rowsAfterKill.size}, lost ${lost1.length}`);
    assert.ok(load1.acknowledged.length > 0);
    assert.equal(new Set(load1.acknowledged).size, load1.acknowledged.length, 'no hash acknowledged twice');
    assert.deepEqual(lost1, [], 'acknowledged shares missing from shares.db after kill -9');

    // Run 2: the same config opens the same log and goes on.
    const heightBefore2 = await node.rpc<number>('getblockcount');
    const second = spawnPool(configFile);
    pools.push(second);
    await waitListening(second, stratumPort);
    const load2 = await LoadClient.start(loadOptions);
    await sleep(2000);
    await waitFor(() => load2.acknowledged.length >= 50, 'acknowledged shares after the restart', 20_000);
    second.child.kill('SIGTERM');
    const exit = await second.exited;
    assert.deepEqual(exit, { code: 0, signal: null }, `graceful exit; output: ${second.output()}`);
    await load2.stop();
    assert.deepEqual(load2.errors, []);

    const rowsAfterStop = loggedHashes(dataDir, 'shares');
    const lost2 = load2.acknowledged.filter((h) => !rowsAfterStop.has(h));
    console.log(
      `      run 2 (SIGTERM): ${JSON.stringify(load2.counts())}, rows ${rowsAfterStop.size}, lost ${lost2.length}, ` +
        `client.reconnect on ${load2.reconnected}/${CONNECTIONS} connections`,
    );
    assert.deepEqual([...rowsAfterKill].filter((h) => !rowsAfterStop.has(h)), [], 'rows of run 1 survive the restart');
    assert.deepEqual(lost2, [], 'acknowledged shares of run 2 missing from shares.db');
    // A graceful stop answers every share it committed, so run 2 adds exactly what it acknowledged.
    assert.equal(rowsAfterStop.size, rowsAfterKill.size + load2.acknowledged.length, 'rows committed but never acknowledged on SIGTERM');
    assert.ok(load2.reconnected > 0, 'no client got client.reconnect on SIGTERM');
    // Blocks found by the last shares before SIGTERM are recorded before the log closes.
    const chain = await chainAbove(node, heightBefore2);
    const blocks = loggedHashes(dataDir, 'blocks');
    assert.ok(chain.length > 0, 'run 2 found no block');
    assert.deepEqual(chain.filter((h) => !blocks.has(h)), [], 'blocks on the chain missing from the share log');
  });
});
