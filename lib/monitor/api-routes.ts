// The read-only JSON API under /api and the Prometheus endpoint.

import type { MonitorSource, SessionSummary } from './source';
import type { HistoryRange, PoolStats, WorkerStats } from './stats';
import { Router } from './router';
import { badRequest, notFound } from './errors';
import { buildPoolSummary } from './pool-summary';
import { renderMetrics } from './metrics';
import { sendText } from './http-io';

export const DEFAULT_BLOCK_LIMIT = 50;
export const MAX_BLOCK_LIMIT = 1000;

export interface WorkerDetail extends WorkerStats {
  history: { hour: ReturnType<PoolStats['history']>; day: ReturnType<PoolStats['history']> };
  sessions: SessionSummary[];
}

function emptyWorker(name: string): WorkerStats {
  return { name, hashrate: 0, accepted: 0, rejected: 0, rejectRate: 0, lastShareAt: null };
}

/** Workers with shares plus those online that have not sent one yet. */
export function listWorkers(stats: PoolStats, source: MonitorSource): WorkerStats[] {
  const list = stats.workers();
  const known = new Set(list.map((w) => w.name));
  for (const s of source.sessions()) {
    for (const name of s.workers) {
      if (!known.has(name)) {
        known.add(name);
        list.push(emptyWorker(name));
      }
    }
  }
  return list;
}

export function workerDetail(stats: PoolStats, source: MonitorSource, name: string): WorkerDetail | undefined {
  const sessions = source.sessions().filter((s) => s.workers.includes(name));
  const base = stats.worker(name) ?? (sessions.length > 0 ? emptyWorker(name) : undefined);
  if (base === undefined) return undefined;
  const hour = stats.workerHistory(name, 'hour');
  const day = stats.workerHistory(name, 'day');
  return {
    ...base,
    // A worker online without shares still gets a full, zero series for the chart.
    history: { hour: hour.length > 0 ? hour : zeroed(stats.history('hour')), day: day.length > 0 ? day : zeroed(stats.history('day')) },
    sessions,
  };
}

function zeroed(points: ReturnType<PoolStats['history']>): ReturnType<PoolStats['history']> {
  return points.map((p) => ({ t: p.t, hashrate: 0, accepted: 0, rejected: 0 }));
}

export function parseLimit(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_BLOCK_LIMIT;
  if (!/^[0-9]{1,7}$/.test(raw)) throw badRequest('limit must be a positive integer');
  const limit = Number(raw);
  if (limit < 1 || limit > MAX_BLOCK_LIMIT) throw badRequest(`limit must be between 1 and ${MAX_BLOCK_LIMIT}`);
  return limit;
}

export function parseRange(raw: string | null): HistoryRange {
  if (raw === null || raw === '' || raw === 'hour') return 'hour';
  if (raw === 'day') return 'day';
  throw badRequest('range must be hour or day');
}

const BLOCK_HASH = /^[0-9a-fA-F]{64}$/;

export function addApiRoutes(router: Router, stats: PoolStats, source: MonitorSource): void {
  router
    .add('/api/pool', { GET: async () => ({ body: await buildPoolSummary(stats, source) }) })
    .add('/api/ports', { GET: () => ({ body: source.info().ports }) })
    .add('/api/workers', { GET: () => ({ body: listWorkers(stats, source) }) })
    .add('/api/workers/:name', {
      GET: ({ params }) => {
        const detail = workerDetail(stats, source, params.name);
        if (detail === undefined) throw notFound(`unknown worker ${JSON.stringify(params.name)}`);
        return { body: detail };
      },
    })
    .add('/api/blocks', { GET: async ({ query }) => ({ body: await source.blocks(parseLimit(query.get('limit'))) }) })
    .add('/api/blocks/:hash', {
      GET: async ({ params }) => {
        if (!BLOCK_HASH.test(params.hash)) throw badRequest('block hash must be 64 hex characters');
        const block = await source.block(params.hash.toLowerCase());
        if (block === undefined) throw notFound(`unknown block ${params.hash}`);
        return { body: block };
      },
    })
    .add('/api/counters', { GET: () => ({ body: stats.counters() }) })
    .add('/api/history', { GET: ({ query }) => ({ body: stats.history(parseRange(query.get('range'))) }) })
    .add('/metrics', {
      GET: ({ res }) => {
        sendText(res, 200, 'text/plain; version=0.0.4; charset=utf-8', renderMetrics(stats, source));
        return 'handled';
      },
    });
}
