import assert from 'node:assert/strict';
import { GroupCommit } from '../../lib/sharelog/group-commit';
import type { ShareLog } from '../../lib/sharelog';
import { makeShare, redisBackend, sqliteBackend } from './fixtures';

describe('GroupCommit', () => {
  it('writes concurrent pushes in few batches, in order, and settles each promise', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number>((items) => void batches.push(items), 5, 100, (e) => e as Error);
    const all = Array.from({ length: 250 }, (_, i) => commit.push(i));
    await Promise.all(all);
    assert.deepEqual(batches.flat(), Array.from({ length: 250 }, (_, i) => i));
    assert.deepEqual(batches.map((b) => b.length), [100, 100, 50]);
  });

  it('rejects a whole batch when the writer throws, and single items on per-item errors', async () => {
    let fail = true;
    const commit = new GroupCommit<number>(
      (items) => {
        if (fail) throw new Error('disk full');
        return items.map((i) => (i % 2 ? new Error(`odd ${i}`) : null));
      },
      1,
      10,
      (e) => e as Error,
    );
    const first = await Promise.allSettled([commit.push(1), commit.push(2)]);
    assert.deepEqual(first.map((r) => r.status), ['rejected', 'rejected']);
    fail = false;
    const second = await Promise.allSettled([commit.push(3), commit.push(4)]);
    assert.deepEqual(second.map((r) => r.status), ['rejected', 'fulfilled']);
  });

  it('flush() waits for everything queued', async () => {
    const written: number[] = [];
    const commit = new GroupCommit<number>(async (items) => {
      await new Promise((r) => setTimeout(r, 20));
      written.push(...items);
    }, 1000, 10, (e) => e as Error);
    void commit.push(1);
    void commit.push(2);
    await commit.flush();
    assert.deepEqual(written, [1, 2]);
  });
});

for (const make of [sqliteBackend, redisBackend]) {
  const backend = make();
  describe(`group commit: ${backend.name}`, function () {
    let log: ShareLog;
    after(async () => {
      await log?.close();
      await backend.teardown();
    });

    it('10,000 concurrent appends all resolve, all are stored, in fewer than 100 transactions', async () => {
      log = await backend.open();
      const appends: Promise<void>[] = [];
      for (let i = 0; i < 10_000; i++) appends.push(log.append(makeShare(i)));
      await Promise.all(appends);
      assert.equal(await log.shareCount(), 10_000);
      assert.equal(log.status().committed, 10_000);
      assert.ok(log.stats.transactions > 0, 'no transaction counted');
      assert.ok(log.stats.transactions < 100, `${log.stats.transactions} transactions`);
    });
  });
}
