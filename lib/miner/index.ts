// The stratum CPU miner as a library (nightminer's classes, plus the parts they run on).
export * from './errors';
export * from './pow-registry';
export * from './work-split';
export * from './job';
export * from './subscription';
export * from './scan-pool';
export * from './pool-url';
export * from './client';
export * from './miner';
