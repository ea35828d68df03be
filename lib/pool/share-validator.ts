// The verdict on one mining.submit, in the order: shape and hex, job (21), extranonce2
// size, ntime, nonce, version bits (all 20), duplicate (22), PoW, share target (23), then the
// block check. A block candidate is reported whatever the stratum verdict, including on a
// stale job: the network may still take the block, and dropping it would lose the reward.
import { bytesLEToTarget, hash } from '../hash';
import { assembleShare, blockHash, serializeBlock, type AssembledShare } from '../mining/block';
import type { Job } from '../mining/job';
import type { NetworkParams } from '../protocol/networks';
import { StratumErrorCode, type SubmitParams } from '../stratum';
import type { BlockCandidate, RejectReason, SessionView, ShareVerdict } from './contracts';
import { DuplicateFilter } from './duplicate-filter';
import type { JobBook } from './job-book';
import { PowChecker } from './pow-checker';

export interface ShareValidatorOptions {
  network: NetworkParams;
  jobs: JobBook;
  pow?: PowChecker;
  /** Seconds since the epoch. */
  now?: () => number;
  /** How far ntime may run ahead of now (default 7200, the consensus limit). */
  maxFutureSeconds?: number;
  /** Shared when several validators check the same jobs; by default one per validator. */
  duplicates?: DuplicateFilter;
}

const HEX = /^[0-9a-fA-F]*$/;
const DEFAULT_MAX_FUTURE = 7200;
/** Distinct difficulties whose targets are kept; vardiff produces few distinct values. */
const TARGET_CACHE_LIMIT = 4096;

function reject(code: StratumErrorCode, reason: RejectReason, message: string, block?: BlockCandidate): ShareVerdict {
  return block === undefined ? { ok: false, code, reason, message } : { ok: false, code, reason, message, block };
}

/** Hex digits of any length: widths are checked later, each with its own reason. */
function isHexString(value: unknown): value is string {
  return typeof value === 'string' && HEX.test(value);
}

export class ShareValidator {
  private readonly network: NetworkParams;
  private readonly jobs: JobBook;
  private readonly pow: PowChecker;
  private readonly now: () => number;
  private readonly maxFuture: number;
  private readonly duplicates: DuplicateFilter;
  private readonly targets = new Map<number, bigint>();

  constructor(options: ShareValidatorOptions) {
    this.network = options.network;
    this.jobs = options.jobs;
    this.pow = options.pow ?? new PowChecker(options.network.pow);
    this.now = options.now ?? ((): number => Math.floor(Date.now() / 1000));
    this.maxFuture = options.maxFutureSeconds ?? DEFAULT_MAX_FUTURE;
    this.duplicates = options.duplicates ?? new DuplicateFilter();
    const duplicates = this.duplicates;
    this.jobs.onForget((ids) => {
      for (const id of ids) duplicates.forgetJob(id);
    });
  }

  /** The verdict for a decoded submit from a session; never throws for miner input. */
  async validate(session: SessionView, share: SubmitParams): Promise<ShareVerdict> {
    try {
      return await this.check(session, share);
    } catch (error) {
      // Only a broken backend or job gets here; the miner is told without details.
      const reason = error instanceof Error ? error.message : String(error);
      return reject(StratumErrorCode.Other, 'internal', `internal error checking the share: ${reason}`);
    }
  }

  private async check(session: SessionView, share: SubmitParams): Promise<ShareVerdict> {
    if (typeof share !== 'object' || share === null || typeof share.jobId !== 'string') {
      return reject(StratumErrorCode.Other, 'malformed', 'job_id must be a string');
    }
    const versionBitsHex: unknown = share.versionBits;
    if (
      !isHexString(share.extranonce2) ||
      !isHexString(share.ntime) ||
      !isHexString(share.nonce) ||
      (versionBitsHex !== undefined && !isHexString(versionBitsHex))
    ) {
      return reject(StratumErrorCode.Other, 'malformed', 'extranonce2, ntime, nonce and version_bits must be hex strings');
    }

    const found = this.jobs.lookup(share.jobId);
    if (found === undefined) return reject(StratumErrorCode.JobNotFound, 'job-not-found', 'Job not found');
    const bound = session.jobDifficulty(share.jobId);
    if (bound === undefined) return reject(StratumErrorCode.JobNotFound, 'job-not-found', 'Job not found (not sent to this connection)');
    const { job, stale } = found;

    if (share.extranonce2.length !== job.extranonce2Size * 2) {
      return reject(StratumErrorCode.Other, 'bad-extranonce2', `extranonce2 must be ${job.extranonce2Size} bytes`);
    }
    if (share.ntime.length !== 8) return reject(StratumErrorCode.Other, 'bad-ntime', 'ntime must be 8 hex digits');
    const ntime = Number.parseInt(share.ntime, 16);
    const latest = this.now() + this.maxFuture;
    if (ntime < job.mintime) return reject(StratumErrorCode.Other, 'bad-ntime', `ntime is before the template's mintime ${job.mintime}`);
    if (ntime > latest) return reject(StratumErrorCode.Other, 'bad-ntime', `ntime is more than ${this.maxFuture} s in the future`);
    if (share.nonce.length !== 8) return reject(StratumErrorCode.Other, 'bad-nonce', 'nonce must be 8 hex digits');
    const nonce = Number.parseInt(share.nonce, 16);

    // Without negotiated rolling the mask is 0, so only an all-zero version_bits passes: it
    // leaves the version untouched, and some miners send it whether or not they roll.
    let versionBits: number | undefined;
    if (share.versionBits !== undefined) {
      if (share.versionBits.length !== 8) return reject(StratumErrorCode.Other, 'bad-version-bits', 'version_bits must be 8 hex digits');
      versionBits = Number.parseInt(share.versionBits, 16);
      if ((versionBits & ~session.versionMask) >>> 0 !== 0) {
        return reject(StratumErrorCode.Other, 'bad-version-bits', 'version_bits fall outside the negotiated version-rolling mask');
      }
    }

    if (session.extranonce1.length !== job.extranonce1Size) {
      return reject(StratumErrorCode.Other, 'internal', 'this connection has an extranonce1 of another size than the job');
    }
    const assembled = assembleShare(job, {
      extranonce1: session.extranonce1,
      extranonce2: Buffer.from(share.extranonce2, 'hex'),
      ntime,
      nonce,
      versionBits,
      versionMask: session.versionMask,
    });
    const header = assembled.header;

    // Stale shares go through the filter too, so resubmitting one cannot force more hashing.
    if (!this.duplicates.firstSeen(job.jobId, header)) {
      if (stale) return reject(StratumErrorCode.JobNotFound, 'stale', 'Job not found (stale)');
      return reject(StratumErrorCode.DuplicateShare, 'duplicate', 'Duplicate share');
    }

    const powHash = await this.pow.hash(header);
    const value = bytesLEToTarget(powHash);
    const block = value <= job.target ? this.blockCandidate(job, assembled, powHash) : undefined;

    if (stale) return reject(StratumErrorCode.JobNotFound, 'stale', 'Job not found (stale)', block);

    const current = session.difficulty;
    const lowest = bound < current ? bound : current;
    if (value > this.targetFor(lowest)) {
      return reject(StratumErrorCode.LowDifficulty, 'low-difficulty', `Low difficulty share (needs ${lowest})`, block);
    }
    const creditedDifficulty = lowest === current || value <= this.targetFor(current) ? current : bound;
    const shareDifficulty = hash.targetToDifficulty(value, this.network.difficultyFactor);
    return block === undefined
      ? { ok: true, job, header, powHash, creditedDifficulty, shareDifficulty }
      : { ok: true, job, header, powHash, creditedDifficulty, shareDifficulty, block };
  }

  private targetFor(difficulty: number): bigint {
    let target = this.targets.get(difficulty);
    if (target === undefined) {
      target = hash.difficultyToTarget(difficulty, this.network.difficultyFactor);
      if (this.targets.size >= TARGET_CACHE_LIMIT) this.targets.clear();
      this.targets.set(difficulty, target);
    }
    return target;
  }

  private blockCandidate(job: Job, assembled: AssembledShare, powHash: Buffer): BlockCandidate {
    // Coins that name blocks by the PoW hash already have it; no second hash.
    const hashHex =
      this.network.blockHashAlgorithm === 'pow'
        ? Buffer.from(powHash).reverse().toString('hex')
        : blockHash(assembled.header, this.network).hex;
    return { job, height: job.height, hash: hashHex, hex: serializeBlock(job, assembled).toString('hex') };
  }
}
