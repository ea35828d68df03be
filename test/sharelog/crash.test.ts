// kill -9 of a pool process loses no acknowledged share.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { openRedisShareLog, openSqliteShareLog } from '../../lib/sharelog';
import { openDatabase } from '../../lib/sharelog/sqlite-binding';
import { freePort, waitFor } from '../util/litecoind';
import { startRedis, stopAllRedis } from '../util/redis';
import { duplicates, streamHashes } from './redis-read';
import { tempDir } from './fixtures';

const CHILD = path.join(__dirname, 'crash-child.js');

/** Runs the child until it has acknowledged at least `minAcked` shares, then SIGKILLs it. */
async function runAndKill(args: string[], minAcked: number): Promise<string[]> {
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acked: string[] = [];
  let partial = '';
  let stderr = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.on('exit', () => {
    exited = true;
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => (stderr += text));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('crash-')) acked.push(line);
  });
  try {
    await waitFor(() => acked.length >= minAcked || exited, `${minAcked} acknowledged shares`, 30_000);
  } finally {
    child.kill('SIGKILL');
  }
  await exit;
  assert.equal(exited, true);
  assert.ok(acked.length >= minAcked, `child stopped early: ${stderr}`);
  return acked;
}

function missing(acked: string[], stored: Iterable<string>): string[] {
  const have = new Set(stored);
  return acked.filter((hash) => !have.has(hash));
}

describe('share log crash safety (kill -9)', function () {
  const dirs: string[] = [];
  after(async () => {
    await stopAllRedis();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('sqlite: every acknowledged share is in the file after kill -9', async () => {
    const dir = await tempDir('crash-sqlite');
    dirs.push(dir);
    const file = path.join(dir, 'shares.db');
    const acked = await runAndKill(['sqlite', file], 20_000);

    const db = openDatabase(file, 5000);
    const rows = db.prepare<{ hash: string }>('SELECT hash FROM shares').all();
    db.close();
    assert.deepEqual(missing(acked, rows.map((r) => r.hash)), []);
    assert.ok(rows.length >= acked.length);
    // And the log opens again and keeps appending.
    const log = openSqliteShareLog({ path: file });
    assert.equal(await log.shareCount(), rows.length);
    await log.close();
  });

  it('redis: every acknowledged share is in Redis after kill -9, none twice', async () => {
    const server = await startRedis();
    const bufferDir = await tempDir('crash-redis');
    dirs.push(bufferDir);
    const acked = await runAndKill(['redis', server.url, bufferDir, 'crash:'], 20_000);
    // Reopening replays whatever the child had buffered (normally nothing here).
    const log = await openRedisShareLog({ url: server.url, bufferDir, keyPrefix: 'crash:' });
    await waitFor(() => log.status().buffered === 0, 'buffer replay');
    await log.close();
    const stored = await streamHashes(server.url, 'crash:');
    assert.deepEqual(missing(acked, stored), []);
    assert.deepEqual(duplicates(stored), []);
  });

  it('redis down: shares buffered on disk by a killed process are replayed by the next open', async () => {
    const port = await freePort();
    const bufferDir = await tempDir('crash-redis-down');
    dirs.push(bufferDir);
    const acked = await runAndKill(['redis', `redis://127.0.0.1:${port}`, bufferDir, 'down:'], 5_000);
    const server = await startRedis({ port });
    const log = await openRedisShareLog({ url: server.url, bufferDir, keyPrefix: 'down:' });
    await waitFor(() => log.status().buffered === 0, 'buffer replay', 30_000);
    await log.close();
    const stored = await streamHashes(server.url, 'down:');
    assert.deepEqual(missing(acked, stored), []);
    assert.deepEqual(duplicates(stored), []);
  });
});
