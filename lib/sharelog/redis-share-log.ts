// Redis share log, for several pool processes behind one coin daemon.
//
// Keys (prefix default 'hashpool:'): <p>shares, a stream of every share in commit order
// (XREVRANGE walks it newest first for PPLNS); <p>worker:<worker>, a sorted set of that
// worker's share ids by share time; <p>block:<hash>, a hash per block; <p>blocks, block
// hashes by time; <p>blocks:pending; <p>sessions, the replay guard (see redis-scripts.ts).
//
// Durability: a batch is acknowledged when Redis has executed its script. With appendonly
// yes that survives a kill of Redis; with appendfsync everysec (the default) an OS crash or
// power loss of the Redis host can lose about the last second.
//
// While Redis is unreachable (refused, timed out, command error) each batch is appended to
// the disk buffer and fsynced before its promises resolve; once Redis answers again the
// buffer is replayed in order and removed. Until it is drained new batches go behind it, so
// per-session order, which the replay guard needs, holds.

import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { DiskBuffer } from './disk-buffer';
import {
  ERR_SHARELOG_CLOSED,
  ERR_SHARELOG_UNAVAILABLE,
  ERR_SHARELOG_UNKNOWN_BLOCK,
  ERR_SHARELOG_WRITE,
  ShareLogError,
  toShareLogError,
} from './errors';
import { GroupCommit } from './group-commit';
import { PplnsAccumulator } from './pplns';
import { blockFromHash, decodeOpLine, encodeOpLine, opArgs, windowFields, type LogOp } from './redis-codec';
import { BATCH_SCRIPT, BATCH_SCRIPT_SHA, PRUNE_SCRIPT, PRUNE_SCRIPT_SHA } from './redis-scripts';
import type {
  BlockRecord,
  BlockUpdate,
  PplnsEntry,
  RedisShareLogOptions,
  ShareCountFilter,
  ShareLog,
  ShareLogStats,
  ShareLogStatus,
  ShareRecord,
} from './types';
import { blockLookupKeys, validateBlock, validateCutoff, validateLimit, validateShare, validateUpdate, validateWindow } from './validate';

const DEFAULT_PREFIX = 'hashpool:';
const DEFAULT_COMMIT_INTERVAL_MS = 5;
const DEFAULT_CONNECT_TIMEOUT_MS = 2000;
const DEFAULT_COMMAND_TIMEOUT_MS = 5000;
const DEFAULT_MAX_BATCH = 2000;
/** Shares per prune script: Redis serves nobody else while a script runs. */
const DEFAULT_PRUNE_BATCH = 1000;
const REPLAY_LINES = 1000;
const READ_PAGE = 1000;
const RECONNECT_MAX_MS = 1000;
// Stream ids are Redis's clock at commit, never earlier than the share's time unless the
// pool's clock runs ahead of Redis's; this margin covers such skew for shareCount({since}).
const CLOCK_SKEW_MARGIN_MS = 5 * 60_000;

export class RedisShareLog extends EventEmitter implements ShareLog {
  readonly kind = 'redis' as const;
  readonly stats: ShareLogStats = { transactions: 0, corruptLines: 0 };
  private readonly prefix: string;
  private readonly redis: Redis;
  private readonly buffer: DiskBuffer;
  private readonly commit: GroupCommit<LogOp>;
  private readonly session: string;
  private seq = 0;
  private committed = 0;
  private closed = false;
  private connected = false;
  private replaying: Promise<void> | undefined;
  private replayTimer: NodeJS.Timeout | undefined;
  private lastError: Error | undefined;
  private started = false;

  constructor(readonly options: RedisShareLogOptions) {
    super();
    this.prefix = options.keyPrefix ?? DEFAULT_PREFIX;
    // Unique per open: instance id, start time and a random part, so two processes given
    // the same instance id by mistake still never share a replay guard.
    this.session = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    this.buffer = new DiskBuffer(options.bufferDir);
    this.commit = new GroupCommit<LogOp>(
      (ops) => this.writeBatch(ops),
      options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS,
      options.maxBatch ?? DEFAULT_MAX_BATCH,
      (error) => toShareLogError(ERR_SHARELOG_WRITE, 'batch not committed', error),
    );
    this.redis = new Redis(options.url, {
      lazyConnect: true,
      // Fail fast instead of queueing: a failed batch goes to the disk buffer at once.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      commandTimeout: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
      retryStrategy: (attempt: number) => Math.min(50 * attempt, RECONNECT_MAX_MS),
    });
    this.redis.on('error', (error: Error) => {
      this.lastError = error;
    });
    this.redis.on('ready', () => this.setConnected(true));
    this.redis.on('close', () => this.setConnected(false));
    this.redis.on('end', () => this.setConnected(false));
  }

  /** Connects, waiting up to connectTimeoutMs; a Redis that is down is not an error. */
  async start(): Promise<void> {
    const timeout = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const ready = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeout);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.redis.connect().catch((error: Error) => {
      this.lastError = error;
    });
    await ready;
    // A buffer left by a crashed process is replayed whenever Redis is there; this timer
    // also retries a replay that failed half-way.
    this.replayTimer = setInterval(() => this.kickReplay(), RECONNECT_MAX_MS);
    this.replayTimer.unref();
    // Replay starts on the next turn so listeners attached right after open() see every
    // 'corrupt' and 'status' event it produces.
    setImmediate(() => {
      this.started = true;
      this.kickReplay();
    });
  }

  append(share: ShareRecord): Promise<void> {
    try {
      this.assertOpen();
      validateShare(share);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.commit.push({ k: 's', session: `${share.poolInstance}-${this.session}`, seq: ++this.seq, share: { ...share } });
  }

  recordBlock(block: BlockRecord): Promise<void> {
    try {
      this.assertOpen();
      validateBlock(block);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.commit.push({ k: 'b', block: { ...block } });
  }

  /** While Redis is down the update is buffered, and an unknown hash is only found on replay. */
  updateBlock(hash: string, update: BlockUpdate): Promise<void> {
    try {
      this.assertOpen();
      validateUpdate(hash, update);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.commit.push({ k: 'u', hash, status: update.status, confirmations: update.confirmations });
  }

  async blocks(limit: number): Promise<BlockRecord[]> {
    validateLimit(limit);
    if (limit === 0) return [];
    const hashes = await this.query(() => this.redis.zrevrange(`${this.prefix}blocks`, 0, limit - 1));
    return this.loadBlocks(hashes);
  }

  async block(hash: string): Promise<BlockRecord | undefined> {
    for (const key of blockLookupKeys(hash)) {
      const [found] = await this.loadBlocks([key]);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  async pendingBlocks(): Promise<BlockRecord[]> {
    const hashes = await this.query(() => this.redis.smembers(`${this.prefix}blocks:pending`));
    const blocks = await this.loadBlocks(hashes);
    return blocks.sort((a, b) => b.time - a.time || (a.hash < b.hash ? 1 : a.hash > b.hash ? -1 : 0));
  }

  async pplnsWindow(windowDifficulty: number): Promise<PplnsEntry[]> {
    return (await this.walkWindow(windowDifficulty)).result();
  }

  async pplnsWindowStart(windowDifficulty: number): Promise<number> {
    return (await this.walkWindow(windowDifficulty)).windowStart();
  }

  private async walkWindow(windowDifficulty: number): Promise<PplnsAccumulator> {
    validateWindow(windowDifficulty);
    const acc = new PplnsAccumulator(windowDifficulty);
    let end = '+';
    while (!acc.full) {
      const page = await this.query(() => this.redis.xrevrange(`${this.prefix}shares`, end, '-', 'COUNT', READ_PAGE));
      for (const [, fields] of page) {
        if (acc.add(windowFields(fields))) break;
      }
      if (page.length < READ_PAGE) break;
      end = `(${page[page.length - 1][0]}`;
    }
    return acc;
  }

  /** See ShareLog.pruneShares and PRUNE_SCRIPT for which shares a trim keeps. Shares still in the disk buffer are not touched. */
  async pruneShares(olderThanMs: number): Promise<number> {
    validateCutoff(olderThanMs);
    const batch = this.options.pruneBatch ?? DEFAULT_PRUNE_BATCH;
    let removed = 0;
    for (;;) {
      const reply = await this.query(() => this.evalScript(PRUNE_SCRIPT_SHA, PRUNE_SCRIPT, [this.prefix, String(olderThanMs), String(batch)]));
      const [count, more] = Array.isArray(reply) ? reply.map(Number) : [Number.NaN, 0];
      if (!Number.isSafeInteger(count)) throw new ShareLogError(ERR_SHARELOG_UNAVAILABLE, `unexpected prune reply ${JSON.stringify(reply)}`);
      removed += count;
      if (more !== 1) return removed;
    }
  }

  async shareCount(filter: ShareCountFilter = {}): Promise<number> {
    const { worker, since } = filter;
    if (worker !== undefined) {
      const min = since === undefined ? '-inf' : String(since);
      return this.query(() => this.redis.zcount(`${this.prefix}worker:${worker}`, min, '+inf'));
    }
    if (since === undefined) return this.query(() => this.redis.xlen(`${this.prefix}shares`));
    // No index by share time across workers: walk the stream from (since - skew margin).
    let count = 0;
    let start = String(Math.max(0, Math.floor(since - CLOCK_SKEW_MARGIN_MS)));
    for (;;) {
      const page = await this.query(() => this.redis.xrange(`${this.prefix}shares`, start, '+', 'COUNT', READ_PAGE));
      for (const [, fields] of page) {
        const i = fields.indexOf('t');
        if (i >= 0 && i % 2 === 0 && Number(fields[i + 1]) >= since) count++;
      }
      if (page.length < READ_PAGE) return count;
      start = `(${page[page.length - 1][0]}`;
    }
  }

  status(): ShareLogStatus {
    return { connected: this.connected, buffered: this.buffer.count, committed: this.committed };
  }

  /** Flushes pending batches (to Redis or the buffer), stops; a non-empty buffer stays for the next open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.commit.flush();
    if (this.replayTimer) clearInterval(this.replayTimer);
    await this.replaying;
    // Drain what we can now; whatever is left waits for the next open.
    if (!this.buffer.empty && this.redis.status === 'ready') await this.replay();
    this.buffer.close();
    try {
      if (this.redis.status === 'ready') await this.redis.quit();
    } catch {
      // Closing anyway.
    }
    this.redis.disconnect();
  }

  /** The last connection or command error, for logs. */
  get error(): Error | undefined {
    return this.lastError;
  }

  private async writeBatch(ops: LogOp[]): Promise<Array<Error | null> | void> {
    if (this.buffer.empty && this.redis.status === 'ready') {
      try {
        const unknown = await this.send(ops);
        this.committed += ops.length - unknown.length;
        if (unknown.length === 0) return;
        const errors: Array<Error | null> = ops.map(() => null);
        for (const i of unknown) {
          const op = ops[i];
          const hash = op.k === 'u' ? op.hash : '';
          errors[i] = new ShareLogError(ERR_SHARELOG_UNKNOWN_BLOCK, `no block ${hash} in the share log`);
        }
        return errors;
      } catch (error) {
        // Ambiguous failures (reply lost after execution) are fine: the guard skips them on replay.
        this.lastError = error instanceof Error ? error : new Error(String(error));
      }
    }
    const wasEmpty = this.buffer.empty;
    this.buffer.append(ops.map(encodeOpLine));
    this.committed += ops.length;
    if (wasEmpty) this.emitStatus();
    this.kickReplay();
  }

  /** Runs one batch script; returns the indexes of updates whose block was unknown. */
  private async send(ops: LogOp[]): Promise<number[]> {
    const args: string[] = [this.prefix];
    for (const op of ops) opArgs(op, args);
    const reply = await this.evalScript(BATCH_SCRIPT_SHA, BATCH_SCRIPT, args);
    this.stats.transactions++;
    const unknown = Array.isArray(reply) && Array.isArray(reply[1]) ? (reply[1] as unknown[]) : [];
    return unknown.map(Number);
  }

  private async evalScript(sha: string, script: string, args: string[]): Promise<unknown> {
    try {
      return await this.redis.evalsha(sha, 0, ...args);
    } catch (error) {
      // After a Redis restart its script cache is empty.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.redis.eval(script, 0, ...args);
    }
  }

  private kickReplay(): void {
    if (!this.started || this.closed || this.replaying || this.buffer.empty || this.redis.status !== 'ready') return;
    this.replaying = this.replay().finally(() => {
      this.replaying = undefined;
    });
  }

  private async replay(): Promise<void> {
    try {
      while (!this.buffer.empty && this.redis.status === 'ready') {
        const chunk = this.buffer.read(REPLAY_LINES);
        const ops: LogOp[] = [];
        for (const line of chunk.lines) {
          try {
            ops.push(decodeOpLine(line));
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            this.buffer.moveAside(line, reason);
            this.stats.corruptLines++;
            this.emit('corrupt', { file: this.buffer.file, movedTo: this.buffer.corruptFile, line, reason });
          }
        }
        if (ops.length > 0) {
          const unknown = await this.send(ops);
          // An update for a block Redis never saw cannot be applied; keep it like a corrupt line.
          for (const i of unknown) {
            const line = encodeOpLine(ops[i]);
            this.buffer.moveAside(line, 'update of an unknown block');
            this.stats.corruptLines++;
            this.emit('corrupt', { file: this.buffer.file, movedTo: this.buffer.corruptFile, line, reason: ERR_SHARELOG_UNKNOWN_BLOCK });
          }
        }
        this.buffer.consume(chunk.end, chunk.lines.length);
      }
      if (this.buffer.empty) this.emitStatus();
    } catch (error) {
      // Redis went away again, or the corrupt file cannot be written: the rest stays in the
      // buffer and the timer retries.
      this.lastError = error instanceof Error ? error : new Error(String(error));
    }
  }

  private async loadBlocks(hashes: string[]): Promise<BlockRecord[]> {
    if (hashes.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const hash of hashes) pipeline.hgetall(`${this.prefix}block:${hash}`);
    const replies = await this.query(() => pipeline.exec());
    const blocks: BlockRecord[] = [];
    hashes.forEach((hash, i) => {
      const [error, value] = replies?.[i] ?? [null, null];
      if (error) throw toShareLogError(ERR_SHARELOG_UNAVAILABLE, 'block read failed', error);
      const h = value as Record<string, string> | null;
      if (h && h.data !== undefined) blocks.push(blockFromHash(hash, h));
    });
    return blocks;
  }

  private async query<T>(fn: () => Promise<T>): Promise<T> {
    this.assertOpen();
    try {
      return await fn();
    } catch (error) {
      throw toShareLogError(ERR_SHARELOG_UNAVAILABLE, 'Redis read failed', error);
    }
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    this.emitStatus();
    if (connected) this.kickReplay();
  }

  private emitStatus(): void {
    this.emit('status', { backend: this.kind, connected: this.connected, buffered: this.buffer.count });
  }

  private assertOpen(): void {
    if (this.closed) throw new ShareLogError(ERR_SHARELOG_CLOSED, 'share log is closed');
  }
}

/** Works even when Redis is down at start: shares are buffered until it comes. */
export async function openRedisShareLog(options: RedisShareLogOptions): Promise<RedisShareLog> {
  const log = new RedisShareLog(options);
  await log.start();
  return log;
}

