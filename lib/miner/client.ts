// The stratum connection of a miner: TCP or TLS; the handshake configure -> subscribe ->
// extranonce.subscribe -> authorize -> suggest_difficulty (sent back to back, replies
// matched by id, each with a timeout); reconnect with exponential backoff and jitter,
// moving to the next -o URL after each failure and back to the first after a session
// that worked; client.reconnect honoured once (then the URL list again).
import { EventEmitter } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import {
  decodeNotify, decodeReconnect, decodeSetDifficulty, decodeSetExtranonce, decodeSubscribeResult, encodeAuthorize,
  encodeConfigure, encodeLine, encodeSubmit, encodeSubscribe, errorReply, LineDecoder, Method, parseMessage,
  parseVersionMask, reply, request, StratumRejectError, type NotifyParams, type SetExtranonceParams, type StratumMessage,
  type StratumRequest, type SubmitParams,
} from '../stratum';
import { AuthorizationError, DisconnectedError, RequestTimeoutError, TlsCertificateError } from './errors';
import type { PoolEndpoint } from './pool-url';
import { certificateFailure, checkTrustAnchors, tlsConnectOptions } from './tls-trust';

export interface ClientOptions {
  endpoints: PoolEndpoint[];
  userAgent?: string;
  /** Sent as mining.suggest_difficulty after authorize. */
  suggestDifficulty?: number;
  /** Ask for BIP310 version rolling (default true). */
  versionRolling?: boolean;
  requestTimeoutMs?: number;
  /** First reconnect delay (default 1 s); doubles per failure up to maxBackoffMs (default 60 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** TLS: check the pool's certificate (default true); false accepts any certificate. */
  rejectUnauthorized?: boolean;
  /** TLS: PEM certificate(s) trusted for the pool instead of the system CAs (see tlsConnectOptions for host names). */
  ca?: string | Buffer;
}

export interface SessionInfo {
  url: string;
  extranonce1: Buffer;
  extranonce2Size: number;
  versionMask: number;
}

export interface SubmitOutcome {
  accepted: boolean;
  /** Why not, as the pool said (or 'timeout' / 'disconnected'). */
  reason?: string;
}

export interface ClientEvents {
  connected: [info: SessionInfo];
  disconnected: [info: { url: string; reason: string }];
  notify: [notify: NotifyParams];
  difficulty: [difficulty: number];
  extranonce: [params: SetExtranonceParams];
  versionMask: [mask: number];
  message: [text: string];
  line: [direction: 'in' | 'out', line: string];
  problem: [error: Error];
}

interface Pending {
  method: string;
  resolve(message: StratumMessage & { kind: 'response' }): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** mining.configure may go unanswered by older pools: wait this long at most. */
const CONFIGURE_TIMEOUT_MS = 5000;

export class StratumClient extends EventEmitter<ClientEvents> {
  private socket: net.Socket | undefined;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped = false;
  private running: Promise<void> | undefined;
  private redirect: { host: string; port: number; tls: boolean; waitMs: number } | undefined;
  private wake: (() => void) | undefined;
  private subscribedInfo: SessionInfo | undefined;
  private authorized = false;
  private endpoint: PoolEndpoint | undefined;
  /** Work messages that arrive before the handshake ends, delivered right after 'connected'. */
  private held: Array<() => void> | undefined;
  /** Last certificate failure reported as a 'problem'; repeats while retrying are only 'disconnected'. */
  private certificateProblem: string | undefined;

  constructor(readonly options: ClientOptions) {
    super();
    if (options.endpoints.length === 0) throw new DisconnectedError('no pool URL given');
    if (options.ca !== undefined) checkTrustAnchors(options.ca);
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.socket?.destroy();
    await this.running;
  }

  get connected(): boolean {
    return this.subscribedInfo !== undefined && this.authorized;
  }

  get sessionInfo(): SessionInfo | undefined {
    return this.subscribedInfo;
  }

  get worker(): string {
    return this.endpoint?.user ?? this.options.endpoints[0].user;
  }

  async submit(params: SubmitParams): Promise<SubmitOutcome> {
    try {
      const response = await this.call(Method.submit, encodeSubmit(params), this.options.requestTimeoutMs ?? 30_000);
      if (response.error) return { accepted: false, reason: `${response.error[0]} ${response.error[1]}` };
      return response.result === true ? { accepted: true } : { accepted: false, reason: 'result false' };
    } catch (error) {
      return { accepted: false, reason: error instanceof RequestTimeoutError ? 'timeout' : 'disconnected' };
    }
  }

  private async loop(): Promise<void> {
    let index = 0;
    let failures = 0;
    while (!this.stopped) {
      const redirect = this.redirect;
      this.redirect = undefined;
      const base = this.options.endpoints[index % this.options.endpoints.length];
      const endpoint = redirect ? { ...base, host: redirect.host, port: redirect.port, tls: redirect.tls } : base;
      let worked = false;
      let reason: string;
      try {
        reason = await this.session(endpoint, () => (worked = true));
      } catch (error) {
        reason = (error as Error).message;
        if (error instanceof AuthorizationError) this.emit('problem', error);
      }
      this.held = undefined;
      this.failAll(new DisconnectedError(reason));
      this.subscribedInfo = undefined;
      this.authorized = false;
      if (this.stopped) break;
      this.emit('disconnected', { url: endpoint.url, reason });
      const pendingRedirect = this.pendingRedirect();
      if (pendingRedirect !== undefined) {
        await this.sleep(pendingRedirect.waitMs);
        continue;
      }
      if (worked) {
        this.certificateProblem = undefined;
        failures = 0;
        index = 0;
      } else {
        failures++;
        index++;
      }
      const initial = this.options.initialBackoffMs ?? 1000;
      const cap = this.options.maxBackoffMs ?? 60_000;
      const base2 = Math.min(cap, initial * 2 ** Math.max(0, failures - 1));
      await this.sleep(base2 * (0.5 + Math.random() * 0.5));
    }
  }

  /** Set by client.reconnect during the session that just ended. */
  private pendingRedirect(): { waitMs: number } | undefined {
    return this.redirect;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** One connection, from connect to close; resolves with why it ended. */
  private session(endpoint: PoolEndpoint, onWorking: () => void): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const options = { host: endpoint.host, port: endpoint.port };
      const socket = endpoint.tls
        ? tls.connect({ ...options, ...tlsConnectOptions(endpoint.host, this.options) })
        : net.connect(options);
      this.socket = socket;
      this.endpoint = endpoint;
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 30_000);
      const decoder = new LineDecoder();
      let ended = false;
      const end = (why: string): void => {
        if (ended) return;
        ended = true;
        socket.destroy();
        if (this.socket === socket) this.socket = undefined;
        resolve(why);
      };
      const connectTimer = setTimeout(() => end('connect timeout'), this.options.requestTimeoutMs ?? 30_000);
      socket.once(endpoint.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(connectTimer);
        this.held = [];
        this.handshake(endpoint)
          .then(() => onWorking())
          .catch((error: Error) => {
            if (error instanceof AuthorizationError) {
              ended = true;
              socket.destroy();
              reject(error);
            } else end(error.message);
          });
      });
      socket.on('data', (chunk: Buffer) => {
        let lines: string[];
        try {
          lines = decoder.push(chunk);
        } catch (error) {
          end((error as Error).message);
          return;
        }
        for (const line of lines) this.onLine(line);
      });
      socket.on('error', (error) => {
        const failure = socket instanceof tls.TLSSocket ? certificateFailure(socket, error) : undefined;
        if (failure === undefined) return end(error.message);
        const problem = new TlsCertificateError(endpoint.url, failure, error.message);
        if (this.certificateProblem !== `${endpoint.url} ${failure}`) {
          this.certificateProblem = `${endpoint.url} ${failure}`;
          this.emit('problem', problem);
        }
        end(problem.message);
      });
      socket.on('close', () => {
        clearTimeout(connectTimer);
        end('connection closed');
      });
    });
  }

  private async handshake(endpoint: PoolEndpoint): Promise<void> {
    const timeout = this.options.requestTimeoutMs ?? 30_000;
    let configure: Promise<number> = Promise.resolve(0);
    if (this.options.versionRolling !== false) {
      const params = encodeConfigure({
        extensions: ['version-rolling'],
        parameters: { 'version-rolling.mask': 'ffffffff', 'version-rolling.min-bit-count': 2 },
      });
      configure = this.call(Method.configure, params, Math.min(timeout, CONFIGURE_TIMEOUT_MS)).then(
        (response) => grantedMask(response.result),
        () => 0,
      );
    }
    const subscribe = this.call(Method.subscribe, encodeSubscribe({ userAgent: this.options.userAgent ?? 'hashpool' }), timeout);
    // Optional extension: a pool that does not know it answers with an error, ignored.
    const xnsub = this.call(Method.extranonceSubscribe, [], timeout).catch(() => undefined);
    const authorize = this.call(Method.authorize, encodeAuthorize({ user: endpoint.user, password: endpoint.password }), timeout);
    const versionMask = await configure;
    const subscribed = await subscribe;
    if (subscribed.error) throw new StratumRejectError(subscribed.error[0], subscribed.error[1]);
    const result = decodeSubscribeResult(subscribed.result);
    this.subscribedInfo = { url: endpoint.url, extranonce1: result.extranonce1, extranonce2Size: result.extranonce2Size, versionMask };
    const authorized = await authorize;
    void xnsub;
    if (authorized.error || authorized.result !== true) {
      throw new AuthorizationError(endpoint.user, authorized.error ? authorized.error[1] : 'result false');
    }
    this.authorized = true;
    this.emit('connected', this.subscribedInfo);
    const held = this.held ?? [];
    this.held = undefined;
    for (const deliver of held) deliver();
    if (this.options.suggestDifficulty !== undefined) {
      this.call(Method.suggestDifficulty, [this.options.suggestDifficulty], timeout).catch(() => undefined);
    }
  }

  private call(method: string, params: unknown[], timeoutMs: number): Promise<StratumMessage & { kind: 'response' }> {
    const socket = this.socket;
    if (socket === undefined || socket.destroyed) return Promise.reject(new DisconnectedError());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RequestTimeoutError(method, timeoutMs));
      }, timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
      this.send(socket, request(id, method, params));
    });
  }

  private send(socket: net.Socket, message: object): void {
    const line = encodeLine(message);
    this.emit('line', 'out', line.trimEnd());
    socket.write(line);
  }

  private failAll(error: Error): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(error);
    }
  }

  private onLine(line: string): void {
    this.emit('line', 'in', line);
    let message: StratumMessage;
    try {
      message = parseMessage(line);
    } catch (error) {
      this.emit('problem', error as Error);
      return;
    }
    if (message.kind === 'response') {
      const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
      if (pending === undefined || typeof message.id !== 'number') return;
      clearTimeout(pending.timer);
      this.pending.delete(message.id);
      pending.resolve(message);
      return;
    }
    try {
      this.onRequest(message);
    } catch (error) {
      this.emit('problem', error as Error);
      if (message.id !== null && this.socket) this.send(this.socket, errorReply(message.id, [20, (error as Error).message, null]));
    }
  }

  private onRequest(message: StratumRequest): void {
    const deliver = (emit: () => void): void => {
      if (this.held) this.held.push(emit);
      else emit();
    };
    const answer = (result: unknown): void => {
      if (message.id !== null && this.socket) this.send(this.socket, reply(message.id, result));
    };
    switch (message.method) {
      case Method.notify:
      {
        const notify = decodeNotify(message.params);
        deliver(() => this.emit('notify', notify));
        return;
      }
      case Method.setDifficulty: {
        const difficulty = decodeSetDifficulty(message.params);
        deliver(() => this.emit('difficulty', difficulty));
        return;
      }
      case Method.setExtranonce: {
        const params = decodeSetExtranonce(message.params);
        deliver(() => {
          if (this.subscribedInfo) this.subscribedInfo = { ...this.subscribedInfo, ...params };
          this.emit('extranonce', params);
        });
        answer(true);
        return;
      }
      case Method.setVersionMask: {
        const mask = parseVersionMask(message.params[0], 'version mask');
        deliver(() => {
          if (this.subscribedInfo) this.subscribedInfo = { ...this.subscribedInfo, versionMask: mask };
          this.emit('versionMask', mask);
        });
        return;
      }
      case Method.reconnect: {
        const params = decodeReconnect(message.params);
        const current = this.endpoint ?? this.options.endpoints[0];
        this.redirect = {
          host: params.host ?? current.host,
          port: params.port ?? current.port,
          tls: current.tls,
          waitMs: (params.waitSeconds ?? 0) * 1000,
        };
        answer(true);
        this.socket?.end();
        this.socket?.destroy();
        return;
      }
      case Method.showMessage:
        this.emit('message', String(message.params[0] ?? ''));
        answer(true);
        return;
      case Method.getVersion:
        answer(this.options.userAgent ?? 'hashpool');
        return;
      case Method.ping:
        answer('pong');
        return;
      default:
        if (message.id !== null && this.socket) this.send(this.socket, errorReply(message.id, [20, `unknown method ${message.method}`, null]));
    }
  }
}

/** The mask from a mining.configure result, 0 when version rolling was not granted. */
function grantedMask(result: unknown): number {
  if (typeof result !== 'object' || result === null) return 0;
  const map = result as Record<string, unknown>;
  if (map['version-rolling'] !== true) return 0;
  try {
    return parseVersionMask(map['version-rolling.mask'], 'version-rolling.mask');
  } catch {
    return 0;
  }
}
