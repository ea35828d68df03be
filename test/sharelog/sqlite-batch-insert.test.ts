import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteShareLog } from '../../lib/sharelog';
import { openDatabase } from '../../lib/sharelog/sqlite-binding';
import { makeShare } from './fixtures';

// Batches are written with multi-row INSERTs of 64 shares plus single-row ones for the rest:
// a batch of 150 takes both paths, and every row must land whole and in append order.
describe('SQLite share log: one batch over several multi-row INSERTs', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-sqlite-batch-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores 150 shares appended in one tick in order with every field', async () => {
    const file = path.join(dir, 'shares.db');
    const log = openSqliteShareLog({ path: file, commitIntervalMs: 20 });
    const shares = Array.from({ length: 150 }, (_, n) =>
      makeShare(n, { user: `u${n % 7}`, worker: `u${n % 7}.r${n}`, difficulty: n + 0.5, blockCandidate: n % 50 === 0, height: 100 + n }),
    );
    await Promise.all(shares.map((s) => log.append(s)));
    assert.equal(log.stats.transactions, 1, 'the 150 shares should be one group commit');
    await log.close();
    const db = openDatabase(file, 1000);
    const rows = db.prepare<Record<string, unknown>>('SELECT * FROM shares ORDER BY id').all();
    db.close();
    assert.equal(rows.length, 150);
    rows.forEach((row, n) => {
      const s = shares[n];
      assert.deepEqual(
        [row.time, row.pool_instance, row.worker, row.user, row.difficulty, row.share_difficulty, row.network_difficulty, row.height, row.job_id, row.hash, row.block_candidate, row.ip],
        [s.time, s.poolInstance, s.worker, s.user, s.difficulty, s.shareDifficulty, s.networkDifficulty, s.height, s.jobId, s.hash, s.blockCandidate ? 1 : 0, s.ip],
      );
    });
  });
});
