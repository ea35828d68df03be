// A found block is never dropped: with every daemon unreachable the submitter retries,
// reports 'unreachable', and the block's hex is already in the journal for a resubmit.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BlockSubmitter } from '../../lib/mining/block-submitter';
import { DaemonClient, DaemonPool } from '../../lib/rpc';
import { freePort } from '../util/litecoind';

describe('BlockSubmitter with no daemon reachable', function () {
  it('retries, reports unreachable, and keeps the block in the journal', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-submit-'));
    const journalPath = path.join(dir, 'blocks.jsonl');
    const daemons = new DaemonPool([
      { client: new DaemonClient({ url: `http://u:p@127.0.0.1:${await freePort()}`, name: 'down1', timeoutMs: 500 }), priority: 2 },
      { client: new DaemonClient({ url: `http://u:p@127.0.0.1:${await freePort()}`, name: 'down2', timeoutMs: 500 }), priority: 1 },
    ]);
    try {
      const block = { height: 7, hash: 'ab'.repeat(32), hex: '00'.repeat(81) };
      const record = await new BlockSubmitter(daemons, { retries: 2, retryDelayMs: 10, journalPath }).submit(block);
      assert.equal(record.outcome.kind, 'unreachable');
      assert.deepEqual(record.perDaemon.map((d) => [d.name, d.outcome.kind, d.attempts]).sort(), [
        ['down1', 'unreachable', 3],
        ['down2', 'unreachable', 3],
      ]);
      const lines = fs.readFileSync(journalPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.equal(lines[0].event, 'found');
      assert.equal(lines[0].hex, block.hex);
      assert.equal(lines[1].event, 'outcome');
    } finally {
      daemons.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
