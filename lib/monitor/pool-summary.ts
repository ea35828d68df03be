// The body of GET /api/pool and of every SSE 'stats' event: one snapshot of the pool.

import type { BlockView, MonitorSource } from './source';
import type { CounterSet, DaemonState, PoolStats, ShareLogState } from './stats';
import { onlineWorkerNames } from './metrics';

export interface PoolSummary {
  name: string;
  /**
   * The brief names both the network (a string in info) and the chain state `network`; one
   * object carries both: the name always, height and difficulty once the daemon answered.
   */
  network: { name: string; height: number | null; difficulty: number | null; hashrate?: number };
  algorithm: string;
  payoutMode: string;
  version: string;
  uptimeSeconds: number;
  /** Hashes per second over hashrateWindowSeconds. */
  hashrate: number;
  /** The configured window. */
  hashrateWindowSeconds: number;
  /** The divisor actually used: shorter than the window while the pool is young (>= 60 s). */
  hashrateEffectiveWindowSeconds: number;
  /** Distinct authorized worker names online. */
  workers: number;
  connections: number;
  shares: Pick<CounterSet, 'accepted' | 'rejected' | 'rejectedByReason'>;
  template: { height: number; ageSeconds: number } | null;
  lastBlock: BlockView | null;
  daemons: DaemonState[];
  shareLog: ShareLogState | null;
}

export async function buildPoolSummary(stats: PoolStats, source: MonitorSource): Promise<PoolSummary> {
  const info = source.info();
  const total = stats.counters().total;
  const network = stats.network();
  const template = stats.template();
  let lastBlock: BlockView | null = null;
  try {
    lastBlock = (await source.blocks(1))[0] ?? null;
  } catch {
    // The block store being down must not take the whole status page with it.
    lastBlock = null;
  }
  const summary: PoolSummary = {
    name: info.name,
    network: { name: info.network, height: network?.height ?? null, difficulty: network?.difficulty ?? null },
    algorithm: info.algorithm,
    payoutMode: info.payoutMode,
    version: info.version,
    uptimeSeconds: Math.max(0, (stats.now() - info.startedAt) / 1000),
    hashrate: stats.poolHashrate(),
    hashrateWindowSeconds: stats.hashrateWindowSeconds,
    hashrateEffectiveWindowSeconds: stats.effectiveWindowSeconds(),
    workers: onlineWorkerNames(source).size,
    connections: stats.connections(),
    shares: { accepted: total.accepted, rejected: total.rejected, rejectedByReason: total.rejectedByReason },
    template: template === undefined ? null : { height: template.height, ageSeconds: template.ageSeconds },
    lastBlock,
    daemons: stats.daemons(),
    shareLog: stats.shareLog() ?? null,
  };
  if (network?.networkHashrate !== undefined) summary.network.hashrate = network.networkHashrate;
  return summary;
}
