// JSON-RPC 1.0 over HTTP to one coin daemon (bitcoind/litecoind style). Every failure ends as
// a rejected promise carrying one of the typed errors in ./errors; nothing is thrown
// synchronously and no socket error is left without a listener.

import http from 'node:http';
import { readFile } from 'node:fs/promises';
import {
  RpcAuthError,
  RpcConnectionError,
  RpcError,
  RpcHttpError,
  RpcOptionsError,
  RpcProtocolError,
  RpcTimeoutError,
} from './errors';

export interface DaemonOptions {
  /** http://user:pass@host:port; the credentials may be left out when cookieFile is given. */
  url: string;
  /** The daemon's .cookie file: read before the first call and again after every HTTP 401. */
  cookieFile?: string;
  /** Per-call timeout; default 10 000 ms. */
  timeoutMs?: number;
  /** Name used in errors and pool events; default host:port. */
  name?: string;
}

export interface CallOptions {
  timeoutMs?: number;
  /** Sends the call to /wallet/<name>, needed once more than one wallet is loaded. */
  wallet?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
// A mainnet getblocktemplate is a few MB; anything far beyond that is not a sane reply.
const MAX_REPLY_BYTES = 64 * 1024 * 1024;

interface HttpReply {
  status: number;
  body: string;
}

export class DaemonClient {
  readonly name: string;
  private readonly host: string;
  private readonly port: number;
  private readonly timeoutMs: number;
  private readonly cookieFile: string | undefined;
  private readonly agent: http.Agent;
  private authHeader: string | undefined;
  private nextId = 1;
  private closed = false;

  constructor(options: DaemonOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new RpcOptionsError(`invalid daemon URL: ${redact(options.url)}`);
    }
    if (url.protocol !== 'http:') throw new RpcOptionsError(`daemon URL must be http://, got ${url.protocol}`);
    if (!url.port) throw new RpcOptionsError(`daemon URL needs an explicit port: ${redact(options.url)}`);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RpcOptionsError(`invalid timeoutMs: ${timeoutMs}`);
    // URL keeps IPv6 literals in brackets; http.request wants them bare.
    this.host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = Number(url.port);
    this.timeoutMs = timeoutMs;
    this.cookieFile = options.cookieFile;
    this.name = options.name ?? `${url.hostname}:${url.port}`;
    if (url.username || url.password) {
      this.authHeader = basicAuth(decodeURIComponent(url.username), decodeURIComponent(url.password));
    }
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  }

  /** Calls `method` and resolves with its `result`; see ./errors for the ways it can fail. */
  async call<T>(method: string, params: readonly unknown[] = [], options: CallOptions = {}): Promise<T> {
    if (this.closed) throw new RpcConnectionError('ECLOSED', method, this.name, 'client closed');
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const path = options.wallet === undefined ? '/' : `/wallet/${encodeURIComponent(options.wallet)}`;
    const id = this.nextId++;
    let body: string;
    try {
      body = JSON.stringify({ jsonrpc: '1.0', id, method, params });
    } catch (error) {
      // Not a transport error on purpose: a pool must not mark daemons down for a caller bug.
      throw new RpcOptionsError(`${method}: params cannot be sent as JSON: ${String(error)}`);
    }
    if (this.authHeader === undefined && this.cookieFile !== undefined) await this.readCookie(method);

    const deadline = Date.now() + timeoutMs;
    let reply = await this.post(method, path, body, deadline, timeoutMs);
    if (reply.status === 401 && this.cookieFile !== undefined) {
      // The daemon writes a new cookie on every start; the one we hold may be from before a restart.
      await this.readCookie(method);
      reply = await this.post(method, path, body, deadline, timeoutMs);
    }
    return this.decode<T>(method, id, reply);
  }

  /** Drops the pooled keep-alive sockets; later calls fail with RpcConnectionError ECLOSED. */
  close(): void {
    this.closed = true;
    this.agent.destroy();
  }

  private async readCookie(method: string): Promise<void> {
    const file = this.cookieFile as string;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      // The daemon deletes its cookie on shutdown, so a missing file means "not running".
      throw new RpcConnectionError(errnoOf(error), method, this.name, `cannot read cookie file ${file}`);
    }
    const line = text.trim();
    const colon = line.indexOf(':');
    if (colon < 0) throw new RpcProtocolError(method, this.name, `cookie file ${file} has no user:password`);
    this.authHeader = basicAuth(line.slice(0, colon), line.slice(colon + 1));
  }

  private async post(method: string, path: string, body: string, deadline: number, timeoutMs: number): Promise<HttpReply> {
    // A keep-alive socket the daemon closed while idle fails at once with ECONNRESET; that
    // one case is safe to send again because the daemon never saw the request.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.postOnce(method, path, body, deadline, timeoutMs);
      } catch (error) {
        if (attempt === 0 && error instanceof StaleSocketError) continue;
        if (error instanceof StaleSocketError) throw error.cause;
        throw error;
      }
    }
  }

  private postOnce(method: string, path: string, body: string, deadline: number, timeoutMs: number): Promise<HttpReply> {
    return new Promise<HttpReply>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, reply?: HttpReply): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(reply as HttpReply);
      };
      const headers: http.OutgoingHttpHeaders = {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
      };
      if (this.authHeader !== undefined) headers.Authorization = this.authHeader;
      const request = http.request({ host: this.host, port: this.port, method: 'POST', path, headers, agent: this.agent });
      const timer = setTimeout(() => {
        finish(new RpcTimeoutError(timeoutMs, method, this.name));
        request.destroy();
      }, Math.max(0, deadline - Date.now()));

      request.on('error', (error: Error) => {
        const errno = errnoOf(error);
        const wrapped = new RpcConnectionError(errno, method, this.name, error.message);
        if (request.reusedSocket && errno === 'ECONNRESET' && !settled) finish(new StaleSocketError(wrapped));
        else finish(wrapped);
      });
      request.on('response', (response: http.IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_REPLY_BYTES) {
            finish(new RpcProtocolError(method, this.name, `reply larger than ${MAX_REPLY_BYTES} bytes`));
            request.destroy();
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (error: Error) => {
          finish(new RpcConnectionError(errnoOf(error), method, this.name, error.message));
        });
        response.on('aborted', () => {
          finish(new RpcConnectionError('ECONNRESET', method, this.name, 'reply cut off'));
        });
        response.on('end', () => {
          finish(undefined, { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      request.end(body);
    });
  }

  private decode<T>(method: string, id: number, reply: HttpReply): T {
    if (reply.status === 401) throw new RpcAuthError(method, this.name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(reply.body);
    } catch {
      // Non-JSON bodies come from the HTTP layer (403 rpcallowip, 405, proxies), not from RPC.
      if (reply.status !== 200) throw new RpcHttpError(reply.status, method, this.name, reply.body);
      throw new RpcProtocolError(method, this.name, `malformed JSON: ${reply.body.slice(0, 100)}`);
    }
    if (!isObject(parsed) || !('result' in parsed || 'error' in parsed)) {
      if (reply.status !== 200) throw new RpcHttpError(reply.status, method, this.name, reply.body);
      throw new RpcProtocolError(method, this.name, 'reply is not a JSON-RPC object');
    }
    if (parsed.id !== id) {
      throw new RpcProtocolError(method, this.name, `reply id ${JSON.stringify(parsed.id)} does not match request id ${id}`);
    }
    const error = parsed.error;
    if (error !== null && error !== undefined) {
      if (isObject(error) && typeof error.code === 'number' && typeof error.message === 'string') {
        throw new RpcError(error.code, error.message, method, this.name);
      }
      throw new RpcProtocolError(method, this.name, `malformed error object: ${JSON.stringify(error)}`);
    }
    if (reply.status !== 200) throw new RpcHttpError(reply.status, method, this.name, reply.body);
    return parsed.result as T;
  }
}

/** Internal marker: the request died on a reused keep-alive socket before any reply. */
class StaleSocketError extends Error {
  constructor(override readonly cause: RpcConnectionError) {
    super(cause.message);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EUNKNOWN';
}

function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
