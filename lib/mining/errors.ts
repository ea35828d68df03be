// Coded errors of work building: bad templates, impossible jobs and bad share inputs.
import { HashpoolError } from '../hash/errors';

export const ERR_MINING_TEMPLATE = 'ERR_MINING_TEMPLATE';
export const ERR_MINING_JOB = 'ERR_MINING_JOB';
export const ERR_MINING_SHARE = 'ERR_MINING_SHARE';
export const ERR_MINING_VERSION_BITS = 'ERR_MINING_VERSION_BITS';

/** A getblocktemplate result that is missing a field or holds a bad value. */
export class TemplateError extends HashpoolError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(ERR_MINING_TEMPLATE, `getblocktemplate field '${field}': ${reason}`);
  }
}

/** Job options that cannot give a valid coinbase (scriptSig size, output values...). */
export class JobError extends HashpoolError {
  constructor(message: string) {
    super(ERR_MINING_JOB, message);
  }
}

/** Share inputs of the wrong size or range (extranonce, ntime, nonce). */
export class ShareError extends HashpoolError {
  constructor(message: string) {
    super(ERR_MINING_SHARE, message);
  }
}

/** Rolled version bits outside the negotiated mask (BIP310). */
export class VersionBitsError extends HashpoolError {
  constructor(
    readonly versionBits: number,
    readonly versionMask: number,
  ) {
    const hex = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');
    super(ERR_MINING_VERSION_BITS, `version bits ${hex(versionBits)} fall outside the mask ${hex(versionMask)}`);
  }
}
