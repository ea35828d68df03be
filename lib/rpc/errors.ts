// Coded errors of the coin-daemon RPC layer. Transport failures (everything except RpcError)
// mean "this daemon did not answer"; RpcError means it did answer, with a JSON error object.

import { HashpoolError } from '../hash/errors';

export const ERR_RPC_ERROR = 'ERR_RPC_ERROR';
export const ERR_RPC_AUTH = 'ERR_RPC_AUTH';
export const ERR_RPC_HTTP = 'ERR_RPC_HTTP';
export const ERR_RPC_TIMEOUT = 'ERR_RPC_TIMEOUT';
export const ERR_RPC_CONNECTION = 'ERR_RPC_CONNECTION';
export const ERR_RPC_PROTOCOL = 'ERR_RPC_PROTOCOL';
export const ERR_RPC_NO_HEALTHY_DAEMON = 'ERR_RPC_NO_HEALTHY_DAEMON';
export const ERR_RPC_INVALID_OPTIONS = 'ERR_RPC_INVALID_OPTIONS';

/**
 * The daemon answered with a JSON-RPC error object (e.g. -8, -9, -28, -32601). `code` is the
 * project's string code (HashpoolError owns that name), so the daemon's number is `rpcCode`.
 */
export class RpcError extends HashpoolError {
  constructor(
    readonly rpcCode: number,
    readonly rpcMessage: string,
    readonly method: string,
    readonly daemon: string,
  ) {
    super(ERR_RPC_ERROR, `${daemon}: ${method} failed with RPC error ${rpcCode}: ${rpcMessage}`);
  }
}

/** HTTP 401: wrong credentials or a stale cookie. The daemon sends an empty body. */
export class RpcAuthError extends HashpoolError {
  constructor(
    readonly method: string,
    readonly daemon: string,
  ) {
    super(ERR_RPC_AUTH, `${daemon}: ${method} rejected with HTTP 401 (wrong RPC user/password or cookie)`);
  }
}

/** Any other HTTP failure whose body is not a JSON-RPC reply. */
export class RpcHttpError extends HashpoolError {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly daemon: string,
    readonly body: string,
  ) {
    super(ERR_RPC_HTTP, `${daemon}: ${method} got HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
  }
}

export class RpcTimeoutError extends HashpoolError {
  constructor(
    readonly timeoutMs: number,
    readonly method: string,
    readonly daemon: string,
  ) {
    super(ERR_RPC_TIMEOUT, `${daemon}: ${method} timed out after ${timeoutMs} ms`);
  }
}

/** The TCP connection failed: refused, reset, unreachable, DNS failure... `errno` is Node's code. */
export class RpcConnectionError extends HashpoolError {
  constructor(
    readonly errno: string,
    readonly method: string,
    readonly daemon: string,
    detail: string,
  ) {
    super(ERR_RPC_CONNECTION, `${daemon}: ${method} connection failed (${errno}): ${detail}`);
  }
}

/** The reply could not be understood: malformed JSON, wrong shape or an id that is not ours. */
export class RpcProtocolError extends HashpoolError {
  constructor(
    readonly method: string,
    readonly daemon: string,
    detail: string,
  ) {
    super(ERR_RPC_PROTOCOL, `${daemon}: ${method} bad reply: ${detail}`);
  }
}

export class NoHealthyDaemonError extends HashpoolError {
  constructor(
    readonly method: string,
    /** The transport error each daemon gave for this call, by daemon name. */
    readonly failures: ReadonlyMap<string, Error>,
  ) {
    const detail = [...failures].map(([name, error]) => `${name}: ${error.message}`).join('; ');
    super(ERR_RPC_NO_HEALTHY_DAEMON, `no healthy daemon for ${method}${detail ? ` (${detail})` : ''}`);
  }
}

/** A caller mistake, not a daemon problem: unparsable URL, no daemons, params that are not JSON. */
export class RpcOptionsError extends HashpoolError {
  constructor(message: string) {
    super(ERR_RPC_INVALID_OPTIONS, message);
  }
}

/** Errors that mean the daemon is unusable, so the pool may try another one. */
export function isTransportError(error: unknown): boolean {
  return (
    error instanceof RpcAuthError ||
    error instanceof RpcHttpError ||
    error instanceof RpcTimeoutError ||
    error instanceof RpcConnectionError ||
    error instanceof RpcProtocolError
  );
}
