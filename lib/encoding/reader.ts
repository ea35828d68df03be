// Bounds-checked reading of Bitcoin wire data. Every failure names the offset, so a
// malformed block or message can be located without a debugger.
import { HashpoolError } from '../hash/errors';

export const ERR_ENCODING_DECODE = 'ERR_ENCODING_DECODE';

export class DecodeError extends HashpoolError {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(ERR_ENCODING_DECODE, `${message} at offset ${offset}`);
  }
}

export class BufferReader {
  private position: number;

  constructor(
    private readonly data: Uint8Array,
    offset = 0,
  ) {
    if (!Number.isInteger(offset) || offset < 0 || offset > data.length) {
      throw new DecodeError(`start offset outside a ${data.length}-byte buffer`, offset);
    }
    this.position = offset;
  }

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.data.length - this.position;
  }

  private take(length: number, what: string): Buffer {
    if (this.remaining < length) {
      throw new DecodeError(`${what}: need ${length} bytes, ${this.remaining} left`, this.position);
    }
    const out = Buffer.from(this.data.buffer, this.data.byteOffset + this.position, length);
    this.position += length;
    return out;
  }

  u8(): number {
    return this.take(1, 'u8')[0];
  }

  u16le(): number {
    return this.take(2, 'u16').readUInt16LE(0);
  }

  u32le(): number {
    return this.take(4, 'u32').readUInt32LE(0);
  }

  i32le(): number {
    return this.take(4, 'i32').readInt32LE(0);
  }

  u64le(): bigint {
    return this.take(8, 'u64').readBigUInt64LE(0);
  }

  /** CompactSize as a bigint; a longer encoding than needed is rejected, as in Core. */
  varintBig(): bigint {
    const start = this.position;
    const first = this.u8();
    let value: bigint;
    let min: bigint;
    if (first < 0xfd) return BigInt(first);
    if (first === 0xfd) {
      value = BigInt(this.u16le());
      min = 0xfdn;
    } else if (first === 0xfe) {
      value = BigInt(this.u32le());
      min = 0x10000n;
    } else {
      value = this.u64le();
      min = 0x100000000n;
    }
    if (value < min) throw new DecodeError('non-canonical varint', start);
    return value;
  }

  /** CompactSize that must fit a JS number (lengths and counts). */
  varint(): number {
    const start = this.position;
    const value = this.varintBig();
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new DecodeError('varint too large', start);
    return Number(value);
  }

  /** A view of the next bytes (shares memory with the input). */
  bytes(length: number): Buffer {
    if (!Number.isInteger(length) || length < 0) throw new DecodeError(`bad length ${length}`, this.position);
    return this.take(length, 'bytes');
  }

  varbytes(): Buffer {
    const start = this.position;
    const length = this.varint();
    if (length > this.remaining) {
      throw new DecodeError(`length prefix ${length} exceeds the ${this.remaining} bytes left`, start);
    }
    return this.bytes(length);
  }

  /** Throws when bytes are left over: trailing garbage means a framing mistake. */
  expectEnd(): void {
    if (this.remaining !== 0) throw new DecodeError(`${this.remaining} trailing bytes`, this.position);
  }
}
