// Messages a pool sends (replies with structure, and notifications), each with its
// encoder (pool side) and decoder (miner side).
import { StratumProtocolError } from './errors';
import { hex32, normalizeHex, parseHex32 } from './hex';

export interface SubscribeResult {
  /** Subscription ids per notification; the first id doubles as the resumable session id. */
  subscriptions: Array<[string, string]>;
  extranonce1: Buffer;
  extranonce2Size: number;
}

export function encodeSubscribeResult(sessionId: string, extranonce1: Buffer, extranonce2Size: number): unknown {
  return [
    [
      ['mining.set_difficulty', sessionId],
      ['mining.notify', sessionId],
    ],
    extranonce1.toString('hex'),
    extranonce2Size,
  ];
}

function checkExtranonce2Size(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 32) {
    throw new StratumProtocolError('extranonce2_size must be an integer in [0, 32]');
  }
  return value;
}

export function decodeSubscribeResult(result: unknown): SubscribeResult {
  if (!Array.isArray(result) || result.length < 3) {
    throw new StratumProtocolError('subscribe result must be [subscriptions, extranonce1, extranonce2_size]');
  }
  const [subs, extranonce1, size] = result;
  const subscriptions: Array<[string, string]> = [];
  // Pools send either [[name, id], ...] or a single [name, id] pair.
  const list: unknown[] = Array.isArray(subs) && Array.isArray(subs[0]) ? subs : [subs];
  for (const entry of list) {
    if (Array.isArray(entry) && typeof entry[0] === 'string') subscriptions.push([entry[0], String(entry[1])]);
  }
  return {
    subscriptions,
    extranonce1: Buffer.from(normalizeHex(extranonce1, 'extranonce1'), 'hex'),
    extranonce2Size: checkExtranonce2Size(size),
  };
}

/** mining.notify as a miner reads it: bytes and numbers ready for header building. */
export interface NotifyParams {
  jobId: string;
  /** Internal byte order (the notify form has each 4-byte word swapped). */
  prevHash: Buffer;
  coinb1: Buffer;
  coinb2: Buffer;
  merkleBranch: Buffer[];
  version: number;
  bits: number;
  time: number;
  cleanJobs: boolean;
}

export function encodeNotify(params: NotifyParams): unknown[] {
  const prevHash = Buffer.from(params.prevHash);
  prevHash.swap32();
  return [
    params.jobId,
    prevHash.toString('hex'),
    params.coinb1.toString('hex'),
    params.coinb2.toString('hex'),
    params.merkleBranch.map((h) => h.toString('hex')),
    hex32(params.version),
    hex32(params.bits),
    hex32(params.time),
    params.cleanJobs,
  ];
}

export function decodeNotify(params: readonly unknown[]): NotifyParams {
  if (params.length < 9) throw new StratumProtocolError('mining.notify takes 9 params');
  const [jobId, prevHashHex, coinb1, coinb2, branch, version, bits, time, cleanJobs] = params;
  if (typeof jobId !== 'string' && typeof jobId !== 'number') throw new StratumProtocolError('job_id must be a string');
  const prevHash = Buffer.from(normalizeHex(prevHashHex, 'prevhash'), 'hex');
  if (prevHash.length !== 32) throw new StratumProtocolError('prevhash must be 32 bytes');
  prevHash.swap32();
  if (!Array.isArray(branch)) throw new StratumProtocolError('merkle_branch must be an array');
  const merkleBranch = branch.map((h, i) => {
    const bytes = Buffer.from(normalizeHex(h, `merkle_branch[${i}]`), 'hex');
    if (bytes.length !== 32) throw new StratumProtocolError(`merkle_branch[${i}] must be 32 bytes`);
    return bytes;
  });
  const hex8 = (value: unknown, field: string): number => parseHex32(normalizeHex(value, field), field);
  return {
    jobId: String(jobId),
    prevHash,
    coinb1: Buffer.from(normalizeHex(coinb1, 'coinb1'), 'hex'),
    coinb2: Buffer.from(normalizeHex(coinb2, 'coinb2'), 'hex'),
    merkleBranch,
    version: hex8(version, 'version'),
    bits: hex8(bits, 'nbits'),
    time: hex8(time, 'ntime'),
    cleanJobs: cleanJobs === true,
  };
}

export function encodeSetDifficulty(difficulty: number): unknown[] {
  return [difficulty];
}

export function decodeSetDifficulty(params: readonly unknown[]): number {
  const [value] = params;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new StratumProtocolError('difficulty must be a positive number');
  }
  return value;
}

export interface SetExtranonceParams {
  extranonce1: Buffer;
  extranonce2Size: number;
}

export function encodeSetExtranonce(params: SetExtranonceParams): unknown[] {
  return [params.extranonce1.toString('hex'), params.extranonce2Size];
}

export function decodeSetExtranonce(params: readonly unknown[]): SetExtranonceParams {
  return {
    extranonce1: Buffer.from(normalizeHex(params[0], 'extranonce1'), 'hex'),
    extranonce2Size: checkExtranonce2Size(params[1]),
  };
}

export function encodeVersionMask(mask: number): string {
  return hex32(mask);
}

export interface ReconnectParams {
  host?: string;
  port?: number;
  waitSeconds?: number;
}

export function encodeReconnect(params: ReconnectParams): unknown[] {
  if (params.host === undefined) return [];
  return [params.host, params.port ?? 0, params.waitSeconds ?? 0];
}

export function decodeReconnect(params: readonly unknown[]): ReconnectParams {
  const [host, port, wait] = params;
  const out: ReconnectParams = {};
  if (typeof host === 'string' && host.length > 0) out.host = host;
  const portNumber = typeof port === 'string' ? Number(port) : port;
  if (typeof portNumber === 'number' && Number.isInteger(portNumber) && portNumber > 0 && portNumber < 65536) out.port = portNumber;
  const waitNumber = typeof wait === 'string' ? Number(wait) : wait;
  if (typeof waitNumber === 'number' && Number.isFinite(waitNumber) && waitNumber >= 0) out.waitSeconds = Math.min(waitNumber, 3600);
  return out;
}
