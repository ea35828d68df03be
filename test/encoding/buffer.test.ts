// BufferWriter / BufferReader: round trips, exact little-endian bytes, CompactSize
// boundaries, and the typed errors for short input, non-canonical varints and bad values.
import assert from 'node:assert/strict';
import {
  BufferReader,
  BufferWriter,
  DecodeError,
  EncodeError,
  ERR_ENCODING_DECODE,
  ERR_ENCODING_RANGE,
  varintSize,
} from '../../lib/encoding';

const hex = (b: Buffer): string => b.toString('hex');

describe('encoding: BufferWriter', () => {
  it('writes little-endian integers byte for byte', () => {
    const out = new BufferWriter()
      .u8(0xab)
      .u16le(0x1234)
      .u32le(0xdeadbeef)
      .i32le(-2)
      .u64le(0x0102030405060708n)
      .toBuffer();
    assert.equal(hex(out), 'ab' + '3412' + 'efbeadde' + 'feffffff' + '0807060504030201');
  });

  it('writes varints in their shortest form at every boundary', () => {
    const cases: [number | bigint, string][] = [
      [0, '00'],
      [0xfc, 'fc'],
      [0xfd, 'fdfd00'],
      [0xffff, 'fdffff'],
      [0x10000, 'fe00000100'],
      [0xffffffff, 'feffffffff'],
      [0x100000000, 'ff0000000001000000'],
      [(1n << 64n) - 1n, 'ffffffffffffffffff'],
    ];
    for (const [value, expected] of cases) {
      const out = new BufferWriter().varint(value).toBuffer();
      assert.equal(hex(out), expected, `varint ${value}`);
      assert.equal(varintSize(value), out.length);
    }
  });

  it('writes varbytes and bytes, and reports its size', () => {
    const w = new BufferWriter().varbytes(Buffer.from('abcd', 'hex')).bytes(Buffer.from([1, 2]));
    assert.equal(w.size, 5);
    assert.equal(hex(w.toBuffer()), '02abcd0102');
  });

  it('rejects values out of range with EncodeError', () => {
    const bad: (() => unknown)[] = [
      () => new BufferWriter().u8(256),
      () => new BufferWriter().u8(-1),
      () => new BufferWriter().u16le(0x10000),
      () => new BufferWriter().u32le(0x100000000),
      () => new BufferWriter().u32le(1.5),
      () => new BufferWriter().i32le(0x80000000),
      () => new BufferWriter().u64le(-1n),
      () => new BufferWriter().u64le(1n << 64n),
      () => new BufferWriter().varint(-1),
      () => new BufferWriter().varint(1n << 64n),
    ];
    for (const f of bad) {
      assert.throws(f, (e: unknown) => e instanceof EncodeError && e.code === ERR_ENCODING_RANGE);
    }
  });
});

describe('encoding: BufferReader', () => {
  it('reads back everything the writer wrote', () => {
    const payload = Buffer.alloc(300, 7);
    const data = new BufferWriter()
      .u8(1)
      .u16le(65535)
      .u32le(4294967295)
      .i32le(-123456)
      .u64le(18446744073709551615n)
      .varint(0xfc)
      .varint(0xfd)
      .varint(70000)
      .varint(0x123456789)
      .varbytes(payload)
      .bytes(Buffer.from('beef', 'hex'))
      .toBuffer();
    const r = new BufferReader(data);
    assert.equal(r.u8(), 1);
    assert.equal(r.u16le(), 65535);
    assert.equal(r.u32le(), 4294967295);
    assert.equal(r.i32le(), -123456);
    assert.equal(r.u64le(), 18446744073709551615n);
    assert.equal(r.varint(), 0xfc);
    assert.equal(r.varint(), 0xfd);
    assert.equal(r.varint(), 70000);
    assert.equal(r.varintBig(), 0x123456789n);
    assert.deepEqual(r.varbytes(), payload);
    assert.equal(hex(r.bytes(2)), 'beef');
    assert.equal(r.remaining, 0);
    r.expectEnd();
  });

  it('starts at a given offset', () => {
    const r = new BufferReader(Buffer.from('00112233', 'hex'), 2);
    assert.equal(r.offset, 2);
    assert.equal(r.u16le(), 0x3322);
  });

  it('rejects non-canonical varints, naming the offset', () => {
    // fd fc00 is 252 (< 253), fe ffff0000 is 65535 (< 65536), ff ffffffff00000000 is below 2^32.
    const expected = ['fdfc00', 'feffff0000', 'ffffffffff00000000'];
    for (const text of expected) {
      const data = Buffer.concat([Buffer.from('aa', 'hex'), Buffer.from(text, 'hex')]);
      const r = new BufferReader(data);
      r.u8();
      assert.throws(
        () => r.varint(),
        (e: unknown) => e instanceof DecodeError && e.code === ERR_ENCODING_DECODE && e.offset === 1 && /non-canonical/.test(e.message),
        text,
      );
    }
  });

  it('rejects a varint too big for a number but reads it as a bigint', () => {
    const data = Buffer.from('ffffffffffffffff7f', 'hex');
    assert.throws(() => new BufferReader(data).varint(), DecodeError);
    assert.equal(new BufferReader(data).varintBig(), 0x7fffffffffffffffn);
  });

  it('throws DecodeError with the offset on short input', () => {
    const r = new BufferReader(Buffer.from('010203', 'hex'));
    r.u16le();
    assert.throws(() => r.u32le(), (e: unknown) => e instanceof DecodeError && e.offset === 2);
    assert.equal(r.offset, 2, 'a failed read consumes nothing');
    assert.throws(() => new BufferReader(Buffer.alloc(7)).u64le(), DecodeError);
    assert.throws(() => new BufferReader(Buffer.from('fd01', 'hex')).varint(), DecodeError);
    assert.throws(() => new BufferReader(Buffer.from('05aabb', 'hex')).varbytes(), (e: unknown) => e instanceof DecodeError && e.offset === 0);
    assert.throws(() => new BufferReader(Buffer.alloc(2), 3), DecodeError);
    assert.throws(() => new BufferReader(Buffer.alloc(2)).bytes(-1), DecodeError);
  });

  it('expectEnd rejects trailing bytes', () => {
    const r = new BufferReader(Buffer.from('0102', 'hex'));
    r.u8();
    assert.throws(() => r.expectEnd(), (e: unknown) => e instanceof DecodeError && e.offset === 1);
  });
});
