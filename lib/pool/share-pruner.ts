// Share retention: deletes shares older than shareLog.retainDays from the share log, on a
// timer. In pplns mode the shares the PPLNS window still pays are kept whatever their age.
import { EventEmitter } from 'node:events';
import type { PoolConfig } from '../config';
import type { Logger } from '../log/logger';
import type { BlockTemplate } from '../mining';
import type { NetworkParams } from '../protocol';
import type { ShareLog } from '../sharelog';
import { PoolConfigError } from './errors';
import { pplnsWindowDifficulty } from './payout-outputs';

export const DAY_MS = 86_400_000;
export const DEFAULT_PRUNE_INTERVAL_MS = 3_600_000;
/** Soon after start, but not in the middle of start-up and the first templates. */
export const DEFAULT_FIRST_PRUNE_DELAY_MS = 60_000;
/**
 * The window is kept this many times over: network difficulty can rise between two prunes,
 * and a window read at the higher difficulty must still find its shares.
 */
export const DEFAULT_WINDOW_MARGIN = 2;

export interface CutoffInput {
  now: number;
  retainDays: number;
  /** pplns only: ShareLog.pplnsWindowStart of the window to keep; absent in solo and pool mode. */
  windowStart?: number;
}

/**
 * The prune cutoff (shares with time < cutoff go): now - retainDays, moved back to the start
 * of the PPLNS window when the window reaches further. -Infinity means prune nothing.
 */
export function pruneCutoff(input: CutoffInput): number {
  const { now, retainDays, windowStart } = input;
  if (!Number.isFinite(now) || !Number.isFinite(retainDays) || retainDays <= 0) return -Infinity;
  const byAge = now - retainDays * DAY_MS;
  if (windowStart === undefined) return byAge;
  // A window start that is not a number cannot prove a share unneeded: keep everything.
  if (Number.isNaN(windowStart)) return -Infinity;
  return Math.min(byAge, windowStart);
}

export interface PruneRun {
  /** ms since the epoch; -Infinity when nothing could be pruned. */
  cutoff: number;
  deleted: number;
  /** Why the run deleted nothing without asking the share log, if it did not. */
  skipped?: string;
}

export interface SharePrunerOptions {
  shareLog: ShareLog;
  retainDays: number;
  /**
   * pplns mode: the current window difficulty, undefined while unknown (no template yet),
   * in which case the run prunes nothing. Absent in solo and pool mode.
   */
  windowDifficulty?: () => number | undefined;
  windowMargin?: number;
  intervalMs?: number;
  firstDelayMs?: number;
  log: Logger;
  now?: () => number;
}

export class SharePruner extends EventEmitter {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PruneRun> | undefined;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: SharePrunerOptions) {
    super();
    const { retainDays, windowMargin, intervalMs, firstDelayMs } = options;
    if (!(Number.isFinite(retainDays) && retainDays > 0)) throw new PoolConfigError(`share retention must be > 0 days, got ${retainDays}`);
    if (windowMargin !== undefined && !(Number.isFinite(windowMargin) && windowMargin >= 1)) {
      throw new PoolConfigError(`PPLNS window margin must be >= 1, got ${windowMargin}`);
    }
    for (const [name, value] of [['intervalMs', intervalMs], ['firstDelayMs', firstDelayMs]] as const) {
      if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) throw new PoolConfigError(`share pruner ${name} must be an integer >= 0, got ${value}`);
    }
    this.now = options.now ?? Date.now;
  }

  /** Schedules the first run after firstDelayMs and then one every intervalMs. */
  start(): void {
    if (this.timer !== undefined || this.stopped) return;
    this.schedule(this.options.firstDelayMs ?? DEFAULT_FIRST_PRUNE_DELAY_MS);
  }

  /** Cancels the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One prune now (runs never overlap: a call during a run gets that run). Rejects on share-log errors. */
  runOnce(): Promise<PruneRun> {
    this.running ??= this.prune().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    // A timeout re-armed after each run, not an interval: a slow prune never stacks up.
    this.timer = setTimeout(() => {
      this.runOnce().then(
        (run) => {
          if (run.deleted > 0) this.options.log.info('shares pruned', { deleted: run.deleted, before: new Date(run.cutoff).toISOString() });
          else this.options.log.debug('no shares to prune', { reason: run.skipped });
          this.emit('run', run);
        },
        (error: unknown) => {
          // The next run retries; retention falling behind is never worth stopping the pool.
          this.options.log.warn('share prune failed', { error: error instanceof Error ? error.message : String(error) });
          this.emit('fail', error);
        },
      ).finally(() => {
        if (!this.stopped) this.schedule(this.options.intervalMs ?? DEFAULT_PRUNE_INTERVAL_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async prune(): Promise<PruneRun> {
    const { shareLog, retainDays, windowDifficulty } = this.options;
    let windowStart: number | undefined;
    if (windowDifficulty !== undefined) {
      const difficulty = windowDifficulty();
      if (difficulty === undefined || !Number.isFinite(difficulty)) return { cutoff: -Infinity, deleted: 0, skipped: 'PPLNS window not known yet' };
      windowStart = await shareLog.pplnsWindowStart(difficulty * (this.options.windowMargin ?? DEFAULT_WINDOW_MARGIN));
    }
    // now is read after the window: shares appended meanwhile are newer than both.
    const cutoff = pruneCutoff({ now: this.now(), retainDays, windowStart });
    if (cutoff === -Infinity) return { cutoff, deleted: 0, skipped: 'the PPLNS window needs every share' };
    return { cutoff, deleted: await shareLog.pruneShares(cutoff) };
  }
}

/** The pool's pruner, or undefined when shareLog.retainDays is absent (keep every share). */
export function createSharePruner(
  config: PoolConfig,
  network: NetworkParams,
  shareLog: ShareLog,
  currentTemplate: () => BlockTemplate | undefined,
  log: Logger,
): SharePruner | undefined {
  const { retainDays } = config.shareLog;
  if (retainDays === undefined) return undefined;
  const { windowFactor } = config.payout.pplns;
  const windowDifficulty =
    config.payout.mode === 'pplns'
      ? (): number | undefined => {
          const template = currentTemplate();
          return template === undefined ? undefined : pplnsWindowDifficulty(template, network, windowFactor);
        }
      : undefined;
  return new SharePruner({ shareLog, retainDays, windowDifficulty, log });
}
