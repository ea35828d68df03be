export { ConfigError, ERR_CONFIG_INVALID, type ConfigIssue } from './errors';
export type { DaemonConfig, LogLevel, PayoutMode, PoolConfig, ShareLogBackend, StratumPortConfig, VardiffConfig } from './pool-config';
export { POOL_FLAGS_HELP, parsePoolFlags, type ParsedPoolArgs, type PoolFlags } from './pool-flags';
export { POOL_SCHEMA, MAX_POOL_TAG_BYTES } from './pool-schema';
export { defaultVardiffMin } from './pool-checks';
export { configFromSources, loadConfigFile, parseConfigText } from './load';
