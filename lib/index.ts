// Public API of the hashpool package.
export * from './hash';
export * from './address';
export * from './protocol';
export * from './rpc';
export * from './encoding';
export * as mining from './mining';
export * as stratum from './stratum';
export * as miner from './miner';
