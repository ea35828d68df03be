// The Redis backend's disk buffer: corrupt lines, torn tails, the directory lock.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openRedisShareLog, ShareLogError, type ShareLogCorruptEvent } from '../../lib/sharelog';
import { BUFFER_FILE, DiskBuffer } from '../../lib/sharelog/disk-buffer';
import { decodeOpLine, encodeOpLine } from '../../lib/sharelog/redis-codec';
import { freePort, waitFor } from '../util/litecoind';
import { startRedis, stopAllRedis } from '../util/redis';
import { makeBlock, makeShare, tempDir } from './fixtures';
import { streamHashes } from './redis-read';

describe('redis share log: disk buffer', function () {
  const dirs: string[] = [];
  async function dir(name: string): Promise<string> {
    const d = await tempDir(name);
    dirs.push(d);
    return d;
  }
  after(async () => {
    await stopAllRedis();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('round-trips every op kind through a buffer line', () => {
    const ops = [
      { k: 's' as const, session: '1-abc', seq: 7, share: makeShare(1, { difficulty: 0.125 }) },
      { k: 'b' as const, block: makeBlock('h1', { reward: 2n ** 80n, submitResult: 'duplicate' }) },
      { k: 'u' as const, hash: 'h1', status: 'confirmed' as const, confirmations: 100 },
    ];
    for (const op of ops) assert.deepEqual(decodeOpLine(encodeOpLine(op)), op);
    for (const bad of ['', '{', 'null', '{"k":"s"}', '{"k":"x"}', '{"k":"u","hash":"h","status":"lost","confirmations":1}']) {
      assert.throws(() => decodeOpLine(bad), (e: unknown) => e instanceof ShareLogError && e.code === 'ERR_SHARELOG_CORRUPT_BUFFER', bad);
    }
  });

  it('moves a corrupt line aside, reports it, and replays the rest', async () => {
    const bufferDir = await dir('corrupt');
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    // Fill the buffer through the log itself while Redis is down.
    const first = await openRedisShareLog({ url, bufferDir, keyPrefix: 'c:', connectTimeoutMs: 200 });
    await Promise.all([0, 1, 2, 3].map((i) => first.append(makeShare(i, { hash: `c-${i}` }))));
    await first.close();
    const file = path.join(bufferDir, BUFFER_FILE);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    assert.equal(lines.length, 4);
    // A garbage line in the middle and a torn write (no newline) at the end.
    await writeFile(file, [lines[0], lines[1], 'garbage{not json', lines[2], lines[3]].join('\n') + '\n{"k":"s","sess');

    const server = await startRedis({ port });
    const log = await openRedisShareLog({ url: server.url, bufferDir, keyPrefix: 'c:' });
    const corrupt: ShareLogCorruptEvent[] = [];
    log.on('corrupt', (event) => corrupt.push(event));
    await waitFor(() => log.status().buffered === 0, 'replay');
    assert.deepEqual((await streamHashes(server.url, 'c:')).sort(), ['c-0', 'c-1', 'c-2', 'c-3']);
    assert.equal(log.stats.corruptLines, 2);
    const aside = (await readFile(file + '.corrupt', 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { line: string; reason: string });
    assert.deepEqual(aside.map((a) => a.line), ['garbage{not json', '{"k":"s","sess']);
    assert.ok(aside.every((a) => a.reason.length > 0));
    assert.deepEqual(corrupt.map((e) => [e.line, e.movedTo]), [
      ['garbage{not json', file + '.corrupt'],
      ['{"k":"s","sess', file + '.corrupt'],
    ]);
    assert.equal(existsSync(file), false, 'drained buffer file not removed');
    await log.close();
  });

  it('keeps lines in order across reads and removes the drained file', async () => {
    const d = await dir('order');
    const buffer = new DiskBuffer(d);
    buffer.append(['a', 'b', 'c']);
    buffer.append(['d']);
    assert.equal(buffer.count, 4);
    const one = buffer.read(3);
    assert.deepEqual(one.lines, ['a', 'b', 'c']);
    buffer.consume(one.end, one.lines.length);
    buffer.append(['e']);
    const two = buffer.read(10);
    assert.deepEqual(two.lines, ['d', 'e']);
    buffer.consume(two.end, two.lines.length);
    assert.equal(buffer.empty, true);
    assert.equal(existsSync(path.join(d, BUFFER_FILE)), false);
    buffer.close();
  });

  it('refuses a directory in use, and adopts one whose owner died', async () => {
    const d = await dir('lock');
    const buffer = new DiskBuffer(d);
    assert.throws(() => new DiskBuffer(d), (e: unknown) => e instanceof ShareLogError && e.code === 'ERR_SHARELOG_BUFFER_LOCKED');
    buffer.append(['x']);
    buffer.close();
    // A pid that cannot be alive: the lock is stale.
    await writeFile(path.join(d, 'lock'), '2147483646\n');
    await appendFile(path.join(d, BUFFER_FILE), 'torn');
    const again = new DiskBuffer(d);
    assert.equal(again.count, 2);
    assert.deepEqual(again.read(10).lines, ['x', 'torn']);
    again.close();
  });

  it('a write failure is a ShareLogError, not a crash', async () => {
    const d = await dir('full');
    const buffer = new DiskBuffer(d);
    // Point the buffer file at a directory: every open fails like a broken disk would.
    await rm(path.join(d, BUFFER_FILE), { force: true });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(d, BUFFER_FILE));
    assert.throws(() => buffer.append(['x']), (e: unknown) => e instanceof ShareLogError && e.code === 'ERR_SHARELOG_BUFFER_WRITE');
    buffer.close();
  });
});
