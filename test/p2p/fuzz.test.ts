// Fuzzing the wire layer with a seeded PRNG (reproducible): random bytes, mutated valid
// frames and huge declared lengths, fed in random slices. Nothing may throw out of feed()
// or decodePayload() except typed errors, and memory must stay bounded.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { P2PDecodeError, P2PFrameError } from '../../lib/p2p/errors';
import { encodeFrame, encodeMessage, HEADER_SIZE } from '../../lib/p2p/framer';
import { decodePayload } from '../../lib/p2p/messages';
import { FrameParser } from '../../lib/p2p/parser';

const magic = Buffer.from('fabfb5da', 'hex');

// xorshift32: fixed seeds, so a failure can be replayed.
function prng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

function randomBytes(rand: (n: number) => number, length: number): Buffer {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = rand(256);
  return b;
}

interface Outcome {
  frames: number;
  chunks: number;
  errors: number;
}

/** Feeds data in random slices; every event must be well-typed, and feed must not throw. */
function run(parser: FrameParser, data: Buffer, rand: (n: number) => number): Outcome {
  const out: Outcome = { frames: 0, chunks: 0, errors: 0 };
  parser.on('frame', (f) => {
    out.frames++;
    try {
      decodePayload(f.command, f.payload);
    } catch (error) {
      assert.ok(error instanceof P2PDecodeError, `decodePayload(${f.command}) threw ${String(error)}`);
      assert.ok(error.offset >= 0 && error.offset <= f.payload.length);
    }
  });
  parser.on('chunk', () => out.chunks++);
  parser.on('error', (e) => {
    assert.ok(e instanceof P2PFrameError);
    out.errors++;
  });
  for (let pos = 0; pos < data.length; ) {
    const n = 1 + rand(rand(4) === 0 ? 4 : 600);
    parser.feed(data.subarray(pos, pos + n));
    pos += n;
  }
  assert.ok(out.errors <= 1, 'at most one fatal error');
  return out;
}

function validFrames(): Buffer[] {
  const vectors = JSON.parse(
    readFileSync(path.join(__dirname, '../../../test/vectors/p2p-frames.json'), 'utf8'),
  ) as Record<'notes' | 'captured' | 'handmade', { frame: string }[]>;
  const frames: Buffer[] = [...vectors.notes, ...vectors.captured, ...vectors.handmade].map((v) => Buffer.from(v.frame, 'hex'));
  // A block that streams (the parsers below use a 512-byte threshold): legacy txs and a tail.
  const tx = Buffer.from(`0100000001${'11'.repeat(32)}0000000003515151ffffffff0100e1f50500000000015100000000`, 'hex');
  const block = Buffer.concat([Buffer.alloc(80, 3), Buffer.from([12]), ...Array<Buffer>(12).fill(tx), Buffer.from([1]), Buffer.alloc(40, 9)]);
  frames.push(encodeFrame(magic, 'block', block));
  return frames;
}

function mutate(frame: Buffer, rand: (n: number) => number): Buffer {
  const m = Buffer.from(frame);
  switch (rand(5)) {
    case 0: {
      const flips = 1 + rand(4);
      for (let i = 0; i < flips; i++) m[rand(m.length)] ^= 1 << rand(8);
      return m;
    }
    case 1:
      return m.subarray(0, rand(m.length));
    case 2:
      m.writeUInt32LE([0xffffffff, 0x80000000, 0x02100001, m.length + rand(1000)][rand(4)], 16);
      return m;
    case 3: {
      // Payload flips with a repaired checksum: reaches the codecs and the block walker.
      const payload = m.subarray(HEADER_SIZE);
      if (payload.length > 0) payload[rand(payload.length)] ^= 1 << rand(8);
      return encodeFrame(magic, m.toString('latin1', 4, 16).replace(/\0+$/, '') || 'x', Buffer.from(payload));
    }
    default:
      return Buffer.concat([m, randomBytes(rand, rand(64))]);
  }
}

function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

describe('p2p wire fuzz', function () {
  this.timeout(20_000);
  const frames = validFrames();

  it('random bytes: errors only as events', () => {
    const started = Date.now();
    const rand = prng(1);
    let errors = 0;
    for (let i = 0; i < 2000; i++) {
      const data = randomBytes(rand, 1 + rand(300));
      // Half start with the right magic so the header checks are reached too.
      if (i % 2 === 0) magic.copy(data, 0, 0, Math.min(4, data.length));
      errors += run(new FrameParser({ magic, maxPayload: 4096, blockChunkThreshold: 512, chunkSize: 64 }), data, rand).errors;
    }
    assert.ok(errors > 900);
    assert.ok(Date.now() - started < 10_000);
  });

  it('mutated valid frames (bit flips, truncations, huge lengths, payload flips, junk)', () => {
    const started = Date.now();
    const rand = prng(2);
    const totals: Outcome = { frames: 0, chunks: 0, errors: 0 };
    for (let i = 0; i < 5000; i++) {
      const stream = Buffer.concat([frames[rand(frames.length)], mutate(frames[rand(frames.length)], rand), frames[rand(frames.length)]]);
      const o = run(new FrameParser({ magic, blockChunkThreshold: 512, chunkSize: 1 + rand(200) }), stream, rand);
      totals.frames += o.frames;
      totals.chunks += o.chunks;
      totals.errors += o.errors;
    }
    // Every path was taken: frames decoded, blocks streamed, faults reported.
    assert.ok(totals.frames > 5000 && totals.chunks > 1000 && totals.errors > 1000, JSON.stringify(totals));
    assert.ok(Date.now() - started < 10_000);
  });

  it('100k frames keep memory flat; a declared 4 GiB length allocates nothing', () => {
    const gc = collectGarbage();
    const rand = prng(3);
    const parser = new FrameParser({ magic, blockChunkThreshold: 512, chunkSize: 128 });
    let received = 0;
    parser.on('frame', () => received++);
    parser.on('chunk', () => received++);
    parser.on('error', (e) => assert.fail(e));
    gc();
    const base = process.memoryUsage().arrayBuffers;
    let peak = 0;
    for (let i = 0; i < 100_000; i++) {
      const frame = i % 50 === 0 ? frames[frames.length - 1] : encodeMessage(magic, { command: 'ping', nonce: BigInt(i) });
      const cut = rand(frame.length);
      parser.feed(frame.subarray(0, cut));
      parser.feed(frame.subarray(cut));
      if (i % 10_000 === 9_999) {
        gc();
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
      }
    }
    assert.ok(received >= 100_000);
    assert.ok(peak < 4 * 1024 * 1024, `arrayBuffers grew by ${peak} bytes`);

    // With the limit lifted to 4 GiB the parser keeps only what arrived, not what was declared.
    const open = new FrameParser({ magic, maxPayload: 0xffffffff });
    open.on('error', (e) => assert.fail(e));
    const header = encodeFrame(magic, 'tx', Buffer.alloc(0));
    header.writeUInt32LE(0xffffffff, 16);
    gc();
    const before = process.memoryUsage().arrayBuffers;
    open.feed(header);
    for (let i = 0; i < 16; i++) open.feed(Buffer.alloc(64 * 1024));
    gc();
    assert.ok(process.memoryUsage().arrayBuffers - before < 8 * 1024 * 1024);
  });
});
