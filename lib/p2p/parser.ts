// Streaming frame parser: feed it socket data in any slices, get whole frames out. Any
// framing fault is fatal ('error', then the parser ignores further input): after a bad
// magic or checksum there is no trustworthy way back into the stream, and Core drops such
// peers too. Memory is bounded by maxPayload; big blocks stream as chunks instead.
import { EventEmitter } from 'node:events';
import { BlockChunker, type BlockChunk, type BlockEnd } from './block-chunker';
import { P2PFrameError } from './errors';
import { checksum, COMMAND_SIZE, HEADER_SIZE } from './framer';

export type { BlockChunk, BlockEnd } from './block-chunker';

export interface Frame {
  command: string;
  payload: Buffer;
}

export interface FrameParserOptions {
  /** The network's 4 magic bytes. */
  magic: Buffer;
  /** Largest payload accepted (default 33 MiB: Core's 32 MiB MAX_SIZE plus a margin). */
  maxPayload?: number;
  /** Block payloads at or above this many bytes stream as chunks (default 32 MiB). */
  blockChunkThreshold?: number;
  /** Target chunk size; chunks are cut at transaction starts, so one can be larger (default 1 MiB). */
  chunkSize?: number;
}

export const DEFAULT_MAX_PAYLOAD = 33 * 1024 * 1024;
export const DEFAULT_BLOCK_CHUNK_THRESHOLD = 32 * 1024 * 1024;
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;

type State =
  | { kind: 'header' }
  | { kind: 'payload'; command: string; length: number; checksum: Buffer; pieces: Buffer[]; filled: number }
  | { kind: 'block'; chunker: BlockChunker }
  | { kind: 'failed' };

export interface FrameParserEvents {
  frame: [Frame];
  chunk: [BlockChunk];
  'block-end': [BlockEnd];
  error: [P2PFrameError];
}

/**
 * Events: 'frame' (Frame), 'chunk' (BlockChunk), 'block-end' (BlockEnd), 'error'
 * (P2PFrameError, fatal). A streamed block's checksum is known only at its end: chunks
 * already emitted must be discarded when 'error' follows instead of 'block-end'.
 */
export class FrameParser extends EventEmitter<FrameParserEvents> {
  private readonly magic: Buffer;
  private readonly maxPayload: number;
  private readonly blockChunkThreshold: number;
  private readonly chunkSize: number;
  private readonly header = Buffer.alloc(HEADER_SIZE);
  private headerFill = 0;
  private state: State = { kind: 'header' };
  /** Bytes consumed so far, and where the current frame began. */
  private offset = 0;
  private frameStart = 0;

  constructor(options: FrameParserOptions) {
    super();
    if (!Buffer.isBuffer(options.magic) || options.magic.length !== 4) {
      throw new TypeError('FrameParser: magic must be a 4-byte Buffer');
    }
    this.magic = Buffer.from(options.magic);
    this.maxPayload = positive(options.maxPayload ?? DEFAULT_MAX_PAYLOAD, 'maxPayload');
    this.blockChunkThreshold = positive(options.blockChunkThreshold ?? DEFAULT_BLOCK_CHUNK_THRESHOLD, 'blockChunkThreshold');
    this.chunkSize = positive(options.chunkSize ?? DEFAULT_CHUNK_SIZE, 'chunkSize');
  }

  /** True after a fatal error; further input is ignored. */
  get failed(): boolean {
    return this.state.kind === 'failed';
  }

  feed(data: Buffer): void {
    let pos = 0;
    while (pos < data.length && this.state.kind !== 'failed') {
      if (this.state.kind === 'header' && this.headerFill === 0) this.frameStart = this.offset;
      const before = pos;
      try {
        pos = this.step(data, pos);
      } catch (error) {
        if (!(error instanceof P2PFrameError)) throw error;
        // Inner errors count from the frame start; a streamed block's from its payload start.
        const base = this.state.kind === 'block' ? this.frameStart + HEADER_SIZE : this.frameStart;
        this.fail(error.detail, base + error.offset);
        return;
      }
      this.offset += pos - before;
    }
  }

  private step(data: Buffer, pos: number): number {
    const state = this.state;
    switch (state.kind) {
      case 'header': {
        const k = Math.min(HEADER_SIZE - this.headerFill, data.length - pos);
        data.copy(this.header, this.headerFill, pos, pos + k);
        this.headerFill += k;
        if (this.headerFill === HEADER_SIZE) {
          this.headerFill = 0;
          this.startPayload();
        }
        return pos + k;
      }
      case 'payload': {
        const k = Math.min(state.length - state.filled, data.length - pos);
        state.pieces.push(data.subarray(pos, pos + k));
        state.filled += k;
        if (state.filled === state.length) this.endPayload(state);
        return pos + k;
      }
      case 'block': {
        const k = state.chunker.push(data.subarray(pos));
        if (state.chunker.complete) {
          const end = state.chunker.finish();
          this.state = { kind: 'header' };
          this.emit('block-end', end);
        }
        return pos + k;
      }
      case 'failed':
        return data.length;
    }
  }

  private startPayload(): void {
    const h = this.header;
    if (!h.subarray(0, 4).equals(this.magic)) {
      throw new P2PFrameError(`bad magic ${h.subarray(0, 4).toString('hex')}`, 0);
    }
    const command = parseCommand(h.subarray(4, 4 + COMMAND_SIZE));
    if (command === undefined) throw new P2PFrameError(`malformed command field ${h.subarray(4, 16).toString('hex')}`, 0);
    const length = h.readUInt32LE(16);
    // Checked before a single payload byte is kept: a declared 4 GiB must cost nothing.
    if (length > this.maxPayload) {
      throw new P2PFrameError(`${command} payload of ${length} bytes above the ${this.maxPayload}-byte limit`, 0);
    }
    const expected = Buffer.from(h.subarray(20, 24));
    if (command === 'block' && length >= this.blockChunkThreshold) {
      const chunker = new BlockChunker(length, expected, this.chunkSize, (chunk) => this.emit('chunk', chunk));
      this.state = { kind: 'block', chunker };
      return;
    }
    const state: State = { kind: 'payload', command, length, checksum: expected, pieces: [], filled: 0 };
    if (length === 0) this.endPayload(state);
    else this.state = state;
  }

  private endPayload(state: Extract<State, { kind: 'payload' }>): void {
    const payload = Buffer.concat(state.pieces, state.length);
    this.state = { kind: 'header' };
    if (!checksum(payload).equals(state.checksum)) {
      throw new P2PFrameError(`${state.command} payload checksum mismatch`, 0);
    }
    this.emit('frame', { command: state.command, payload });
  }

  private fail(detail: string, offset: number): void {
    this.state = { kind: 'failed' };
    this.emit('error', new P2PFrameError(detail, offset));
  }
}

/** Core's rule: printable ASCII, then only NUL padding. */
function parseCommand(field: Buffer): string | undefined {
  let end = field.indexOf(0);
  if (end < 0) end = field.length;
  for (let i = 0; i < field.length; i++) {
    const c = field[i];
    if (i < end ? c < 0x20 || c > 0x7e : c !== 0) return undefined;
  }
  return field.toString('latin1', 0, end);
}

function positive(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`FrameParser: ${what} must be a positive integer`);
  return value;
}
