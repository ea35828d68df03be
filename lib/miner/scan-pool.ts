// Runs a job's search on T threads. Built-in PoWs: one worker thread each, scanning
// natively (scan-thread.ts); module PoWs: the same threads, each running a JS loop over the
// module it loaded; closure PoWs: one JS loop on this thread. Work is handed out as units
// (work-split.ts) from one counter, two per thread so none waits for the next. Every
// start/stop bumps a generation shared with the threads; results carrying an older
// generation are dropped here, so nothing found for a replaced job is ever reported.
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { bytesLEToTarget, targetToBytesLE } from '../hash';
import { ALGO_IDS } from '../hash/native';
import { MinerOptionError, ScanThreadError } from './errors';
import type { Job, Share, WorkUnit } from './job';
import type { FromThread, ScanThreadData, ToThread, UnitMessage } from './scan-messages';

export interface ScanPoolOptions {
  /** Worker threads for built-in and module PoWs (default: all cores). */
  threads?: number;
  /** Nonces per work unit, from 0 (default 2^32); small values force extranonce2 rolling. */
  noncesPerUnit?: number;
  /** Hashing core implementation name ('best' by default). */
  implementation?: string;
  /** Target duration of one native call (default 20 ms): the longest a stop or clean job waits. */
  chunkMs?: number;
}

export interface ScanPoolEvents {
  share: [share: Share, job: Job];
  error: [error: Error];
}

interface ThreadSlot {
  worker: Worker;
  port: MessagePort;
  units: Map<number, WorkUnit>;
}

const JS_BATCH = 1024;

export class ScanPool extends EventEmitter<ScanPoolEvents> {
  readonly threads: number;
  readonly noncesPerUnit: number;
  private readonly control: Int32Array;
  private readonly hashes: Float64Array;
  private readonly slots: ThreadSlot[] = [];
  private job: Job | undefined;
  private generation = 0;
  private nextUnit = 0n;
  private nextUnitId = 1;
  private closed = false;
  /** Results thrown away because their job had been replaced. */
  droppedStale = 0;
  private lastSample: { at: number; hashes: number[] } | undefined;
  private rates: number[];

  constructor(private readonly options: ScanPoolOptions = {}) {
    super();
    const threads = options.threads ?? os.availableParallelism();
    if (!Number.isInteger(threads) || threads < 1 || threads > 1024) throw new MinerOptionError('threads must be a whole number from 1 to 1024');
    const perUnit = options.noncesPerUnit ?? 2 ** 32;
    if (!Number.isInteger(perUnit) || perUnit < 1 || perUnit > 2 ** 32) throw new MinerOptionError('noncesPerUnit must be from 1 to 2^32');
    this.threads = threads;
    this.noncesPerUnit = perUnit;
    this.control = new Int32Array(new SharedArrayBuffer(4 * (2 * threads + 1)));
    this.hashes = new Float64Array(new SharedArrayBuffer(8 * (threads + 1)));
    this.rates = new Array<number>(threads).fill(0);
  }

  private ensureWorkers(): void {
    if (this.slots.length > 0) return;
    for (let index = 0; index < this.threads; index++) {
      const { port1, port2 } = new MessageChannel();
      const data: ScanThreadData = {
        index,
        port: port2,
        control: this.control.buffer as SharedArrayBuffer,
        threads: this.threads,
        hashes: this.hashes.buffer as SharedArrayBuffer,
        implementation: this.options.implementation ?? 'best',
        chunkMs: this.options.chunkMs ?? 20,
      };
      const worker = new Worker(path.join(__dirname, 'scan-thread.js'), { workerData: data, transferList: [port2] });
      worker.on('error', (error) => this.emit('error', error));
      const slot: ThreadSlot = { worker, port: port1, units: new Map() };
      port1.on('message', (message: FromThread) => this.onThreadMessage(slot, message));
      worker.unref();
      port1.unref();
      this.slots.push(slot);
    }
  }

  /** Abandons the current work (if any) and searches `job`. */
  start(job: Job): void {
    if (this.closed) return;
    this.bump();
    this.job = job;
    this.nextUnit = 0n;
    if (job.pow.native === undefined && job.pow.module === undefined) {
      void this.runJs(job, this.generation);
      return;
    }
    this.ensureWorkers();
    for (const slot of this.slots) {
      this.give(slot);
      this.give(slot);
    }
  }

  /** Stops all work at once: results of the current job are dropped from now on. */
  stop(): void {
    this.bump();
    this.job = undefined;
  }

  private bump(): void {
    this.generation = (this.generation + 1) | 0;
    Atomics.store(this.control, 0, this.generation);
    for (const slot of this.slots) slot.units.clear();
    // A thread held back by unchecked nonces also waits for the generation to move on.
    for (let index = 0; index < this.threads; index++) Atomics.notify(this.control, 1 + this.threads + index);
  }

  private takeUnit(job: Job): WorkUnit {
    return job.unit(this.nextUnit++);
  }

  private give(slot: ThreadSlot): void {
    const job = this.job;
    if (job === undefined) return;
    const { native, module } = job.pow;
    let pow: UnitMessage['pow'];
    if (native !== undefined) pow = { kind: 'native', algoId: ALGO_IDS[native.algorithm], scryptN: native.scryptN ?? 1024 };
    else if (module !== undefined) pow = { kind: 'module', path: module.path, exportName: module.exportName };
    else return;
    const unit = this.takeUnit(job);
    const unitId = this.nextUnitId++;
    slot.units.set(unitId, unit);
    const message: ToThread = {
      type: 'unit',
      generation: this.generation,
      unitId,
      pow,
      header: unit.header,
      nonceStart: 0,
      nonceEnd: this.noncesPerUnit,
      target: targetToBytesLE(job.target),
    };
    slot.port.postMessage(message);
    const index = this.slots.indexOf(slot);
    Atomics.add(this.control, 1 + index, 1);
    Atomics.notify(this.control, 1 + index);
  }

  private onThreadMessage(slot: ThreadSlot, message: FromThread): void {
    if (message.type === 'found') {
      // Counted off before anything can throw or return, so the thread is never held back for good.
      const pending = 1 + this.threads + message.index;
      Atomics.sub(this.control, pending, message.nonces.length);
      Atomics.notify(this.control, pending);
    }
    if (message.type === 'error') {
      this.onThreadError(message);
      return;
    }
    if (message.type === 'ready') return;
    if (message.generation !== this.generation || this.job === undefined) {
      if (message.type === 'found') this.droppedStale += message.nonces.length;
      return;
    }
    const unit = slot.units.get(message.unitId);
    if (message.type === 'exhausted') {
      slot.units.delete(message.unitId);
      this.give(slot);
      return;
    }
    if (unit === undefined) return;
    const job = this.job;
    const shares: Share[] = [];
    try {
      for (const nonce of message.nonces) {
        const share = job.check(unit, nonce);
        if (share) shares.push(share);
      }
    } catch (error) {
      // A custom PoW failing on this thread must not escape a port listener (that would crash).
      this.halt(new ScanThreadError(message.index, `checking a found nonce: ${(error as Error).message}`));
      return;
    }
    for (const share of shares) this.emit('share', share, job);
  }

  private onThreadError(message: Extract<FromThread, { type: 'error' }>): void {
    if (message.generation === undefined) {
      this.emit('error', new ScanThreadError(message.index, message.message));
      return;
    }
    // A unit failed: the PoW is broken for this job, so stop searching it (one report per
    // job, not one per unit and thread); the next start() tries again.
    if (message.generation !== this.generation || this.job === undefined) return;
    this.halt(new ScanThreadError(message.index, message.message));
  }

  private halt(error: Error): void {
    this.bump();
    this.job = undefined;
    this.emit('error', error);
  }

  /** A custom (JS) PoW: one loop here, yielding to the event loop between batches. */
  private async runJs(job: Job, generation: number): Promise<void> {
    const current = (): boolean => this.generation === generation && !this.closed;
    try {
      await this.loopJs(job, current);
    } catch (error) {
      if (current()) this.halt(error as Error);
    }
  }

  private async loopJs(job: Job, current: () => boolean): Promise<void> {
    while (current()) {
      const unit = this.takeUnit(job);
      const header = Buffer.from(unit.header);
      for (let nonce = 0; nonce < this.noncesPerUnit && current(); ) {
        const end = Math.min(this.noncesPerUnit, nonce + JS_BATCH);
        for (; nonce < end; nonce++) {
          header.writeUInt32LE(nonce, 76);
          if (bytesLEToTarget(job.pow.hash(header)) <= job.target) {
            const share = job.check(unit, nonce);
            if (share) this.emit('share', share, job);
          }
        }
        this.hashes[0] += JS_BATCH;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }

  /** Hashes done by each thread since the pool was made. */
  hashesByThread(): number[] {
    return Array.from(this.hashes.subarray(0, this.threads));
  }

  totalHashes(): number {
    return this.hashesByThread().reduce((a, b) => a + b, 0);
  }

  /** Per-thread hashes/s since the previous call (the first call starts the window). */
  sampleRates(): number[] {
    const now = Date.now();
    const hashes = this.hashesByThread();
    if (this.lastSample !== undefined && now > this.lastSample.at) {
      const seconds = (now - this.lastSample.at) / 1000;
      const previous = this.lastSample.hashes;
      this.rates = hashes.map((h, i) => (h - previous[i]) / seconds);
    }
    this.lastSample = { at: now, hashes };
    return [...this.rates];
  }

  get currentJob(): Job | undefined {
    return this.job;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.bump();
    this.job = undefined;
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map(async (slot, index) => {
        slot.port.postMessage({ type: 'exit' } satisfies ToThread);
        Atomics.add(this.control, 1 + index, 1);
        Atomics.notify(this.control, 1 + index);
        const exited = new Promise<void>((resolve) => slot.worker.once('exit', () => resolve()));
        const timeout = setTimeout(() => void slot.worker.terminate(), 2000);
        await exited;
        clearTimeout(timeout);
        slot.port.close();
      }),
    );
  }
}
