// The configured share log: SQLite in the data dir, or Redis with a local buffer there.
import path from 'node:path';
import type { PoolConfig } from '../config';
import { openRedisShareLog, openSqliteShareLog, type ShareLog } from '../sharelog';

export async function openShareLog(config: PoolConfig): Promise<ShareLog> {
  const { shareLog } = config;
  if (shareLog.backend === 'redis') {
    if (shareLog.redis === undefined) throw new Error('shareLog.redis is required for the redis backend');
    return openRedisShareLog({
      url: shareLog.redis.url,
      keyPrefix: shareLog.redis.keyPrefix,
      bufferDir: path.join(shareLog.dir, 'redis-buffer'),
      commitIntervalMs: shareLog.commitIntervalMs,
    });
  }
  return openSqliteShareLog({ path: path.join(shareLog.dir, 'shares.db'), commitIntervalMs: shareLog.commitIntervalMs });
}
