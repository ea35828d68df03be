// What the monitor reads of the pool beyond PoolStats: identity, ports, sessions, blocks
// from the share log, and the admin actions.
import type { BlockView, MonitorSource, PortSummary } from '../monitor';
import type { BlockRecord, ShareLog } from '../sharelog';
import type { PoolNode } from './pool-node';
import type { StratumServer } from './stratum-server';

const VERSION = (require('../../../package.json') as { version: string }).version;

function blockView(block: BlockRecord): BlockView {
  return {
    height: block.height,
    hash: block.hash,
    time: block.time,
    worker: block.worker,
    reward: block.reward.toString(),
    status: block.status,
    confirmations: block.confirmations,
    explorerPath: `/api/blocks/${block.hash}`,
  };
}

export class PoolMonitorSource implements MonitorSource {
  private readonly startedAt = Date.now();

  constructor(
    private readonly node: PoolNode,
    private readonly server: StratumServer,
    private readonly shareLog: ShareLog,
  ) {}

  info(): ReturnType<MonitorSource['info']> {
    const { config, network } = this.node;
    const sessions = this.server.sessions();
    const ports: PortSummary[] = config.stratum.ports.map((port, i) => {
      const bound = this.node.stratumPorts[i]?.port ?? port.port;
      return {
        port: bound,
        tls: port.tls !== undefined,
        difficulty: port.difficulty,
        vardiff: port.vardiff.enabled,
        connections: sessions.filter((s) => s.port === bound).length,
      };
    });
    const algorithm = network.pow.algorithm === 'scrypt' && network.pow.scryptN !== undefined && network.pow.scryptN !== 1024
      ? `scrypt:${network.pow.scryptN}`
      : network.pow.algorithm;
    return { name: config.poolTag, network: network.name, algorithm, payoutMode: config.payout.mode, version: VERSION, startedAt: this.startedAt, ports };
  }

  sessions(): ReturnType<MonitorSource['sessions']> {
    return this.server.sessions().map((s) => ({
      id: s.id,
      ip: s.ip,
      port: s.port,
      workers: s.workers,
      difficulty: s.difficulty,
      userAgent: s.userAgent,
      connectedAt: s.connectedAt,
    }));
  }

  async blocks(limit: number): Promise<BlockView[]> {
    return (await this.shareLog.blocks(limit)).map(blockView);
  }

  async block(hash: string): Promise<BlockView | undefined> {
    // A direct lookup: a block older than any list the monitor reads is still found.
    const found = await this.shareLog.block(hash);
    return found === undefined ? undefined : blockView(found);
  }

  readonly admin: MonitorSource['admin'] = {
    bans: () => this.server.bans(),
    ban: (ip, seconds) => this.server.ban(ip, seconds),
    unban: (ip) => this.server.unban(ip),
    disconnect: (id) => this.server.disconnect(id),
    reassignExtranonce: (id) => this.server.reassignExtranonce(id),
  };
}
