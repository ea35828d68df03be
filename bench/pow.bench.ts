// benchmark.js suites: the native nonce scan (every implementation this CPU supports,
// one thread) against the JS hashers users would otherwise pick, per algorithm.
// Rates are hashes per second; ratios are against the fastest JS option of the same run.
// Run: npm run bench [-- sha256d|scrypt|scrypt:N|x11 ...]
import Benchmark from 'benchmark';
import { jsCandidates } from '../lib/bench/js-candidates';
import { parsePowSpec } from '../lib/cli/pow-spec';
import { loadNativeAddon, type PowSpec } from '../lib/hash';
import { ALGO_IDS } from '../lib/hash/native';
import { formatHashrate } from '../lib/log/format-rate';

/** Nonces per benchmark operation, so one op takes roughly a millisecond or more. */
const BATCH: Readonly<Record<PowSpec['algorithm'], number>> = { sha256d: 16384, scrypt: 16, x11: 256 };
const HEADER = Buffer.from(
  '010000000000000000000000000000000000000000000000000000000000000000000000d9ced4ed1130f7b7faad9be25323ffafa33232a17c3edf6cfd97bee6bafbdd97b9aa8e4ef0ff0f1ecd513f7c',
  'hex',
);

function runSuite(name: string, pow: PowSpec): void {
  const addon = loadNativeAddon();
  const algoId = ALGO_IDS[pow.algorithm];
  const batch = BATCH[pow.algorithm];
  const scryptN = pow.scryptN ?? 1024;
  const never = Buffer.alloc(32);
  const suite = new Benchmark.Suite(name);
  const hashesPerOp = new Map<string, number>();

  for (const impl of addon.pow_backends(algoId).filter((b) => b.supported)) {
    hashesPerOp.set(`native ${impl.name}`, batch);
    suite.add(`native ${impl.name}`, {
      onStart: () => addon.pow_use_backend(algoId, impl.name),
      fn: () => addon.pow_scan_sync(algoId, HEADER, 0, batch, never, scryptN, 0),
    });
  }
  const work = Buffer.from(HEADER);
  for (const candidate of jsCandidates(pow)) {
    const count = Math.max(1, Math.floor(batch / (pow.algorithm === 'sha256d' ? 16 : 4)));
    hashesPerOp.set(`js ${candidate.implementation}`, count);
    suite.add(`js ${candidate.implementation}`, { fn: () => candidate.hashNonces(work, 0, count) });
  }

  const rates = new Map<string, number>();
  suite
    .on('cycle', (event: Benchmark.Event) => {
      const { name: benchName = '', hz = 0 } = event.target as { name?: string; hz?: number };
      rates.set(benchName, hz * (hashesPerOp.get(benchName) ?? 0));
    })
    .on('complete', () => {
      const bestJs = Math.max(...[...rates].filter(([n]) => n.startsWith('js ')).map(([, r]) => r));
      console.log(`\n${name}`);
      for (const [benchName, r] of rates) {
        console.log(`  ${benchName.padEnd(34)} ${formatHashrate(r).padStart(13)}  ${(r / bestJs).toFixed(1)}x best JS`);
      }
      addon.pow_use_backend(algoId, 'best');
    })
    .run({ async: false });
}


const requested = process.argv.slice(2);
for (const algo of requested.length ? requested : ['sha256d', 'scrypt', 'x11']) runSuite(algo, parsePowSpec(algo));
