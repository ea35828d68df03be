// One table of behaviour run against both backends.

import assert from 'node:assert/strict';
import { ShareLogError, type PplnsEntry, type ShareLog } from '../../lib/sharelog';
import { makeBlock, makeShare, redisBackend, sqliteBackend, type Backend } from './fixtures';

function rejectsWith(code: string): (error: unknown) => boolean {
  return (error: unknown) => error instanceof ShareLogError && error.code === code;
}

// Oldest first: A 1, B 2, A 3, C 4 (newest).
const PPLNS_SHARES: Array<[string, number]> = [
  ['A', 1],
  ['B', 2],
  ['A', 3],
  ['C', 4],
];

const PPLNS_CASES: Array<{ window: number; expected: PplnsEntry[]; what: string }> = [
  { window: 0, expected: [], what: 'an empty window' },
  { window: 0.5, expected: [{ user: 'C', difficulty: 0.5 }], what: 'a fraction of the newest share' },
  { window: 2, expected: [{ user: 'C', difficulty: 2 }], what: 'a cut through the newest share' },
  { window: 4, expected: [{ user: 'C', difficulty: 4 }], what: 'exactly the newest share' },
  { window: 5, expected: [{ user: 'C', difficulty: 4 }, { user: 'A', difficulty: 1 }], what: 'a cut through the second' },
  { window: 7, expected: [{ user: 'C', difficulty: 4 }, { user: 'A', difficulty: 3 }], what: 'exactly at a boundary' },
  {
    window: 8,
    expected: [{ user: 'C', difficulty: 4 }, { user: 'A', difficulty: 3 }, { user: 'B', difficulty: 1 }],
    what: 'a cut through the third',
  },
  {
    window: 10,
    expected: [{ user: 'A', difficulty: 4 }, { user: 'C', difficulty: 4 }, { user: 'B', difficulty: 2 }],
    what: 'exactly all shares (tie broken by user)',
  },
  {
    window: 1000,
    expected: [{ user: 'A', difficulty: 4 }, { user: 'C', difficulty: 4 }, { user: 'B', difficulty: 2 }],
    what: 'more than all shares',
  },
];

for (const make of [sqliteBackend, redisBackend]) {
  const backend: Backend = make();
  describe(`share log contract: ${backend.name}`, function () {
    const logs: ShareLog[] = [];
    async function open(): Promise<ShareLog> {
      const log = await backend.open();
      logs.push(log);
      return log;
    }
    after(async () => {
      await Promise.all(logs.map((log) => log.close()));
      await backend.teardown();
    });

    it('has the right kind', async () => {
      assert.equal((await open()).kind, backend.name);
    });

    it('counts appended shares, in total and per worker since a time', async () => {
      const log = await open();
      await Promise.all([
        log.append(makeShare(1, { worker: 'u1.a', user: 'u1', time: 1000 })),
        log.append(makeShare(2, { worker: 'u1.a', user: 'u1', time: 2000 })),
        log.append(makeShare(3, { worker: 'u1.b', user: 'u1', time: 3000 })),
        log.append(makeShare(4, { worker: 'u2', user: 'u2', time: 4000 })),
      ]);
      assert.equal(await log.shareCount(), 4);
      assert.equal(await log.shareCount({ worker: 'u1.a' }), 2);
      assert.equal(await log.shareCount({ worker: 'u1.a', since: 1500 }), 1);
      assert.equal(await log.shareCount({ worker: 'u1.a', since: 2001 }), 0);
      assert.equal(await log.shareCount({ worker: 'nobody' }), 0);
      assert.equal(await log.shareCount({ since: 3000 }), 2);
      assert.equal(log.status().committed, 4);
    });

    it('rejects a bad share with a typed error and keeps working', async () => {
      const log = await open();
      await assert.rejects(log.append(makeShare(1, { difficulty: Number.NaN })), rejectsWith('ERR_SHARELOG_INVALID_RECORD'));
      await assert.rejects(log.append(makeShare(1, { worker: 42 as unknown as string })), rejectsWith('ERR_SHARELOG_INVALID_RECORD'));
      await assert.rejects(log.append(makeShare(1, { difficulty: 0 })), rejectsWith('ERR_SHARELOG_INVALID_RECORD'));
      await log.append(makeShare(2));
      assert.equal(await log.shareCount(), 1);
    });

    it('records blocks (upsert by hash), lists them newest first and updates their status', async () => {
      const log = await open();
      const big = 2n ** 70n + 7n;
      await log.recordBlock(makeBlock('b1', { time: 1000, height: 10 }));
      await log.recordBlock(makeBlock('b2', { time: 2000, height: 11, reward: big, submitResult: 'inconclusive' }));
      await log.recordBlock(makeBlock('b3', { time: 3000, height: 12, status: 'rejected', submitResult: 'high-hash' }));
      // Upsert: the same hash again replaces the record, it does not add one.
      await log.recordBlock(makeBlock('b1', { time: 1000, height: 10, worker: 'other.rig' }));

      const all = await log.blocks(10);
      assert.deepEqual(all.map((b) => b.hash), ['b3', 'b2', 'b1']);
      assert.equal(all[1].reward, big);
      assert.equal(all[1].submitResult, 'inconclusive');
      assert.equal(all[2].worker, 'other.rig');
      assert.deepEqual(all[2], makeBlock('b1', { time: 1000, height: 10, worker: 'other.rig' }));
      assert.deepEqual((await log.blocks(2)).map((b) => b.hash), ['b3', 'b2']);
      assert.deepEqual(await log.blocks(0), []);

      assert.deepEqual((await log.pendingBlocks()).map((b) => b.hash), ['b2', 'b1']);
      await log.updateBlock('b2', { status: 'confirmed', confirmations: 101 });
      await log.updateBlock('b1', { status: 'pending', confirmations: 3 });
      const pending = await log.pendingBlocks();
      assert.deepEqual(pending.map((b) => [b.hash, b.confirmations]), [['b1', 3]]);
      const b2 = (await log.blocks(10)).find((b) => b.hash === 'b2');
      assert.equal(b2?.status, 'confirmed');
      assert.equal(b2?.confirmations, 101);
      await log.updateBlock('b1', { status: 'orphaned', confirmations: 0 });
      assert.deepEqual(await log.pendingBlocks(), []);
    });

    it('rejects an update of an unknown block and a bad status', async () => {
      const log = await open();
      await assert.rejects(log.updateBlock('nope', { status: 'confirmed', confirmations: 1 }), rejectsWith('ERR_SHARELOG_UNKNOWN_BLOCK'));
      await log.recordBlock(makeBlock('b1'));
      await assert.rejects(
        log.updateBlock('b1', { status: 'lost' as unknown as 'pending', confirmations: 1 }),
        rejectsWith('ERR_SHARELOG_INVALID_RECORD'),
      );
      assert.equal((await log.blocks(1))[0].status, 'pending');
    });

    describe('pplnsWindow', () => {
      let log: ShareLog;
      before(async () => {
        log = await open();
        // Appended one by one so commit order is the listed order.
        let n = 0;
        for (const [user, difficulty] of PPLNS_SHARES) await log.append(makeShare(n++, { user, worker: `${user}.w`, difficulty }));
      });
      for (const c of PPLNS_CASES) {
        it(`window ${c.window}: ${c.what}`, async () => {
          assert.deepEqual(await log.pplnsWindow(c.window), c.expected);
        });
      }
      it('walks past one read page (2,500 shares)', async () => {
        const big = await open();
        const appends: Promise<void>[] = [];
        for (let i = 0; i < 2500; i++) appends.push(big.append(makeShare(i, { user: i < 100 ? 'old' : 'new', difficulty: 1 })));
        await Promise.all(appends);
        assert.deepEqual(await big.pplnsWindow(2450.5), [
          { user: 'new', difficulty: 2400 },
          { user: 'old', difficulty: 50.5 },
        ]);
      });
    });

    it('refuses calls after close with ERR_SHARELOG_CLOSED', async () => {
      const log = await open();
      await log.close();
      await assert.rejects(log.append(makeShare(1)), rejectsWith('ERR_SHARELOG_CLOSED'));
      await assert.rejects(log.shareCount(), rejectsWith('ERR_SHARELOG_CLOSED'));
      await log.close();
    });
  });
}
