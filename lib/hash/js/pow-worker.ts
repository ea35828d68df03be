// Worker-thread entry for the JS backend's long calls (nonce scans and batch
// validation), so hashing in JS never blocks the caller's event loop. A shared Int32
// flag set by the caller cancels between chunks.
import { parentPort, workerData } from 'node:worker_threads';
import type { PowSpec } from '../api';
import { powHash, scanNonces } from './pow';
import { meetsTarget } from './target';

export type PowTask =
  | {
      kind: 'scan';
      pow: PowSpec;
      header: Uint8Array;
      nonceStart: number;
      nonceCount: number;
      targetLE: Uint8Array;
      maxFound: number;
      cancelFlag: Int32Array;
    }
  | { kind: 'validate'; pow: PowSpec; headers: Uint8Array[]; targetsLE: Uint8Array[]; cancelFlag: Int32Array };

export type PowTaskResult =
  | { kind: 'scan'; nonces: number[]; hashesDone: number; cancelled: boolean }
  | { kind: 'validate'; hashes: Uint8Array[]; valid: boolean[]; cancelled: boolean };

function chunkSize(pow: PowSpec): number {
  return pow.algorithm === 'sha256d' ? 65536 : 64;
}

export function runPowTask(task: PowTask): PowTaskResult {
  const cancelled = (): boolean => Atomics.load(task.cancelFlag, 0) !== 0;
  if (task.kind === 'scan') {
    const nonces: number[] = [];
    let done = 0;
    while (done < task.nonceCount && !cancelled()) {
      const count = Math.min(chunkSize(task.pow), task.nonceCount - done);
      const chunk = scanNonces(task.pow, task.header, task.nonceStart + done, count, task.targetLE, task.maxFound - nonces.length);
      nonces.push(...chunk.nonces);
      done += chunk.hashesDone;
    }
    return { kind: 'scan', nonces, hashesDone: done, cancelled: done < task.nonceCount };
  }
  const hashes: Uint8Array[] = [];
  const valid: boolean[] = [];
  for (let i = 0; i < task.headers.length; i++) {
    if (cancelled()) return { kind: 'validate', hashes, valid, cancelled: true };
    const hash = powHash(task.pow, task.headers[i]);
    hashes.push(hash);
    valid.push(meetsTarget(hash, task.targetsLE[i]));
  }
  return { kind: 'validate', hashes, valid, cancelled: false };
}

if (parentPort && workerData) {
  parentPort.postMessage(runPowTask(workerData as PowTask));
}
