// PoolConfig's stratum section as StratumServerOptions (certificates read here, so a
// missing file fails the start with its path).
import fs from 'node:fs';
import type { PoolConfig } from '../config';
import type { NetworkParams } from '../protocol';
import type { StratumServerOptions } from './stratum-server';

export function stratumServerOptions(config: PoolConfig, network: NetworkParams): StratumServerOptions {
  const { stratum } = config;
  return {
    host: stratum.host,
    instanceId: config.instanceId,
    extranonce2Size: stratum.extranonce2Size,
    versionMask: Number.parseInt(stratum.versionMask, 16) >>> 0,
    maxLineBytes: stratum.maxLineBytes,
    maxConnectionsPerIp: stratum.maxConnectionsPerIp,
    idleTimeoutSeconds: stratum.idleTimeoutSeconds,
    unsubscribedTimeoutSeconds: stratum.unsubscribedTimeoutSeconds,
    ban: stratum.ban,
    difficultyFactor: network.difficultyFactor,
    ports: stratum.ports.map((port) => ({
      port: port.port,
      difficulty: port.difficulty,
      tls: port.tls === undefined ? undefined : { cert: fs.readFileSync(port.tls.cert), key: fs.readFileSync(port.tls.key) },
      vardiff: port.vardiff,
    })),
  };
}
