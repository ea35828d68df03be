// The JS backend: the TypeScript twins behind the HashBackend interface. Long calls
// (scan, validateHeaders) run in a worker thread.
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import {
  DEFAULT_SCRYPT_N,
  type HashBackend,
  type ImplementationInfo,
  type PowAlgorithm,
  type PowSpec,
  type ScanRequest,
  type ScanResult,
  type ValidationResult,
} from '../api';
import { CancelledError, InvalidArgumentError, UnknownBackendError } from '../errors';
import { checkPowSpec, checkScanRequest, checkHeaders } from '../validate-args';
import { merkleCoinbaseBranch, merkleFoldBranch, merkleRoot } from './merkle';
import { pbkdf2Sha256 } from './pbkdf2';
import { powHash } from './pow';
import type { PowTask, PowTaskResult } from './pow-worker';
import { salsa20_8, scrypt, scryptBlockMix, scryptPow, scryptRoMix, vertcoinNFactorAt } from './scrypt';
import { Sha256, sha256, sha256d, sha256Midstate } from './sha256';
import {
  bitsToTarget,
  difficultyToTarget,
  targetToBits,
  targetToBytesLE,
  targetToDifficulty,
} from './target';
import { X11_STAGE_FUNCTIONS, x11 } from './x11/x11';

const JS_IMPLEMENTATION = 'js';
const WORKER_FILE = path.join(__dirname, 'pow-worker.js');

function runInWorker(task: PowTask, signal: AbortSignal | undefined): Promise<PowTaskResult> {
  return new Promise((resolve, reject) => {
    const cancel = (): void => void Atomics.store(task.cancelFlag, 0, 1);
    if (signal?.aborted) cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    const worker = new Worker(WORKER_FILE, { workerData: task });
    const finish = (): void => signal?.removeEventListener('abort', cancel);
    worker.once('message', (result: PowTaskResult) => {
      finish();
      resolve(result);
    });
    worker.once('error', (error) => {
      finish();
      reject(error);
    });
  });
}

/** The twins throw RangeError on bad parameters; the API promises InvalidArgumentError. */
function checked<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    try {
      return fn(...args);
    } catch (error) {
      if (error instanceof RangeError) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
}

function newCancelFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

export const jsBackend: HashBackend = {
  kind: 'js',
  sha256,
  createSha256: () => new Sha256(),
  sha256d,
  sha256Midstate,
  pbkdf2Sha256: checked(pbkdf2Sha256),
  scrypt: checked(scrypt),
  scryptPow: checked(scryptPow),
  salsa20_8: checked(salsa20_8),
  scryptBlockMix: checked(scryptBlockMix),
  scryptRoMix: checked(scryptRoMix),
  vertcoinNFactorAt: checked(vertcoinNFactorAt),
  x11,
  x11Stage: (stage, data) => X11_STAGE_FUNCTIONS[stage](data),
  merkleRoot,
  merkleCoinbaseBranch,
  merkleFoldBranch,
  bitsToTarget,
  targetToBits,
  difficultyToTarget,
  targetToDifficulty,

  powHash(pow: PowSpec, header: Uint8Array): Buffer {
    checkPowSpec(pow);
    checkHeaders([header]);
    return powHash(pow, header);
  },

  async scan(request: ScanRequest): Promise<ScanResult> {
    checkScanRequest(request);
    const result = await runInWorker(
      {
        kind: 'scan',
        pow: { algorithm: request.pow.algorithm, scryptN: request.pow.scryptN ?? DEFAULT_SCRYPT_N },
        header: Uint8Array.from(request.header.subarray(0, 80)),
        nonceStart: request.nonceStart,
        nonceCount: request.nonceCount,
        targetLE: targetToBytesLE(request.target),
        maxFound: request.maxFound ?? 1024,
        cancelFlag: newCancelFlag(),
      },
      request.signal,
    );
    if (result.kind !== 'scan') throw new Error('pow worker answered the wrong task');
    return { nonces: result.nonces, hashesDone: result.hashesDone, cancelled: result.cancelled };
  },

  async validateHeaders(pow, headers, targets, signal): Promise<ValidationResult> {
    checkPowSpec(pow);
    checkHeaders(headers, targets);
    const result = await runInWorker(
      {
        kind: 'validate',
        pow: { algorithm: pow.algorithm, scryptN: pow.scryptN ?? DEFAULT_SCRYPT_N },
        headers: headers.map((h) => Uint8Array.from(h)),
        targetsLE: targets.map(targetToBytesLE),
        cancelFlag: newCancelFlag(),
      },
      signal,
    );
    if (result.kind !== 'validate') throw new Error('pow worker answered the wrong task');
    if (result.cancelled) throw new CancelledError('validation cancelled');
    return { hashes: result.hashes.map((h) => Buffer.from(h)), valid: result.valid };
  },

  implementations(algorithm: PowAlgorithm): ImplementationInfo[] {
    checkPowSpec({ algorithm });
    return [{ name: JS_IMPLEMENTATION, supported: true, selected: true }];
  },
  implementation(algorithm: PowAlgorithm): string {
    checkPowSpec({ algorithm });
    return JS_IMPLEMENTATION;
  },
  useImplementation(algorithm: PowAlgorithm, name: string): string {
    checkPowSpec({ algorithm });
    if (name !== JS_IMPLEMENTATION && name !== 'best') {
      throw new UnknownBackendError(`the js backend has one implementation ('js') per algorithm, not '${name}'`);
    }
    return JS_IMPLEMENTATION;
  },
};

