// Body of one scan thread: runs the PoW over chunks sized to a few milliseconds, either
// the native synchronous scan (built-ins) or a JS nonce loop over a module's hash
// function (module PoWs, required here by the thread itself). Between chunks it pulls new
// units off its port without yielding, and compares its unit's generation with the shared
// one, so a clean job or a stop takes effect within one chunk; the JS loop also looks at
// the generation inside a chunk. With nothing to do it sleeps on its wake counter.
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { meetsTarget } from '../hash/js/target';
import { loadNativeAddon, type NativeAddon } from '../hash/native';
import { powOutput, requirePowFunction, type PowFunction } from './pow-module';
import type { FromThread, ScanThreadData, ToThread, UnitMessage } from './scan-messages';

const MAX_FOUND = 256;
const MAX_CHUNK = 1 << 22;
/** Nonces between two looks at the shared generation in the JS loop. */
const GENERATION_CHECK = 2048;
/**
 * Found nonces the pool may have unchecked per thread before the thread waits: with a
 * target nearly every hash meets, the threads would otherwise outrun the main thread and
 * queue messages without bound.
 */
const MAX_PENDING = 4096;

interface ChunkResult {
  hashesDone: number;
  nonces: ArrayLike<number>;
}

/** JS nonce loop; stops early when the generation moves on or MAX_FOUND nonces are found. */
function scanModule(
  powHash: PowFunction, header: Buffer, nonceStart: number, count: number, target: Uint8Array,
  control: Int32Array, generation: number,
): ChunkResult {
  const nonces: number[] = [];
  let done = 0;
  while (done < count) {
    if (done % GENERATION_CHECK === 0 && done > 0 && Atomics.load(control, 0) !== generation) break;
    const nonce = nonceStart + done;
    header.writeUInt32LE(nonce, 76);
    const out = powOutput(powHash(header));
    done++;
    if (meetsTarget(out, target)) {
      nonces.push(nonce);
      if (nonces.length >= MAX_FOUND) break;
    }
  }
  return { hashesDone: done, nonces };
}

function run(data: ScanThreadData): void {
  let addon: NativeAddon | undefined; // loaded on the first native unit: module PoWs need none
  const control = new Int32Array(data.control);
  const hashes = new Float64Array(data.hashes);
  const wakeSlot = 1 + data.index;
  const pendingSlot = 1 + data.threads + data.index;
  const post = (message: FromThread): void => data.port.postMessage(message);
  const implementations = new Set<number>();
  const modules = new Map<string, PowFunction>();
  const queue: UnitMessage[] = [];
  let unit: UnitMessage | undefined;
  let header = Buffer.alloc(80);
  let target = Buffer.alloc(32);
  let next = 0;
  const chunks = new Map<string, number>(); // PoW -> nonces per chunk, tuned to chunkMs
  post({ type: 'ready', index: data.index });

  for (;;) {
    const wake = Atomics.load(control, wakeSlot);
    for (let m = receiveMessageOnPort(data.port); m !== undefined; m = receiveMessageOnPort(data.port)) {
      const message = m.message as ToThread;
      if (message.type === 'exit') return;
      queue.push(message);
    }
    const generation = Atomics.load(control, 0);
    if (unit !== undefined && unit.generation !== generation) unit = undefined;
    while (unit === undefined && queue.length > 0) {
      const candidate = queue.shift() as UnitMessage;
      if (candidate.generation !== generation) continue;
      unit = candidate;
      header = Buffer.from(unit.header);
      target = Buffer.from(unit.target);
      next = unit.nonceStart;
    }
    if (unit === undefined) {
      Atomics.wait(control, wakeSlot, wake);
      continue;
    }
    const pow = unit.pow;
    const key = pow.kind === 'native' ? `native:${pow.algoId}` : `module:${pow.path}#${pow.exportName}`;
    let chunk = chunks.get(key) ?? 16;
    const count = Math.min(chunk, unit.nonceEnd - next);
    const started = process.hrtime.bigint();
    let result: ChunkResult;
    try {
      if (pow.kind === 'native') {
        addon ??= loadNativeAddon();
        if (data.implementation !== 'best' && !implementations.has(pow.algoId)) {
          addon.pow_use_backend(pow.algoId, data.implementation);
          implementations.add(pow.algoId);
        }
        result = addon.pow_scan_sync(pow.algoId, header, next, count, target, pow.scryptN, MAX_FOUND);
      } else {
        let powHash = modules.get(key);
        if (powHash === undefined) {
          powHash = requirePowFunction(pow);
          modules.set(key, powHash);
        }
        result = scanModule(powHash, header, next, count, target, control, unit.generation);
      }
    } catch (error) {
      // The unit is given up, the thread lives on; the pool decides what comes next.
      const message = error instanceof Error ? error.message : String(error);
      post({ type: 'error', index: data.index, message, generation: unit.generation, unitId: unit.unitId });
      unit = undefined;
      continue;
    }
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    hashes[data.index] += result.hashesDone;
    // The native scan covers the whole chunk; the JS loop may stop early and resume here.
    next += pow.kind === 'native' ? count : result.hashesDone;
    // Grow or shrink towards chunkMs per call, by at most 2x per step to stay stable.
    const measured = pow.kind === 'native' ? chunk : result.hashesDone;
    const ideal = elapsedMs > 0 ? (measured * data.chunkMs) / elapsedMs : chunk * 2;
    chunk = Math.max(1, Math.min(MAX_CHUNK, Math.round(Math.min(chunk * 2, Math.max(chunk / 2, ideal)))));
    chunks.set(key, chunk);
    if (result.nonces.length > 0) {
      Atomics.add(control, pendingSlot, result.nonces.length);
      post({ type: 'found', index: data.index, generation: unit.generation, unitId: unit.unitId, nonces: Array.from(result.nonces) });
      // The pool counts every found message off (stale ones too) and notifies, as does a generation bump.
      for (let pending = Atomics.load(control, pendingSlot); pending > MAX_PENDING; pending = Atomics.load(control, pendingSlot)) {
        if (Atomics.load(control, 0) !== unit.generation) break;
        Atomics.wait(control, pendingSlot, pending);
      }
    }
    if (next >= unit.nonceEnd) {
      post({ type: 'exhausted', index: data.index, generation: unit.generation, unitId: unit.unitId });
      unit = undefined;
    }
  }
}

const data = workerData as ScanThreadData | undefined;
if (data !== undefined) {
  try {
    run(data);
  } catch (error) {
    data.port.postMessage({ type: 'error', index: data.index, message: (error as Error).message } satisfies FromThread);
  }
  data.port.close();
}
