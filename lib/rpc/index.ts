// Coin-daemon RPC: one client per daemon, a pool for failover, typed errors.
export { DaemonClient } from './daemon-client';
export type { DaemonOptions, CallOptions } from './daemon-client';
export { DaemonPool } from './daemon-pool';
export type { PoolDaemon, DaemonPoolOptions, CallAllResult } from './daemon-pool';
export * from './errors';
