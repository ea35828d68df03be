import assert from 'node:assert/strict';
import net from 'node:net';
import { hash } from '../../lib/hash';
import { P2PFrameError } from '../../lib/p2p/errors';
import { encodeFrame, encodeMessage, HEADER_SIZE } from '../../lib/p2p/framer';
import { decodePayload, INV, type Message } from '../../lib/p2p/messages';
import { FrameParser, type BlockChunk, type BlockEnd, type Frame } from '../../lib/p2p/parser';
import { startLitecoind, stopAllLitecoind, waitFor, type LitecoindNode } from '../util/litecoind';

const magic = Buffer.from('fabfb5da', 'hex');

interface Collected {
  frames: Frame[];
  chunks: BlockChunk[];
  ends: BlockEnd[];
  errors: P2PFrameError[];
}

function collect(parser: FrameParser): Collected {
  const out: Collected = { frames: [], chunks: [], ends: [], errors: [] };
  parser.on('frame', (f) => out.frames.push(f));
  parser.on('chunk', (c) => out.chunks.push(c));
  parser.on('block-end', (e) => out.ends.push(e));
  parser.on('error', (e) => out.errors.push(e));
  return out;
}

/** Deterministic slice sizes in [1, max]. */
function feedInSlices(parser: FrameParser, data: Buffer, max: number, seed = 1): void {
  let s = seed;
  for (let pos = 0; pos < data.length; ) {
    s = (s * 1103515245 + 12345) >>> 0;
    const n = 1 + (s % max);
    parser.feed(data.subarray(pos, pos + n));
    pos += n;
  }
}

function varint(n: number): Buffer {
  if (n < 0xfd) return Buffer.from([n]);
  const b = Buffer.alloc(3);
  b[0] = 0xfd;
  b.writeUInt16LE(n, 1);
  return b;
}

function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

// Hand-written transactions of every layout the chunker walks.
const legacyTx = hex(`01000000 01 ${'11'.repeat(32)} 00000000 03 515151 ffffffff
  02 ${'00e1f50500000000'} 01 51 ${'0100000000000000'} 00 00000000`);
const segwitCoinbase = hex(`02000000 0001 01 ${'00'.repeat(32)} ffffffff 04 03e80300 ffffffff
  01 ${'00f2052a01000000'} 16 0014${'22'.repeat(20)} 01 20 ${'00'.repeat(32)} 00000000`);
const segwitTwoInputs = hex(`02000000 0001 02 ${'33'.repeat(32)} 01000000 00 feffffff ${'44'.repeat(32)} 02000000 00 feffffff
  01 ${'1027000000000000'} 00 02 02 0102 fd0001 ${'55'.repeat(256)} 00 ${'10000000'}`);
const hogEx = hex(`02000000 0008 01 ${'66'.repeat(32)} 00000000 00 ffffffff 01 ${'0065cd1d00000000'} 22 5820${'77'.repeat(32)} 00 00000000`);

function buildBlock(txs: Buffer[], trailing = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(80);
  for (let i = 0; i < 80; i++) header[i] = (i * 7) & 0xff;
  return Buffer.concat([header, varint(txs.length), ...txs, trailing]);
}

function txStarts(txs: Buffer[]): number[] {
  const starts: number[] = [];
  let at = 80 + varint(txs.length).length;
  for (const tx of txs) {
    starts.push(at);
    at += tx.length;
  }
  return starts;
}

/** Checks the chunks rebuild the block, cut only at tx starts, and report every tx start once. */
function checkChunks(got: Collected, block: Buffer, starts: number[], txCount: number): void {
  assert.deepEqual(got.errors, []);
  assert.equal(got.frames.length, 0);
  assert.equal(got.ends.length, 1);
  const blockHash = hash.sha256d(block.subarray(0, 80));
  assert.deepEqual(got.ends[0], { blockHash, totalBytes: block.length, txCount, total: got.chunks.length });
  assert.deepEqual(Buffer.concat(got.chunks.map((c) => c.data)), block);
  const seen: number[] = [];
  let base = 0;
  got.chunks.forEach((c, i) => {
    assert.equal(c.index, i);
    assert.equal(c.total, i === got.chunks.length - 1 ? got.chunks.length : -1);
    assert.deepEqual(c.blockHash, blockHash);
    for (const o of c.txOffsets) seen.push(base + o);
    // A chunk boundary inside the transactions is always a tx start.
    if (i > 0 && base < starts[starts.length - 1]) assert.ok(starts.includes(base), `chunk ${i} starts at ${base}`);
    base += c.data.length;
  });
  assert.deepEqual(seen, starts);
}

describe('p2p parser: framing', () => {
  const messages: Message[] = [
    { command: 'verack' },
    { command: 'ping', nonce: 7n },
    { command: 'inv', items: [{ type: INV.MWEB_BLOCK, hash: Buffer.alloc(32, 1) }] },
    { command: 'block', raw: buildBlock([legacyTx]) },
    { command: 'unknown', name: 'x', payload: Buffer.alloc(3000, 9) },
  ];
  const stream = Buffer.concat(messages.map((m) => encodeMessage(magic, m)));

  for (const max of [1, 2, 7, 24, 25, 100, 5000]) {
    it(`frames come out whole when fed in slices of up to ${max} bytes`, () => {
      const parser = new FrameParser({ magic });
      const got = collect(parser);
      feedInSlices(parser, stream, max, max);
      assert.deepEqual(got.errors, []);
      assert.deepEqual(
        got.frames.map((f) => decodePayload(f.command, f.payload)),
        messages,
      );
    });
  }

  it('bad magic is fatal and later input is ignored', () => {
    const parser = new FrameParser({ magic });
    const got = collect(parser);
    const ping = encodeMessage(magic, { command: 'ping', nonce: 1n });
    parser.feed(Buffer.concat([ping, encodeMessage(Buffer.from('f9beb4d9', 'hex'), { command: 'verack' })]));
    parser.feed(ping);
    assert.equal(got.frames.length, 1);
    assert.equal(got.errors.length, 1);
    assert.equal(got.errors[0].code, 'ERR_P2P_FRAME');
    assert.equal(got.errors[0].offset, ping.length);
    assert.match(got.errors[0].message, /bad magic f9beb4d9/);
    assert.ok(parser.failed);
  });

  it('malformed command fields are fatal', () => {
    for (const field of ['76657200610000000000000000', '7665720a0000000000000000', '76e97200000000000000000000']) {
      const frame = encodeFrame(magic, 'ver', Buffer.alloc(0));
      hex(field).copy(frame, 4, 0, 12);
      const parser = new FrameParser({ magic });
      const got = collect(parser);
      parser.feed(frame);
      assert.equal(got.errors.length, 1, field);
      assert.match(got.errors[0].message, /malformed command/);
    }
  });

  it('a declared length above maxPayload fails on the header alone, 4 GiB included', () => {
    for (const length of [1001, 0xffffffff]) {
      const parser = new FrameParser({ magic, maxPayload: 1000 });
      const got = collect(parser);
      const header = encodeFrame(magic, 'tx', Buffer.alloc(0));
      header.writeUInt32LE(length, 16);
      parser.feed(header);
      assert.equal(got.errors.length, 1);
      assert.match(got.errors[0].message, new RegExp(`${length} bytes above the 1000-byte limit`));
    }
    const parser = new FrameParser({ magic, maxPayload: 1000 });
    const got = collect(parser);
    parser.feed(encodeFrame(magic, 'tx', Buffer.alloc(1000)));
    assert.equal(got.frames.length, 1);
  });

  it('a checksum mismatch is fatal', () => {
    const frame = encodeMessage(magic, { command: 'ping', nonce: 5n });
    frame[frame.length - 1] ^= 1;
    const parser = new FrameParser({ magic });
    const got = collect(parser);
    parser.feed(frame);
    assert.equal(got.frames.length, 0);
    assert.match(got.errors[0].message, /ping payload checksum mismatch/);
  });

  it('rejects bad options', () => {
    assert.throws(() => new FrameParser({ magic: Buffer.alloc(3) }), TypeError);
    assert.throws(() => new FrameParser({ magic, chunkSize: 0 }), TypeError);
  });
});

describe('p2p parser: streamed blocks (hand-made layouts)', () => {
  const txs = [segwitCoinbase, legacyTx, segwitTwoInputs, legacyTx, hogEx];
  const trailing = Buffer.concat([Buffer.from([1]), Buffer.alloc(700, 0xab)]);
  const block = buildBlock(txs, trailing);

  for (const [chunkSize, slice] of [[1, 1], [64, 13], [200, 4096], [100_000, 3]] as const) {
    it(`chunkSize ${chunkSize}, slices up to ${slice}: segwit, legacy, MWEB HogEx and a trailing part`, () => {
      const parser = new FrameParser({ magic, blockChunkThreshold: 1024, chunkSize });
      const got = collect(parser);
      const ping = encodeMessage(magic, { command: 'ping', nonce: 3n });
      feedInSlices(parser, Buffer.concat([encodeFrame(magic, 'block', block), ping]), slice);
      assert.equal(got.frames.length, 1, 'the ping after the block');
      got.frames.length = 0;
      checkChunks(got, block, txStarts(txs), txs.length);
      const last = got.chunks[got.chunks.length - 1];
      if (chunkSize < trailing.length) assert.ok(last.data.length <= chunkSize && last.txOffsets.length === 0);
    });
  }

  it('below the threshold a block is one frame', () => {
    const parser = new FrameParser({ magic, blockChunkThreshold: block.length + 1 });
    const got = collect(parser);
    parser.feed(encodeFrame(magic, 'block', block));
    assert.deepEqual(got.frames, [{ command: 'block', payload: block }]);
    assert.equal(got.chunks.length, 0);
  });

  it('a streamed block with a bad checksum ends in an error, not block-end', () => {
    const frame = encodeFrame(magic, 'block', block);
    frame[20] ^= 0xff;
    const parser = new FrameParser({ magic, blockChunkThreshold: 1024, chunkSize: 100 });
    const got = collect(parser);
    parser.feed(frame);
    assert.equal(got.ends.length, 0);
    assert.equal(got.errors.length, 1);
    assert.match(got.errors[0].message, /block payload checksum mismatch/);
    assert.equal(got.errors[0].offset, frame.length);
  });

  const broken: [string, Buffer, RegExp][] = [
    ['ends inside a tx', Buffer.concat([Buffer.alloc(80), varint(21), ...Array<Buffer>(20).fill(legacyTx), legacyTx.subarray(0, 10)]), /ends inside transaction 20 of 21/],
    ['unknown tx flags', buildBlock([Buffer.concat([hex('02000000 0002'), legacyTx.subarray(4)]), Buffer.alloc(1000)]), /unknown transaction flags 0x2/],
    ['MWEB data inside a tx', buildBlock([Buffer.concat([hogEx.subarray(0, hogEx.length - 5), hex('01 00000000')]), Buffer.alloc(1000)]), /MWEB transaction data/],
    ['a script longer than the block', buildBlock([hex(`01000000 01 ${'11'.repeat(32)} 00000000 fe00000100`), Buffer.alloc(1000)]), /script length 65536 exceeds/],
    ['a tx count above the bytes left', Buffer.concat([Buffer.alloc(80), hex('fe00000100'), Buffer.alloc(1000)]), /transaction count/],
    ['a non-canonical varint', Buffer.concat([Buffer.alloc(80), hex('fd0100'), Buffer.alloc(1000)]), /non-canonical varint/],
  ];
  for (const [name, payload, pattern] of broken) {
    it(`fatal: ${name}`, () => {
      const parser = new FrameParser({ magic, blockChunkThreshold: 1024, chunkSize: 64 });
      const got = collect(parser);
      const frame = encodeFrame(magic, 'block', payload);
      parser.feed(frame);
      parser.feed(encodeMessage(magic, { command: 'verack' }));
      assert.equal(got.errors.length, 1);
      assert.match(got.errors[0].message, pattern);
      assert.ok(got.errors[0].offset >= HEADER_SIZE && got.errors[0].offset <= frame.length);
      assert.equal(got.ends.length, 0);
      assert.equal(got.frames.length, 0);
    });
  }
});

interface VerboseBlock {
  hash: string;
  height: number;
  tx: { hex: string }[];
}

describe('p2p parser: streamed blocks from a real litecoind regtest', function () {
  this.timeout(240_000);
  let node: LitecoindNode;
  const blocks: { label: string; raw: Buffer; verbose: VerboseBlock }[] = [];

  before(async () => {
    node = await startLitecoind();
    await node.mine(150);
    const types = ['bech32', 'legacy', 'p2sh-segwit'] as const;
    const addresses = await Promise.all(Array.from({ length: 30 }, (_, i) => node.newAddress(types[i % 3])));
    for (const address of addresses) await node.rpc('sendtoaddress', address, 0.5);
    const [busy] = await node.mine(1);
    await node.mine(431 - (await node.rpc<number>('getblockcount')));
    // MWEB activates at 432 only if a peg-in waits in the mempool at tip 431 (notes §6).
    await node.rpc('sendtoaddress', await node.newAddress('mweb'), 1);
    for (const address of addresses.slice(0, 10)) await node.rpc('sendtoaddress', address, 0.25);
    const [first] = await node.mine(1);
    await node.rpc('sendtoaddress', await node.newAddress('mweb'), 2);
    for (const address of addresses.slice(10, 20)) await node.rpc('sendtoaddress', address, 0.25);
    const [later] = await node.mine(1);
    for (const [label, blockHash] of [['pre-MWEB, 31 txs', busy], ['first MWEB block (432)', first], ['MWEB block 433', later]]) {
      const raw = Buffer.from(await node.rpc<string>('getblock', blockHash, 0), 'hex');
      const verbose = await node.rpc<VerboseBlock>('getblock', blockHash, 2);
      blocks.push({ label, raw, verbose });
    }
  });

  after(() => stopAllLitecoind());

  it('the blocks have what the test needs', () => {
    assert.ok(blocks[0].verbose.tx.length >= 31);
    assert.equal(blocks[1].verbose.height, 432);
    for (const b of blocks.slice(1)) {
      const txBytes = b.verbose.tx.reduce((n, t) => n + t.hex.length / 2, 0);
      assert.equal(b.raw[80 + varint(b.verbose.tx.length).length + txBytes], 1, `${b.label}: MWEB tail present`);
    }
  });

  for (const index of [0, 1, 2]) {
    for (const chunkSize of [1, 300, 2048]) {
      it(`block ${index}: chunkSize ${chunkSize}, reassembled byte-identical, chunks cut at tx starts`, () => {
        const { raw, verbose } = blocks[index];
        const parser = new FrameParser({ magic, blockChunkThreshold: 1024, chunkSize });
        const got = collect(parser);
        feedInSlices(parser, encodeFrame(magic, 'block', raw), 1500, chunkSize);
        const txs = verbose.tx.map((t) => Buffer.from(t.hex, 'hex'));
        checkChunks(got, raw, txStarts(txs), txs.length);
        assert.equal(Buffer.from(got.ends[0].blockHash).reverse().toString('hex'), verbose.hash);
        for (let i = 0; i < txs.length; i++) {
          const at = txStarts(txs)[i];
          assert.deepEqual(raw.subarray(at, at + txs[i].length), txs[i], `tx ${i} where the chunker says`);
        }
      });
    }
  }

  it('an MWEB block fetched over P2P (getdata MSG_MWEB_BLOCK) streams byte-identical to getblock', async () => {
    const { raw, verbose } = blocks[2];
    const parser = new FrameParser({ magic, blockChunkThreshold: 1024, chunkSize: 256 });
    const got = collect(parser);
    const socket = net.connect(node.p2pPort, '127.0.0.1');
    socket.on('data', (data: Buffer) => parser.feed(data));
    socket.on('error', () => undefined);
    try {
      await new Promise((resolve) => socket.once('connect', resolve));
      const local = { services: 0n, host: '127.0.0.1', port: 0 };
      socket.write(
        encodeMessage(magic, {
          command: 'version', version: 70016, services: 0n, timestamp: BigInt(Math.floor(Date.now() / 1000)),
          receiver: local, sender: local, nonce: 99n, userAgent: '/hashpool-test/', startHeight: 0, relay: false,
        }),
      );
      await waitFor(() => got.frames.some((f) => f.command === 'verack'), 'verack');
      socket.write(encodeMessage(magic, { command: 'verack' }));
      const item = { type: INV.MWEB_BLOCK, hash: Buffer.from(verbose.hash, 'hex').reverse() };
      socket.write(encodeMessage(magic, { command: 'getdata', items: [item] }));
      await waitFor(() => got.ends.length === 1 || got.errors.length > 0, 'the block');
      checkChunks({ ...got, frames: [] }, raw, txStarts(verbose.tx.map((t) => Buffer.from(t.hex, 'hex'))), verbose.tx.length);
    } finally {
      socket.destroy();
    }
  });
});
