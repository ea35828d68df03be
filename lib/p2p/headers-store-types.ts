// Errors and result types of HeadersStore (headers-store.ts re-exports them).
import { HashpoolError } from '../hash/errors';

export const ERR_P2P_HEADERS_INVALID = 'ERR_P2P_HEADERS_INVALID';
export const ERR_P2P_HEADERS_ORPHAN = 'ERR_P2P_HEADERS_ORPHAN';
export const ERR_P2P_HEADERS_STORE = 'ERR_P2P_HEADERS_STORE';

export type HeaderRejectReason = 'bad-length' | 'bad-bits' | 'bad-target' | 'bad-pow';

/** A header broke a rule. `accepted` headers of the same batch before it were stored. */
export class HeaderInvalidError extends HashpoolError {
  constructor(
    readonly reason: HeaderRejectReason,
    /** Display (RPC) order hex; empty for bad-length. */
    readonly hash: string,
    readonly height: number,
    readonly accepted: number,
    detail: string,
  ) {
    super(ERR_P2P_HEADERS_INVALID, `header ${hash || '?'} at height ${height} rejected (${reason}): ${detail}`);
  }
}

/** A header's parent is not known; `accepted` headers of the batch before it were stored. */
export class HeaderOrphanError extends HashpoolError {
  constructor(
    readonly hash: string,
    readonly prevHash: string,
    readonly accepted: number,
  ) {
    super(ERR_P2P_HEADERS_ORPHAN, `header ${hash} does not connect: parent ${prevHash} is unknown`);
  }
}

export class HeadersStoreError extends HashpoolError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ERR_P2P_HEADERS_STORE, message);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export interface BlockRef {
  height: number;
  /** Display (RPC) byte order hex. */
  hash: string;
}

/** Branches exclude the common ancestor and are in ascending height order. */
export interface Reorg {
  commonAncestor: BlockRef;
  oldBranch: string[];
  newBranch: string[];
}

export interface AddHeadersResult {
  /** Headers stored by this call. */
  added: number;
  /** Headers that were already stored. */
  known: number;
  tip: BlockRef;
  tipChanged: boolean;
  reorg: Reorg | undefined;
}

export interface HeaderInfo {
  hash: string;
  prevHash: string;
  height: number;
  /** Cumulative work up to and including this header. */
  work: bigint;
  header: Buffer;
  /** On the most-work chain. */
  active: boolean;
}

export interface LoadReport {
  records: number;
  /** Bytes cut from the end of headers.dat (a torn or unlinkable tail). */
  droppedBytes: number;
}
