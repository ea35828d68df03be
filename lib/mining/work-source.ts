// Keeps the pool's work current. Three triggers fetch a fresh template: a new best block
// seen by polling getbestblockhash (every 100 ms by default), a getblocktemplate longpoll
// returning, and a push (`hashpool notify` from -blocknotify, or a P2P announcement).
// A new tip gives a job with clean_jobs; the same tip gives a refreshed job on an
// interval or as soon as the template's transactions change.
import { EventEmitter } from 'node:events';
import type { DaemonPool } from '../rpc';
import { buildJob, type Job, type JobOptions } from './job';
import { decodeTemplate, type BlockTemplate } from './template';

export type RefreshReason = 'start' | 'poll' | 'longpoll' | 'notify' | 'p2p' | 'interval' | 'transactions';

export interface WorkUpdate {
  /** Built only when WorkSourceOptions.jobOptions is given (a pool with per-miner coinbases builds its own). */
  job?: Job;
  template: BlockTemplate;
  cleanJobs: boolean;
  reason: RefreshReason;
  /** When the trigger fired, for notify-latency metrics (ms since the epoch). */
  triggeredAt: number;
}

export interface WorkSourceOptions {
  daemons: DaemonPool;
  /** getblocktemplate rules the network requires (litecoin: segwit and mweb). */
  rules: readonly string[];
  /** Everything of JobOptions but the id, read at each job so payouts can change; without it no job is built. */
  jobOptions?: () => Omit<JobOptions, 'jobId'>;
  pollIntervalMs?: number;
  refreshIntervalMs?: number;
  /** How often the template is re-read to notice new transactions on the same tip. */
  transactionCheckMs?: number;
  longpoll?: boolean;
  /**
   * New-tip announcements from a P2P connection to the daemon (P2PClient.waitForNewTip()):
   * each one fetches a template at once, ahead of the next poll.
   */
  tipAnnouncements?: AsyncIterable<unknown>;
}

interface TemplateIdentity {
  previousBlockHash: string;
  txids: string;
}

/**
 * Emits 'work' (WorkUpdate) and 'error' (Error: the daemon could not give a template;
 * the source keeps trying). Never throws from its timers.
 */
export class WorkSource extends EventEmitter {
  private readonly pollIntervalMs: number;
  private readonly refreshIntervalMs: number;
  private readonly transactionCheckMs: number;
  private readonly timers: NodeJS.Timeout[] = [];
  private running = false;
  private fetching: Promise<void> | undefined;
  private pending: { reason: RefreshReason; triggeredAt: number } | undefined;
  private identity: TemplateIdentity | undefined;
  private latest: WorkUpdate | undefined;
  private jobCounter = 0;
  private lastTemplateAt = 0;

  constructor(private readonly options: WorkSourceOptions) {
    super();
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.refreshIntervalMs = options.refreshIntervalMs ?? 30_000;
    this.transactionCheckMs = options.transactionCheckMs ?? 5_000;
  }

  /** The newest work, if any template has been fetched. */
  current(): WorkUpdate | undefined {
    return this.latest;
  }

  /** Starts the triggers; resolves after the first template attempt. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.timers.push(setInterval(() => void this.pollTip(), this.pollIntervalMs));
    this.timers.push(setInterval(() => this.refresh('transactions'), this.transactionCheckMs));
    this.timers.push(
      setInterval(() => {
        if (Date.now() - this.lastTemplateAt >= this.refreshIntervalMs) this.refresh('interval');
      }, Math.min(this.refreshIntervalMs, 1000)),
    );
    await this.refresh('start');
    if (this.options.longpoll ?? true) void this.longpollLoop();
    if (this.options.tipAnnouncements) void this.followAnnouncements(this.options.tipAnnouncements);
  }

  stop(): void {
    this.running = false;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  /** Fetches a template now (a push trigger); concurrent requests coalesce into one more fetch. */
  refresh(reason: RefreshReason, triggeredAt = Date.now()): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.fetching) {
      this.pending ??= { reason, triggeredAt };
      return this.fetching;
    }
    this.fetching = this.fetchAndEmit(reason, triggeredAt).finally(() => {
      this.fetching = undefined;
      const next = this.pending;
      this.pending = undefined;
      if (next) void this.refresh(next.reason, next.triggeredAt);
    });
    return this.fetching;
  }

  private async pollTip(): Promise<void> {
    if (!this.running || this.fetching) return;
    const triggeredAt = Date.now();
    try {
      const best = await this.options.daemons.call<string>('getbestblockhash', [], { timeoutMs: 2000 });
      if (this.identity && best !== this.identity.previousBlockHash) await this.refresh('poll', triggeredAt);
    } catch (error) {
      this.emitError(error);
    }
  }

  private async longpollLoop(): Promise<void> {
    while (this.running) {
      const id = this.latest?.template.longpollId;
      const started = Date.now();
      if (id === undefined) {
        await delay(1000);
        continue;
      }
      try {
        await this.options.daemons.call('getblocktemplate', [{ rules: this.options.rules, longpollid: id }], {
          timeoutMs: 120_000,
        });
        if (this.running) await this.refresh('longpoll');
      } catch (error) {
        this.emitError(error);
      }
      // Right after a daemon starts a longpoll returns at once: never spin on it.
      const elapsed = Date.now() - started;
      if (elapsed < 1000) await delay(1000 - elapsed);
    }
  }

  private async followAnnouncements(announcements: AsyncIterable<unknown>): Promise<void> {
    try {
      for await (const _tip of announcements) {
        if (!this.running) break;
        void this.refresh('p2p');
      }
    } catch (error) {
      this.emitError(error);
    }
  }

  private async fetchAndEmit(reason: RefreshReason, triggeredAt: number): Promise<void> {
    let template: BlockTemplate;
    try {
      const raw = await this.options.daemons.call<unknown>('getblocktemplate', [{ rules: this.options.rules }]);
      template = decodeTemplate(raw);
    } catch (error) {
      this.emitError(error);
      return;
    }
    const identity: TemplateIdentity = {
      previousBlockHash: template.previousBlockHashHex,
      txids: template.transactions.map((tx) => tx.txid.toString('hex')).join(''),
    };
    const newTip = this.identity?.previousBlockHash !== identity.previousBlockHash;
    const sameWork = !newTip && this.identity?.txids === identity.txids;
    // Only the periodic refresh re-sends unchanged work (miners treat a silent pool as dead);
    // any other trigger that found nothing new is not worth a job.
    if (sameWork && reason !== 'interval' && reason !== 'start') return;
    this.identity = identity;
    this.lastTemplateAt = Date.now();
    try {
      const jobOptions = this.options.jobOptions;
      const job = jobOptions === undefined ? undefined : buildJob(template, { ...jobOptions(), jobId: (++this.jobCounter).toString(16) });
      this.latest = { job, template, cleanJobs: newTip, reason: newTip && reason === 'transactions' ? 'poll' : reason, triggeredAt };
      this.emit('work', this.latest);
    } catch (error) {
      this.emitError(error);
    }
  }

  private emitError(error: unknown): void {
    // A fetch that was in flight at stop() fails as the daemon link closes: not news.
    if (this.running && this.listenerCount('error') > 0) this.emit('error', error instanceof Error ? error : new Error(String(error)));
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
