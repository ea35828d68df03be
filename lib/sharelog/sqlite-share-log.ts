// Embedded share log: one SQLite file in WAL mode, shares written by group commit.
//
// Durability: with journal_mode=WAL and synchronous=NORMAL a transaction is complete once
// its frames are write()n to the WAL file, i.e. in the OS page cache. That survives kill -9
// of the pool (tested), but not an OS crash or power loss, which can lose the last
// transactions (never corrupt the file). synchronous=FULL fsyncs the WAL on every commit and
// also survives those; with group commit that is one fsync per batch, see bench/sharelog.

import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  ERR_SHARELOG_CLOSED,
  ERR_SHARELOG_OPEN,
  ERR_SHARELOG_READ,
  ERR_SHARELOG_UNKNOWN_BLOCK,
  ERR_SHARELOG_WRITE,
  ShareLogError,
  toShareLogError,
} from './errors';
import { GroupCommit } from './group-commit';
import { PplnsAccumulator, type WindowShare } from './pplns';
import { openDatabase, type SqliteDatabase, type SqliteStatement } from './sqlite-binding';
import {
  BLOCK_BY_HASH,
  INSERT_SHARE,
  PRUNE_SHARES_CHUNK,
  SCHEMA,
  UPSERT_BLOCK,
  blockFromRow,
  blockParams,
  insertSharesSql,
  shareParams,
  type BlockRow,
} from './sqlite-schema';
import type {
  BlockRecord,
  BlockUpdate,
  PplnsEntry,
  ShareCountFilter,
  ShareLog,
  ShareLogStats,
  ShareLogStatus,
  ShareRecord,
  SqliteShareLogOptions,
} from './types';
import { blockLookupKeys, validateBlock, validateCutoff, validateLimit, validateShare, validateUpdate, validateWindow } from './validate';

const DEFAULT_COMMIT_INTERVAL_MS = 5;
const DEFAULT_MAX_BATCH = 5000;
/** Rows per prune transaction: short enough that a group commit waits at most one chunk. */
const DEFAULT_PRUNE_BATCH = 10_000;
/** Shares per multi-row INSERT (12 parameters each, far below SQLite's variable limit). */
const ROWS_PER_INSERT = 64;
// Another process (a payout job, the monitor) may hold the write lock briefly.
const BUSY_TIMEOUT_MS = 5000;

export class SqliteShareLog extends EventEmitter implements ShareLog {
  readonly kind = 'sqlite' as const;
  readonly stats: ShareLogStats = { transactions: 0, corruptLines: 0 };
  private readonly db: SqliteDatabase;
  private readonly commit: GroupCommit<ShareRecord>;
  private readonly insertBatch: (shares: ShareRecord[]) => void;
  private readonly upsertBlock: SqliteStatement;
  private readonly updateBlockStmt: SqliteStatement;
  private readonly blockByHash: SqliteStatement<BlockRow>;
  private readonly pruneChunk: SqliteStatement;
  private readonly pruneBatch: number;
  private committed = 0;
  private closed = false;

  constructor(readonly options: SqliteShareLogOptions) {
    super();
    try {
      mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });
      this.db = openDatabase(options.path, BUSY_TIMEOUT_MS);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
      this.db.exec(SCHEMA);
    } catch (error) {
      throw toShareLogError(ERR_SHARELOG_OPEN, `cannot open share log ${options.path}`, error);
    }
    const insert = this.db.prepare(INSERT_SHARE);
    const insertMany = this.db.prepare(insertSharesSql(ROWS_PER_INSERT));
    this.insertBatch = this.db.transaction((shares: ShareRecord[]) => {
      let i = 0;
      for (; i + ROWS_PER_INSERT <= shares.length; i += ROWS_PER_INSERT) {
        const params: unknown[] = [];
        for (let k = i; k < i + ROWS_PER_INSERT; k++) params.push(...shareParams(shares[k]));
        insertMany.run(...params);
      }
      for (; i < shares.length; i++) insert.run(...shareParams(shares[i]));
    });
    this.upsertBlock = this.db.prepare(UPSERT_BLOCK);
    this.updateBlockStmt = this.db.prepare('UPDATE blocks SET status = ?, confirmations = ? WHERE hash = ?');
    this.blockByHash = this.db.prepare<BlockRow>(BLOCK_BY_HASH);
    this.pruneChunk = this.db.prepare(PRUNE_SHARES_CHUNK);
    this.pruneBatch = options.pruneBatch ?? DEFAULT_PRUNE_BATCH;
    this.commit = new GroupCommit<ShareRecord>(
      (shares) => this.writeShares(shares),
      options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS,
      options.maxBatch ?? DEFAULT_MAX_BATCH,
      (error) => toShareLogError(ERR_SHARELOG_WRITE, 'share batch not committed', error),
    );
  }

  append(share: ShareRecord): Promise<void> {
    try {
      this.assertOpen();
      validateShare(share);
    } catch (error) {
      return Promise.reject(error);
    }
    // A copy: the caller may reuse its object before the batch is written.
    return this.commit.push({ ...share });
  }

  async recordBlock(block: BlockRecord): Promise<void> {
    this.assertOpen();
    validateBlock(block);
    this.write('block not recorded', () => this.upsertBlock.run(...blockParams(block)));
    this.committed++;
  }

  async updateBlock(hash: string, update: BlockUpdate): Promise<void> {
    this.assertOpen();
    validateUpdate(hash, update);
    const result = this.write('block not updated', () => this.updateBlockStmt.run(update.status, update.confirmations, hash));
    if (result.changes === 0) throw new ShareLogError(ERR_SHARELOG_UNKNOWN_BLOCK, `no block ${hash} in the share log`);
    this.committed++;
  }

  async blocks(limit: number): Promise<BlockRecord[]> {
    this.assertOpen();
    validateLimit(limit);
    const rows = this.read(() =>
      this.db.prepare<BlockRow>('SELECT * FROM blocks ORDER BY time DESC, hash DESC LIMIT ?').all(limit),
    );
    return rows.map(blockFromRow);
  }

  async block(hash: string): Promise<BlockRecord | undefined> {
    this.assertOpen();
    for (const key of blockLookupKeys(hash)) {
      const row = this.read(() => this.blockByHash.get(key));
      if (row !== undefined) return blockFromRow(row);
    }
    return undefined;
  }

  async pendingBlocks(): Promise<BlockRecord[]> {
    this.assertOpen();
    const rows = this.read(() =>
      this.db.prepare<BlockRow>("SELECT * FROM blocks WHERE status = 'pending' ORDER BY time DESC, hash DESC").all(),
    );
    return rows.map(blockFromRow);
  }

  async pplnsWindow(windowDifficulty: number): Promise<PplnsEntry[]> {
    return this.walkWindow(windowDifficulty).result();
  }

  async pplnsWindowStart(windowDifficulty: number): Promise<number> {
    return this.walkWindow(windowDifficulty).windowStart();
  }

  private walkWindow(windowDifficulty: number): PplnsAccumulator {
    this.assertOpen();
    validateWindow(windowDifficulty);
    const acc = new PplnsAccumulator(windowDifficulty);
    if (acc.full) return acc;
    this.read(() => {
      // id order is commit order, i.e. newest first when walked backwards; the iterator
      // stops reading when the loop breaks.
      const rows = this.db.prepare<WindowShare>('SELECT user, difficulty, time FROM shares ORDER BY id DESC');
      for (const row of rows.iterate()) if (acc.add(row)) break;
    });
    return acc;
  }

  async pruneShares(olderThanMs: number): Promise<number> {
    this.assertOpen();
    validateCutoff(olderThanMs);
    let deleted = 0;
    for (;;) {
      // Each chunk is its own transaction (one statement); between chunks the event loop runs,
      // so group commits interleave instead of waiting for the whole prune.
      const { changes } = this.write('shares not pruned', () => this.pruneChunk.run(olderThanMs, this.pruneBatch));
      deleted += changes;
      if (changes < this.pruneBatch) return deleted;
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.assertOpen();
    }
  }

  async shareCount(filter: ShareCountFilter = {}): Promise<number> {
    this.assertOpen();
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.worker !== undefined) {
      where.push('worker = ?');
      params.push(filter.worker);
    }
    if (filter.since !== undefined) {
      where.push('time >= ?');
      params.push(filter.since);
    }
    const sql = `SELECT count(*) AS n FROM shares${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const row = this.read(() => this.db.prepare<{ n: number }>(sql).get(...params));
    return row?.n ?? 0;
  }

  status(): ShareLogStatus {
    return { connected: !this.closed, buffered: 0, committed: this.committed };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.commit.flush();
    this.db.close();
    this.emit('status', { backend: this.kind, connected: false, buffered: 0 });
  }

  private writeShares(shares: ShareRecord[]): void {
    this.insertBatch(shares);
    this.stats.transactions++;
    this.committed += shares.length;
  }

  private write<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw toShareLogError(ERR_SHARELOG_WRITE, what, error);
    }
  }

  private read<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw toShareLogError(ERR_SHARELOG_READ, 'share log read failed', error);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ShareLogError(ERR_SHARELOG_CLOSED, 'share log is closed');
  }
}

/** Creates the directory and file if needed, switches to WAL and creates the schema. */
export function openSqliteShareLog(options: SqliteShareLogOptions): SqliteShareLog {
  return new SqliteShareLog(options);
}
