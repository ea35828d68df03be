// Stratum v1 wire format, shared by the pool (lib/pool) and the miner (lib/miner).
export * from './errors';
export * from './codec';
export * from './hex';
export * from './messages';
export * from './client-messages';
export * from './server-messages';
