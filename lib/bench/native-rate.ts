// Native nonce-scan rate over T threads (worker_threads, one scan loop each).
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PowSpec } from '../hash';
import { ALGO_IDS } from '../hash/native';
import type { ScanWorkerInput, ScanWorkerOutput } from './scan-worker';

/** Nonces per native call: long enough to amortise the call, short enough to stop on time. */
const CHUNK: Readonly<Record<PowSpec['algorithm'], number>> = { sha256d: 1 << 20, scrypt: 256, x11: 4096 };

export interface RateResult {
  implementation: string;
  threads: number;
  hashesPerSecond: number;
}

export async function measureNativeRate(
  pow: PowSpec,
  header: Uint8Array,
  threads: number,
  seconds: number,
  implementation = 'best',
): Promise<RateResult> {
  const outputs = await Promise.all(
    Array.from({ length: threads }, (_, i) => {
      const input: ScanWorkerInput = {
        algoId: ALGO_IDS[pow.algorithm],
        implementation,
        scryptN: pow.scryptN ?? 1024,
        header: Uint8Array.from(header),
        seconds,
        chunk: CHUNK[pow.algorithm],
        nonceStart: i * 0x10000000,
      };
      return new Promise<ScanWorkerOutput>((resolve, reject) => {
        const worker = new Worker(path.join(__dirname, 'scan-worker.js'), { workerData: input });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    }),
  );
  const hashesPerSecond = outputs.reduce((sum, o) => sum + o.hashes / o.seconds, 0);
  return { implementation: `native:${outputs[0].implementation}`, threads, hashesPerSecond };
}
