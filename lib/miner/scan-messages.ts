// Messages between ScanPool (main thread) and its scan threads. Kept apart so both sides
// share one definition of the wire between them.
import type { MessagePort } from 'node:worker_threads';

export interface ScanThreadData {
  index: number;
  port: MessagePort;
  /**
   * Int32: [0] the current generation, [1 + index] the thread's wake counter,
   * [1 + threads + index] nonces the thread reported that the pool has not checked yet.
   */
  control: SharedArrayBuffer;
  threads: number;
  /** Float64 per thread: hashes done so far. */
  hashes: SharedArrayBuffer;
  /** 'best' or a named implementation of the hashing core. */
  implementation: string;
  /** How long one native call should run, so a stop takes effect within about that. */
  chunkMs: number;
}

/** A built-in PoW, scanned by the native addon. */
export interface NativeUnitPow {
  kind: 'native';
  algoId: number;
  scryptN: number;
}

/** A module PoW: the thread requires `path` once and calls its `exportName` per nonce. */
export interface ModuleUnitPow {
  kind: 'module';
  path: string;
  exportName: string;
}

export interface UnitMessage {
  type: 'unit';
  generation: number;
  unitId: number;
  pow: NativeUnitPow | ModuleUnitPow;
  header: Uint8Array;
  nonceStart: number;
  nonceEnd: number;
  /** Share target, 32 bytes little-endian. */
  target: Uint8Array;
}

export interface ExitMessage {
  type: 'exit';
}

export type ToThread = UnitMessage | ExitMessage;

export type FromThread =
  | { type: 'ready'; index: number }
  | { type: 'found'; index: number; generation: number; unitId: number; nonces: number[] }
  | { type: 'exhausted'; index: number; generation: number; unitId: number }
  /** With generation and unitId: that unit failed (the thread lives on); without: the thread died. */
  | { type: 'error'; index: number; message: string; generation?: number; unitId?: number };
