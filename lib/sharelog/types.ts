// The share log's public contract. The pool codes against ShareLog only; the backend (an
// embedded SQLite file, or Redis shared by several pool processes) is picked at start-up.

export interface ShareRecord {
  /** ms since epoch */
  time: number;
  /** The pool process's instance id (several processes can share Redis). */
  poolInstance: number;
  /** Full stratum username as sent, e.g. "ltc1q...abc.rig1". */
  worker: string;
  /** The account part before the first '.' (payout address in solo/pplns). */
  user: string;
  /** Credited share difficulty (float, may be < 1). */
  difficulty: number;
  /** Difficulty the hash actually achieved. */
  shareDifficulty: number;
  networkDifficulty: number;
  /** Block height the job was for. */
  height: number;
  jobId: string;
  /** PoW hash hex (display order). */
  hash: string;
  blockCandidate: boolean;
  ip: string;
}

export type BlockStatus = 'pending' | 'confirmed' | 'orphaned' | 'rejected';

export const BLOCK_STATUSES: readonly BlockStatus[] = ['pending', 'confirmed', 'orphaned', 'rejected'];

export interface BlockRecord {
  height: number;
  /** display hex */
  hash: string;
  time: number;
  worker: string;
  user: string;
  /** sat, coinbase value */
  reward: bigint;
  status: BlockStatus;
  submitResult: string | null;
  confirmations: number;
  poolInstance: number;
}

export interface BlockUpdate {
  status: BlockStatus;
  confirmations: number;
}

export interface PplnsEntry {
  user: string;
  difficulty: number;
}

export interface ShareCountFilter {
  worker?: string;
  since?: number;
}

export interface ShareLogStatus {
  connected: boolean;
  /** Operations waiting in the local disk buffer (always 0 for SQLite). */
  buffered: number;
  /** Operations this instance has committed (shares and block writes). */
  committed: number;
}

/** Payload of the 'status' event. */
export interface ShareLogStatusEvent {
  backend: 'sqlite' | 'redis';
  connected: boolean;
  buffered: number;
}

/** Payload of the 'corrupt' event: a buffer line that could not be decoded was moved aside. */
export interface ShareLogCorruptEvent {
  file: string;
  movedTo: string;
  line: string;
  reason: string;
}

export interface ShareLogStats {
  /** Backend transactions (SQLite) or batch scripts (Redis) written, replays included. */
  transactions: number;
  /** Buffer lines moved aside as corrupt since open. */
  corruptLines: number;
}

export interface ShareLog {
  readonly kind: 'sqlite' | 'redis';
  /** Resolves once the share is durably committed (group commit). Rejects with ShareLogError if it could not be. */
  append(share: ShareRecord): Promise<void>;
  /** Upsert by hash. */
  recordBlock(block: BlockRecord): Promise<void>;
  updateBlock(hash: string, update: BlockUpdate): Promise<void>;
  /** Newest first (by time, then hash). */
  blocks(limit: number): Promise<BlockRecord[]>;
  /** One block by its display-hex hash (any case), read directly rather than from a list; undefined when unknown. */
  block(hash: string): Promise<BlockRecord | undefined>;
  pendingBlocks(): Promise<BlockRecord[]>;
  /** The newest shares whose difficulties sum to `windowDifficulty` (the oldest one clipped), summed per user, largest first. */
  pplnsWindow(windowDifficulty: number): Promise<PplnsEntry[]>;
  /**
   * The earliest share time among the shares pplnsWindow(windowDifficulty) covers, i.e. how far
   * back retention must keep shares. -Infinity when the log holds less than the window (every
   * share is needed); Infinity when the window is empty (windowDifficulty <= 0).
   */
  pplnsWindowStart(windowDifficulty: number): Promise<number>;
  /**
   * Deletes shares whose time is < olderThanMs, in bounded chunks so appends keep committing
   * meanwhile; resolves to how many were deleted. Never deletes a share with time >=
   * olderThanMs. SQLite deletes every older share. Redis trims the stream from its oldest
   * end and stops at the first share that is not older, so a share committed behind a newer
   * one (replayed late from the disk buffer, or from a pool process whose clock is behind)
   * stays until a later prune whose cutoff passes that newer share as well.
   */
  pruneShares(olderThanMs: number): Promise<number>;
  /** Total rows, and rows for one worker since a time: tests and the monitor use them. */
  shareCount(filter?: ShareCountFilter): Promise<number>;
  status(): ShareLogStatus;
  readonly stats: ShareLogStats;
  /** Flushes pending commits, then closes. */
  close(): Promise<void>;
  on(event: 'status', listener: (event: ShareLogStatusEvent) => void): this;
  on(event: 'corrupt', listener: (event: ShareLogCorruptEvent) => void): this;
}

export interface SqliteShareLogOptions {
  path: string;
  /** Group-commit interval; default 5 ms. */
  commitIntervalMs?: number;
  /** Most shares per transaction; a full batch commits at once. Default 5000. */
  maxBatch?: number;
  /** 'normal' (default) survives a process kill; 'full' also an OS crash or power loss. */
  synchronous?: 'normal' | 'full';
  /** Most shares pruneShares deletes per transaction. Default 10000. */
  pruneBatch?: number;
}

export interface RedisShareLogOptions {
  url: string;
  /** Default 'hashpool:'. */
  keyPrefix?: string;
  /** Where shares wait (JSONL, fsynced) while Redis is unreachable. One process per directory. */
  bufferDir: string;
  /** Group-commit interval; default 5 ms. */
  commitIntervalMs?: number;
  /** Connect timeout, also the longest open() waits for Redis before starting buffered. Default 2000. */
  connectTimeoutMs?: number;
  /** A command unanswered this long counts as a failure and its batch is buffered. Default 5000. */
  commandTimeoutMs?: number;
  /** Most operations per Redis batch script. Default 2000. */
  maxBatch?: number;
  /** Most shares pruneShares removes per script call (Redis runs scripts one at a time). Default 1000. */
  pruneBatch?: number;
}
