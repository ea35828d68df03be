// The PoolCore the stratum server calls: authorization by payout mode, the job each
// connection mines, and share handling — validate, hand block candidates to the
// tracker, and acknowledge an accepted share only once the share log committed it.
import { hash } from '../hash';
import type { Job } from '../mining';
import type { NetworkParams } from '../protocol';
import type { ShareLog, ShareRecord } from '../sharelog';
import { StratumErrorCode, type SubmitParams } from '../stratum';
import type { Logger } from '../log/logger';
import type { AuthorizeOutcome, PoolCore, SessionView, ShareVerdict } from './contracts';
import { parseCredentials } from './credentials';
import type { JobBook } from './job-book';
import type { ShareValidator } from './share-validator';
import type { PayoutMode } from './payout-outputs';
import type { BlockFinder } from './block-tracker';

export interface PoolCoreDeps {
  network: NetworkParams;
  mode: PayoutMode;
  poolInstance: number;
  jobs: JobBook;
  validator: ShareValidator;
  shareLog: ShareLog;
  onBlock: (verdict: ShareVerdict & { block: NonNullable<ShareVerdict['block']> }, finder: BlockFinder) => void;
  log: Logger;
}

export class PoolCoreImpl implements PoolCore {
  /** Network difficulty per job: the same for all of a job's shares, so worked out once. */
  private readonly networkDifficulty = new WeakMap<Job, number>();

  constructor(private readonly deps: PoolCoreDeps) {}

  authorize(_session: SessionView, user: string, password: string): Promise<AuthorizeOutcome> {
    return Promise.resolve(parseCredentials(user, password, { network: this.deps.network, mode: this.deps.mode }));
  }

  currentJob(session: SessionView): Job | undefined {
    return this.deps.jobs.jobFor(session.worker?.payoutKey ?? '');
  }

  transactions(jobId: string): string[] | undefined {
    return this.deps.jobs.lookup(jobId)?.job.template.transactions.map((tx) => tx.data.toString('hex'));
  }

  async submit(session: SessionView, share: SubmitParams): Promise<ShareVerdict> {
    const verdict = await this.deps.validator.validate(session, share);
    const worker = session.worker;
    const finder: BlockFinder = { worker: share.worker, user: worker?.user ?? share.worker };
    // A block is submitted whatever the stratum verdict (a stale share can still win a race).
    if (verdict.block !== undefined) this.deps.onBlock({ ...verdict, block: verdict.block }, finder);
    if (!verdict.ok) return verdict;
    const record: ShareRecord = {
      time: Date.now(),
      poolInstance: this.deps.poolInstance,
      worker: share.worker,
      user: finder.user,
      difficulty: verdict.creditedDifficulty,
      shareDifficulty: verdict.shareDifficulty,
      networkDifficulty: this.networkDifficultyOf(verdict.job),
      height: verdict.job.height,
      jobId: verdict.job.jobId,
      hash: Buffer.from(verdict.powHash).reverse().toString('hex'),
      blockCandidate: verdict.block !== undefined,
      ip: session.ip,
    };
    try {
      await this.deps.shareLog.append(record);
    } catch (error) {
      // Not committed, so not acknowledged: the miner sees an error, not a lost share.
      this.deps.log.error('share not logged', { worker: share.worker, error: String(error) });
      return { ok: false, code: StratumErrorCode.Other, reason: 'internal', message: 'share could not be recorded' };
    }
    return verdict;
  }

  private networkDifficultyOf(job: Job): number {
    let difficulty = this.networkDifficulty.get(job);
    if (difficulty === undefined) {
      difficulty = hash.targetToDifficulty(job.target, this.deps.network.difficultyFactor);
      this.networkDifficulty.set(job, difficulty);
    }
    return difficulty;
  }
}
