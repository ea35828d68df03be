// Coded errors of the monitor. HttpError carries the status an endpoint answers with, so
// route code can throw and one place turns it into the JSON error body.

import { HashpoolError } from '../hash/errors';

export const ERR_MONITOR_INVALID_ARGUMENT = 'ERR_MONITOR_INVALID_ARGUMENT';
export const ERR_MONITOR_BAD_REQUEST = 'ERR_MONITOR_BAD_REQUEST';
export const ERR_MONITOR_FORBIDDEN = 'ERR_MONITOR_FORBIDDEN';
export const ERR_MONITOR_NOT_FOUND = 'ERR_MONITOR_NOT_FOUND';
export const ERR_MONITOR_METHOD_NOT_ALLOWED = 'ERR_MONITOR_METHOD_NOT_ALLOWED';
export const ERR_MONITOR_BODY_TOO_LARGE = 'ERR_MONITOR_BODY_TOO_LARGE';
export const ERR_MONITOR_INTERNAL = 'ERR_MONITOR_INTERNAL';
export const ERR_MONITOR_LISTEN = 'ERR_MONITOR_LISTEN';

export const MONITOR_ERROR_CODES: readonly string[] = [
  ERR_MONITOR_INVALID_ARGUMENT,
  ERR_MONITOR_BAD_REQUEST,
  ERR_MONITOR_FORBIDDEN,
  ERR_MONITOR_NOT_FOUND,
  ERR_MONITOR_METHOD_NOT_ALLOWED,
  ERR_MONITOR_BODY_TOO_LARGE,
  ERR_MONITOR_INTERNAL,
  ERR_MONITOR_LISTEN,
];

export class MonitorError extends HashpoolError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

/** Bad values handed to PoolStats or the server options by the pool (not by a client). */
export class MonitorArgumentError extends MonitorError {
  constructor(message: string) {
    super(ERR_MONITOR_INVALID_ARGUMENT, message);
  }
}

/** An error an HTTP client sees as `{error: {code, message}}` with `status`. */
export class HttpError extends MonitorError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(code, message);
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, ERR_MONITOR_BAD_REQUEST, message);
export const forbidden = (message: string): HttpError => new HttpError(403, ERR_MONITOR_FORBIDDEN, message);
export const notFound = (message: string): HttpError => new HttpError(404, ERR_MONITOR_NOT_FOUND, message);
export const methodNotAllowed = (allowed: readonly string[]): HttpError =>
  new HttpError(405, ERR_MONITOR_METHOD_NOT_ALLOWED, `method not allowed; use ${allowed.join(', ')}`, {
    Allow: allowed.join(', '),
  });
export const bodyTooLarge = (limit: number): HttpError =>
  new HttpError(413, ERR_MONITOR_BODY_TOO_LARGE, `request body over ${limit} bytes`);
