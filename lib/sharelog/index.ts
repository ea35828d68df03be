export * from './types';
export * from './errors';
export { pplnsWindow, PplnsAccumulator, type WindowShare } from './pplns';
export { SqliteShareLog, openSqliteShareLog } from './sqlite-share-log';
export { RedisShareLog, openRedisShareLog } from './redis-share-log';
