// Coded errors of the share log. Every failure a caller can see is one of these.

import { HashpoolError } from '../hash/errors';

export const ERR_SHARELOG_INVALID_RECORD = 'ERR_SHARELOG_INVALID_RECORD';
export const ERR_SHARELOG_CLOSED = 'ERR_SHARELOG_CLOSED';
export const ERR_SHARELOG_OPEN = 'ERR_SHARELOG_OPEN';
export const ERR_SHARELOG_WRITE = 'ERR_SHARELOG_WRITE';
export const ERR_SHARELOG_READ = 'ERR_SHARELOG_READ';
export const ERR_SHARELOG_UNKNOWN_BLOCK = 'ERR_SHARELOG_UNKNOWN_BLOCK';
export const ERR_SHARELOG_UNAVAILABLE = 'ERR_SHARELOG_UNAVAILABLE';
export const ERR_SHARELOG_BUFFER_WRITE = 'ERR_SHARELOG_BUFFER_WRITE';
export const ERR_SHARELOG_BUFFER_LOCKED = 'ERR_SHARELOG_BUFFER_LOCKED';
export const ERR_SHARELOG_CORRUPT_BUFFER = 'ERR_SHARELOG_CORRUPT_BUFFER';

export const SHARELOG_ERROR_CODES: readonly string[] = [
  ERR_SHARELOG_INVALID_RECORD,
  ERR_SHARELOG_CLOSED,
  ERR_SHARELOG_OPEN,
  ERR_SHARELOG_WRITE,
  ERR_SHARELOG_READ,
  ERR_SHARELOG_UNKNOWN_BLOCK,
  ERR_SHARELOG_UNAVAILABLE,
  ERR_SHARELOG_BUFFER_WRITE,
  ERR_SHARELOG_BUFFER_LOCKED,
  ERR_SHARELOG_CORRUPT_BUFFER,
];

export class ShareLogError extends HashpoolError {
  constructor(
    code: string,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(code, message);
  }
}

/** Wraps anything thrown by a backend, keeping ShareLogErrors as they are. */
export function toShareLogError(code: string, what: string, error: unknown): ShareLogError {
  if (error instanceof ShareLogError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ShareLogError(code, `${what}: ${detail}`, error);
}
