// One table of behaviour run against both backends.

import assert from 'node:assert/strict';
import { ShareLogError, type PplnsEntry, type ShareLog } from '../../lib/sharelog';
import { makeBlock, makeShare, redisBackend, sqliteBackend, type Backend, type OpenOptions } from './fixtures';

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

const T0 = 1_700_000_000_000;

// Over PPLNS_SHARES (times T0 + 0..3, oldest first): how far back each window reaches.
const WINDOW_START_CASES: Array<{ window: number; expected: number; what: string }> = [
  { window: 0, expected: Infinity, what: 'an empty window needs no share' },
  { window: 0.5, expected: T0 + 3, what: 'part of the newest share' },
  { window: 4, expected: T0 + 3, what: 'exactly the newest share' },
  { window: 4.5, expected: T0 + 2, what: 'a cut through the second' },
  { window: 10, expected: T0, what: 'exactly all shares' },
  { window: 10.5, expected: -Infinity, what: 'more than the log holds: every share is needed' },
];

/** Block hashes as the pool writes them: 64 lowercase hex characters. */
function blockHash(n: number): string {
  return `${n.toString(16).padStart(60, '0')}abcd`;
}

for (const make of [sqliteBackend, redisBackend]) {
  const backend: Backend = make();
  describe(`share log contract: ${backend.name}`, function () {
    const logs: ShareLog[] = [];
    async function open(options?: OpenOptions): Promise<ShareLog> {
      const log = await backend.open(options);
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

    it('finds a block by hash directly, also one older than the newest 1,000, in any case', async () => {
      const log = await open();
      // Block 0 is the oldest of 1,001, so blocks(1000) leaves it out.
      await Promise.all(Array.from({ length: 1001 }, (_, n) => log.recordBlock(makeBlock(blockHash(n), { time: T0 + n * 1000, height: n }))));
      const oldest = blockHash(0);
      assert.equal((await log.blocks(1000)).some((b) => b.hash === oldest), false);
      assert.deepEqual(await log.block(oldest), makeBlock(oldest, { time: T0, height: 0 }));
      assert.deepEqual(await log.block(oldest.toUpperCase()), makeBlock(oldest, { time: T0, height: 0 }));
      assert.equal((await log.block(blockHash(1000)))?.height, 1000);
      assert.equal(await log.block(blockHash(1001)), undefined);
      await log.updateBlock(oldest, { status: 'confirmed', confirmations: 7 });
      assert.deepEqual(await log.block(oldest), makeBlock(oldest, { time: T0, height: 0, status: 'confirmed', confirmations: 7 }));
      await assert.rejects(log.block(42 as unknown as string), rejectsWith('ERR_SHARELOG_INVALID_RECORD'));
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
      for (const c of WINDOW_START_CASES) {
        it(`window start ${c.window}: ${c.what}`, async () => {
          assert.equal(await log.pplnsWindowStart(c.window), c.expected);
        });
      }
      it('window start is the earliest time in the window, not the last share walked', async () => {
        const mixed = await open();
        // Commit order 300, 100, 200: walking newest first meets 200, then 100.
        for (const time of [300, 100, 200]) await mixed.append(makeShare(time, { time }));
        assert.equal(await mixed.pplnsWindowStart(1), 200);
        assert.equal(await mixed.pplnsWindowStart(2), 100);
        assert.equal(await mixed.pplnsWindowStart(3), 100);
      });
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

    describe('pruneShares', () => {
      it('deletes the shares older than the cutoff in several chunks, keeps the rest, counts exactly', async () => {
        const log = await open({ pruneBatch: 7 });
        await Promise.all(
          Array.from({ length: 50 }, (_, n) => log.append(makeShare(n, { time: T0 + n, worker: n % 2 === 0 ? 'u.even' : 'u.odd' }))),
        );
        assert.equal(await log.pruneShares(T0 + 30), 30);
        assert.equal(await log.shareCount(), 20);
        assert.equal(await log.shareCount({ since: T0 + 30 }), 20);
        // The per-worker index forgets pruned shares too.
        assert.equal(await log.shareCount({ worker: 'u.even' }), 10);
        assert.equal(await log.shareCount({ worker: 'u.odd' }), 10);
        assert.equal(await log.pruneShares(T0 + 30), 0, 'nothing left to prune at the same cutoff');
        assert.equal(await log.pruneShares(T0 - 1), 0);
        assert.equal(await log.pruneShares(T0 + 1000), 20);
        assert.equal(await log.shareCount(), 0);
        assert.equal(await log.shareCount({ worker: 'u.even' }), 0);
        await log.append(makeShare(99, { time: T0 }));
        assert.equal(await log.shareCount(), 1, 'appends work after the log was pruned empty');
      });

      it('rejects a cutoff that is not a finite number', async () => {
        const log = await open();
        await log.append(makeShare(1));
        for (const bad of [Number.NaN, Infinity, '5' as unknown as number]) {
          await assert.rejects(log.pruneShares(bad), rejectsWith('ERR_SHARELOG_INVALID_RECORD'));
        }
        assert.equal(await log.shareCount(), 1);
      });

      it('never deletes a share newer than the cutoff, even one committed before older ones', async () => {
        const log = await open();
        // Commit order: old, new, old (the second old one as if replayed late, or from a pool
        // process whose clock is behind).
        for (const time of [T0 + 1, T0 + 5, T0 + 2]) await log.append(makeShare(time, { time }));
        // SQLite deletes both old shares; Redis trims the stream up to the first newer share.
        assert.equal(await log.pruneShares(T0 + 3), backend.name === 'sqlite' ? 2 : 1);
        assert.equal(await log.shareCount({ since: T0 + 3 }), 1);
        assert.equal(await log.shareCount(), backend.name === 'sqlite' ? 1 : 2);
        // Once the cutoff passes the newer share, the late old one goes as well.
        assert.equal(await log.pruneShares(T0 + 6), backend.name === 'sqlite' ? 1 : 2);
        assert.equal(await log.shareCount(), 0);
      });

      it('loses no acknowledged share appended while it runs, and counts exactly what it deleted', async () => {
        const log = await open({ pruneBatch: 50 });
        const cutoff = T0 + 10_000;
        await Promise.all(Array.from({ length: 2000 }, (_, n) => log.append(makeShare(n, { time: T0 + n }))));
        let newer = 0;
        let olderDuring = 0;
        const appendWhilePruning = async (): Promise<void> => {
          // Groups of 50 in flight, so appends commit while the prune's chunks run.
          for (let group = 0; group < 20; group++) {
            const batch = Array.from({ length: 50 }, (_, i) => {
              // One in ten is older than the cutoff: it may or may not be pruned, but is counted right.
              const old = i % 10 === 0;
              return makeShare(100_000 + group * 50 + i, { time: old ? T0 + 5000 + i : cutoff + group * 50 + i });
            });
            await Promise.all(batch.map((share) => log.append(share)));
            for (const share of batch) if (share.time < cutoff) olderDuring++;
            else newer++;
          }
        };
        const [deleted] = await Promise.all([log.pruneShares(cutoff), appendWhilePruning()]);
        assert.equal(newer, 900);
        assert.equal(await log.shareCount({ since: cutoff }), newer, 'every acknowledged newer share is kept');
        assert.ok(deleted >= 2000 && deleted <= 2000 + olderDuring, `deleted ${deleted}`);
        assert.equal(await log.shareCount(), 2000 + newer + olderDuring - deleted);
      });
    });

    it('refuses calls after close with ERR_SHARELOG_CLOSED', async () => {
      const log = await open();
      await log.close();
      await assert.rejects(log.append(makeShare(1)), rejectsWith('ERR_SHARELOG_CLOSED'));
      await assert.rejects(log.shareCount(), rejectsWith('ERR_SHARELOG_CLOSED'));
      await assert.rejects(log.block(blockHash(1)), rejectsWith('ERR_SHARELOG_CLOSED'));
      await assert.rejects(log.pruneShares(T0), rejectsWith('ERR_SHARELOG_CLOSED'));
      await assert.rejects(log.pplnsWindowStart(1), rejectsWith('ERR_SHARELOG_CLOSED'));
      await log.close();
    });
  });
}
