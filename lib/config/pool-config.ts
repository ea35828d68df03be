// The validated pool configuration: what the rest of the pool reads. Every default is filled
// in, so consumers never repeat a fallback value.
import type { VardiffConfig as VardiffRule } from '../pool/vardiff';

export type PayoutMode = 'solo' | 'pool' | 'pplns';
export type ShareLogBackend = 'sqlite' | 'redis';
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface DaemonConfig {
  url: string;
  cookieFile?: string;
  /** Larger is preferred. */
  priority: number;
}

/** The vardiff rule's parameters (lib/pool/vardiff.ts) and whether a port uses it. */
export interface VardiffConfig extends VardiffRule {
  enabled: boolean;
}

export interface StratumPortConfig {
  port: number;
  difficulty: number;
  tls?: { cert: string; key: string };
  vardiff: VardiffConfig;
}

export interface PoolConfig {
  network: string;
  instanceId: number;
  poolTag: string;
  daemons: DaemonConfig[];
  p2p?: { host: string; port: number };
  blockNotifySocket?: string;
  pollIntervalMs: number;
  jobRefreshSeconds: number;
  payout: {
    mode: PayoutMode;
    address?: string;
    pplns: { windowFactor: number; feePercent: number };
  };
  shareLog: {
    backend: ShareLogBackend;
    dir: string;
    commitIntervalMs: number;
    /** Shares older than this are pruned; absent keeps every share. */
    retainDays?: number;
    redis?: { url: string; keyPrefix: string };
  };
  stratum: {
    host: string;
    extranonce2Size: number;
    versionMask: string;
    maxLineBytes: number;
    maxConnectionsPerIp: number;
    idleTimeoutSeconds: number;
    unsubscribedTimeoutSeconds: number;
    ban: { enabled: boolean; invalidPercent: number; checkThreshold: number; seconds: number };
    ports: StratumPortConfig[];
  };
  monitor: { enabled: boolean; host: string; port: number; statsd?: { host: string; port: number; prefix: string } };
  log: { level: LogLevel };
}

/** A config whose invalid parts were dropped during validation; cross-key checks read this. */
export type PartialDeep<T> = T extends readonly (infer U)[]
  ? Array<PartialDeep<U> | undefined>
  : T extends object
    ? { [K in keyof T]?: PartialDeep<T[K]> }
    : T;
