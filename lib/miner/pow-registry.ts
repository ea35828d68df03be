// Proofs of work the miner knows by name. The built-ins (sha256d, scrypt, scrypt:N, x11)
// run on the native scan in worker threads. A custom PoW registered as a closure runs in a
// JS loop on the main thread (a closure cannot be sent to a worker); one registered as a
// module path is loaded again by every scan thread, so it runs on all of them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DIFFICULTY_FACTOR, hash, type PowSpec } from '../hash';
import { BadPowError, UnknownPowError } from './errors';
import { powOutput, requirePowFunction, type PowFunction, type PowModuleRef } from './pow-module';

export type { PowModuleRef } from './pow-module';

export interface CustomPow {
  /** The PoW hash of an 80-byte header: 32 bytes, compared with the target as a little-endian number. */
  hash(header: Buffer): Buffer;
  /** Stratum difficulty 1 is diff1 * difficultyFactor (65536 for scrypt pools, 1 for sha256d). */
  difficultyFactor: number;
}

export interface ModulePow {
  /**
   * Absolute path or file: URL of a module loadable with require() (CommonJS; on Node
   * 20.19+ also ESM without top-level await) exporting hash(header: Buffer): Buffer.
   */
  module: string;
  /** The export to call (default 'hash'). */
  exportName?: string;
  /** Stratum difficulty 1 is diff1 * difficultyFactor. */
  difficultyFactor: number;
}

export interface ResolvedPow {
  name: string;
  difficultyFactor: number;
  /** Set for built-ins: the spec the native scan runs. */
  native?: PowSpec;
  /** Set for module PoWs: what each scan thread loads. */
  module?: PowModuleRef;
  hash(header: Buffer): Buffer;
}

interface Entry {
  hash(header: Buffer): Buffer;
  difficultyFactor: number;
  module?: PowModuleRef;
}

const custom = new Map<string, Entry>();
const BUILT_IN = /^(sha256d|x11|scrypt(?::(\d+))?)$/;

/**
 * Adds (or replaces) a custom proof of work; built-in names cannot be taken. With
 * { module } the module is loaded here once and its hash tried on a zero header, so a bad
 * path or export fails now rather than in the scan threads.
 */
export function registerPow(name: string, pow: CustomPow | ModulePow): void {
  if (typeof name !== 'string' || name.length === 0) throw new BadPowError('a proof of work needs a name');
  if (BUILT_IN.test(name)) throw new BadPowError(`'${name}' is a built-in proof of work`);
  if (typeof pow === 'object' && pow !== null && 'module' in pow) {
    checkFactor(name, pow.difficultyFactor);
    const module = moduleRef(name, pow);
    custom.set(name, { hash: loadPowModule(name, module), difficultyFactor: pow.difficultyFactor, module });
    return;
  }
  if (typeof pow?.hash !== 'function') throw new BadPowError(`'${name}' needs a hash(header) function`);
  checkFactor(name, pow.difficultyFactor);
  custom.set(name, { hash: pow.hash, difficultyFactor: pow.difficultyFactor });
}

function checkFactor(name: string, factor: number): void {
  if (!(factor > 0) || !Number.isFinite(factor)) throw new BadPowError(`'${name}' needs a difficultyFactor above 0`);
}

function moduleRef(name: string, pow: ModulePow): PowModuleRef {
  const exportName = pow.exportName ?? 'hash';
  if (typeof exportName !== 'string' || exportName.length === 0) throw new BadPowError(`'${name}': exportName must be a non-empty string`);
  if (typeof pow.module !== 'string' || pow.module.length === 0) throw new BadPowError(`'${name}': module must be a file path or file: URL`);
  let file = pow.module;
  if (file.startsWith('file:')) {
    try {
      file = fileURLToPath(file);
    } catch (error) {
      throw new BadPowError(`'${name}': bad module URL ${pow.module}: ${(error as Error).message}`);
    }
  }
  // Scan threads resolve the path on their own, so it must not depend on who requires it.
  if (!path.isAbsolute(file)) throw new BadPowError(`'${name}': module path ${file} is not absolute`);
  return { path: file, exportName };
}

/** The module's hash as a Buffer-returning function, tried once on a zero header. */
function loadPowModule(name: string, ref: PowModuleRef): (header: Buffer) => Buffer {
  const named = (error: unknown, context = ''): BadPowError => new BadPowError(`'${name}': ${context}${(error as Error).message}`);
  let powHash: PowFunction;
  try {
    powHash = requirePowFunction(ref);
  } catch (error) {
    throw named(error);
  }
  const asBuffer = (header: Buffer): Buffer => {
    const out = powOutput(powHash(header));
    return Buffer.isBuffer(out) ? out : Buffer.from(out.buffer, out.byteOffset, 32);
  };
  try {
    asBuffer(Buffer.alloc(80));
  } catch (error) {
    throw named(error, `${ref.exportName} of ${ref.path} on a zero header: `);
  }
  return asBuffer;
}

export function unregisterPow(name: string): boolean {
  return custom.delete(name);
}

export function registeredPows(): string[] {
  return ['sha256d', 'scrypt', 'scrypt:N', 'x11', ...custom.keys()];
}

/** 'sha256d', 'x11', 'scrypt' (N=1024), 'scrypt:N' (N a power of two) or a registered name. */
export function resolvePow(name: string): ResolvedPow {
  const match = BUILT_IN.exec(name);
  if (match) {
    let spec: PowSpec;
    if (match[1] === 'sha256d' || match[1] === 'x11') spec = { algorithm: match[1] };
    else {
      const n = match[2] === undefined ? 1024 : Number(match[2]);
      if (!Number.isSafeInteger(n) || n < 2 || n > 2 ** 24 || (n & (n - 1)) !== 0) {
        throw new BadPowError(`scrypt:N needs N a power of two from 2 to 2^24, got '${match[2]}'`);
      }
      spec = { algorithm: 'scrypt', scryptN: n };
    }
    const native = spec;
    return {
      name,
      native,
      difficultyFactor: DEFAULT_DIFFICULTY_FACTOR[spec.algorithm],
      hash: (header) => hash.powHash(native, header),
    };
  }
  const entry = custom.get(name);
  if (!entry) throw new UnknownPowError(name);
  const resolved: ResolvedPow = {
    name,
    difficultyFactor: entry.difficultyFactor,
    hash(header: Buffer): Buffer {
      const out: unknown = entry.hash(header);
      if (!Buffer.isBuffer(out) || out.length !== 32) throw new BadPowError(`'${name}' must return 32 bytes`);
      return out;
    },
  };
  if (entry.module !== undefined) resolved.module = { ...entry.module };
  return resolved;
}
