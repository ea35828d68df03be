// Checks records at the boundary so that neither backend ever stores something the other
// could not read back (NaN difficulties, non-string workers, unknown statuses).

import { BLOCK_STATUSES, type BlockRecord, type BlockStatus, type BlockUpdate, type ShareRecord } from './types';
import { ERR_SHARELOG_INVALID_RECORD, ShareLogError } from './errors';

// Stratum usernames and job ids are short; a cap stops a misbehaving caller filling the log.
const MAX_TEXT = 512;

function fail(what: string): never {
  throw new ShareLogError(ERR_SHARELOG_INVALID_RECORD, what);
}

function text(value: unknown, name: string, allowEmpty = false): void {
  if (typeof value !== 'string') fail(`${name} must be a string`);
  if (!allowEmpty && value.length === 0) fail(`${name} must not be empty`);
  if (value.length > MAX_TEXT) fail(`${name} is longer than ${MAX_TEXT} characters`);
}

function finite(value: unknown, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${name} must be a finite number`);
}

function nonNegativeInteger(value: unknown, name: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) fail(`${name} must be a non-negative integer`);
}

function positive(value: unknown, name: string): void {
  finite(value, name);
  if ((value as number) <= 0) fail(`${name} must be > 0`);
}

export function validateShare(share: ShareRecord): void {
  if (typeof share !== 'object' || share === null) fail('share must be an object');
  finite(share.time, 'time');
  nonNegativeInteger(share.poolInstance, 'poolInstance');
  text(share.worker, 'worker');
  text(share.user, 'user');
  positive(share.difficulty, 'difficulty');
  positive(share.shareDifficulty, 'shareDifficulty');
  positive(share.networkDifficulty, 'networkDifficulty');
  nonNegativeInteger(share.height, 'height');
  text(share.jobId, 'jobId', true);
  text(share.hash, 'hash');
  if (typeof share.blockCandidate !== 'boolean') fail('blockCandidate must be a boolean');
  text(share.ip, 'ip', true);
}

export function validateStatus(status: unknown): asserts status is BlockStatus {
  if (!BLOCK_STATUSES.includes(status as BlockStatus)) fail(`status must be one of ${BLOCK_STATUSES.join(', ')}`);
}

export function validateBlock(block: BlockRecord): void {
  if (typeof block !== 'object' || block === null) fail('block must be an object');
  nonNegativeInteger(block.height, 'height');
  text(block.hash, 'hash');
  finite(block.time, 'time');
  text(block.worker, 'worker', true);
  text(block.user, 'user', true);
  if (typeof block.reward !== 'bigint' || block.reward < 0n) fail('reward must be a non-negative bigint');
  validateStatus(block.status);
  if (block.submitResult !== null) text(block.submitResult, 'submitResult', true);
  nonNegativeInteger(block.confirmations, 'confirmations');
  nonNegativeInteger(block.poolInstance, 'poolInstance');
}

export function validateUpdate(hash: string, update: BlockUpdate): void {
  text(hash, 'hash');
  if (typeof update !== 'object' || update === null) fail('update must be an object');
  validateStatus(update.status);
  nonNegativeInteger(update.confirmations, 'confirmations');
}

export function validateLimit(limit: number): void {
  nonNegativeInteger(limit, 'limit');
}

export function validateWindow(windowDifficulty: number): void {
  finite(windowDifficulty, 'windowDifficulty');
}

export function validateCutoff(olderThanMs: number): void {
  finite(olderThanMs, 'olderThanMs');
}

/**
 * The keys a block lookup tries, in order: the pool writes lowercase display hex, and the
 * hash as given is tried too, for any other writer.
 */
export function blockLookupKeys(hash: string): string[] {
  text(hash, 'hash');
  return [...new Set([hash.toLowerCase(), hash])];
}
