// The JSON-RPC envelope of stratum v1: requests {id, method, params}, replies
// {id, result, error} and notifications (requests with id null). Ids are echoed exactly
// as sent (string, number or null), whatever their type.
import { StratumProtocolError, type StratumErrorTuple } from './errors';

export type StratumId = string | number | null;

export interface StratumRequest {
  kind: 'request';
  id: StratumId;
  method: string;
  params: unknown[];
}

export interface StratumResponse {
  kind: 'response';
  id: StratumId;
  result: unknown;
  error: StratumErrorTuple | null;
}

export type StratumMessage = StratumRequest | StratumResponse;

function isId(value: unknown): value is StratumId {
  return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function parseErrorMember(value: unknown): StratumErrorTuple | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value) && typeof value[0] === 'number') {
    return [value[0], typeof value[1] === 'string' ? value[1] : String(value[1]), null];
  }
  // Some pools send {code, message} objects or bare strings; keep what they said.
  if (typeof value === 'object' && value !== null && 'code' in value) {
    const { code, message } = value as { code: unknown; message?: unknown };
    return [typeof code === 'number' ? code : 20, String(message ?? ''), null];
  }
  return [20, typeof value === 'string' ? value : JSON.stringify(value), null];
}

/**
 * One line to a message. Throws StratumProtocolError for bad JSON or a shape that is
 * neither a request nor a reply; `id` on the error is the id if one could be read, so a
 * server can still answer it.
 */
export function parseMessage(line: string): StratumMessage {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new StratumProtocolError('malformed JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StratumProtocolError('a stratum message must be a JSON object');
  }
  const object = value as Record<string, unknown>;
  const id = object.id === undefined ? null : object.id;
  if (!isId(id)) throw new StratumProtocolError('id must be a string, a number or null');
  if ('method' in object) {
    if (typeof object.method !== 'string' || object.method.length === 0) {
      throw new MalformedRequestError(id, 'method must be a non-empty string');
    }
    const params = object.params === undefined || object.params === null ? [] : object.params;
    if (!Array.isArray(params)) throw new MalformedRequestError(id, 'params must be an array');
    return { kind: 'request', id, method: object.method, params };
  }
  if ('result' in object || 'error' in object) {
    return { kind: 'response', id, result: object.result ?? null, error: parseErrorMember(object.error) };
  }
  throw new MalformedRequestError(id, 'neither a request (method) nor a reply (result/error)');
}

/** A request whose id could be read but whose shape is wrong: answer it with code 20. */
export class MalformedRequestError extends StratumProtocolError {
  constructor(
    readonly id: StratumId,
    message: string,
  ) {
    super(message);
  }
}

export function request(id: StratumId, method: string, params: unknown[]): object {
  return { id, method, params };
}

export function notification(method: string, params: unknown[]): object {
  return { id: null, method, params };
}

export function reply(id: StratumId, result: unknown): object {
  return { id, result, error: null };
}

export function errorReply(id: StratumId, error: StratumErrorTuple): object {
  return { id, result: null, error };
}
