// Options of the stratum server, and their checks. The config loader (lib/config) turns
// YAML into these; the server checks them again because it can also be built directly.
import { HashpoolError } from '../hash/errors';
import type { VardiffConfig } from './vardiff';
import type { BanPolicy } from './connection-guard';

export type { VardiffConfig } from './vardiff';

export interface PortOptions {
  port: number;
  /** Start difficulty of connections on this port. */
  difficulty: number;
  /** stratum+ssl: PEM certificate chain and key. */
  tls?: { cert: Buffer; key: Buffer };
  vardiff: VardiffConfig & { enabled: boolean };
}

export interface StratumServerOptions {
  host: string;
  /** 0..65535: the first two bytes of every extranonce1 of this process. */
  instanceId: number;
  extranonce2Size: number;
  /** BIP310 pool mask, e.g. 0x1fffe000; 0 refuses version rolling. */
  versionMask: number;
  maxLineBytes: number;
  maxConnectionsPerIp: number;
  idleTimeoutSeconds: number;
  unsubscribedTimeoutSeconds: number;
  ban: BanPolicy;
  ports: PortOptions[];
  /** Stratum difficulty 1 as a multiple of the sha256d diff-1 target (65536 for scrypt); for mining.suggest_target. Default 1. */
  difficultyFactor?: number;
  /** A connection whose unsent output grows past this is too slow to serve and is dropped. Default 1 MiB. */
  maxWriteBufferBytes?: number;
}

export const DEFAULT_MAX_WRITE_BUFFER_BYTES = 1024 * 1024;

export const ERR_POOL_SERVER_OPTIONS = 'ERR_POOL_SERVER_OPTIONS';

export class ServerOptionsError extends HashpoolError {
  constructor(message: string) {
    super(ERR_POOL_SERVER_OPTIONS, `stratum server options: ${message}`);
  }
}

function positive(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function integerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function checkPort(port: PortOptions, index: number): void {
  const at = `ports[${index}]`;
  if (!integerIn(port.port, 0, 65535)) throw new ServerOptionsError(`${at}.port must be an integer in [0, 65535]`);
  if (!positive(port.difficulty)) throw new ServerOptionsError(`${at}.difficulty must be a positive number`);
  const v = port.vardiff;
  if (typeof v !== 'object' || v === null) throw new ServerOptionsError(`${at}.vardiff is required`);
  if (!positive(v.min) || !positive(v.max) || v.min > v.max) {
    throw new ServerOptionsError(`${at}.vardiff needs 0 < min <= max`);
  }
  if (!positive(v.targetSeconds) || !positive(v.retargetSeconds)) {
    throw new ServerOptionsError(`${at}.vardiff targetSeconds and retargetSeconds must be positive`);
  }
  if (port.tls !== undefined && (!Buffer.isBuffer(port.tls.cert) || !Buffer.isBuffer(port.tls.key))) {
    throw new ServerOptionsError(`${at}.tls needs cert and key Buffers (PEM)`);
  }
}

/** Throws ServerOptionsError naming the first bad field. */
export function checkServerOptions(options: StratumServerOptions): void {
  if (typeof options.host !== 'string' || options.host.length === 0) throw new ServerOptionsError('host must be a non-empty string');
  if (!integerIn(options.instanceId, 0, 0xffff)) throw new ServerOptionsError('instanceId must be an integer in [0, 65535]');
  if (!integerIn(options.extranonce2Size, 1, 16)) throw new ServerOptionsError('extranonce2Size must be an integer in [1, 16]');
  if (!integerIn(options.versionMask, 0, 0xffffffff)) throw new ServerOptionsError('versionMask must be a uint32');
  if (!integerIn(options.maxLineBytes, 256, 1 << 24)) throw new ServerOptionsError('maxLineBytes must be an integer in [256, 16 MiB]');
  if (!integerIn(options.maxConnectionsPerIp, 1, 1 << 24)) throw new ServerOptionsError('maxConnectionsPerIp must be a positive integer');
  if (!positive(options.idleTimeoutSeconds)) throw new ServerOptionsError('idleTimeoutSeconds must be positive');
  if (!positive(options.unsubscribedTimeoutSeconds)) throw new ServerOptionsError('unsubscribedTimeoutSeconds must be positive');
  const ban = options.ban;
  if (typeof ban !== 'object' || ban === null) throw new ServerOptionsError('ban is required');
  if (ban.enabled && (!(ban.invalidPercent >= 0 && ban.invalidPercent <= 100) || !integerIn(ban.checkThreshold, 1, 1 << 30) || !(ban.seconds >= 0))) {
    throw new ServerOptionsError('ban needs invalidPercent in [0, 100], checkThreshold >= 1 and seconds >= 0');
  }
  if (options.difficultyFactor !== undefined && !positive(options.difficultyFactor)) {
    throw new ServerOptionsError('difficultyFactor must be positive');
  }
  if (options.maxWriteBufferBytes !== undefined && !integerIn(options.maxWriteBufferBytes, 1024, 1 << 30)) {
    throw new ServerOptionsError('maxWriteBufferBytes must be an integer >= 1024');
  }
  if (!Array.isArray(options.ports) || options.ports.length === 0) throw new ServerOptionsError('at least one port is needed');
  options.ports.forEach(checkPort);
  const fixed = options.ports.map((p) => p.port).filter((p) => p !== 0);
  if (new Set(fixed).size !== fixed.length) throw new ServerOptionsError('ports must be distinct');
}

/** A difficulty a miner asked for, floored by the port's minimum and capped by its maximum. */
export function floorRequestedDifficulty(port: PortOptions, requested: number): number {
  return Math.min(port.vardiff.max, Math.max(port.vardiff.min, requested));
}
