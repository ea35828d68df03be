// Table layout of the SQLite share log and the row <-> record mapping.
//
// Shares have two secondary indexes: (worker, time) for the monitor's per-worker counts, and
// time for retention (pruneShares deletes by time in chunks; without it every chunk would
// scan the table). Times arrive nearly in order, so the time index grows at its right edge
// and costs far less per insert than the worker index (bench/sharelog). CREATE INDEX IF NOT
// EXISTS is the migration: a database from before it gets the index on its next open, which
// reads the table once.

import type { BlockRecord, BlockStatus, ShareRecord } from './types';

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS shares (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  pool_instance INTEGER NOT NULL,
  worker TEXT NOT NULL,
  user TEXT NOT NULL,
  difficulty REAL NOT NULL,
  share_difficulty REAL NOT NULL,
  network_difficulty REAL NOT NULL,
  height INTEGER NOT NULL,
  job_id TEXT NOT NULL,
  hash TEXT NOT NULL,
  block_candidate INTEGER NOT NULL,
  ip TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS shares_worker_time ON shares (worker, time);
CREATE INDEX IF NOT EXISTS shares_time ON shares (time);
CREATE TABLE IF NOT EXISTS blocks (
  hash TEXT PRIMARY KEY,
  height INTEGER NOT NULL,
  time INTEGER NOT NULL,
  worker TEXT NOT NULL,
  user TEXT NOT NULL,
  reward TEXT NOT NULL,
  status TEXT NOT NULL,
  submit_result TEXT,
  confirmations INTEGER NOT NULL,
  pool_instance INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS blocks_time ON blocks (time DESC, hash DESC);
CREATE INDEX IF NOT EXISTS blocks_status ON blocks (status);
`;

export const INSERT_SHARE = `INSERT INTO shares (time, pool_instance, worker, user, difficulty, share_difficulty,
  network_difficulty, height, job_id, hash, block_candidate, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** One INSERT of `rows` shares: a batch costs a statement per `rows` shares, not per share. */
export function insertSharesSql(rows: number): string {
  const tuple = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
  return `${INSERT_SHARE.slice(0, INSERT_SHARE.lastIndexOf('VALUES'))}VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}

export const UPSERT_BLOCK = `INSERT INTO blocks (hash, height, time, worker, user, reward, status, submit_result,
  confirmations, pool_instance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (hash) DO UPDATE SET height = excluded.height, time = excluded.time, worker = excluded.worker,
  user = excluded.user, reward = excluded.reward, status = excluded.status, submit_result = excluded.submit_result,
  confirmations = excluded.confirmations, pool_instance = excluded.pool_instance`;

/** A primary-key lookup (WITHOUT ROWID table: the key is the table). */
export const BLOCK_BY_HASH = 'SELECT * FROM blocks WHERE hash = ?';

/** One prune chunk (cutoff, rows): the subquery walks shares_time from the oldest end and stops after a chunk. */
export const PRUNE_SHARES_CHUNK = 'DELETE FROM shares WHERE id IN (SELECT id FROM shares WHERE time < ? ORDER BY time LIMIT ?)';

export function shareParams(s: ShareRecord): unknown[] {
  return [
    s.time,
    s.poolInstance,
    s.worker,
    s.user,
    s.difficulty,
    s.shareDifficulty,
    s.networkDifficulty,
    s.height,
    s.jobId,
    s.hash,
    s.blockCandidate ? 1 : 0,
    s.ip,
  ];
}

export function blockParams(b: BlockRecord): unknown[] {
  // reward is TEXT: a bigint of satoshis must round-trip exactly whatever its size.
  return [b.hash, b.height, b.time, b.worker, b.user, b.reward.toString(), b.status, b.submitResult, b.confirmations, b.poolInstance];
}

export interface BlockRow {
  hash: string;
  height: number;
  time: number;
  worker: string;
  user: string;
  reward: string;
  status: string;
  submit_result: string | null;
  confirmations: number;
  pool_instance: number;
}

export function blockFromRow(row: BlockRow): BlockRecord {
  return {
    height: row.height,
    hash: row.hash,
    time: row.time,
    worker: row.worker,
    user: row.user,
    reward: BigInt(row.reward),
    status: row.status as BlockStatus,
    submitResult: row.submit_result,
    confirmations: row.confirmations,
    poolInstance: row.pool_instance,
  };
}
