// Coded errors of the pool core. Miner input never throws (it gets a verdict); these are
// for operator configuration and for work that cannot be built.
import { HashpoolError } from '../hash/errors';

export const ERR_POOL_CONFIG = 'ERR_POOL_CONFIG';
export const ERR_POOL_JOB_BUILD = 'ERR_POOL_JOB_BUILD';
export const ERR_POOL_PAYOUT = 'ERR_POOL_PAYOUT';
export const ERR_POOL_POW = 'ERR_POOL_POW';

export const POOL_ERROR_CODES = [ERR_POOL_CONFIG, ERR_POOL_JOB_BUILD, ERR_POOL_PAYOUT, ERR_POOL_POW] as const;

/** A vardiff, payout or job-book setting that cannot work (checked when it is given). */
export class PoolConfigError extends HashpoolError {
  constructor(message: string) {
    super(ERR_POOL_CONFIG, message);
  }
}

/** The payout outputs for a job could not be computed or the job could not be built. */
export class JobBuildError extends HashpoolError {
  constructor(
    readonly payoutKey: string,
    message: string,
    readonly underlying?: unknown,
  ) {
    super(ERR_POOL_JOB_BUILD, message);
  }
}

/** A payout split that cannot be made (bad fee address, fee percent out of range). */
export class PayoutError extends HashpoolError {
  constructor(message: string) {
    super(ERR_POOL_PAYOUT, message);
  }
}

/** The hashing backend failed on a batch (not the miner's fault: answered as 'internal'). */
export class PowCheckError extends HashpoolError {
  constructor(message: string) {
    super(ERR_POOL_POW, message);
  }
}
