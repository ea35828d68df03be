// Wire formats of the Redis backend, kept apart from its logic: the operations of a batch,
// as buffer-file JSON lines and as Lua script arguments, and records read back from Redis.

import { ERR_SHARELOG_CORRUPT_BUFFER, ERR_SHARELOG_READ, ShareLogError } from './errors';
import type { WindowShare } from './pplns';
import type { BlockRecord, BlockStatus, ShareRecord } from './types';
import { validateBlock, validateShare, validateUpdate } from './validate';

/** One write of the Redis backend. Shares carry (session, seq): the replay guard's key. */
export type LogOp =
  | { k: 's'; session: string; seq: number; share: ShareRecord }
  | { k: 'b'; block: BlockRecord }
  | { k: 'u'; hash: string; status: BlockStatus; confirmations: number };

/** Script arguments per op kind (the kind itself included); the Lua script steps by these. */
export const SHARE_ARGS = 15;
export const BLOCK_ARGS = 6;
export const UPDATE_ARGS = 4;

export function encodeOpLine(op: LogOp): string {
  if (op.k === 'b') return JSON.stringify({ k: 'b', r: { ...op.block, reward: op.block.reward.toString() } });
  return JSON.stringify(op);
}

function corrupt(reason: string): never {
  throw new ShareLogError(ERR_SHARELOG_CORRUPT_BUFFER, reason);
}

/** Throws ShareLogError(ERR_SHARELOG_CORRUPT_BUFFER) for anything that is not a whole, valid op. */
export function decodeOpLine(line: string): LogOp {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    corrupt('not JSON');
  }
  if (typeof value !== 'object' || value === null) corrupt('not an object');
  const o = value as Record<string, unknown>;
  try {
    if (o.k === 's') {
      if (typeof o.session !== 'string' || o.session.length === 0) corrupt('share without session');
      if (typeof o.seq !== 'number' || !Number.isSafeInteger(o.seq) || o.seq < 1) corrupt('share without seq');
      const share = o.share as ShareRecord;
      validateShare(share);
      return { k: 's', session: o.session, seq: o.seq, share };
    }
    if (o.k === 'b') {
      const r = o.r as Record<string, unknown> | null;
      if (typeof r !== 'object' || r === null || typeof r.reward !== 'string' || !/^\d+$/.test(r.reward)) corrupt('bad block');
      const block = { ...r, reward: BigInt(r.reward) } as unknown as BlockRecord;
      validateBlock(block);
      return { k: 'b', block };
    }
    if (o.k === 'u') {
      const update = { status: o.status as BlockStatus, confirmations: o.confirmations as number };
      validateUpdate(o.hash as string, update);
      return { k: 'u', hash: o.hash as string, ...update };
    }
  } catch (error) {
    if (error instanceof ShareLogError && error.code === ERR_SHARELOG_CORRUPT_BUFFER) throw error;
    corrupt(error instanceof Error ? error.message : String(error));
  }
  return corrupt(`unknown op kind ${String(o.k)}`);
}

/** Immutable part of a block, stored as one JSON field; status and confirmations change. */
function blockData(b: BlockRecord): string {
  return JSON.stringify({
    height: b.height,
    time: b.time,
    worker: b.worker,
    user: b.user,
    reward: b.reward.toString(),
    submitResult: b.submitResult,
    poolInstance: b.poolInstance,
  });
}

export function opArgs(op: LogOp, out: string[]): void {
  if (op.k === 's') {
    const s = op.share;
    out.push('s', op.session, String(op.seq), String(s.time), String(s.poolInstance), s.worker, s.user, String(s.difficulty),
      String(s.shareDifficulty), String(s.networkDifficulty), String(s.height), s.jobId, s.hash, s.blockCandidate ? '1' : '0', s.ip);
  } else if (op.k === 'b') {
    const b = op.block;
    out.push('b', b.hash, String(b.time), b.status, String(b.confirmations), blockData(b));
  } else {
    out.push('u', op.hash, op.status, String(op.confirmations));
  }
}

function fieldMap(fields: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
  return map;
}

/** A share read back from the stream (fields as written by the batch script). */
export function shareFromFields(fields: string[]): ShareRecord & { id: string } {
  const f = fieldMap(fields);
  const get = (name: string): string => {
    const value = f.get(name);
    if (value === undefined) throw new ShareLogError(ERR_SHARELOG_READ, `stream entry without field ${name}`);
    return value;
  };
  return {
    id: get('id'),
    time: Number(get('t')),
    poolInstance: Number(get('pi')),
    worker: get('w'),
    user: get('u'),
    difficulty: Number(get('d')),
    shareDifficulty: Number(get('sd')),
    networkDifficulty: Number(get('nd')),
    height: Number(get('h')),
    jobId: get('j'),
    hash: get('x'),
    blockCandidate: get('b') === '1',
    ip: get('ip'),
  };
}

/** What the PPLNS window walk needs of a stream entry: user, difficulty and share time. */
export function windowFields(fields: string[]): WindowShare {
  const share: WindowShare = { user: '', difficulty: 0, time: Number.NaN };
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === 'u') share.user = fields[i + 1];
    else if (fields[i] === 'd') share.difficulty = Number(fields[i + 1]);
    else if (fields[i] === 't') share.time = Number(fields[i + 1]);
  }
  return share;
}

export function blockFromHash(hash: string, h: Record<string, string>): BlockRecord {
  if (h.data === undefined) throw new ShareLogError(ERR_SHARELOG_READ, `block ${hash} has no data`);
  const d = JSON.parse(h.data) as Omit<BlockRecord, 'hash' | 'reward' | 'status' | 'confirmations'> & { reward: string };
  return {
    height: d.height,
    hash,
    time: d.time,
    worker: d.worker,
    user: d.user,
    reward: BigInt(d.reward),
    status: h.status as BlockStatus,
    submitResult: d.submitResult,
    confirmations: Number(h.confirmations),
    poolInstance: d.poolInstance,
  };
}
