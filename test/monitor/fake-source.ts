// An in-memory MonitorSource: the pool side the HTTP tests drive.
import type { BanEntry, BlockView, MonitorSource, PoolInfo, SessionSummary } from '../../lib/monitor/source';
import { explorerPath } from '../../lib/monitor/source';

export function makeBlock(height: number, hashByte: string, time: number): BlockView {
  const hash = hashByte.repeat(32);
  return { height, hash, time, worker: 'addr.rig1', reward: '1250000000', status: 'pending', confirmations: 0, explorerPath: explorerPath(hash) };
}

export class FakeSource implements MonitorSource {
  infoValue: PoolInfo = {
    name: 'test pool',
    network: 'litecoin-regtest',
    algorithm: 'scrypt',
    payoutMode: 'pplns',
    version: '0.0.0-test',
    startedAt: 0,
    ports: [
      { port: 3333, tls: false, difficulty: 16, vardiff: true, connections: 2 },
      { port: 3334, tls: true, difficulty: 1024, vardiff: false, connections: 0 },
    ],
  };
  sessionList: SessionSummary[] = [
    { id: 1, ip: '10.0.0.5', port: 3333, workers: ['addr.rig1'], difficulty: 16, userAgent: 'cpuminer/2.5', connectedAt: 1000 },
    { id: 2, ip: '10.0.0.6', port: 3333, workers: ['addr.rig2', 'addr.rig1'], difficulty: 32, connectedAt: 2000 },
  ];
  blockList: BlockView[] = [];
  banList: BanEntry[] = [];
  disconnected: number[] = [];
  reassigned: number[] = [];
  failBlocks = false;

  info(): PoolInfo {
    return this.infoValue;
  }

  sessions(): SessionSummary[] {
    return this.sessionList;
  }

  blocks(limit: number): Promise<BlockView[]> {
    if (this.failBlocks) return Promise.reject(new Error('block store down'));
    return Promise.resolve(this.blockList.slice(0, limit));
  }

  block(hash: string): Promise<BlockView | undefined> {
    return Promise.resolve(this.blockList.find((b) => b.hash === hash));
  }

  admin = {
    bans: (): BanEntry[] => this.banList,
    ban: (ip: string, seconds: number): void => {
      this.banList.push({ ip, until: 1_000_000 + seconds * 1000 });
    },
    unban: (ip: string): boolean => {
      const before = this.banList.length;
      this.banList = this.banList.filter((b) => b.ip !== ip);
      return this.banList.length < before;
    },
    disconnect: (id: number): boolean => {
      if (!this.sessionList.some((s) => s.id === id)) return false;
      this.disconnected.push(id);
      return true;
    },
    reassignExtranonce: (id: number): boolean => {
      if (!this.sessionList.some((s) => s.id === id)) return false;
      this.reassigned.push(id);
      return true;
    },
  };
}
