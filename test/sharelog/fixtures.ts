// Shared by the share-log tests: record factories and backend openers (the same test table
// runs against SQLite and Redis).

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openRedisShareLog, openSqliteShareLog, type BlockRecord, type ShareLog, type ShareRecord } from '../../lib/sharelog';
import { startRedis, type RedisServer } from '../util/redis';

export function makeShare(n: number, overrides: Partial<ShareRecord> = {}): ShareRecord {
  const user = overrides.user ?? 'ltc1qtestuser';
  return {
    time: 1_700_000_000_000 + n,
    poolInstance: 1,
    worker: `${user}.rig1`,
    user,
    difficulty: 1,
    shareDifficulty: 1.5,
    networkDifficulty: 12345.678,
    height: 100,
    jobId: 'a1',
    hash: `share-${n}`,
    blockCandidate: false,
    ip: '127.0.0.1',
    ...overrides,
  };
}

export function makeBlock(hash: string, overrides: Partial<BlockRecord> = {}): BlockRecord {
  return {
    height: 200,
    hash,
    time: 1_700_000_000_000,
    worker: 'ltc1qfinder.rig1',
    user: 'ltc1qfinder',
    reward: 1_250_000_000n,
    status: 'pending',
    submitResult: null,
    confirmations: 0,
    poolInstance: 1,
    ...overrides,
  };
}

export async function tempDir(name: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `hashpool-${name}-`));
}

export interface OpenOptions {
  pruneBatch?: number;
}

export interface Backend {
  readonly name: 'sqlite' | 'redis';
  /** A fresh, empty log. */
  open(options?: OpenOptions): Promise<ShareLog>;
  teardown(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    async open(options: OpenOptions = {}) {
      const dir = await tempDir('sqlite');
      dirs.push(dir);
      return openSqliteShareLog({ path: path.join(dir, 'shares.db'), ...options });
    },
    async teardown() {
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

export function redisBackend(): Backend {
  let server: RedisServer | undefined;
  const dirs: string[] = [];
  let n = 0;
  return {
    name: 'redis',
    async open(options: OpenOptions = {}) {
      server ??= await startRedis();
      const dir = await tempDir('redis-buffer');
      dirs.push(dir);
      // A fresh key prefix per log keeps the tests apart on one server.
      return openRedisShareLog({ url: server.url, keyPrefix: `t${n++}:`, bufferDir: dir, ...options });
    },
    async teardown() {
      await server?.stop();
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
