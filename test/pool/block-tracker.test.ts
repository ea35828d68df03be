// Found blocks followed on a real litecoind regtest: pending until coinbase maturity, then
// confirmed; a block knocked off the best chain becomes orphaned.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../lib/log/logger';
import { BlockSubmitter } from '../../lib/mining';
import { BlockTracker } from '../../lib/pool/block-tracker';
import { DaemonClient, DaemonPool } from '../../lib/rpc';
import { openSqliteShareLog, type BlockRecord, type SqliteShareLog } from '../../lib/sharelog';
import { startLitecoind, stopAllLitecoind, type LitecoindNode } from '../util/litecoind';

const MATURITY = 100;

describe('block tracker on litecoind regtest', function () {
  this.timeout(120_000);
  let node: LitecoindNode;
  let daemons: DaemonPool;
  let log: SqliteShareLog;
  let dir: string;
  let tracker: BlockTracker;

  before(async () => {
    node = await startLitecoind();
    daemons = new DaemonPool([{ client: new DaemonClient({ url: node.rpcUrl, name: 'a' }), priority: 1 }]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-tracker-'));
    log = openSqliteShareLog({ path: path.join(dir, 'shares.db') });
    tracker = new BlockTracker({
      daemons,
      submitter: new BlockSubmitter(daemons),
      shareLog: log,
      poolInstance: 0,
      maturity: MATURITY,
      log: silentLogger,
      onRecorded: () => undefined,
    });
  });

  after(async () => {
    await log.close();
    daemons.close();
    await stopAllLitecoind();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function pending(hash: string, height: number): BlockRecord {
    return { height, hash, time: Date.now(), worker: 'w.1', user: 'w', reward: 5_000_000_000n, status: 'pending', submitResult: null, confirmations: 0, poolInstance: 0 };
  }

  async function statusOf(hash: string): Promise<{ status: string; confirmations: number }> {
    const block = (await log.blocks(100)).find((b) => b.hash === hash);
    assert.ok(block !== undefined);
    return { status: block.status, confirmations: block.confirmations };
  }

  it('keeps a block pending with its confirmations, then confirms it at maturity', async () => {
    const [hash] = await node.mine(1);
    assert.ok(hash !== undefined);
    await log.recordBlock(pending(hash, await node.rpc<number>('getblockcount')));
    await node.mine(10);
    await tracker.refresh();
    assert.deepEqual(await statusOf(hash), { status: 'pending', confirmations: 11 });
    await node.mine(MATURITY - 11);
    await tracker.refresh();
    assert.deepEqual(await statusOf(hash), { status: 'confirmed', confirmations: MATURITY });
  });

  it('marks a block that left the best chain orphaned, and one the daemon never saw too', async () => {
    const [hash] = await node.mine(1);
    assert.ok(hash !== undefined);
    await log.recordBlock(pending(hash, await node.rpc<number>('getblockcount')));
    await log.recordBlock(pending('ab'.repeat(32), 1));
    await node.rpc('invalidateblock', hash);
    await node.mine(2); // the competing branch
    await tracker.refresh();
    assert.equal((await statusOf(hash)).status, 'orphaned');
    assert.equal((await statusOf('ab'.repeat(32))).status, 'orphaned');
    assert.deepEqual(await log.pendingBlocks(), []);
  });
});
