// In-memory pool statistics fed by the pool's events, read by the HTTP API and /metrics.
//
// Hashrate is computed the way pools are usually compared: the credited difficulty of
// accepted shares over a trailing window, times 2^32 / difficultyFactor (the expected hashes
// per difficulty-1 share: its target is 0xFFFF*2^208*factor), divided by the window length. The window is whole seconds: the
// current second and the W-1 before it. While the pool is younger than W the divisor is its
// uptime, but never under 60 s (nor over W), so the first shares don't read as a spike.
// Worker hashrate uses the same window and divisor as the pool.
//
// Memory is bounded: share buckets are sparse and dropped past their span, workers unseen for
// 24 h are dropped, and at most maxWorkers are kept (the least recently seen go first).

import { SparseBuckets } from './buckets';
import { CounterEvent, CounterSet, RollingCounter, applyEvent, cloneCounterSet, emptyCounterSet } from './counters';
import { Histogram, HistogramSnapshot, NOTIFY_LATENCY_BOUNDS, SHARE_LATENCY_BOUNDS } from './histogram';
import { MonitorArgumentError } from './errors';
import type {
  DaemonState,
  FoundBlock,
  HistoryPoint,
  HistoryRange,
  NetworkState,
  NotifyState,
  ShareLogState,
  ShareRecord,
  TemplateState,
  WorkerStats,
} from './stats-types';

export type { CounterSet } from './counters';
export type * from './stats-types';

export interface PoolStatsOptions {
  /** NetworkParams.difficultyFactor: 65536 for scrypt, 1 for sha256d and x11. */
  difficultyFactor: number;
  /** Default 600. */
  hashrateWindowSeconds?: number;
  /** Clock in ms; Date.now by default. */
  now?: () => number;
  /** Default 100000. */
  maxWorkers?: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const TEN_MINUTES = 10 * MINUTE;
const HOUR_POINTS = 60;
const DAY_POINTS = 144;
const WORKER_TTL_MS = 24 * 60 * MINUTE;
const SWEEP_EVERY_MS = MINUTE;
const MIN_DIVISOR_SECONDS = 60;
/** Longer names are cut: a miner picks its name, and it keys a map and a metric label. */
export const MAX_WORKER_NAME = 256;
const MAX_REASON = 64;
const TWO_32 = 2 ** 32;

class ShareBuckets {
  readonly seconds: SparseBuckets;
  readonly minutes = new SparseBuckets(MINUTE, HOUR_POINTS * MINUTE);
  readonly tenMinutes = new SparseBuckets(TEN_MINUTES, DAY_POINTS * TEN_MINUTES);

  constructor(windowMs: number) {
    this.seconds = new SparseBuckets(SECOND, windowMs);
  }

  add(time: number, now: number, difficulty: number, accepted: number, rejected: number): void {
    this.seconds.add(time, now, difficulty, accepted, rejected);
    this.minutes.add(time, now, difficulty, accepted, rejected);
    this.tenMinutes.add(time, now, difficulty, accepted, rejected);
  }

  get size(): number {
    return this.seconds.size + this.minutes.size + this.tenMinutes.size;
  }
}

interface WorkerState {
  name: string;
  accepted: number;
  rejected: number;
  lastShareAt: number | null;
  lastSeen: number;
  difficulty?: number;
  buckets: ShareBuckets;
}

function requireFinite(value: number, what: string, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new MonitorArgumentError(`${what} must be a finite number >= ${min}, got ${String(value)}`);
  }
  return value;
}

export class PoolStats {
  readonly difficultyFactor: number;
  readonly hashrateWindowSeconds: number;
  readonly startedAt: number;
  private readonly clock: () => number;
  private readonly maxWorkers: number;
  private readonly pool: ShareBuckets;
  /** Insertion order = least recently seen first (entries are re-inserted on each share). */
  private readonly workerMap = new Map<string, WorkerState>();
  private lastSweep: number;
  private readonly total: CounterSet = emptyCounterSet();
  private readonly perSecond = new RollingCounter(SECOND);
  private readonly perMinute = new RollingCounter(MINUTE);
  private readonly shareLatencyHist = new Histogram(SHARE_LATENCY_BOUNDS);
  private readonly notifyLatencyHist = new Histogram(NOTIFY_LATENCY_BOUNDS);
  private openConnections = 0;
  private notify: NotifyState = { count: 0, lastSessions: 0, lastLatencyMs: 0, lastAt: null };
  private networkState: NetworkState | undefined;
  private templateState: { height: number; receivedAt: number } | undefined;
  private daemonList: DaemonState[] = [];
  private shareLogState: ShareLogState | undefined;
  private lastFound: FoundBlock | undefined;

  constructor(options: PoolStatsOptions) {
    this.difficultyFactor = requireFinite(options.difficultyFactor, 'difficultyFactor', Number.MIN_VALUE);
    const window = options.hashrateWindowSeconds ?? 600;
    if (!Number.isInteger(window) || window < 1) {
      throw new MonitorArgumentError(`hashrateWindowSeconds must be a positive integer, got ${String(window)}`);
    }
    this.hashrateWindowSeconds = window;
    const maxWorkers = options.maxWorkers ?? 100_000;
    if (!Number.isInteger(maxWorkers) || maxWorkers < 1) {
      throw new MonitorArgumentError(`maxWorkers must be a positive integer, got ${String(maxWorkers)}`);
    }
    this.maxWorkers = maxWorkers;
    this.clock = options.now ?? Date.now;
    this.startedAt = this.clock();
    this.lastSweep = this.startedAt;
    this.pool = new ShareBuckets(window * SECOND);
  }

  now(): number {
    return this.clock();
  }

  recordShare(e: ShareRecord): void {
    const difficulty = requireFinite(e.difficulty, 'share difficulty', 0);
    const now = this.clock();
    const time = e.time === undefined ? now : Math.min(requireFinite(e.time, 'share time', 0), now);
    const accepted = e.accepted === true;
    // A reject earns nothing whatever difficulty the caller passed.
    const credited = accepted ? difficulty : 0;
    const reason = (e.reason ?? 'unknown').slice(0, MAX_REASON) || 'unknown';
    const event: CounterEvent = accepted ? { kind: 'accepted' } : { kind: 'rejected', reason };
    this.count(now, event);
    if (e.latencyMs !== undefined) this.shareLatencyHist.observe(e.latencyMs / 1000);
    this.pool.add(time, now, credited, accepted ? 1 : 0, accepted ? 0 : 1);

    const name = typeof e.worker === 'string' ? e.worker.slice(0, MAX_WORKER_NAME) : '';
    if (name !== '') this.recordWorkerShare(name, time, now, credited, accepted);
    if (now - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(now);
  }

  recordConnection(delta: 1 | -1): void {
    if (delta === 1) {
      this.openConnections++;
      this.count(this.clock(), { kind: 'connection' });
    } else if (delta === -1) {
      this.openConnections = Math.max(0, this.openConnections - 1);
    } else {
      throw new MonitorArgumentError(`connection delta must be 1 or -1, got ${String(delta)}`);
    }
  }

  recordNotify(e: { sessions: number; latencyMs: number }): void {
    const sessions = requireFinite(e.sessions, 'notify sessions', 0);
    const latencyMs = requireFinite(e.latencyMs, 'notify latency', 0);
    this.notifyLatencyHist.observe(latencyMs / 1000);
    this.notify = { count: this.notify.count + 1, lastSessions: sessions, lastLatencyMs: latencyMs, lastAt: this.clock() };
  }

  recordBlock(e: { height: number; hash: string; worker: string; time?: number }): void {
    const now = this.clock();
    this.count(now, { kind: 'block' });
    this.lastFound = {
      height: requireFinite(e.height, 'block height', 0),
      hash: String(e.hash),
      worker: String(e.worker).slice(0, MAX_WORKER_NAME),
      time: e.time ?? now,
    };
  }

  setNetwork(e: { height: number; difficulty: number; networkHashrate?: number }): void {
    const state: NetworkState = {
      height: requireFinite(e.height, 'network height', 0),
      difficulty: requireFinite(e.difficulty, 'network difficulty', 0),
    };
    if (e.networkHashrate !== undefined) state.networkHashrate = requireFinite(e.networkHashrate, 'network hashrate', 0);
    this.networkState = state;
  }

  setTemplate(e: { height: number; receivedAt: number }): void {
    this.templateState = {
      height: requireFinite(e.height, 'template height', 0),
      receivedAt: requireFinite(e.receivedAt, 'template receivedAt', 0),
    };
  }

  setDaemons(list: Array<{ name: string; healthy: boolean; lastError?: string }>): void {
    this.daemonList = list.map((d) => {
      const out: DaemonState = { name: String(d.name), healthy: d.healthy === true };
      if (d.lastError !== undefined) out.lastError = String(d.lastError);
      return out;
    });
  }

  setShareLog(e: { backend: string; connected: boolean; buffered: number }): void {
    this.shareLogState = {
      backend: String(e.backend),
      connected: e.connected === true,
      buffered: requireFinite(e.buffered, 'share log buffered', 0),
    };
  }

  // ---- snapshots ----

  /** The divisor of the hashrate: min(window, max(60 s, uptime)). */
  effectiveWindowSeconds(): number {
    const uptime = (this.clock() - this.startedAt) / 1000;
    return Math.min(this.hashrateWindowSeconds, Math.max(MIN_DIVISOR_SECONDS, uptime));
  }

  poolHashrate(): number {
    return this.hashrateOf(this.pool);
  }

  workerHashrate(worker: string): number {
    const state = this.findWorker(worker);
    return state === undefined ? 0 : this.hashrateOf(state.buckets);
  }

  history(range: HistoryRange): HistoryPoint[] {
    return this.historyOf(this.pool, range);
  }

  /** Empty for a worker the stats don't know. */
  workerHistory(worker: string, range: HistoryRange): HistoryPoint[] {
    const state = this.findWorker(worker);
    return state === undefined ? [] : this.historyOf(state.buckets, range);
  }

  counters(): { perSecond: CounterSet; perMinute: CounterSet; total: CounterSet } {
    const now = this.clock();
    return { perSecond: this.perSecond.lastFull(now), perMinute: this.perMinute.lastFull(now), total: cloneCounterSet(this.total) };
  }

  /** Highest hashrate first, then by name. */
  workers(): WorkerStats[] {
    this.sweep(this.clock());
    const out: WorkerStats[] = [];
    for (const state of this.workerMap.values()) out.push(this.workerView(state));
    out.sort((a, b) => b.hashrate - a.hashrate || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return out;
  }

  worker(name: string): WorkerStats | undefined {
    const state = this.findWorker(name);
    return state === undefined ? undefined : this.workerView(state);
  }

  workerCount(): number {
    this.sweep(this.clock());
    return this.workerMap.size;
  }

  /** Buckets held across the pool and all workers: the test of bounded memory reads it. */
  retainedBuckets(): number {
    let n = this.pool.size;
    for (const state of this.workerMap.values()) n += state.buckets.size;
    return n;
  }

  connections(): number {
    return this.openConnections;
  }

  notifyState(): NotifyState {
    return { ...this.notify };
  }

  shareLatency(): HistogramSnapshot {
    return this.shareLatencyHist.snapshot();
  }

  notifyLatency(): HistogramSnapshot {
    return this.notifyLatencyHist.snapshot();
  }

  network(): NetworkState | undefined {
    return this.networkState === undefined ? undefined : { ...this.networkState };
  }

  template(): TemplateState | undefined {
    const t = this.templateState;
    if (t === undefined) return undefined;
    return { ...t, ageSeconds: Math.max(0, (this.clock() - t.receivedAt) / 1000) };
  }

  daemons(): DaemonState[] {
    return this.daemonList.map((d) => ({ ...d }));
  }

  shareLog(): ShareLogState | undefined {
    return this.shareLogState === undefined ? undefined : { ...this.shareLogState };
  }

  lastBlock(): FoundBlock | undefined {
    return this.lastFound === undefined ? undefined : { ...this.lastFound };
  }

  uptimeSeconds(): number {
    return Math.max(0, (this.clock() - this.startedAt) / 1000);
  }

  // ---- internals ----

  private count(now: number, event: CounterEvent): void {
    applyEvent(this.total, event);
    this.perSecond.record(now, event);
    this.perMinute.record(now, event);
  }

  private recordWorkerShare(name: string, time: number, now: number, credited: number, accepted: boolean): void {
    let state = this.workerMap.get(name);
    if (state === undefined) {
      state = { name, accepted: 0, rejected: 0, lastShareAt: null, lastSeen: now, buckets: new ShareBuckets(this.hashrateWindowSeconds * SECOND) };
      if (this.workerMap.size >= this.maxWorkers) this.evictOldest();
    } else {
      this.workerMap.delete(name);
    }
    this.workerMap.set(name, state);
    state.lastSeen = now;
    state.lastShareAt = Math.max(state.lastShareAt ?? 0, time);
    if (accepted) {
      state.accepted++;
      state.difficulty = credited;
    } else {
      state.rejected++;
    }
    state.buckets.add(time, now, credited, accepted ? 1 : 0, accepted ? 0 : 1);
  }

  private evictOldest(): void {
    const first = this.workerMap.keys().next();
    if (first.done !== true) this.workerMap.delete(first.value);
  }

  private findWorker(name: string): WorkerState | undefined {
    const state = this.workerMap.get(name.slice(0, MAX_WORKER_NAME));
    if (state === undefined || this.clock() - state.lastSeen >= WORKER_TTL_MS) return undefined;
    return state;
  }

  /** Drops workers unseen for 24 h; they sit at the front of the map. */
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [name, state] of this.workerMap) {
      if (now - state.lastSeen < WORKER_TTL_MS) break;
      this.workerMap.delete(name);
    }
  }

  private hashrateOf(buckets: ShareBuckets): number {
    const now = this.clock();
    const last = buckets.seconds.startOf(now);
    const sum = buckets.seconds.sumDifficulty(last - (this.hashrateWindowSeconds - 1) * SECOND, last);
    return hashrateFrom(sum, this.difficultyFactor, this.effectiveWindowSeconds());
  }

  private historyOf(buckets: ShareBuckets, range: HistoryRange): HistoryPoint[] {
    const now = this.clock();
    const ring = range === 'day' ? buckets.tenMinutes : buckets.minutes;
    const points = range === 'day' ? DAY_POINTS : HOUR_POINTS;
    // Only complete buckets: a partial one would read low and then jump.
    const lastFull = ring.startOf(now) - ring.bucketMs;
    return ring.series(lastFull, points).map((b) => ({
      t: b.t,
      hashrate: hashrateFrom(b.difficulty, this.difficultyFactor, ring.bucketMs / 1000),
      accepted: b.accepted,
      rejected: b.rejected,
    }));
  }

  private workerView(state: WorkerState): WorkerStats {
    const total = state.accepted + state.rejected;
    const out: WorkerStats = {
      name: state.name,
      hashrate: this.hashrateOf(state.buckets),
      accepted: state.accepted,
      rejected: state.rejected,
      rejectRate: total === 0 ? 0 : state.rejected / total,
      lastShareAt: state.lastShareAt,
    };
    if (state.difficulty !== undefined) out.difficulty = state.difficulty;
    return out;
  }
}

/** Pure: hashes per second from summed share difficulty over `seconds`. */
export function hashrateFrom(difficultySum: number, difficultyFactor: number, seconds: number): number {
  if (seconds <= 0) return 0;
  return (difficultySum * TWO_32) / difficultyFactor / seconds;
}
