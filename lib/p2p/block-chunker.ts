// Streams one big 'block' payload without buffering it whole: walks the transactions as
// bytes arrive and hands out chunks cut at transaction starts. Only the fields that say how
// long the next part is are ever copied; everything else is passed through.
//
// Transaction layout walked (Bitcoin Core / Litecoin Core deserialisation):
//   version(4) ‖ vin ‖ [if vin is empty: flags(1), and when flags != 0: vin] ‖ vout ‖
//   [flags & 1: one witness stack per input] ‖ [flags & 8 (Litecoin MWEB): optional MWEB tx,
//   a presence byte that must be 0 inside a block] ‖ locktime(4)
// After the last transaction a Litecoin block may carry `01 ‖ <MWEB extension block>`; it is
// not walked: every byte after the last transaction is an opaque trailing part.
import { hash, type Sha256Stream } from '../hash';
import { P2PFrameError } from './errors';

export interface BlockChunk {
  /** sha256d of the 80-byte header, internal order */
  blockHash: Buffer;
  index: number;
  /**
   * Number of chunks in the block: -1 while unknown (every chunk but the last), index + 1 on
   * the last chunk. 'block-end' carries it as well.
   */
  total: number;
  data: Buffer;
  /** Offsets within data at which a transaction starts; empty for trailing-part chunks. */
  txOffsets: number[];
}

export interface BlockEnd {
  blockHash: Buffer;
  /** Payload bytes (header, transactions and any trailing part). */
  totalBytes: number;
  txCount: number;
  /** Number of chunks emitted for this block. */
  total: number;
}

type Need = { read: number } | { skip: number } | 'tx-start' | 'trailing';
type Walk<T> = Generator<Need, T, Buffer | undefined>;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export class BlockChunker {
  private readonly sha: Sha256Stream = hash.createSha256();
  private readonly walker: Walk<void>;
  private need: Need;
  private readonly small = Buffer.alloc(80);
  private smallFill = 0;
  private remaining: number;
  private pieces: Buffer[] = [];
  private chunkBytes = 0;
  private txOffsets: number[] = [];
  private chunkIndex = 0;
  private blockHash: Buffer | undefined;
  private txCount = -1;
  private txSeen = 0;

  constructor(
    private readonly length: number,
    private readonly expectedChecksum: Buffer,
    private readonly chunkSize: number,
    private readonly onChunk: (chunk: BlockChunk) => void,
  ) {
    this.remaining = length;
    this.walker = this.walkBlock();
    this.need = this.advance(undefined);
  }

  get consumed(): number {
    return this.length - this.remaining;
  }

  get complete(): boolean {
    return this.remaining === 0;
  }

  /** Takes what it needs of data (at most the rest of the payload); returns bytes taken. */
  push(data: Buffer): number {
    let pos = 0;
    while (pos < data.length && this.remaining > 0) {
      const need = this.need;
      const avail = Math.min(data.length - pos, this.remaining);
      if (need === 'trailing') {
        // The opaque tail is cut at chunkSize; the loop guard means bytes follow this flush.
        if (this.chunkBytes >= this.chunkSize) this.flush(-1);
        const k = Math.min(avail, this.chunkSize - this.chunkBytes);
        this.take(data.subarray(pos, pos + k));
        pos += k;
      } else if (typeof need === 'object' && 'read' in need) {
        const k = Math.min(avail, need.read - this.smallFill);
        data.copy(this.small, this.smallFill, pos, pos + k);
        this.smallFill += k;
        this.take(data.subarray(pos, pos + k));
        pos += k;
        if (this.smallFill === need.read) {
          const value = Buffer.from(this.small.subarray(0, need.read));
          this.smallFill = 0;
          this.need = this.advance(value);
        }
      } else if (typeof need === 'object') {
        const k = Math.min(avail, need.skip);
        this.take(data.subarray(pos, pos + k));
        pos += k;
        need.skip -= k;
        if (need.skip === 0) this.need = this.advance(undefined);
      }
    }
    return pos;
  }

  /** Call once complete: checks the walk and the checksum, emits the last chunk. */
  finish(): BlockEnd {
    if (this.need !== 'trailing') {
      const where = this.blockHash === undefined ? 'the header' : `transaction ${this.txSeen - 1} of ${this.txCount}`;
      this.fail(`block payload ends inside ${where}`);
    }
    const digest = hash.sha256(this.sha.digest()).subarray(0, 4);
    if (!digest.equals(this.expectedChecksum)) this.fail('block payload checksum mismatch');
    const total = this.chunkIndex + 1;
    this.flush(total);
    return { blockHash: this.blockHash as Buffer, totalBytes: this.length, txCount: this.txCount, total };
  }

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    this.sha.update(piece);
    this.pieces.push(piece);
    this.chunkBytes += piece.length;
    this.remaining -= piece.length;
  }

  private flush(total: number): void {
    const chunk: BlockChunk = {
      blockHash: this.blockHash as Buffer,
      index: this.chunkIndex++,
      total,
      data: Buffer.concat(this.pieces, this.chunkBytes),
      txOffsets: this.txOffsets,
    };
    this.pieces = [];
    this.chunkBytes = 0;
    this.txOffsets = [];
    this.onChunk(chunk);
  }

  /** Runs the walk to its next byte request, handling transaction starts on the way. */
  private advance(value: Buffer | undefined): Need {
    let result = this.walker.next(value);
    for (;;) {
      if (result.done === true) return 'trailing';
      const need = result.value;
      if (need !== 'tx-start') {
        if (typeof need === 'object' && 'skip' in need && need.skip === 0) {
          result = this.walker.next(undefined);
          continue;
        }
        return need;
      }
      if (this.chunkBytes >= this.chunkSize) this.flush(-1);
      this.txOffsets.push(this.chunkBytes);
      result = this.walker.next(undefined);
    }
  }

  private fail(detail: string): never {
    throw new P2PFrameError(`${detail} at block payload offset ${this.consumed}`, this.consumed);
  }

  private *walkBlock(): Walk<void> {
    const header = (yield { read: 80 }) as Buffer;
    this.blockHash = hash.sha256d(header);
    this.txCount = yield* this.count('transaction');
    for (let i = 0; i < this.txCount; i++) {
      this.txSeen = i + 1;
      yield 'tx-start';
      yield* this.walkTx();
    }
    yield 'trailing';
  }

  private *walkTx(): Walk<void> {
    yield { skip: 4 };
    let inputs = yield* this.count('input');
    let flags = 0;
    if (inputs === 0) {
      // An empty vin is the segwit/MWEB marker; a zero flag byte after it means a tx with
      // no inputs and no outputs, as Core reads it.
      flags = ((yield { read: 1 }) as Buffer)[0];
      if ((flags & ~9) !== 0) this.fail(`unknown transaction flags 0x${flags.toString(16)}`);
      if (flags !== 0) inputs = yield* this.count('input');
    }
    for (let i = 0; i < inputs; i++) {
      yield { skip: 36 };
      yield { skip: yield* this.size('script') };
      yield { skip: 4 };
    }
    const outputs = inputs === 0 && flags === 0 ? 0 : yield* this.count('output');
    for (let i = 0; i < outputs; i++) {
      yield { skip: 8 };
      yield { skip: yield* this.size('script') };
    }
    if (flags & 1) {
      for (let i = 0; i < inputs; i++) {
        const items = yield* this.count('witness item');
        for (let j = 0; j < items; j++) yield { skip: yield* this.size('witness item') };
      }
    }
    if (flags & 8) {
      const present = ((yield { read: 1 }) as Buffer)[0];
      if (present !== 0) this.fail('MWEB transaction data inside a block transaction');
    }
    yield { skip: 4 };
  }

  private *varint(): Walk<number> {
    const first = ((yield { read: 1 }) as Buffer)[0];
    if (first < 0xfd) return first;
    const size = first === 0xfd ? 2 : first === 0xfe ? 4 : 8;
    const b = (yield { read: size }) as Buffer;
    const value = size === 2 ? BigInt(b.readUInt16LE(0)) : size === 4 ? BigInt(b.readUInt32LE(0)) : b.readBigUInt64LE(0);
    const min = size === 2 ? 0xfdn : size === 4 ? 0x10000n : 0x100000000n;
    if (value < min) this.fail('non-canonical varint');
    if (value > MAX_SAFE) this.fail('varint too large');
    return Number(value);
  }

  /** A count of items, each at least one byte: more than the bytes left is malformed. */
  private *count(what: string): Walk<number> {
    const n = yield* this.varint();
    if (n > this.remaining) this.fail(`${what} count ${n} exceeds the ${this.remaining} bytes left`);
    return n;
  }

  private *size(what: string): Walk<number> {
    const n = yield* this.varint();
    if (n > this.remaining) this.fail(`${what} length ${n} exceeds the ${this.remaining} bytes left`);
    return n;
  }
}
