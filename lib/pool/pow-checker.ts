// PoW of one header. sha256d costs about a microsecond, so it is computed inline; scrypt and
// X11 cost milliseconds, so headers arriving within one tick are batched into a single async
// validateHeaders call that runs off the event loop.
import { hash as defaultBackend, type HashBackend, type PowSpec } from '../hash';
import { PoolConfigError, PowCheckError } from './errors';

interface Pending {
  header: Buffer;
  resolve: (hash: Buffer) => void;
  reject: (error: Error) => void;
}

const DEFAULT_MAX_BATCH = 64;

export interface PowCheckerOptions {
  /** Headers per validateHeaders call (default 64). */
  maxBatch?: number;
  /** The hashing backend (default: the process's); tests pass a spy. */
  backend?: HashBackend;
}

export class PowChecker {
  private readonly maxBatch: number;
  private readonly backend: HashBackend;
  private queue: Pending[] = [];
  private flushScheduled = false;
  private readonly inline: boolean;

  constructor(
    private readonly pow: PowSpec,
    options: PowCheckerOptions = {},
  ) {
    const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new PoolConfigError(`maxBatch must be an integer >= 1, got ${String(maxBatch)}`);
    if (pow.algorithm !== 'sha256d' && pow.algorithm !== 'scrypt' && pow.algorithm !== 'x11') {
      throw new PoolConfigError(`unknown PoW algorithm '${String(pow.algorithm)}'`);
    }
    if (pow.algorithm === 'scrypt' && pow.scryptN === undefined) {
      // A schedule-driven N (Vertcoin) depends on the header time; the pool refuses such coins.
      throw new PoolConfigError('scrypt needs a fixed scryptN to check shares');
    }
    this.maxBatch = maxBatch;
    this.backend = options.backend ?? defaultBackend;
    this.inline = pow.algorithm === 'sha256d';
  }

  /** The PoW hash (internal order, compare as little-endian) of an 80-byte header. */
  hash(header: Buffer): Promise<Buffer> {
    if (this.inline) {
      try {
        return Promise.resolve(this.backend.sha256d(header));
      } catch (error) {
        return Promise.reject(asPowError(error));
      }
    }
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ header, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const all = this.queue;
    this.queue = [];
    for (let start = 0; start < all.length; start += this.maxBatch) {
      this.runBatch(all.slice(start, start + this.maxBatch));
    }
  }

  private runBatch(batch: Pending[]): void {
    const headers = batch.map((p) => p.header);
    // Only the hashes are wanted; a zero target keeps the native side from doing more.
    const targets = batch.map(() => 0n);
    let running: Promise<{ hashes: Buffer[] }>;
    try {
      running = this.backend.validateHeaders(this.pow, headers, targets);
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (result) => {
        for (let i = 0; i < batch.length; i++) {
          const digest = result.hashes[i];
          if (digest === undefined) batch[i].reject(new PowCheckError('the backend returned fewer hashes than headers'));
          else batch[i].resolve(digest);
        }
      },
      (error: unknown) => {
        const wrapped = asPowError(error);
        for (const pending of batch) pending.reject(wrapped);
      },
    );
  }
}

function asPowError(error: unknown): PowCheckError {
  if (error instanceof PowCheckError) return error;
  return new PowCheckError(`PoW hashing failed: ${error instanceof Error ? error.message : String(error)}`);
}
