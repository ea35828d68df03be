// Hash rate through the stratum path vs `hashpool bench`'s native rate, same algorithm and
// thread count, in the same run: the Miner mines against the independent stratum server at
// an impossible share difficulty for S seconds, then measureNativeRate runs for S seconds.
// Usage: node dist/bench/miner.bench.js [--seconds S] [--threads T] [--algo A]
import os from 'node:os';
import { parseArgs } from 'node:util';
import { measureNativeRate } from '../lib/bench/native-rate';
import { Miner } from '../lib/miner';
import { formatHashrate } from '../lib/log/format-rate';
import { IndependentStratumServer, type IndependentAlgorithm } from '../test/util/independent-stratum-server';

async function minerRate(algorithm: IndependentAlgorithm, threads: number, seconds: number): Promise<number> {
  const server = new IndependentStratumServer({ algorithm, difficulty: 1e15 });
  await server.start();
  const miner = new Miner({ urls: [server.url], user: 'bench', algorithm, threads, hashrateIntervalMs: 60_000 });
  miner.start();
  while (miner.currentJob === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 1000)); // warm-up: threads started, chunk sizes settled
  const startHashes = miner.scanPool.totalHashes();
  const start = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const hashes = miner.scanPool.totalHashes() - startHashes;
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  await miner.stop();
  await server.stop();
  return hashes / elapsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string' }, threads: { type: 'string' }, algo: { type: 'string' } } });
  const seconds = Number(values.seconds ?? 5);
  const threads = Number(values.threads ?? os.availableParallelism());
  const algos = (values.algo ? [values.algo] : ['sha256d', 'scrypt', 'x11']) as Array<'sha256d' | 'scrypt' | 'x11'>;
  const header = Buffer.from(
    '010000000000000000000000000000000000000000000000000000000000000000000000d9ced4ed1130f7b7faad9be25323ffafa33232a17c3edf6cfd97bee6bafbdd97b9aa8e4ef0ff0f1ecd513f7c',
    'hex',
  );
  console.log(`miner (stratum path) vs native bench, ${threads} threads, ${seconds} s each`);
  for (const algorithm of algos) {
    // Interleaved (bench, miner, bench, miner) so load from other processes hits both alike.
    let viaMiner = 0;
    let bench = 0;
    for (let round = 0; round < 2; round++) {
      bench += (await measureNativeRate({ algorithm }, header, threads, seconds)).hashesPerSecond / 2;
      viaMiner += (await minerRate(algorithm, threads, seconds)) / 2;
    }
    const ratio = viaMiner / bench;
    console.log(`${algorithm.padEnd(8)} miner ${formatHashrate(viaMiner).padStart(12)}  bench ${formatHashrate(bench).padStart(12)}  ratio ${ratio.toFixed(3)}`);
  }
}

void main();
