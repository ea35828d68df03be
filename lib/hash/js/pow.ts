// Proof-of-work hashing and scanning on the JS twins, synchronous: lib/hash/js/index.ts
// runs the long calls in a worker thread.
import { DEFAULT_SCRYPT_N, type PowSpec } from '../api';
import { scryptPow } from './scrypt';
import { sha256d } from './sha256';
import { scanSha256d } from './sha256d-scan';
import { meetsTarget } from './target';
import { x11 } from './x11/x11';

export interface JsScanChunk {
  nonces: number[];
  hashesDone: number;
}

export function powHash(pow: PowSpec, header: Uint8Array): Buffer {
  switch (pow.algorithm) {
    case 'sha256d':
      return sha256d(header);
    case 'scrypt':
      return scryptPow(header, pow.scryptN ?? DEFAULT_SCRYPT_N);
    case 'x11':
      return x11(header);
  }
}

/** Scans nonces [nonceStart, nonceStart + nonceCount) of an 80-byte header. */
export function scanNonces(
  pow: PowSpec,
  header: Uint8Array,
  nonceStart: number,
  nonceCount: number,
  targetLE: Uint8Array,
  maxFound: number,
): JsScanChunk {
  if (pow.algorithm === 'sha256d') return scanSha256d(header, nonceStart, nonceCount, targetLE, maxFound);
  const work = Buffer.from(header.subarray(0, 80));
  const nonces: number[] = [];
  for (let i = 0; i < nonceCount; i++) {
    const nonce = (nonceStart + i) >>> 0;
    work.writeUInt32LE(nonce, 76);
    if (meetsTarget(powHash(pow, work), targetLE) && nonces.length < maxFound) nonces.push(nonce);
  }
  return { nonces, hashesDone: nonceCount };
}
