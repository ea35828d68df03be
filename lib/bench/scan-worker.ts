// Worker-thread body for native scan-rate measurement: scans nonce chunks with the
// synchronous native scan until the deadline, then reports hashes done and seconds.
import { parentPort, workerData } from 'node:worker_threads';
import { loadNativeAddon } from '../hash/native';

export interface ScanWorkerInput {
  algoId: number;
  implementation: string;
  scryptN: number;
  header: Uint8Array;
  seconds: number;
  chunk: number;
  /** Distinct per thread so threads never hash the same nonces. */
  nonceStart: number;
}

export interface ScanWorkerOutput {
  hashes: number;
  seconds: number;
  implementation: string;
}

function run(input: ScanWorkerInput): ScanWorkerOutput {
  const addon = loadNativeAddon();
  const implementation = addon.pow_use_backend(input.algoId, input.implementation);
  const header = Buffer.from(input.header);
  const impossible = Buffer.alloc(32); // target 0: every nonce is hashed, none wins
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(input.seconds * 1e9));
  let hashes = 0;
  let nonce = input.nonceStart;
  let now = start;
  while (now < deadline) {
    const result = addon.pow_scan_sync(input.algoId, header, nonce, input.chunk, impossible, input.scryptN, 0);
    hashes += result.hashesDone;
    nonce = (nonce + input.chunk) % (2 ** 32 - input.chunk);
    now = process.hrtime.bigint();
  }
  return { hashes, seconds: Number(now - start) / 1e9, implementation };
}

if (parentPort && workerData) parentPort.postMessage(run(workerData as ScanWorkerInput));
