// Messages a miner sends, each with its encoder (miner side) and decoder (pool side).
// Decoders check shape only; what depends on the session (sizes, masks, jobs) is the
// share validator's business.
import { StratumProtocolError } from './errors';
import { normalizeHex, parseHex32 } from './hex';

export const Method = {
  subscribe: 'mining.subscribe',
  authorize: 'mining.authorize',
  submit: 'mining.submit',
  configure: 'mining.configure',
  suggestDifficulty: 'mining.suggest_difficulty',
  suggestTarget: 'mining.suggest_target',
  extranonceSubscribe: 'mining.extranonce.subscribe',
  getTransactions: 'mining.get_transactions',
  ping: 'mining.ping',
  notify: 'mining.notify',
  setDifficulty: 'mining.set_difficulty',
  setExtranonce: 'mining.set_extranonce',
  setVersionMask: 'mining.set_version_mask',
  reconnect: 'client.reconnect',
  showMessage: 'client.show_message',
  getVersion: 'client.get_version',
} as const;

export interface SubscribeParams {
  userAgent?: string;
  /** A session id from an earlier subscribe reply, to get the same extranonce1 back. */
  sessionId?: string;
}

export function encodeSubscribe(params: SubscribeParams): unknown[] {
  const out: unknown[] = [params.userAgent ?? 'hashpool'];
  if (params.sessionId !== undefined) out.push(params.sessionId);
  return out;
}

export function decodeSubscribe(params: readonly unknown[]): SubscribeParams {
  const [userAgent, sessionId] = params;
  const out: SubscribeParams = {};
  if (typeof userAgent === 'string') out.userAgent = userAgent.slice(0, 256);
  if (typeof sessionId === 'string' && sessionId.length > 0) out.sessionId = normalizeHex(sessionId, 'session id');
  return out;
}

export interface AuthorizeParams {
  user: string;
  password: string;
}

export function encodeAuthorize(params: AuthorizeParams): unknown[] {
  return [params.user, params.password];
}

export function decodeAuthorize(params: readonly unknown[]): AuthorizeParams {
  const [user, password] = params;
  if (typeof user !== 'string' || user.length === 0 || user.length > 256) {
    throw new StratumProtocolError('username must be a non-empty string of at most 256 characters');
  }
  if (password !== undefined && password !== null && typeof password !== 'string') {
    throw new StratumProtocolError('password must be a string');
  }
  return { user, password: password ?? '' };
}

/** A submitted share; hex fields lowercased, widths not yet checked. */
export interface SubmitParams {
  worker: string;
  jobId: string;
  extranonce2: string;
  ntime: string;
  nonce: string;
  versionBits?: string;
}

export function encodeSubmit(params: SubmitParams): unknown[] {
  const out: unknown[] = [params.worker, params.jobId, params.extranonce2, params.ntime, params.nonce];
  if (params.versionBits !== undefined) out.push(params.versionBits);
  return out;
}

export function decodeSubmit(params: readonly unknown[]): SubmitParams {
  if (params.length < 5 || params.length > 6) {
    throw new StratumProtocolError('mining.submit takes [worker, job_id, extranonce2, ntime, nonce, version_bits?]');
  }
  const [worker, jobId, extranonce2, ntime, nonce, versionBits] = params;
  if (typeof worker !== 'string') throw new StratumProtocolError('worker must be a string');
  if (typeof jobId !== 'string' && typeof jobId !== 'number') throw new StratumProtocolError('job_id must be a string');
  const out: SubmitParams = {
    worker,
    jobId: String(jobId),
    extranonce2: normalizeHex(extranonce2, 'extranonce2'),
    ntime: normalizeHex(ntime, 'ntime'),
    nonce: normalizeHex(nonce, 'nonce'),
  };
  if (versionBits !== undefined && versionBits !== null) out.versionBits = normalizeHex(versionBits, 'version_bits');
  return out;
}

export interface ConfigureParams {
  extensions: string[];
  parameters: Record<string, unknown>;
}

export function encodeConfigure(params: ConfigureParams): unknown[] {
  return [params.extensions, params.parameters];
}

export function decodeConfigure(params: readonly unknown[]): ConfigureParams {
  const [extensions, parameters] = params;
  if (!Array.isArray(extensions) || !extensions.every((e): e is string => typeof e === 'string')) {
    throw new StratumProtocolError('mining.configure takes [[extension names], {parameters}]');
  }
  if (parameters !== undefined && (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters))) {
    throw new StratumProtocolError('mining.configure parameters must be an object');
  }
  return { extensions, parameters: { ...((parameters ?? {}) as Record<string, unknown>) } };
}

/** BIP310 masks are 8 hex digits. */
export function parseVersionMask(value: unknown, field: string): number {
  if (typeof value !== 'string') throw new StratumProtocolError(`${field} must be 8 hex digits`);
  return parseHex32(value.toLowerCase(), field);
}

/** suggest_difficulty: a number, or a numeric string as some miners (cpuminer-opt) send. */
export function decodeSuggestDifficulty(params: readonly unknown[]): number {
  const [value] = params;
  const difficulty = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof difficulty !== 'number' || !Number.isFinite(difficulty) || difficulty <= 0) {
    throw new StratumProtocolError('difficulty must be a positive number');
  }
  return difficulty;
}

/** suggest_target: a 64-digit hex target, read big-endian. */
export function decodeSuggestTarget(params: readonly unknown[]): bigint {
  const hex = normalizeHex(params[0], 'target');
  if (hex.length === 0 || hex.length > 64) throw new StratumProtocolError('target must be at most 64 hex digits');
  const target = BigInt(`0x${hex}`);
  if (target === 0n) throw new StratumProtocolError('target must not be zero');
  return target;
}

/**
 * The exact shape nearly every miner sends for mining.submit, lowercase hex, no spaces:
 * {"id":<int or plain string>,"method":"mining.submit","params":["w","j","e2","t","n"(,"vb")?]}
 * Strings hold no quote, backslash or control character, so no JSON unescaping is needed.
 */
const PLAIN = '"([^"\\\\\\u0000-\\u001f]*)"';
const LOWER_HEX = '"((?:[0-9a-f]{2})*)"';
const SUBMIT_LINE = new RegExp(
  `^\\{"id":(0|[1-9][0-9]{0,14}|"[^"\\\\\\u0000-\\u001f]*"),"method":"mining\\.submit","params":\\[` +
    `${PLAIN},${PLAIN},${LOWER_HEX},${LOWER_HEX},${LOWER_HEX}(?:,${LOWER_HEX})?\\]\\}$`,
);

/**
 * A fast path for a server's hottest line: the id and decoded params of a mining.submit in
 * the common shape, or undefined for anything else (the caller then takes the general path,
 * JSON.parse and decodeSubmit, which gives the same result for lines this accepts).
 */
export function parseSubmitLine(line: string): { id: number | string; params: SubmitParams } | undefined {
  const m = SUBMIT_LINE.exec(line);
  if (m === null) return undefined;
  const rawId = m[1];
  const id = rawId.charCodeAt(0) === 0x22 ? rawId.slice(1, -1) : Number(rawId);
  const params: SubmitParams = { worker: m[2], jobId: m[3], extranonce2: m[4], ntime: m[5], nonce: m[6] };
  if (m[7] !== undefined) params.versionBits = m[7];
  return { id, params };
}
