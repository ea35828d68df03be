// Module PoWs: getting the hash function out of a module path, done once by the registry on
// the main thread and again by every scan thread. Free of the hashing core, so a thread
// running a module PoW never loads the native addon.
import { BadPowError } from './errors';

/** Where a module PoW's hash function lives. */
export interface PowModuleRef {
  /** Absolute file path. */
  path: string;
  exportName: string;
}

export type PowFunction = (header: Buffer) => unknown;

export function requirePowFunction(ref: PowModuleRef): PowFunction {
  let loaded: unknown;
  try {
    loaded = require(ref.path) as unknown;
  } catch (error) {
    throw new BadPowError(`cannot load ${ref.path}: ${(error as Error).message}`);
  }
  const fn = (loaded as Record<string, unknown> | null | undefined)?.[ref.exportName];
  if (typeof fn !== 'function') throw new BadPowError(`${ref.path} has no function export '${ref.exportName}'`);
  return fn as PowFunction;
}

/** What a PoW function returned, if it is the 32 bytes it must be. */
export function powOutput(out: unknown): Uint8Array {
  if (out instanceof Uint8Array && out.length === 32) return out;
  throw new BadPowError(`PoW hash returned ${out instanceof Uint8Array ? `${out.length} bytes` : typeof out}, not 32 bytes`);
}
