// The shapes PoolStats takes and returns; shared by the HTTP API, /metrics and the dashboard.

export interface ShareRecord {
  worker: string;
  /** Credited difficulty; 0 for rejects. */
  difficulty: number;
  accepted: boolean;
  reason?: string;
  /** Receipt to reply, ms. */
  latencyMs?: number;
  /** When the share arrived, ms; now by default. */
  time?: number;
}

export interface HistoryPoint {
  /** Bucket start, ms. */
  t: number;
  hashrate: number;
  accepted: number;
  rejected: number;
}

export type HistoryRange = 'hour' | 'day';

export interface WorkerStats {
  name: string;
  hashrate: number;
  accepted: number;
  rejected: number;
  /** rejected / (accepted + rejected), 0 with no shares. */
  rejectRate: number;
  /** ms, null before the first share. */
  lastShareAt: number | null;
  /** Credited difficulty of the last accepted share. */
  difficulty?: number;
}

export interface NetworkState { height: number; difficulty: number; networkHashrate?: number }
export interface TemplateState { height: number; receivedAt: number; ageSeconds: number }
export interface DaemonState { name: string; healthy: boolean; lastError?: string }
export interface ShareLogState { backend: string; connected: boolean; buffered: number }
export interface FoundBlock { height: number; hash: string; worker: string; time: number }
export interface NotifyState { count: number; lastSessions: number; lastLatencyMs: number; lastAt: number | null }
