// Little-endian serialization in Bitcoin's wire conventions. Values are range-checked
// here so that a bad number becomes a typed error instead of silently wrapped bytes.
import { HashpoolError } from '../hash/errors';

export const ERR_ENCODING_RANGE = 'ERR_ENCODING_RANGE';

/** A value that cannot be encoded (out of range, not an integer, too long). */
export class EncodeError extends HashpoolError {
  constructor(message: string) {
    super(ERR_ENCODING_RANGE, message);
  }
}

const U64_MAX = (1n << 64n) - 1n;

function checkInteger(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EncodeError(`${what} must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
}

/** Bytes a CompactSize (varint) of this value takes. */
export function varintSize(value: number | bigint): number {
  const v = BigInt(value);
  if (v < 0xfdn) return 1;
  if (v <= 0xffffn) return 3;
  if (v <= 0xffffffffn) return 5;
  return 9;
}

export class BufferWriter {
  private readonly chunks: Buffer[] = [];
  private length = 0;

  get size(): number {
    return this.length;
  }

  private push(chunk: Buffer): this {
    this.chunks.push(chunk);
    this.length += chunk.length;
    return this;
  }

  u8(value: number): this {
    checkInteger(value, 0, 0xff, 'u8');
    return this.push(Buffer.from([value]));
  }

  u16le(value: number): this {
    checkInteger(value, 0, 0xffff, 'u16');
    const b = Buffer.alloc(2);
    b.writeUInt16LE(value);
    return this.push(b);
  }

  u32le(value: number): this {
    checkInteger(value, 0, 0xffffffff, 'u32');
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value);
    return this.push(b);
  }

  i32le(value: number): this {
    checkInteger(value, -0x80000000, 0x7fffffff, 'i32');
    const b = Buffer.alloc(4);
    b.writeInt32LE(value);
    return this.push(b);
  }

  u64le(value: bigint): this {
    if (typeof value !== 'bigint' || value < 0n || value > U64_MAX) {
      throw new EncodeError(`u64 must be a bigint in [0, 2^64-1], got ${String(value)}`);
    }
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(value);
    return this.push(b);
  }

  /** CompactSize, always in its shortest form (the only one consensus code accepts). */
  varint(value: number | bigint): this {
    if (typeof value === 'number') checkInteger(value, 0, Number.MAX_SAFE_INTEGER, 'varint');
    const v = BigInt(value);
    if (v < 0n || v > U64_MAX) throw new EncodeError(`varint out of range: ${String(value)}`);
    if (v < 0xfdn) return this.u8(Number(v));
    if (v <= 0xffffn) return this.u8(0xfd).u16le(Number(v));
    if (v <= 0xffffffffn) return this.u8(0xfe).u32le(Number(v));
    return this.u8(0xff).u64le(v);
  }

  bytes(data: Uint8Array): this {
    return this.push(Buffer.from(data));
  }

  /** varint(length) followed by the bytes. */
  varbytes(data: Uint8Array): this {
    return this.varint(data.length).bytes(data);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}
