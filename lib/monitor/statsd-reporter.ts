// Pushes PoolStats to statsd on a timer: gauges for the current state and counter deltas
// since the previous push (statsd counters are increments, PoolStats keeps totals).

import type { PoolStats } from './stats';
import type { StatsdClient } from './statsd';
import { MonitorArgumentError } from './errors';

export interface StatsdReporter {
  /** Pushes once now (also what the timer calls). */
  push(): void;
  stop(): void;
}

export function startStatsdReporter(stats: PoolStats, client: StatsdClient, intervalMs = 10_000): StatsdReporter {
  if (!Number.isFinite(intervalMs) || intervalMs < 100) throw new MonitorArgumentError('statsd interval must be >= 100 ms');
  let last = stats.counters().total;
  const push = (): void => {
    const total = stats.counters().total;
    client.increment('shares', total.accepted - last.accepted, { result: 'accepted' });
    for (const [reason, n] of Object.entries(total.rejectedByReason)) {
      const delta = n - (last.rejectedByReason[reason] ?? 0);
      if (delta > 0) client.increment('shares', delta, { result: 'rejected', reason });
    }
    client.increment('blocks_found', total.blocks - last.blocks);
    client.increment('connections_opened', total.connections - last.connections);
    last = total;
    client.gauge('hashrate', stats.poolHashrate());
    client.gauge('connections', stats.connections());
    client.gauge('workers', stats.workerCount());
    const template = stats.template();
    if (template !== undefined) client.gauge('template_age_seconds', template.ageSeconds);
    const shareLog = stats.shareLog();
    if (shareLog !== undefined) client.gauge('sharelog_buffered', shareLog.buffered);
    const notify = stats.notifyState();
    if (notify.lastAt !== null) client.timing('notify_latency', notify.lastLatencyMs);
  };
  const timer = setInterval(push, intervalMs);
  timer.unref();
  return { push, stop: () => clearInterval(timer) };
}
