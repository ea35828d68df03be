// Feeds the monitor's PoolStats (and statsd when configured) from stratum server events.
import type { PoolStats, StatsdClient } from '../monitor';
import type { ShareVerdict } from './contracts';
import type { SessionInfo, StratumServer } from './stratum-server';

export function wireStats(server: StratumServer, stats: PoolStats, statsd: StatsdClient | undefined): void {
  server.on('connect', () => {
    stats.recordConnection(1);
    statsd?.increment('connections.opened');
  });
  server.on('disconnect', () => stats.recordConnection(-1));
  server.on('share', (_session: SessionInfo, worker: string, verdict: ShareVerdict, latencyMs: number) => {
    if (verdict.ok) {
      stats.recordShare({ worker, difficulty: verdict.creditedDifficulty, accepted: true, latencyMs });
      statsd?.increment('shares.accepted');
    } else {
      stats.recordShare({ worker, difficulty: 0, accepted: false, reason: verdict.reason, latencyMs });
      statsd?.increment('shares.rejected', 1, { reason: verdict.reason });
    }
    statsd?.timing('shares.latency', latencyMs);
  });
}
