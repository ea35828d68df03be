// Coded errors of the P2P layer. The wire part (decode, frame, encode) is here; the peer
// layer adds its own classes below, all with ERR_P2P_* codes.
import { HashpoolError } from '../hash/errors';

export const ERR_P2P_DECODE = 'ERR_P2P_DECODE';
export const ERR_P2P_FRAME = 'ERR_P2P_FRAME';
export const ERR_P2P_ENCODE = 'ERR_P2P_ENCODE';

/** A payload that does not decode as its command says; `offset` is within the payload. */
export class P2PDecodeError extends HashpoolError {
  constructor(
    readonly command: string,
    readonly detail: string,
    readonly offset: number,
  ) {
    super(ERR_P2P_DECODE, `${command}: ${detail} at offset ${offset}`);
  }
}

/**
 * A byte stream that is not a valid frame sequence (bad magic, bad command field, length
 * over the limit, checksum mismatch, a streamed block that does not parse). Fatal for the
 * connection: the parser stops and never resynchronises. `offset` counts bytes fed so far.
 */
export class P2PFrameError extends HashpoolError {
  constructor(
    readonly detail: string,
    readonly offset: number,
  ) {
    super(ERR_P2P_FRAME, `${detail} (stream offset ${offset})`);
  }
}

/** A message that cannot be put on the wire (too many items, bad address, value out of range). */
export class P2PEncodeError extends HashpoolError {
  constructor(message: string) {
    super(ERR_P2P_ENCODE, message);
  }
}
