// Argument checks shared by both backends, done before any work so both reject the
// same inputs with the same typed errors.
import { POW_ALGORITHMS, type PowSpec, type ScanRequest } from './api';
import { InvalidArgumentError } from './errors';

export function checkPowSpec(pow: PowSpec): void {
  if (!POW_ALGORITHMS.includes(pow.algorithm)) {
    throw new InvalidArgumentError(`unknown algorithm '${String(pow.algorithm)}' (expected ${POW_ALGORITHMS.join(', ')})`);
  }
  if (pow.scryptN !== undefined) {
    const n = pow.scryptN;
    if (!Number.isInteger(n) || n < 2 || n > 2 ** 24 || (n & (n - 1)) !== 0) {
      throw new InvalidArgumentError('scryptN must be a power of two from 2 to 2^24');
    }
  }
}

export function checkHeaders(headers: readonly Uint8Array[], targets?: readonly bigint[]): void {
  for (const header of headers) {
    if (!(header instanceof Uint8Array) || header.length !== 80) {
      throw new InvalidArgumentError('a block header must be 80 bytes');
    }
  }
  if (targets && targets.length !== headers.length) {
    throw new InvalidArgumentError('headers and targets must have the same length');
  }
}

export function checkScanRequest(request: ScanRequest): void {
  checkPowSpec(request.pow);
  checkHeaders([request.header]);
  const { nonceStart, nonceCount } = request;
  if (!Number.isInteger(nonceStart) || nonceStart < 0 || nonceStart > 0xffffffff) {
    throw new InvalidArgumentError('nonceStart must be a u32');
  }
  if (!Number.isInteger(nonceCount) || nonceCount < 0 || nonceStart + nonceCount > 2 ** 32) {
    throw new InvalidArgumentError('nonceCount must be >= 0 with nonceStart + nonceCount <= 2^32');
  }
  if (request.maxFound !== undefined && (!Number.isInteger(request.maxFound) || request.maxFound < 0)) {
    throw new InvalidArgumentError('maxFound must be a whole number >= 0');
  }
}
