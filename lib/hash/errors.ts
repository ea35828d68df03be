// Coded errors of the hashing layer. The native addon throws plain Errors carrying the
// same codes; the native wrapper re-throws them as these classes.

export const ERR_INVALID_ARGUMENT = 'ERR_HASHPOOL_INVALID_ARGUMENT';
export const ERR_UNKNOWN_BACKEND = 'ERR_HASHPOOL_UNKNOWN_BACKEND';
export const ERR_CANCELLED = 'ERR_HASHPOOL_CANCELLED';
export const ERR_TARGET = 'ERR_HASHPOOL_TARGET';
export const ERR_NATIVE_UNAVAILABLE = 'ERR_HASHPOOL_NATIVE_UNAVAILABLE';

export class HashpoolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidArgumentError extends HashpoolError {
  constructor(message: string) {
    super(ERR_INVALID_ARGUMENT, message);
  }
}

export class UnknownBackendError extends HashpoolError {
  constructor(message: string) {
    super(ERR_UNKNOWN_BACKEND, message);
  }
}

export class CancelledError extends HashpoolError {
  constructor(message = 'operation cancelled') {
    super(ERR_CANCELLED, message);
  }
}

export class TargetError extends HashpoolError {
  constructor(message: string) {
    super(ERR_TARGET, message);
  }
}

export class NativeUnavailableError extends HashpoolError {
  constructor(message: string) {
    super(ERR_NATIVE_UNAVAILABLE, message);
  }
}

/** Turns an error thrown by the addon into the matching typed error. */
export function fromNativeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as Error & { code?: unknown }).code;
  if (code === ERR_INVALID_ARGUMENT) return new InvalidArgumentError(error.message);
  if (code === ERR_UNKNOWN_BACKEND) return new UnknownBackendError(error.message);
  if (code === ERR_CANCELLED) return new CancelledError(error.message);
  return error;
}
