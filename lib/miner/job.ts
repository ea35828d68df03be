// One mining.notify made concrete for this connection: header building for any
// (extranonce2, ntime, nonce, version bits), the work split, a local share check, and a
// simple single-loop miner (mine) for library users; the Miner itself uses ScanPool.
import { bytesLEToTarget, hash } from '../hash';
import { rollVersion, serializeHeader } from '../mining/block';
import { hex32, type NotifyParams, type SubmitParams } from '../stratum';
import type { ResolvedPow } from './pow-registry';
import { unitCoordinates, type UnitCoordinates } from './work-split';

export interface JobContext {
  pow: ResolvedPow;
  extranonce1: Buffer;
  extranonce2Size: number;
  difficulty: number;
  target: bigint;
  versionMask: number;
}

export interface Share {
  jobId: string;
  extranonce2: Buffer;
  ntime: number;
  nonce: number;
  versionBits: number | undefined;
  header: Buffer;
  /** PoW hash (little-endian number). */
  hash: Buffer;
  difficulty: number;
}

export interface WorkUnit extends UnitCoordinates {
  index: bigint;
  ntime: number;
  /** Header with nonce 0. */
  header: Buffer;
}

const NONCE_SPACE = 2 ** 32;
const JS_BATCH = 2048;
const NATIVE_CHUNK: Readonly<Record<string, number>> = { sha256d: 1 << 18, scrypt: 128, x11: 2048 };

export class Job {
  readonly id: string;
  readonly prevHash: Buffer;
  readonly coinb1: Buffer;
  readonly coinb2: Buffer;
  readonly merkleBranch: readonly Buffer[];
  readonly version: number;
  readonly bits: number;
  readonly ntime: number;
  readonly cleanJobs: boolean;
  readonly pow: ResolvedPow;
  readonly extranonce1: Buffer;
  readonly extranonce2Size: number;
  readonly difficulty: number;
  readonly target: bigint;
  readonly versionMask: number;
  readonly receivedAt = Date.now();
  private stopper = new AbortController();
  private hashes = 0;
  private miningSince: number | undefined;

  constructor(notify: NotifyParams, context: JobContext) {
    this.id = notify.jobId;
    this.prevHash = notify.prevHash;
    this.coinb1 = notify.coinb1;
    this.coinb2 = notify.coinb2;
    this.merkleBranch = notify.merkleBranch;
    this.version = notify.version >>> 0;
    this.bits = notify.bits >>> 0;
    this.ntime = notify.time >>> 0;
    this.cleanJobs = notify.cleanJobs;
    this.pow = context.pow;
    this.extranonce1 = context.extranonce1;
    this.extranonce2Size = context.extranonce2Size;
    this.difficulty = context.difficulty;
    this.target = context.target;
    this.versionMask = context.versionMask >>> 0;
  }

  /** Internal byte order, as written in the header. */
  merkleRoot(extranonce2: Buffer): Buffer {
    const coinbase = Buffer.concat([this.coinb1, this.extranonce1, extranonce2, this.coinb2]);
    let root = hash.sha256d(coinbase);
    for (const sibling of this.merkleBranch) root = hash.sha256d(Buffer.concat([root, sibling]));
    return root;
  }

  header(extranonce2: Buffer, ntime: number, nonce: number, versionBits?: number): Buffer {
    return serializeHeader({
      version: rollVersion(this.version, versionBits, this.versionMask),
      previousBlockHash: this.prevHash,
      merkleRoot: this.merkleRoot(extranonce2),
      time: ntime >>> 0,
      bits: this.bits,
      nonce: nonce >>> 0,
    });
  }

  unit(index: bigint): WorkUnit {
    const coordinates = unitCoordinates(index, this.extranonce2Size, this.versionMask);
    const ntime = (this.ntime + coordinates.ntimeOffset) >>> 0;
    return { ...coordinates, index, ntime, header: this.header(coordinates.extranonce2, ntime, 0, coordinates.versionBits) };
  }

  /** Recomputes the hash of a found nonce; the share if it meets the share target, else undefined. */
  check(unit: Pick<WorkUnit, 'extranonce2' | 'ntime' | 'versionBits' | 'header'>, nonce: number): Share | undefined {
    const header = Buffer.from(unit.header);
    header.writeUInt32LE(nonce >>> 0, 76);
    const powHash = this.pow.hash(header);
    if (bytesLEToTarget(powHash) > this.target) return undefined;
    return {
      jobId: this.id,
      extranonce2: unit.extranonce2,
      ntime: unit.ntime,
      nonce: nonce >>> 0,
      versionBits: unit.versionBits,
      header,
      hash: powHash,
      difficulty: this.difficulty,
    };
  }

  /** The mining.submit params for a share. */
  submitParams(share: Share, worker: string): SubmitParams {
    const params: SubmitParams = {
      worker,
      jobId: share.jobId,
      extranonce2: share.extranonce2.toString('hex'),
      ntime: hex32(share.ntime),
      nonce: hex32(share.nonce),
    };
    if (share.versionBits !== undefined) params.versionBits = hex32(share.versionBits);
    return params;
  }

  /**
   * Yields shares over nonces nonceStart, nonceStart + nonceStride, ... of unit 0, then of
   * the next units (extranonce2 rolling) until stop(). One loop on this thread: built-in
   * PoWs with stride 1 run the native scan off the event loop; otherwise a JS loop that
   * yields to the event loop every few thousand hashes.
   */
  async *mine(nonceStart = 0, nonceStride = 1): AsyncGenerator<Share> {
    const stride = Math.max(1, Math.floor(nonceStride));
    this.miningSince ??= Date.now();
    for (let index = 0n; !this.stopped; index++) {
      const unit = this.unit(index);
      const native = this.pow.native;
      if (native !== undefined && stride === 1) {
        const chunk = NATIVE_CHUNK[native.algorithm] ?? 1024;
        for (let nonce = nonceStart; nonce < NONCE_SPACE && !this.stopped; nonce += chunk) {
          const count = Math.min(chunk, NONCE_SPACE - nonce);
          const result = await hash.scan({
            pow: native, header: unit.header, nonceStart: nonce, nonceCount: count, target: this.target, signal: this.stopper.signal,
          });
          this.hashes += result.hashesDone;
          if (this.stopped) return;
          for (const found of result.nonces) {
            const share = this.check(unit, found);
            if (share) yield share;
          }
        }
      } else {
        const header = Buffer.from(unit.header);
        let batch = 0;
        for (let nonce = nonceStart; nonce < NONCE_SPACE && !this.stopped; nonce += stride) {
          header.writeUInt32LE(nonce, 76);
          const powHash = this.pow.hash(header);
          this.hashes++;
          if (bytesLEToTarget(powHash) <= this.target) {
            const share = this.check(unit, nonce);
            if (share) yield share;
          }
          if (++batch === JS_BATCH) {
            batch = 0;
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
        }
      }
    }
  }

  stop(): void {
    this.stopper.abort();
  }

  get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  /** Hashes per second of mine() since it started. */
  get hashrate(): number {
    if (this.miningSince === undefined) return 0;
    const seconds = (Date.now() - this.miningSince) / 1000;
    return seconds > 0 ? this.hashes / seconds : 0;
  }

  get hashesDone(): number {
    return this.hashes;
  }
}
