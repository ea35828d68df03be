// Coded errors of the peer layer (connections, peer manager, peer store, high-level client).
// The wire layer's errors (decode, frame) live in errors.ts.

import { HashpoolError } from '../hash/errors';

export const ERR_P2P_CONNECT = 'ERR_P2P_CONNECT';
export const ERR_P2P_HANDSHAKE = 'ERR_P2P_HANDSHAKE';
export const ERR_P2P_TIMEOUT = 'ERR_P2P_TIMEOUT';
export const ERR_P2P_PEER_CLOSED = 'ERR_P2P_PEER_CLOSED';
export const ERR_P2P_BANNED = 'ERR_P2P_BANNED';
export const ERR_P2P_NO_PEER = 'ERR_P2P_NO_PEER';
export const ERR_P2P_NOT_FOUND = 'ERR_P2P_NOT_FOUND';
export const ERR_P2P_PEER_STORE = 'ERR_P2P_PEER_STORE';
export const ERR_P2P_TX = 'ERR_P2P_TX';

/** The TCP connection could not be opened or failed (the socket error is the cause). */
export class P2PConnectError extends HashpoolError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ERR_P2P_CONNECT, message);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export class P2PHandshakeError extends HashpoolError {
  constructor(message: string) {
    super(ERR_P2P_HANDSHAKE, message);
  }
}

export class P2PTimeoutError extends HashpoolError {
  constructor(message: string) {
    super(ERR_P2P_TIMEOUT, message);
  }
}

/** Settles every request still pending when a connection ends. */
export class P2PPeerClosedError extends HashpoolError {
  constructor(message: string) {
    super(ERR_P2P_PEER_CLOSED, message);
  }
}

/** The peer reached the misbehaviour threshold, or is marked banned in the peer store. */
export class P2PBannedError extends HashpoolError {
  constructor(message: string) {
    super(ERR_P2P_BANNED, message);
  }
}

export class P2PNoPeerError extends HashpoolError {
  constructor(message: string) {
    super(ERR_P2P_NO_PEER, message);
  }
}

/** The peer answered a getdata with notfound. */
export class P2PNotFoundError extends HashpoolError {
  constructor(message: string) {
    super(ERR_P2P_NOT_FOUND, message);
  }
}

export class P2PPeerStoreError extends HashpoolError {
  constructor(message: string) {
    super(ERR_P2P_PEER_STORE, message);
  }
}

/** A raw transaction we were asked to broadcast does not even parse. */
export class P2PTransactionError extends HashpoolError {
  constructor(message: string) {
    super(ERR_P2P_TX, message);
  }
}
