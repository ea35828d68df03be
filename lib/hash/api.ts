// The hashing API that both backends implement: `native` (the C++ addon) and `js`
// (the TypeScript twins). Everything above lib/hash uses only this interface.

export type PowAlgorithm = 'sha256d' | 'scrypt' | 'x11';
export const POW_ALGORITHMS: readonly PowAlgorithm[] = ['sha256d', 'scrypt', 'x11'];

/** A proof of work: the algorithm, and N for scrypt (Litecoin's is 1024). */
export interface PowSpec {
  algorithm: PowAlgorithm;
  scryptN?: number;
}

export const DEFAULT_SCRYPT_N = 1024;

/**
 * How many sha256d difficulty-1 units one stratum difficulty unit is worth. Pools
 * multiply the Bitcoin diff-1 target by this (scrypt pools use 2^16); a coin may
 * configure its own.
 */
export const DEFAULT_DIFFICULTY_FACTOR: Readonly<Record<PowAlgorithm, number>> = {
  sha256d: 1,
  scrypt: 65536,
  x11: 1,
};

export const X11_STAGES = [
  'blake512',
  'bmw512',
  'groestl512',
  'skein512',
  'jh512',
  'keccak512',
  'luffa512',
  'cubehash512',
  'shavite512',
  'simd512',
  'echo512',
] as const;
export type X11Stage = (typeof X11_STAGES)[number];

export interface Sha256Stream {
  update(data: Uint8Array): this;
  digest(): Buffer;
}

export interface ScanRequest {
  pow: PowSpec;
  /** 80-byte header; its nonce field (bytes 76..79) is ignored. */
  header: Uint8Array;
  nonceStart: number;
  /** How many nonces from nonceStart; nonceStart + nonceCount <= 2^32. */
  nonceCount: number;
  /** A hash wins when, read as a little-endian integer, it is <= target. */
  target: bigint;
  /** Winners kept at most (default 1024); hashing goes on past it. */
  maxFound?: number;
  signal?: AbortSignal;
}

export interface ScanResult {
  /** Winning nonces, ascending. */
  nonces: number[];
  hashesDone: number;
  cancelled: boolean;
}

export interface ValidationResult {
  hashes: Buffer[];
  valid: boolean[];
}

export interface ImplementationInfo {
  name: string;
  supported: boolean;
  selected: boolean;
}

export interface HashBackend {
  readonly kind: 'native' | 'js';

  sha256(data: Uint8Array): Buffer;
  createSha256(): Sha256Stream;
  sha256d(data: Uint8Array): Buffer;
  /** SHA-256 chaining state after the first 64 bytes, H0..H7 as big-endian words. */
  sha256Midstate(block: Uint8Array): Buffer;

  pbkdf2Sha256(password: Uint8Array, salt: Uint8Array, iterations: number, dkLen: number): Buffer;
  scrypt(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number, dkLen: number): Buffer;
  /** scrypt with password = salt = data, r = p = 1, 32 bytes out. */
  scryptPow(data: Uint8Array, N: number): Buffer;
  salsa20_8(block: Uint8Array): Buffer;
  scryptBlockMix(block: Uint8Array, r: number): Buffer;
  scryptRoMix(block: Uint8Array, N: number, r: number): Buffer;

  /** Vertcoin's scrypt-N Nfactor for a block time (N = 2^(Nfactor+1)). */
  vertcoinNFactorAt(blockTime: number): number;

  x11(data: Uint8Array): Buffer;
  x11Stage(stage: X11Stage, data: Uint8Array): Buffer;

  merkleRoot(leaves: readonly Uint8Array[]): Buffer;
  /** Stratum's coinbase branch from every txid except the coinbase's. */
  merkleCoinbaseBranch(otherTxids: readonly Uint8Array[]): Buffer[];
  /** Root implied by a leaf at `index` and its branch (siblings, leaf level first). */
  merkleFoldBranch(leaf: Uint8Array, branch: readonly Uint8Array[], index: number): Buffer;

  /** nBits to target; throws TargetError for negative or overflowing encodings. */
  bitsToTarget(bits: number): bigint;
  targetToBits(target: bigint): number;
  difficultyToTarget(difficulty: number, factor: number): bigint;
  targetToDifficulty(target: bigint, factor: number): number;

  powHash(pow: PowSpec, header: Uint8Array): Buffer;
  scan(request: ScanRequest): Promise<ScanResult>;
  validateHeaders(
    pow: PowSpec,
    headers: readonly Uint8Array[],
    targets: readonly bigint[],
    signal?: AbortSignal,
  ): Promise<ValidationResult>;

  implementations(algorithm: PowAlgorithm): ImplementationInfo[];
  implementation(algorithm: PowAlgorithm): string;
  /** Forces an implementation by name ('best' restores the default); returns its name. */
  useImplementation(algorithm: PowAlgorithm, name: string): string;
}
