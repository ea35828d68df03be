// Parses the algorithm names the command line accepts for proofs of work.
import type { PowSpec } from '../hash';
import { UsageError } from './errors';

const MAX_SCRYPT_N = 2 ** 24;

/** 'sha256d', 'x11', 'scrypt' (N = 1024) or 'scrypt:N' with N a power of two. */
export function parsePowSpec(text: string): PowSpec {
  if (text === 'sha256d' || text === 'x11') return { algorithm: text };
  const scrypt = /^scrypt(?::(\d+))?$/.exec(text);
  if (scrypt) {
    const n = scrypt[1] === undefined ? 1024 : Number(scrypt[1]);
    if (!Number.isSafeInteger(n) || n < 2 || n > MAX_SCRYPT_N || (n & (n - 1)) !== 0) {
      throw new UsageError(`scrypt:N needs N a power of two from 2 to 2^24, got '${scrypt[1]}'`);
    }
    return { algorithm: 'scrypt', scryptN: n };
  }
  throw new UsageError(`unknown algorithm '${text}' (expected sha256d, scrypt, scrypt:N or x11)`);
}
