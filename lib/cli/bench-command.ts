// `hashpool bench [--algo A] [--threads T] [--seconds S] [--json]`: native nonce-scan
// rate per algorithm and thread count, beside the JS hashers measured in the same run.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { jsCandidates, measureJsRate } from '../bench/js-candidates';
import { measureNativeRate } from '../bench/native-rate';
import { loadNativeAddon } from '../hash';
import { UsageError } from './errors';
import { parsePowSpec } from './pow-spec';
import { formatHashrate } from '../log/format-rate';

export interface BenchRecord {
  algo: string;
  implementation: string;
  threads: number;
  hashesPerSecond: number;
}


function positiveNumber(text: string | undefined, name: string, fallback: number, integer: boolean): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} must be a ${integer ? 'whole ' : ''}number above 0, got '${text}'`);
  }
  return value;
}

/** A fixed header (Litecoin's genesis) so every run hashes the same work. */
const BENCH_HEADER = Buffer.from(
  '010000000000000000000000000000000000000000000000000000000000000000000000d9ced4ed1130f7b7faad9be25323ffafa33232a17c3edf6cfd97bee6bafbdd97b9aa8e4ef0ff0f1ecd513f7c',
  'hex',
);

export async function runBenchCommand(args: string[], print: (line: string) => void): Promise<BenchRecord[]> {
  const { values } = parseArgs({
    args,
    options: {
      algo: { type: 'string' },
      threads: { type: 'string' },
      seconds: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const specs = values.algo === undefined ? ['sha256d', 'scrypt', 'x11'].map(parsePowSpec) : [parsePowSpec(values.algo)];
  const maxThreads = positiveNumber(values.threads, 'threads', os.availableParallelism(), true);
  const seconds = positiveNumber(values.seconds, 'seconds', 3, false);
  const threadCounts = maxThreads === 1 ? [1] : [1, maxThreads];
  loadNativeAddon(); // fail early, with the loader's reason, if the addon is missing

  const records: BenchRecord[] = [];
  for (const pow of specs) {
    const algo = pow.algorithm === 'scrypt' ? `scrypt:${pow.scryptN}` : pow.algorithm;
    const emit = (implementation: string, threads: number, hashesPerSecond: number): BenchRecord => {
      const record = { algo, implementation, threads, hashesPerSecond: Math.round(hashesPerSecond) };
      records.push(record);
      if (values.json) print(JSON.stringify(record));
      return record;
    };
    const native: BenchRecord[] = [];
    for (const threads of threadCounts) {
      const rate = await measureNativeRate(pow, BENCH_HEADER, threads, seconds);
      native.push(emit(rate.implementation, threads, rate.hashesPerSecond));
    }
    const js = jsCandidates(pow).map((c) => emit(c.implementation, 1, measureJsRate(c, BENCH_HEADER, seconds)));
    if (!values.json) {
      const single = native[0];
      print(`${algo}`);
      for (const r of native) {
        const scaling = r.threads > 1 ? `  (${(r.hashesPerSecond / single.hashesPerSecond).toFixed(2)}x of 1 thread)` : '';
        print(`  ${r.implementation.padEnd(28)} ${String(r.threads).padStart(2)} thr  ${formatHashrate(r.hashesPerSecond).padStart(14)}${scaling}`);
      }
      for (const r of js) {
        const ratio = single.hashesPerSecond / r.hashesPerSecond;
        print(`  ${r.implementation.padEnd(28)}  1 thr  ${formatHashrate(r.hashesPerSecond).padStart(14)}  native 1 thr is ${ratio.toFixed(1)}x`);
      }
    }
  }
  return records;
}
