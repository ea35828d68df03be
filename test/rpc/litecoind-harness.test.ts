// The litecoind test harness itself: what other suites rely on (wallet across restarts,
// address types, blocknotify, cleanup, and no daemon outliving the test process).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RpcError } from '../../lib/rpc/errors';
import { startLitecoind, stopAllLitecoind, waitFor, type LitecoindNode } from '../util/litecoind';

describe('rpc: litecoind test harness', function () {
  this.timeout(60_000);
  let node: LitecoindNode;
  let scratch: string;
  let notifyLog: string;

  before(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'hashpool-harness-'));
    notifyLog = path.join(scratch, 'blocks.log');
    node = await startLitecoind({ blocknotify: `echo %s >> ${notifyLog}` });
  });
  after(async () => {
    await stopAllLitecoind();
    await rm(scratch, { recursive: true, force: true });
  });

  it('own ports, credentials in rpcUrl, no discovered local addresses', async () => {
    const info = await node.rpc<{ localaddresses: unknown[] }>('getnetworkinfo');
    assert.deepEqual(info.localaddresses, []);
    assert.notEqual(node.p2pPort, node.rpcPort);
    assert.match(node.rpcUrl, new RegExp(`^http://pool:[^@]+@127\\.0\\.0\\.1:${node.rpcPort}$`));
  });

  it('newAddress gives every type; the wallet is "pool"', async () => {
    assert.match(await node.newAddress(), /^rltc1q/);
    assert.match(await node.newAddress('bech32'), /^rltc1q/);
    assert.match(await node.newAddress('legacy'), /^[mn]/);
    assert.match(await node.newAddress('p2sh-segwit'), /^Q/);
    assert.match(await node.newAddress('mweb'), /^tmweb1/);
    assert.deepEqual(await node.rpc<string[]>('listwallets'), ['pool']);
  });

  it('mine() returns block hashes and blocknotify fires for them', async () => {
    const hashes = await node.mine(3);
    assert.equal(hashes.length, 3);
    assert.equal(await node.rpc<number>('getblockcount'), 3);
    // Each notification runs in its own thread, so the order is not guaranteed.
    await waitFor(async () => {
      const lines = existsSync(notifyLog) ? (await readFile(notifyLog, 'utf8')).trim().split('\n') : [];
      return hashes.every((h) => lines.includes(h));
    }, 'blocknotify lines');
  });

  it('restart() after kill() keeps datadir, ports, chain and the loaded wallet', async () => {
    const address = await node.newAddress('legacy');
    await node.rpc('gettxoutsetinfo'); // forces the chainstate to disk before the kill
    node.kill();
    await node.restart();
    assert.equal(await node.rpc<number>('getblockcount'), 3);
    assert.deepEqual(await node.rpc<string[]>('listwallets'), ['pool']);
    const info = await node.client.call<{ ismine: boolean }>('getaddressinfo', [address], { wallet: 'pool' });
    assert.equal(info.ismine, true);
  });

  it('getblocktemplate on a lone node: -9 (the harness documents why connectPair exists)', async () => {
    await assert.rejects(node.rpc('getblocktemplate', { rules: ['segwit', 'mweb'] }), (error: unknown) => {
      assert.ok(error instanceof RpcError);
      assert.equal(error.rpcCode, -9);
      return true;
    });
  });

  it('stop() ends the daemon and removes its datadir', async () => {
    const other = await startLitecoind();
    const pid = Number(readFileSync(path.join(other.datadir, 'regtest', 'bitcoind.pid'), 'utf8'));
    await other.stop();
    assert.equal(existsSync(other.datadir), false);
    assert.equal(isAlive(pid), false);
  });

  for (const ending of ['process.exit(0)', "process.kill(process.pid, 'SIGTERM')"]) {
    it(`a test process that ends without cleanup (${ending}) takes its daemons with it`, async () => {
      const harness = path.join(__dirname, '..', 'util', 'litecoind.js');
      const script = `
        const { startLitecoind } = require(${JSON.stringify(harness)});
        const fs = require('fs');
        startLitecoind().then((n) => {
          const pid = fs.readFileSync(n.datadir + '/regtest/bitcoind.pid', 'utf8').trim();
          fs.writeSync(1, JSON.stringify({ pid: Number(pid), datadir: n.datadir }));
          ${ending};
          setTimeout(() => {}, 10000);
        });`;
      const stdout = await new Promise<string>((resolve) => {
        // The SIGTERM case ends with an error (killed by signal); only its output matters.
        execFile(process.execPath, ['-e', script], { timeout: 30_000 }, (_error, out) => resolve(out));
      });
      const { pid, datadir } = JSON.parse(stdout) as { pid: number; datadir: string };
      await waitFor(() => !isAlive(pid), `litecoind ${pid} to die`, 5000);
      assert.equal(existsSync(datadir), false);
    });
  }
});

/** True while the process runs; a zombie (killed, not yet reaped) counts as dead. */
function isAlive(pid: number): boolean {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return !/^State:\s+Z/m.test(status);
  } catch {
    return false;
  }
}
