// Proofs of work the miner knows by name. The built-ins (sha256d, scrypt, scrypt:N, x11)
// run on the native scan in worker threads; a registered custom PoW is a JS function and
// runs in a JS loop on the main thread (a closure cannot be sent to a worker).
import { DEFAULT_DIFFICULTY_FACTOR, hash, type PowSpec } from '../hash';
import { BadPowError, UnknownPowError } from './errors';

export interface CustomPow {
  /** The PoW hash of an 80-byte header: 32 bytes, compared with the target as a little-endian number. */
  hash(header: Buffer): Buffer;
  /** Stratum difficulty 1 is diff1 * difficultyFactor (65536 for scrypt pools, 1 for sha256d). */
  difficultyFactor: number;
}

export interface ResolvedPow {
  name: string;
  difficultyFactor: number;
  /** Set for built-ins: the spec the native scan runs. */
  native?: PowSpec;
  hash(header: Buffer): Buffer;
}

const custom = new Map<string, CustomPow>();
const BUILT_IN = /^(sha256d|x11|scrypt(?::(\d+))?)$/;

/** Adds (or replaces) a custom proof of work; built-in names cannot be taken. */
export function registerPow(name: string, pow: CustomPow): void {
  if (typeof name !== 'string' || name.length === 0) throw new BadPowError('a proof of work needs a name');
  if (BUILT_IN.test(name)) throw new BadPowError(`'${name}' is a built-in proof of work`);
  if (typeof pow?.hash !== 'function') throw new BadPowError(`'${name}' needs a hash(header) function`);
  if (!(pow.difficultyFactor > 0) || !Number.isFinite(pow.difficultyFactor)) {
    throw new BadPowError(`'${name}' needs a difficultyFactor above 0`);
  }
  custom.set(name, { hash: pow.hash, difficultyFactor: pow.difficultyFactor });
}

export function unregisterPow(name: string): boolean {
  return custom.delete(name);
}

export function registeredPows(): string[] {
  return ['sha256d', 'scrypt', 'scrypt:N', 'x11', ...custom.keys()];
}

/** 'sha256d', 'x11', 'scrypt' (N=1024), 'scrypt:N' (N a power of two) or a registered name. */
export function resolvePow(name: string): ResolvedPow {
  const match = BUILT_IN.exec(name);
  if (match) {
    let spec: PowSpec;
    if (match[1] === 'sha256d' || match[1] === 'x11') spec = { algorithm: match[1] };
    else {
      const n = match[2] === undefined ? 1024 : Number(match[2]);
      if (!Number.isSafeInteger(n) || n < 2 || n > 2 ** 24 || (n & (n - 1)) !== 0) {
        throw new BadPowError(`scrypt:N needs N a power of two from 2 to 2^24, got '${match[2]}'`);
      }
      spec = { algorithm: 'scrypt', scryptN: n };
    }
    const native = spec;
    return {
      name,
      native,
      difficultyFactor: DEFAULT_DIFFICULTY_FACTOR[spec.algorithm],
      hash: (header) => hash.powHash(native, header),
    };
  }
  const entry = custom.get(name);
  if (!entry) throw new UnknownPowError(name);
  return {
    name,
    difficultyFactor: entry.difficultyFactor,
    hash(header: Buffer): Buffer {
      const out = entry.hash(header);
      if (!Buffer.isBuffer(out) || out.length !== 32) throw new BadPowError(`'${name}' must return 32 bytes`);
      return out;
    },
  };
}
