// Jobs per template and per payout variant. Solo miners each get their own coinbase, so a
// template fans out into one job per payout key, built lazily and cached until the template
// ages out. Staleness is decided here because only the book knows which template is the tip.
import type { CoinbaseOutput } from '../mining/coinbase';
import { buildJob, type Job } from '../mining/job';
import type { BlockTemplate } from '../mining/template';
import { JobBuildError, PoolConfigError } from './errors';

export interface JobBookOptions {
  extranonce1Size: number;
  extranonce2Size: number;
  poolTag: Buffer;
  /** Default 4: jobs of older templates are forgotten. */
  keepTemplates?: number;
}

export type OutputsFor = (payoutKey: string, template: BlockTemplate) => CoinbaseOutput[] | { script: Buffer };

/** Told the ids of jobs that can no longer be looked up (so per-job state can be dropped). */
export type ForgetListener = (jobIds: readonly string[]) => void;

interface TemplateEntry {
  template: BlockTemplate;
  /** Bumped by every clean template; older epochs are stale. */
  epoch: number;
  jobs: Map<string, Job>;
}

const DEFAULT_KEEP_TEMPLATES = 4;

// Process-wide so two books (two coins, or a rebuilt book) never hand out the same id: a
// reused id would let a share for old work be checked against new work.
let nextJobSerial = 1;

function newJobId(): string {
  const id = nextJobSerial.toString(16);
  nextJobSerial += 1;
  return id;
}

export class JobBook {
  private readonly keepTemplates: number;
  /** Oldest first; the last entry is the current template. */
  private readonly entries: TemplateEntry[] = [];
  private readonly byId = new Map<string, { job: Job; entry: TemplateEntry }>();
  private readonly forgetListeners: ForgetListener[] = [];
  private epoch = 0;

  constructor(
    private readonly options: JobBookOptions,
    private readonly outputsFor: OutputsFor,
  ) {
    const keep = options.keepTemplates ?? DEFAULT_KEEP_TEMPLATES;
    if (!Number.isInteger(keep) || keep < 1) throw new PoolConfigError(`keepTemplates must be an integer >= 1, got ${String(keep)}`);
    if (!Buffer.isBuffer(options.poolTag)) throw new PoolConfigError('poolTag must be a Buffer');
    for (const [name, size] of [['extranonce1Size', options.extranonce1Size], ['extranonce2Size', options.extranonce2Size]] as const) {
      if (!Number.isInteger(size) || size < 0 || size > 32) throw new PoolConfigError(`${name} must be an integer in [0, 32], got ${String(size)}`);
    }
    this.keepTemplates = keep;
  }

  get templateCount(): number {
    return this.entries.length;
  }

  /** A new template: new jobs will be built from it; with cleanJobs the older templates' jobs become stale. */
  onTemplate(template: BlockTemplate, cleanJobs: boolean): void {
    const current = this.entries[this.entries.length - 1];
    // A new tip makes old work stale even if the caller forgot to say so.
    if (cleanJobs || (current !== undefined && !current.template.previousBlockHash.equals(template.previousBlockHash))) {
      this.epoch += 1;
    }
    this.entries.push({ template, epoch: this.epoch, jobs: new Map() });
    const dropped = this.entries.splice(0, Math.max(0, this.entries.length - this.keepTemplates));
    const forgotten: string[] = [];
    for (const entry of dropped) {
      for (const job of entry.jobs.values()) {
        this.byId.delete(job.jobId);
        forgotten.push(job.jobId);
      }
    }
    if (forgotten.length > 0) for (const listener of this.forgetListeners) listener(forgotten);
  }

  /**
   * The current job for a payout variant ('' for the shared coinbase), built on first use and
   * cached per template. Throws JobBuildError when outputsFor throws or the job cannot be built.
   */
  jobFor(payoutKey: string): Job | undefined {
    const entry = this.entries[this.entries.length - 1];
    if (entry === undefined) return undefined;
    const cached = entry.jobs.get(payoutKey);
    if (cached !== undefined) return cached;
    let job: Job;
    try {
      job = buildJob(entry.template, {
        jobId: newJobId(),
        outputs: this.outputsFor(payoutKey, entry.template),
        poolTag: this.options.poolTag,
        extranonce1Size: this.options.extranonce1Size,
        extranonce2Size: this.options.extranonce2Size,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new JobBuildError(payoutKey, `cannot build a job for payout '${payoutKey}' at height ${entry.template.height}: ${reason}`, error);
    }
    entry.jobs.set(payoutKey, job);
    this.byId.set(job.jobId, { job, entry });
    return job;
  }

  /** A job by id, with stale = its template is not on the current tip. */
  lookup(jobId: string): { job: Job; stale: boolean } | undefined {
    const found = this.byId.get(jobId);
    if (found === undefined) return undefined;
    return { job: found.job, stale: found.entry.epoch !== this.epoch };
  }

  /** Registers a listener for jobs dropped with their template (duplicate filters use it). */
  onForget(listener: ForgetListener): void {
    this.forgetListeners.push(listener);
  }
}
