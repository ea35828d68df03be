// /metrics: the pool's stats as Prometheus metrics, all named hashpool_*. Per-worker hashrate
// is limited to the MAX_WORKER_SERIES busiest workers so a pool with many miners doesn't
// flood the time-series database; the JSON API has every worker.

import type { MonitorSource } from './source';
import type { PoolStats } from './stats';
import { ExpositionWriter, Sample } from './prom-format';

export const MAX_WORKER_SERIES = 100;

export function onlineWorkerNames(source: MonitorSource): Set<string> {
  const names = new Set<string>();
  for (const s of source.sessions()) for (const w of s.workers) names.add(w);
  return names;
}

export function renderMetrics(stats: PoolStats, extra: MonitorSource): string {
  const w = new ExpositionWriter();
  const counters = stats.counters().total;

  const shares: Sample[] = [{ labels: { result: 'accepted' }, value: counters.accepted }];
  for (const reason of Object.keys(counters.rejectedByReason).sort()) {
    shares.push({ labels: { result: 'rejected', reason }, value: counters.rejectedByReason[reason] });
  }
  w.family('hashpool_shares_total', 'counter', 'Shares answered, by result and reject reason.', shares);
  w.family('hashpool_hashrate_hashes_per_second', 'gauge',
    `Pool hashrate from credited share difficulty over the last ${stats.hashrateWindowSeconds} s (less while the pool is younger, at least 60 s).`,
    [{ value: stats.poolHashrate() }]);
  const top = stats.workers().slice(0, MAX_WORKER_SERIES);
  w.family('hashpool_worker_hashrate_hashes_per_second', 'gauge',
    `Worker hashrate, same window as the pool; only the ${MAX_WORKER_SERIES} busiest workers.`,
    top.map((x) => ({ labels: { worker: x.name }, value: x.hashrate })));
  w.family('hashpool_hashrate_window_seconds', 'gauge', 'Divisor of the hashrate figures.', [{ value: stats.effectiveWindowSeconds() }]);
  w.family('hashpool_connections', 'gauge', 'Open stratum connections.', [{ value: stats.connections() }]);
  w.family('hashpool_connections_opened_total', 'counter', 'Stratum connections accepted.', [{ value: counters.connections }]);
  w.family('hashpool_workers', 'gauge', 'Distinct authorized worker names online.', [{ value: onlineWorkerNames(extra).size }]);
  w.family('hashpool_blocks_found_total', 'counter', 'Block candidates found and submitted.', [{ value: counters.blocks }]);
  w.histogram('hashpool_notify_latency_seconds', 'From a new job to the last mining.notify written.', stats.notifyLatency());
  w.histogram('hashpool_share_latency_seconds', 'From a share received to its reply.', stats.shareLatency());
  w.family('hashpool_notify_sessions', 'gauge', 'Sessions reached by the last notify broadcast.', [{ value: stats.notifyState().lastSessions }]);

  const template = stats.template();
  w.family('hashpool_template_age_seconds', 'gauge', 'Time since the current block template arrived.',
    template === undefined ? [] : [{ value: template.ageSeconds }]);
  const network = stats.network();
  w.family('hashpool_network_difficulty', 'gauge', 'Network difficulty.', network === undefined ? [] : [{ value: network.difficulty }]);
  w.family('hashpool_block_height', 'gauge', 'Height of the current network tip.', network === undefined ? [] : [{ value: network.height }]);
  w.family('hashpool_network_hashrate_hashes_per_second', 'gauge', 'Network hashrate as the daemon estimates it.',
    network?.networkHashrate === undefined ? [] : [{ value: network.networkHashrate }]);
  w.family('hashpool_daemon_up', 'gauge', '1 when the coin daemon answers and is healthy.',
    stats.daemons().map((d) => ({ labels: { daemon: d.name }, value: d.healthy ? 1 : 0 })));
  const shareLog = stats.shareLog();
  w.family('hashpool_sharelog_up', 'gauge', '1 when the share log backend is connected.',
    shareLog === undefined ? [] : [{ labels: { backend: shareLog.backend }, value: shareLog.connected ? 1 : 0 }]);
  w.family('hashpool_sharelog_buffered', 'gauge', 'Shares waiting in the local buffer for the backend.',
    shareLog === undefined ? [] : [{ value: shareLog.buffered }]);
  w.family('hashpool_uptime_seconds', 'gauge', 'Time since the stats started.', [{ value: stats.uptimeSeconds() }]);
  return w.toString();
}
