// Share-log throughput: accepted shares per second through append() with group commit,
// for SQLite (synchronous NORMAL and FULL) and Redis (appendonly yes, local redis-server).
// Run: npx tsc -p tsconfig.json && node dist/bench/sharelog.bench.js [shares]

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRedisShareLog, openSqliteShareLog, type ShareLog, type ShareRecord } from '../lib/sharelog';
import { startRedis, stopAllRedis } from '../test/util/redis';

const TOTAL = Number(process.argv[2] ?? 200_000);
// The pool keeps this many shares in flight: roughly connections x outstanding submits.
const IN_FLIGHT = 20_000;

function share(n: number): ShareRecord {
  const user = `ltc1quser${n % 500}`;
  return {
    time: Date.now(),
    poolInstance: 1,
    worker: `${user}.rig${n % 4}`,
    user,
    difficulty: 1 + (n % 7) / 8,
    shareDifficulty: 3.25,
    networkDifficulty: 1234567.5,
    height: 2_500_000,
    jobId: (n >>> 8).toString(16),
    hash: n.toString(16).padStart(64, '0'),
    blockCandidate: false,
    ip: '10.0.0.1',
  };
}

async function run(name: string, log: ShareLog): Promise<void> {
  const start = process.hrtime.bigint();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < TOTAL) await log.append(share(next++));
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const pplnsStart = process.hrtime.bigint();
  await log.pplnsWindow(TOTAL / 2);
  const pplnsMs = Number(process.hrtime.bigint() - pplnsStart) / 1e6;
  console.log(
    `${name.padEnd(22)} ${Math.round(TOTAL / seconds).toString().padStart(8)} shares/s  ` +
      `${log.stats.transactions} transactions (${Math.round(TOTAL / log.stats.transactions)} per batch)  ` +
      `pplns over ${TOTAL / 2} shares ${pplnsMs.toFixed(0)} ms`,
  );
  await log.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hashpool-bench-sharelog-'));
  try {
    console.log(`${TOTAL} shares, ${IN_FLIGHT} in flight`);
    await run('sqlite NORMAL', openSqliteShareLog({ path: path.join(dir, 'normal.db') }));
    await run('sqlite FULL', openSqliteShareLog({ path: path.join(dir, 'full.db'), synchronous: 'full' }));
    const redis = await startRedis();
    await run('redis (appendonly)', await openRedisShareLog({ url: redis.url, bufferDir: path.join(dir, 'buffer') }));
  } finally {
    await stopAllRedis();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
