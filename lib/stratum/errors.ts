// Stratum's reply error codes (the de-facto set of NOMP, Miningcore, PowerPool and
// public-pool) and the typed errors of the wire layer.
import { HashpoolError } from '../hash/errors';

export enum StratumErrorCode {
  Other = 20,
  JobNotFound = 21,
  DuplicateShare = 22,
  LowDifficulty = 23,
  Unauthorized = 24,
  NotSubscribed = 25,
}

/** The `error` member of a reply: [code, message, traceback], traceback always null. */
export type StratumErrorTuple = [number, string, null];

export const ERR_STRATUM_PROTOCOL = 'ERR_STRATUM_PROTOCOL';
export const ERR_STRATUM_LINE_TOO_LONG = 'ERR_STRATUM_LINE_TOO_LONG';
export const ERR_STRATUM_REJECTED = 'ERR_STRATUM_REJECTED';

/** A line that is not a stratum message, or params of the wrong shape: answered with code 20. */
export class StratumProtocolError extends HashpoolError {
  constructor(message: string) {
    super(ERR_STRATUM_PROTOCOL, message);
  }
}

/** A line longer than the limit: the peer is answered once and disconnected. */
export class LineTooLongError extends HashpoolError {
  constructor(readonly limit: number) {
    super(ERR_STRATUM_LINE_TOO_LONG, `line longer than ${limit} bytes`);
  }
}

/** An error reply, as a client sees it (or a server builds it). */
export class StratumRejectError extends HashpoolError {
  constructor(
    readonly stratumCode: number,
    readonly stratumMessage: string,
  ) {
    super(ERR_STRATUM_REJECTED, `stratum error ${stratumCode}: ${stratumMessage}`);
  }

  toTuple(): StratumErrorTuple {
    return [this.stratumCode, this.stratumMessage, null];
  }
}

export function errorTuple(code: StratumErrorCode, message: string): StratumErrorTuple {
  return [code, message, null];
}
