// What the pool provides to the monitor beyond PoolStats: static facts, live sessions,
// the block store and the admin actions. Implemented by lib/pool, faked in tests.

export interface PortSummary {
  port: number;
  tls: boolean;
  difficulty: number;
  vardiff: boolean;
  connections: number;
}

export interface PoolInfo {
  name: string;
  network: string;
  algorithm: string;
  payoutMode: string;
  version: string;
  /** ms since the epoch. */
  startedAt: number;
  ports: PortSummary[];
}

export interface SessionSummary {
  id: number;
  ip: string;
  port: number;
  /** Authorized worker names on this connection (a connection may authorize several). */
  workers: string[];
  difficulty: number;
  userAgent?: string;
  /** ms since the epoch. */
  connectedAt: number;
}

export interface BlockView {
  height: number;
  /** Display (RPC) order. */
  hash: string;
  /** ms since the epoch. */
  time: number;
  worker: string;
  /** Reward in satoshis, as a decimal string (exceeds 2^53 on some coins). */
  reward: string;
  status: string;
  confirmations: number;
  /** `/api/blocks/<hash>`. */
  explorerPath: string;
}

export interface BanEntry {
  ip: string;
  /** ms since the epoch. */
  until: number;
}

export interface MonitorAdmin {
  bans(): BanEntry[];
  ban(ip: string, seconds: number): void;
  /** false when the ip was not banned. */
  unban(ip: string): boolean;
  /** false when no such session. */
  disconnect(sessionId: number): boolean;
  /** false when no such session or it cannot take a new extranonce. */
  reassignExtranonce(sessionId: number): boolean;
}

export interface MonitorSource {
  info(): PoolInfo;
  sessions(): SessionSummary[];
  /** Newest first. */
  blocks(limit: number): Promise<BlockView[]>;
  block(hash: string): Promise<BlockView | undefined>;
  admin: MonitorAdmin;
}

export function explorerPath(hash: string): string {
  return `/api/blocks/${hash}`;
}
