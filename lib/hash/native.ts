// The native backend: typed wrappers over the C++ addon, loaded with node-gyp-build
// (a prebuild from prebuilds/, else build/Release). Arguments are checked here and in
// C++; addon errors are re-thrown as the typed errors of ./errors.
import path from 'node:path';
import nodeGypBuild from 'node-gyp-build';
import {
  DEFAULT_SCRYPT_N,
  X11_STAGES,
  type HashBackend,
  type ImplementationInfo,
  type PowAlgorithm,
  type PowSpec,
  type ScanRequest,
  type ScanResult,
  type Sha256Stream,
  type ValidationResult,
} from './api';
import { CancelledError, NativeUnavailableError, TargetError, fromNativeError } from './errors';
import { bytesLEToTarget, invalidCompact, targetToBytesLE } from './js/target';
import { checkHeaders, checkPowSpec, checkScanRequest } from './validate-args';

interface NativeCancelToken {
  cancel(): void;
  readonly cancelled: boolean;
}

interface NativeScanResult {
  nonces: Uint32Array;
  hashesDone: number;
  cancelled: boolean;
}

/** The addon's flat exports (native/binding/*.cc). */
export interface NativeAddon {
  sha256(data: Buffer): Buffer;
  sha256d(data: Buffer): Buffer;
  sha256_midstate(block: Buffer): Buffer;
  readonly sha256_implementation: string;
  Sha256Stream: new () => { update(data: Buffer): unknown; digest(): Buffer };
  pbkdf2_sha256(password: Buffer, salt: Buffer, iterations: number, dkLen: number): Buffer;
  scrypt_derive(password: Buffer, salt: Buffer, N: number, r: number, p: number, dkLen: number): Buffer;
  scrypt_pow(data: Buffer, N: number): Buffer;
  scrypt_salsa20_8(block: Buffer): Buffer;
  scrypt_block_mix(block: Buffer, r: number): Buffer;
  scrypt_ro_mix(block: Buffer, N: number, r: number): Buffer;
  scrypt_vertcoin_nfactor_at(blockTime: number): number;
  x11(data: Buffer): Buffer;
  x11_stage(stage: number, data: Buffer): Buffer;
  merkle_root(leaves: Buffer): Buffer;
  merkle_coinbase_branch(txids: Buffer): Buffer;
  merkle_fold_branch(leaf: Buffer, branch: Buffer, index: number): Buffer;
  target_from_bits(bits: number): { target: Buffer; status: 'ok' | 'negative' | 'overflow' };
  target_to_bits(target: Buffer): number;
  target_from_difficulty(difficulty: number, factor: number): Buffer;
  target_to_difficulty(target: Buffer, factor: number): number;
  CancelToken: new () => NativeCancelToken;
  pow_backends(algo: number): ImplementationInfo[];
  pow_use_backend(algo: number, name: string): string;
  pow_current_backend(algo: number): string;
  pow_hash(algo: number, header: Buffer, scryptN: number): Buffer;
  pow_scan(
    algo: number, header: Buffer, nonceStart: number, nonceCount: number, target: Buffer,
    scryptN: number, maxFound: number, cancel?: NativeCancelToken,
  ): Promise<NativeScanResult>;
  pow_scan_sync(
    algo: number, header: Buffer, nonceStart: number, nonceCount: number, target: Buffer,
    scryptN: number, maxFound: number,
  ): NativeScanResult;
  pow_validate(
    algo: number, headers: Buffer, targets: Buffer, scryptN: number, cancel?: NativeCancelToken,
  ): Promise<{ hashes: Buffer; valid: Uint8Array }>;
}

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The addon's numeric id of each algorithm (hashpool::PowAlgo in native/core/pow.h). */
export const ALGO_IDS: Readonly<Record<PowAlgorithm, number>> = { sha256d: 0, scrypt: 1, x11: 2 };

let cachedAddon: NativeAddon | undefined;
let loadError: Error | undefined;

/** Loads the addon once; throws NativeUnavailableError with the loader's reason. */
export function loadNativeAddon(): NativeAddon {
  if (cachedAddon) return cachedAddon;
  if (loadError) throw loadError;
  try {
    cachedAddon = nodeGypBuild(PACKAGE_ROOT) as NativeAddon;
    return cachedAddon;
  } catch (error) {
    loadError = new NativeUnavailableError(`the native addon could not be loaded: ${(error as Error).message}`);
    throw loadError;
  }
}

function buf(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function split(concatenated: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < concatenated.length; i += size) out.push(concatenated.subarray(i, i + size));
  return out;
}

/** Runs an addon call, turning coded addon errors into typed ones. */
function call<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw fromNativeError(error);
  }
}

function scryptNOf(pow: PowSpec): number {
  return pow.scryptN ?? DEFAULT_SCRYPT_N;
}

/** Runs an async addon call with a CancelToken tied to `signal` for its duration. */
async function withCancelToken<T>(
  addon: NativeAddon,
  signal: AbortSignal | undefined,
  run: (token: NativeCancelToken | undefined) => Promise<T>,
): Promise<T> {
  if (!signal) return run(undefined);
  const token = new addon.CancelToken();
  const cancel = (): void => token.cancel();
  if (signal.aborted) cancel();
  else signal.addEventListener('abort', cancel, { once: true });
  try {
    return await run(token);
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

export function createNativeBackend(addon: NativeAddon = loadNativeAddon()): HashBackend {
  return {
    kind: 'native',
    sha256: (data) => call(() => addon.sha256(buf(data))),
    createSha256(): Sha256Stream {
      const inner = new addon.Sha256Stream();
      const stream: Sha256Stream = {
        update(data: Uint8Array) {
          call(() => inner.update(buf(data)));
          return this;
        },
        digest: () => call(() => inner.digest()),
      };
      return stream;
    },
    sha256d: (data) => call(() => addon.sha256d(buf(data))),
    sha256Midstate: (block) => call(() => addon.sha256_midstate(buf(block))),
    pbkdf2Sha256: (password, salt, iterations, dkLen) =>
      call(() => addon.pbkdf2_sha256(buf(password), buf(salt), iterations, dkLen)),
    scrypt: (password, salt, N, r, p, dkLen) =>
      call(() => addon.scrypt_derive(buf(password), buf(salt), N, r, p, dkLen)),
    scryptPow: (data, N) => call(() => addon.scrypt_pow(buf(data), N)),
    salsa20_8: (block) => call(() => addon.scrypt_salsa20_8(buf(block))),
    scryptBlockMix: (block, r) => call(() => addon.scrypt_block_mix(buf(block), r)),
    scryptRoMix: (block, N, r) => call(() => addon.scrypt_ro_mix(buf(block), N, r)),
    vertcoinNFactorAt: (blockTime) => call(() => addon.scrypt_vertcoin_nfactor_at(blockTime)),
    x11: (data) => call(() => addon.x11(buf(data))),
    x11Stage: (stage, data) => call(() => addon.x11_stage(X11_STAGES.indexOf(stage), buf(data))),
    merkleRoot: (leaves) => call(() => addon.merkle_root(Buffer.concat(leaves))),
    merkleCoinbaseBranch: (txids) => split(call(() => addon.merkle_coinbase_branch(Buffer.concat(txids))), 32),
    merkleFoldBranch: (leaf, branch, index) =>
      call(() => addon.merkle_fold_branch(buf(leaf), Buffer.concat(branch), index)),
    bitsToTarget(bits: number): bigint {
      const { target, status } = call(() => addon.target_from_bits(bits));
      if (status !== 'ok') throw invalidCompact(bits, status);
      return bytesLEToTarget(target);
    },
    targetToBits: (target) => call(() => addon.target_to_bits(targetToBytesLE(target))),
    difficultyToTarget(difficulty: number, factor: number): bigint {
      if (!(difficulty > 0) || !Number.isFinite(difficulty)) {
        throw new TargetError('difficulty must be a finite number above 0');
      }
      return bytesLEToTarget(call(() => addon.target_from_difficulty(difficulty, factor)));
    },
    targetToDifficulty: (target, factor) => call(() => addon.target_to_difficulty(targetToBytesLE(target), factor)),

    powHash(pow: PowSpec, header: Uint8Array): Buffer {
      checkPowSpec(pow);
      checkHeaders([header]);
      return call(() => addon.pow_hash(ALGO_IDS[pow.algorithm], buf(header), scryptNOf(pow)));
    },

    async scan(request: ScanRequest): Promise<ScanResult> {
      checkScanRequest(request);
      const result = await withCancelToken(addon, request.signal, (token) =>
        call(() =>
          addon.pow_scan(
            ALGO_IDS[request.pow.algorithm], buf(request.header), request.nonceStart, request.nonceCount,
            targetToBytesLE(request.target), scryptNOf(request.pow), request.maxFound ?? 1024, token,
          ),
        ),
      );
      return { nonces: Array.from(result.nonces), hashesDone: result.hashesDone, cancelled: result.cancelled };
    },

    async validateHeaders(pow, headers, targets, signal): Promise<ValidationResult> {
      checkPowSpec(pow);
      checkHeaders(headers, targets);
      if (signal?.aborted) throw new CancelledError('validation cancelled');
      try {
        const result = await withCancelToken(addon, signal, (token) =>
          addon.pow_validate(
            ALGO_IDS[pow.algorithm], Buffer.concat(headers), Buffer.concat(targets.map(targetToBytesLE)),
            scryptNOf(pow), token,
          ),
        );
        return { hashes: split(result.hashes, 32), valid: Array.from(result.valid, (v) => v !== 0) };
      } catch (error) {
        throw fromNativeError(error);
      }
    },

    implementations: (algorithm) => {
      checkPowSpec({ algorithm });
      return call(() => addon.pow_backends(ALGO_IDS[algorithm]));
    },
    implementation: (algorithm) => {
      checkPowSpec({ algorithm });
      return call(() => addon.pow_current_backend(ALGO_IDS[algorithm]));
    },
    useImplementation: (algorithm, name) => {
      checkPowSpec({ algorithm });
      return call(() => addon.pow_use_backend(ALGO_IDS[algorithm], name));
    },
  };
}
