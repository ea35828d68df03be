// Messages between the bench (the pool's process) and the load client child. Only plain
// data crosses: latencies are summarised in the child so the pool process never sorts them.
import type { PowSpec } from '../../lib/hash';

export interface GrindSpec {
  pow: PowSpec;
  difficultyFactor: number;
  /** The share difficulty the server set; the child checks every share against it. */
  difficulty: number;
}

export type ParentMessage =
  | {
      type: 'connect';
      port: number;
      connections: number;
      /** Valid shares to prepare per connection; with grind undefined they are fake (echo server). */
      sharesPerConnection: number;
      grind?: GrindSpec;
    }
  | {
      type: 'run';
      seconds: number;
      /** Submits a connection may have unanswered at once. */
      pipeline: number;
      /** Offered submits per second over all connections; undefined = as fast as answered. */
      rate?: number;
    }
  | { type: 'watch-notify' }
  | { type: 'close' };

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** The counts of one run, as both load clients report them. */
export interface RunCounts {
  seconds: number;
  sent: number;
  accepted: number;
  rejected: number;
  /** Reject messages by count, so a broken setup shows at once. */
  rejectReasons: Record<string, number>;
  /** Connections that used up their prepared shares before the end. */
  exhausted: number;
}

export type ChildMessage =
  | { type: 'connected'; ready: number; failed: number; connectMs: number; grindMs: number; shares: number }
  | ({ type: 'result'; latencyMs: LatencySummary } & RunCounts)
  | { type: 'watching' }
  | {
      type: 'notified';
      /** Connections that got the new job. */
      count: number;
      /** Wall-clock ms (timeOrigin + now) of the first and last arrival. */
      firstAt: number;
      lastAt: number;
    }
  | { type: 'closed' }
  | { type: 'error'; message: string };

/** Wall-clock milliseconds with sub-ms resolution, comparable across processes on one host. */
export function wallNow(now: number): number {
  return performance.timeOrigin + now;
}

export function summarise(samples: Float64Array): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number): number => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.length === 0 ? NaN : sorted[sorted.length - 1] };
}
