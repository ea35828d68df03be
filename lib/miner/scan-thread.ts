// Body of one scan thread: runs the native synchronous scan over chunks sized to a few
// milliseconds. Between chunks it pulls new units off its port without yielding, and
// compares its unit's generation with the shared one, so a clean job or a stop takes
// effect within one chunk. With nothing to do it sleeps on its wake counter.
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { loadNativeAddon } from '../hash/native';
import type { FromThread, ScanThreadData, ToThread, UnitMessage } from './scan-messages';

const MAX_FOUND = 256;
const MAX_CHUNK = 1 << 22;

function run(data: ScanThreadData): void {
  const addon = loadNativeAddon();
  const control = new Int32Array(data.control);
  const hashes = new Float64Array(data.hashes);
  const wakeSlot = 1 + data.index;
  const post = (message: FromThread): void => data.port.postMessage(message);
  const implementations = new Set<number>();
  const queue: UnitMessage[] = [];
  let unit: UnitMessage | undefined;
  let header = Buffer.alloc(80);
  let target = Buffer.alloc(32);
  let next = 0;
  const chunks = new Map<number, number>(); // algo id -> nonces per call, tuned to chunkMs
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
      if (data.implementation !== 'best' && !implementations.has(unit.algoId)) {
        addon.pow_use_backend(unit.algoId, data.implementation);
        implementations.add(unit.algoId);
      }
    }
    if (unit === undefined) {
      Atomics.wait(control, wakeSlot, wake);
      continue;
    }
    let chunk = chunks.get(unit.algoId) ?? 16;
    const count = Math.min(chunk, unit.nonceEnd - next);
    const started = process.hrtime.bigint();
    const result = addon.pow_scan_sync(unit.algoId, header, next, count, target, unit.scryptN, MAX_FOUND);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    hashes[data.index] += result.hashesDone;
    next += count;
    // Grow or shrink towards chunkMs per call, by at most 2x per step to stay stable.
    const ideal = elapsedMs > 0 ? (chunk * data.chunkMs) / elapsedMs : chunk * 2;
    chunk = Math.max(1, Math.min(MAX_CHUNK, Math.round(Math.min(chunk * 2, Math.max(chunk / 2, ideal)))));
    chunks.set(unit.algoId, chunk);
    if (result.nonces.length > 0) {
      post({ type: 'found', index: data.index, generation: unit.generation, unitId: unit.unitId, nonces: Array.from(result.nonces) });
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
