// Redis going away and coming back: shares keep being acknowledged (from the disk buffer) and
// all of them end up in Redis exactly once.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { openRedisShareLog, type ShareLogStatusEvent } from '../../lib/sharelog';
import { freePort, sleep, waitFor } from '../util/litecoind';
import { startRedis, stopAllRedis } from '../util/redis';
import { makeBlock, makeShare, tempDir } from './fixtures';
import { duplicates, streamHashes } from './redis-read';

describe('redis share log: outages', function () {
  const dirs: string[] = [];
  after(async () => {
    await stopAllRedis();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('keeps acknowledging through a stop and restart of redis-server; nothing lost, nothing twice', async () => {
    const server = await startRedis();
    const bufferDir = await tempDir('outage');
    dirs.push(bufferDir);
    const log = await openRedisShareLog({ url: server.url, bufferDir, keyPrefix: 'o:' });
    const events: ShareLogStatusEvent[] = [];
    log.on('status', (event) => events.push(event));

    const acked: string[] = [];
    const failed: unknown[] = [];
    let running = true;
    let n = 0;
    const appender = async (): Promise<void> => {
      while (running) {
        const share = makeShare(n++, { hash: `o-${n}` });
        try {
          await log.append(share);
          acked.push(share.hash);
        } catch (error) {
          failed.push(error);
        }
        if (n % 50 === 0) await sleep(1);
      }
    };
    const appenders = Promise.all(Array.from({ length: 20 }, appender));

    await waitFor(() => acked.length > 2000, 'shares before the outage');
    await server.terminate();
    const atStop = acked.length;
    await waitFor(() => log.status().buffered > 500, 'shares buffered during the outage');
    assert.equal(log.status().connected, false);
    // A block found during the outage is buffered too.
    await log.recordBlock(makeBlock('outage-block'));
    await server.restart();
    await waitFor(() => log.status().connected && acked.length > atStop + 3000, 'shares after the restart', 30_000);
    running = false;
    await appenders;
    await waitFor(() => log.status().buffered === 0, 'buffer replay', 30_000);

    assert.deepEqual(failed, []);
    const stored = await streamHashes(server.url, 'o:');
    assert.deepEqual(duplicates(stored), []);
    const have = new Set(stored);
    assert.deepEqual(acked.filter((h) => !have.has(h)), []);
    assert.equal(stored.length, acked.length);
    assert.equal(await log.shareCount(), acked.length);
    assert.deepEqual((await log.blocks(5)).map((b) => b.hash), ['outage-block']);

    const down = events.findIndex((e) => !e.connected);
    const up = events.findIndex((e, i) => i > down && e.connected);
    assert.ok(down >= 0 && up > down, `status events: ${JSON.stringify(events)}`);
    assert.ok(events.some((e) => e.buffered > 0), 'no status event showed a buffer');
    await log.close();
  });

  it('opens while Redis is down, buffers, and replays once redis-server starts', async () => {
    const port = await freePort();
    const bufferDir = await tempDir('outage-start');
    dirs.push(bufferDir);
    const log = await openRedisShareLog({ url: `redis://127.0.0.1:${port}`, bufferDir, keyPrefix: 's:', connectTimeoutMs: 300 });
    const events: ShareLogStatusEvent[] = [];
    log.on('status', (event) => events.push(event));
    assert.equal(log.status().connected, false);
    const hashes = Array.from({ length: 1000 }, (_, i) => `s-${i}`);
    await Promise.all(hashes.map((hash, i) => log.append(makeShare(i, { hash }))));
    assert.equal(log.status().buffered, 1000);
    // Reads need Redis and say so.
    await assert.rejects(log.shareCount(), (e: unknown) => (e as { code?: string }).code === 'ERR_SHARELOG_UNAVAILABLE');

    const server = await startRedis({ port });
    await waitFor(() => log.status().connected && log.status().buffered === 0, 'replay after start', 30_000);
    assert.deepEqual((await streamHashes(server.url, 's:')).sort(), [...hashes].sort());
    assert.ok(events.some((e) => e.connected), 'no connected=true status event');
    await log.close();
  });
});
