// Miner: a stratum client, a scan pool and the subscription they share, serving until
// stopped. Every notify replaces the work at once (the scan pool drops results of the
// replaced job); clean_jobs additionally forgets every older job id, and a share is
// submitted only if its job id is still live and its hash meets the current target too.
import { EventEmitter } from 'node:events';
import { bytesLEToTarget } from '../hash';
import { StratumClient, type ClientOptions, type SessionInfo } from './client';
import type { Job, Share } from './job';
import { parsePoolUrl, type PoolEndpoint } from './pool-url';
import { resolvePow, type ResolvedPow } from './pow-registry';
import { ScanPool, type ScanPoolOptions } from './scan-pool';
import { Subscription } from './subscription';

export interface MinerOptions {
  /** Pool URLs in failover order (stratum+tcp://, stratum+ssl:// or HOST:PORT). */
  urls: string[];
  user: string;
  password?: string;
  /** A registered PoW name: sha256d, scrypt, scrypt:N, x11 or a custom one (default scrypt). */
  algorithm?: string;
  threads?: number;
  suggestDifficulty?: number;
  versionRolling?: boolean;
  userAgent?: string;
  /** How often 'hashrate' is emitted (default 5000 ms). */
  hashrateIntervalMs?: number;
  scan?: Omit<ScanPoolOptions, 'threads'>;
  /** stratum+ssl: PEM of the pool's certificate or its CA, trusted instead of the system CAs. */
  ca?: string | Buffer;
  /** stratum+ssl: false accepts any certificate (default true). */
  rejectUnauthorized?: boolean;
  client?: Omit<ClientOptions, 'endpoints' | 'userAgent' | 'suggestDifficulty' | 'versionRolling'>;
}

export interface ShareEvent {
  accepted: boolean;
  reason?: string;
  jobId: string;
  difficulty: number;
  share: Share;
}

export interface HashrateEvent {
  total: number;
  perThread: number[];
}

export interface MinerStats {
  accepted: number;
  rejected: number;
  /** Found for a job that was already replaced, so never submitted. */
  stale: number;
  /** Submitted but never answered (the connection dropped or the reply timed out). */
  unanswered: number;
}

export interface MinerEvents {
  share: [event: ShareEvent];
  job: [job: Job];
  difficulty: [difficulty: number];
  connected: [info: SessionInfo];
  disconnected: [info: { url: string; reason: string }];
  hashrate: [event: HashrateEvent];
  line: [direction: 'in' | 'out', line: string];
  message: [text: string];
  problem: [error: Error];
}

/** Job ids kept live between clean notifies (older ones are dropped first). */
const LIVE_JOBS = 16;
/** How long stop() waits for replies to shares already submitted. */
const STOP_GRACE_MS = 3000;

export class Miner extends EventEmitter<MinerEvents> {
  readonly pow: ResolvedPow;
  readonly subscription: Subscription;
  readonly client: StratumClient;
  readonly scanPool: ScanPool;
  readonly endpoints: PoolEndpoint[];
  readonly stats: MinerStats = { accepted: 0, rejected: 0, stale: 0, unanswered: 0 };
  private live = new Set<string>();
  private job: Job | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped: Promise<void> | undefined;
  private finish: (() => void) | undefined;
  private latestRate: HashrateEvent = { total: 0, perThread: [] };
  private inFlight = new Set<Promise<void>>();
  /** Set by stop(): from then on nothing starts a scan or sends a share. */
  private stopping = false;

  constructor(readonly options: MinerOptions) {
    super();
    this.pow = resolvePow(options.algorithm ?? 'scrypt');
    this.endpoints = options.urls.map((url) => parsePoolUrl(url, options.user, options.password ?? 'x'));
    this.subscription = new Subscription(this.pow);
    this.subscription.setWorkerName(options.user);
    this.scanPool = new ScanPool({ ...options.scan, threads: this.pow.native || this.pow.module ? options.threads : 1 });
    this.client = new StratumClient({
      ...options.client,
      endpoints: this.endpoints,
      userAgent: options.userAgent,
      suggestDifficulty: options.suggestDifficulty,
      versionRolling: options.versionRolling,
      ca: options.ca ?? options.client?.ca,
      rejectUnauthorized: options.rejectUnauthorized ?? options.client?.rejectUnauthorized,
    });
    this.wire();
  }

  private wire(): void {
    const { client, subscription, scanPool } = this;
    client.on('line', (direction, line) => this.emit('line', direction, line));
    client.on('problem', (error) => this.emit('problem', error));
    client.on('message', (text) => this.emit('message', text));
    client.on('connected', (info) => {
      subscription.set(info.extranonce1, info.extranonce2Size);
      subscription.setVersionMask(info.versionMask);
      subscription.setWorkerName(this.client.worker);
      this.emit('connected', info);
    });
    client.on('disconnected', (info) => {
      scanPool.stop();
      this.live.clear();
      this.job = undefined;
      this.emit('disconnected', info);
    });
    client.on('difficulty', (difficulty) => {
      try {
        subscription.setDifficulty(difficulty);
        this.emit('difficulty', difficulty);
      } catch (error) {
        this.emit('problem', error as Error);
      }
    });
    // NiceHash rule: the new extranonce applies from the next notify; jobs keep their own.
    client.on('extranonce', (params) => subscription.set(params.extranonce1, params.extranonce2Size));
    client.on('versionMask', (mask) => subscription.setVersionMask(mask));
    client.on('notify', (notify) => {
      // A notify read while stop() waits for verdicts must not start the scan again.
      if (this.stopping || !subscription.subscribed) return;
      const job = subscription.createJob(notify);
      if (job.cleanJobs) this.live.clear();
      this.live.add(job.id);
      while (this.live.size > LIVE_JOBS) this.live.delete(this.live.values().next().value as string);
      this.job = job;
      scanPool.start(job);
      this.emit('job', job);
    });
    scanPool.on('share', (share, job) => {
      const submitted = this.submit(share, job);
      this.inFlight.add(submitted);
      void submitted.finally(() => this.inFlight.delete(submitted));
    });
    scanPool.on('error', (error) => this.emit('problem', error));
  }

  private async submit(share: Share, job: Job): Promise<void> {
    if (!this.live.has(job.id) || !this.client.connected) {
      this.stats.stale++;
      return;
    }
    // Pools differ on when a new difficulty applies: meeting the stricter target is accepted by all.
    if (bytesLEToTarget(share.hash) > this.subscription.target) return;
    const outcome = await this.client.submit(job.submitParams(share, this.client.worker));
    if (outcome.accepted) this.stats.accepted++;
    else if (outcome.reason === 'disconnected' || outcome.reason === 'timeout') this.stats.unanswered++;
    else this.stats.rejected++;
    this.emit('share', { ...outcome, jobId: job.id, difficulty: Math.max(job.difficulty, this.subscription.difficulty), share });
  }

  /** Connects and mines in the background; see serve() to wait for the end. */
  start(): void {
    if (this.stopped) return;
    this.stopped = new Promise((resolve) => (this.finish = resolve));
    this.scanPool.sampleRates();
    this.timer = setInterval(() => {
      const perThread = this.scanPool.sampleRates();
      this.latestRate = { total: perThread.reduce((a, b) => a + b, 0), perThread };
      this.emit('hashrate', this.latestRate);
    }, this.options.hashrateIntervalMs ?? 5000);
    this.client.start();
  }

  /** Mines until stop() (or the signal aborts). */
  async serve(signal?: AbortSignal): Promise<void> {
    this.start();
    if (signal) {
      if (signal.aborted) await this.stop();
      else signal.addEventListener('abort', () => void this.stop(), { once: true });
    }
    await this.stopped;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stopping = true;
    this.scanPool.stop();
    // Let shares already sent get their verdict (bounded by the submit timeout) before closing.
    const answered = Promise.all([...this.inFlight]);
    await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
    await this.client.stop();
    await this.scanPool.close();
    this.finish?.();
  }

  get currentJob(): Job | undefined {
    return this.job;
  }

  get hashrate(): HashrateEvent {
    return this.latestRate;
  }
}
