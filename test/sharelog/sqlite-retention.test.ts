// SQLite specifics of retention and block lookup: the queries use indexes (checked with
// EXPLAIN QUERY PLAN, not timings), and a database made before the time index gets it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteShareLog } from '../../lib/sharelog';
import { openDatabase, type SqliteDatabase } from '../../lib/sharelog/sqlite-binding';
import { BLOCK_BY_HASH, PRUNE_SHARES_CHUNK } from '../../lib/sharelog/sqlite-schema';
import { makeShare } from './fixtures';

function plan(db: SqliteDatabase, sql: string): string {
  return db
    .prepare<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1))
    .map((row) => row.detail)
    .join('; ');
}

function indexNames(db: SqliteDatabase): string[] {
  return db
    .prepare<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'shares' ORDER BY name")
    .all()
    .map((row) => row.name);
}

describe('SQLite share log: retention and block lookup', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-sqlite-retention-'));
    file = path.join(dir, 'shares.db');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prunes through the time index and looks blocks up by primary key', async () => {
    await openSqliteShareLog({ path: file }).close();
    const db = openDatabase(file, 1000);
    try {
      assert.match(plan(db, PRUNE_SHARES_CHUNK), /USING (COVERING )?INDEX shares_time/);
      assert.doesNotMatch(plan(db, PRUNE_SHARES_CHUNK), /SCAN shares(?! USING)/);
      assert.match(plan(db, BLOCK_BY_HASH), /SEARCH blocks USING PRIMARY KEY/);
    } finally {
      db.close();
    }
  });

  it('adds the time index to a database made without it, keeping its shares, and opens again unchanged', async () => {
    const first = openSqliteShareLog({ path: file });
    await Promise.all([1, 2, 3].map((n) => first.append(makeShare(n, { time: 1000 * n }))));
    await first.close();
    // A database from before the time index existed.
    const old = openDatabase(file, 1000);
    old.exec('DROP INDEX shares_time');
    assert.deepEqual(indexNames(old), ['shares_worker_time']);
    old.close();

    for (let open = 0; open < 2; open++) {
      const log = openSqliteShareLog({ path: file });
      assert.equal(await log.shareCount(), 3 - open);
      if (open === 0) assert.equal(await log.pruneShares(1500), 1);
      await log.close();
      const db = openDatabase(file, 1000);
      assert.deepEqual(indexNames(db), ['shares_time', 'shares_worker_time']);
      db.close();
    }
  });
});
