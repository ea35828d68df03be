// Public surface of the monitor.
export * from './errors';
export * from './source';
export * from './stats';
export { renderMetrics, MAX_WORKER_SERIES } from './metrics';
export { escapeLabelValue } from './prom-format';
export { MonitorServer } from './http-server';
export type { MonitorServerOptions } from './http-server';
export type { PoolSummary } from './pool-summary';
export type { WorkerDetail } from './api-routes';
export { isLoopbackAddress } from './loopback';
export { StatsdClient } from './statsd';
export type { StatsdOptions } from './statsd';
export type { HistogramSnapshot } from './histogram';
export { startStatsdReporter } from './statsd-reporter';
export type { StatsdReporter } from './statsd-reporter';
