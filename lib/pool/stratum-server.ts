// The stratum v1 server: listening sockets (TCP and TLS), connection admission (per-IP
// limit, bans), timeouts, and the life of each session. Requests are answered by the
// method handlers (stratum-methods.ts); shares and authorization go to the pool core.
//
// Events: 'connect' (SessionInfo), 'disconnect' (SessionInfo, reason), 'authorize'
// (SessionInfo, AuthorizedWorker), 'share' (SessionInfo, worker name, ShareVerdict,
// latencyMs), 'difficulty' (SessionInfo, difficulty), 'ban' (ip, seconds), 'protocol-error'
// (SessionInfo, message), 'refused' (ip, 'banned' | 'limit'), 'server-error' (Error) for
// accept failures such as EMFILE. 'error' is never emitted: a client's misbehaviour must
// not be able to crash the process.
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { HashpoolError } from '../hash/errors';
import type { Job } from '../mining';
import { notifyParams } from '../mining';
import { encodeLine, encodeReconnect, encodeSetDifficulty, errorReply, LineTooLongError, Method, notification } from '../stratum';
import { ConnectionGuard, normalizeIp } from './connection-guard';
import type { PoolCore } from './contracts';
import { ExtranonceAllocator } from './extranonce-allocator';
import { checkServerOptions, DEFAULT_MAX_WRITE_BUFFER_BYTES, type PortOptions, type StratumServerOptions } from './server-options';
import { Session, type SessionInfo } from './session';
import { StratumMethods, type MethodHost } from './stratum-methods';

export type { PortOptions, StratumServerOptions } from './server-options';
export type { SessionInfo } from './session';

export const ERR_POOL_LISTEN = 'ERR_POOL_LISTEN';

export class ListenError extends HashpoolError {
  constructor(
    readonly port: number,
    override readonly cause: unknown,
  ) {
    super(ERR_POOL_LISTEN, `cannot listen on stratum port ${port}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** How long a socket we ended may take to flush its last line before it is destroyed. */
const END_GRACE_MS = 2000;
const NOTIFY_CACHE_LIMIT = 256;

export class StratumServer extends EventEmitter implements MethodHost {
  readonly allocator: ExtranonceAllocator;
  readonly guard: ConnectionGuard;
  private readonly methods: StratumMethods;
  private readonly listeners_: Array<net.Server | tls.Server> = [];
  private readonly live = new Map<number, Session>();
  private readonly notifyCache = new Map<string, Buffer>();
  private readonly maxWriteBufferBytes: number;
  private nextSessionId = 1;
  private sweepTimer: NodeJS.Timeout | undefined;
  private closing = false;
  private readingStoppedFlag = false;
  private inflightTotal = 0;
  private drainWaiters: Array<() => void> = [];

  constructor(
    readonly options: StratumServerOptions,
    readonly core: PoolCore,
  ) {
    super();
    checkServerOptions(options);
    this.allocator = new ExtranonceAllocator(options.instanceId);
    this.guard = new ConnectionGuard({ maxConnectionsPerIp: options.maxConnectionsPerIp, ban: options.ban });
    this.maxWriteBufferBytes = options.maxWriteBufferBytes ?? DEFAULT_MAX_WRITE_BUFFER_BYTES;
    this.methods = new StratumMethods(this, options, core);
  }

  /** Binds every port (0 = ephemeral, for tests); resolves with the bound ports in config order. */
  async listen(): Promise<Array<{ port: number; tls: boolean }>> {
    const bound: Array<{ port: number; tls: boolean }> = [];
    for (const port of this.options.ports) {
      const server = this.createListener(port);
      await new Promise<void>((resolve, reject) => {
        const onError = (error: unknown): void => reject(new ListenError(port.port, error));
        server.once('error', onError);
        server.listen(port.port, this.options.host, () => {
          server.off('error', onError);
          resolve();
        });
      }).catch(async (error: unknown) => {
        await this.closeListeners();
        throw error;
      });
      server.on('error', (error: Error) => this.emit('server-error', error));
      this.listeners_.push(server);
      const address = server.address();
      bound.push({ port: typeof address === 'object' && address !== null ? address.port : port.port, tls: port.tls !== undefined });
    }
    this.startSweep();
    return bound;
  }

  private createListener(port: PortOptions): net.Server | tls.Server {
    if (port.tls === undefined) {
      const server = net.createServer({ noDelay: true });
      server.on('connection', (socket: net.Socket) => {
        if (this.admit(socket)) this.openSession(socket, port);
      });
      return server;
    }
    const server = tls.createServer({
      cert: port.tls.cert,
      key: port.tls.key,
      handshakeTimeout: this.options.unsubscribedTimeoutSeconds * 1000,
    });
    // Admission on the raw TCP socket, before spending a TLS handshake on a banned peer.
    server.on('connection', (socket: net.Socket) => {
      this.admit(socket);
    });
    server.on('secureConnection', (socket: tls.TLSSocket) => this.openSession(socket, port));
    server.on('tlsClientError', () => {
      // A failed handshake only ends that socket.
    });
    return server;
  }

  private admit(socket: net.Socket): boolean {
    const ip = normalizeIp(socket.remoteAddress);
    const admission = this.closing ? 'limit' : this.guard.admit(ip);
    if (admission !== 'ok') {
      socket.on('error', ignoreError);
      socket.destroy();
      this.emit('refused', ip, admission);
      return false;
    }
    this.guard.opened(ip);
    socket.once('close', () => this.guard.closed(ip));
    return true;
  }

  private openSession(socket: net.Socket, port: PortOptions): void {
    socket.on('error', ignoreError);
    if (this.closing || socket.destroyed) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const session = new Session(
      this.nextSessionId++,
      normalizeIp(socket.remoteAddress),
      port,
      socket.localPort ?? port.port,
      socket,
      this.options.extranonce2Size,
      this.options.maxLineBytes,
      this.maxWriteBufferBytes,
    );
    this.live.set(session.id, session);
    socket.on('data', (chunk: Buffer) => this.onData(session, chunk));
    socket.once('close', () => this.onClose(session));
    this.emit('connect', session.info());
  }

  private onData(session: Session, chunk: Buffer): void {
    if (session.closed) return;
    let lines: string[];
    try {
      lines = session.decoder.push(chunk);
    } catch (error) {
      if (!(error instanceof LineTooLongError)) throw error;
      session.send(encodeLine(errorReply(null, [20, 'line too long', null])));
      this.protocolError(session, error.message);
      this.endSession(session, 'line too long');
      return;
    }
    if (lines.length === 0) return;
    session.lastMessageAt = Date.now();
    for (const line of lines) {
      if (session.closed) break;
      this.methods.handleLine(session, line);
    }
  }

  private onClose(session: Session): void {
    session.closed = true;
    this.live.delete(session.id);
    if (session.subscribed) this.allocator.release(session.extranonce1);
    this.emit('disconnect', session.info(), session.closeReason ?? 'closed by peer');
  }

  /** Ends a session from our side (after its last line is flushed, or a grace period). */
  endSession(session: Session, reason: string): void {
    if (session.closed) return;
    session.closed = true;
    session.closeReason = reason;
    const socket = session.socket;
    socket.end();
    setTimeout(() => socket.destroy(), END_GRACE_MS).unref();
  }

  protocolError(session: Session, message: string): void {
    if (this.listenerCount('protocol-error') > 0) this.emit('protocol-error', session.info(), message);
  }

  /**
   * The encoded mining.notify of a job, built once per job and clean flag. A Buffer, so a
   * broadcast to every connection does not encode the same string once per socket.
   */
  private notifyLine(job: Job, clean: boolean): Buffer {
    const key = clean ? `${job.jobId}\u0001` : job.jobId;
    let line = this.notifyCache.get(key);
    if (line === undefined) {
      if (this.notifyCache.size >= NOTIFY_CACHE_LIMIT) this.notifyCache.clear();
      line = Buffer.from(encodeLine(notification(Method.notify, notifyParams(job, clean))), 'utf8');
      this.notifyCache.set(key, line);
    }
    return line;
  }

  /**
   * core.currentJob, which may throw when a job cannot be built (say a payout the node
   * refuses): that session gets no job now, the others still do, and the operator hears of it.
   */
  jobFor(session: Session): Job | undefined {
    try {
      return this.core.currentJob(session);
    } catch (error) {
      this.internalError(error);
      return undefined;
    }
  }

  /** A fault of ours or of the core (not of the miner): reported, never thrown at a socket handler. */
  internalError(error: unknown): void {
    this.emit('server-error', error instanceof Error ? error : new Error(String(error)));
  }

  /** Sends a job (after a difficulty not yet sent) and binds the job to that difficulty. */
  sendJob(session: Session, job: Job, clean: boolean): void {
    if (session.difficultyUnsent) this.sendDifficulty(session);
    session.bindJob(job.jobId, session.difficulty);
    session.send(this.notifyLine(job, clean));
  }

  private sendDifficulty(session: Session): void {
    session.difficultyUnsent = false;
    session.send(encodeLine(notification(Method.setDifficulty, encodeSetDifficulty(session.difficulty))));
    if (this.listenerCount('difficulty') > 0) this.emit('difficulty', session.info(), session.difficulty);
  }

  /**
   * A difficulty decided for a session goes out at once, followed by the current job again
   * (same id, clean false) so it applies from that notify on; before the session is ready
   * it waits for the first job.
   */
  pushDifficulty(session: Session): void {
    if (!session.ready || !session.difficultyUnsent) return;
    const job = this.jobFor(session);
    if (job === undefined) this.sendDifficulty(session);
    else this.sendJob(session, job, false);
  }

  /** The first job of a session that just became subscribed and authorized. */
  sendFirstJob(session: Session): void {
    if (!session.ready) return;
    const job = this.jobFor(session);
    if (job === undefined) return;
    this.sendJob(session, job, true);
  }

  /**
   * Sends the current job (core.currentJob(session)) to every subscribed+authorized session;
   * a pending vardiff/suggested difficulty goes out as set_difficulty first. Returns how many
   * sessions got it and when the last write was handed to the socket (performance.now()).
   */
  broadcastJobs(cleanJobs: boolean): { sessions: number; lastWriteAt: number } {
    let sessions = 0;
    for (const session of this.live.values()) {
      if (!session.ready) continue;
      const job = this.jobFor(session);
      if (job === undefined) continue;
      this.sendJob(session, job, cleanJobs);
      sessions += 1;
    }
    return { sessions, lastWriteAt: performance.now() };
  }

  sessions(): SessionInfo[] {
    return [...this.live.values()].map((session) => session.info());
  }

  get connectionCount(): number {
    return this.live.size;
  }

  /**
   * Gives a connection a new extranonce1 (mining.set_extranonce when it subscribed to
   * extranonce, else client.reconnect so it resubscribes); used by the admin API.
   */
  reassignExtranonce(sessionId: number): boolean {
    const session = this.live.get(sessionId);
    if (session === undefined || !session.subscribed || session.closed) return false;
    return this.methods.reassignExtranonce(session);
  }

  disconnect(sessionId: number): boolean {
    const session = this.live.get(sessionId);
    if (session === undefined || session.closed) return false;
    this.endSession(session, 'disconnected by operator');
    return true;
  }

  ban(ip: string, seconds: number): void {
    const address = normalizeIp(ip);
    this.guard.ban(address, seconds);
    for (const session of this.live.values()) {
      if (session.ip === address) this.endSession(session, 'banned');
    }
    this.emit('ban', address, seconds);
  }

  unban(ip: string): boolean {
    return this.guard.unban(normalizeIp(ip));
  }

  bans(): Array<{ ip: string; until: number }> {
    return this.guard.bans();
  }

  submitStarted(): void {
    this.inflightTotal += 1;
  }

  submitFinished(): void {
    this.inflightTotal -= 1;
    if (this.inflightTotal === 0 && this.drainWaiters.length > 0) {
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Set by close() once it stops reading from the remaining sessions. */
  get readingStopped(): boolean {
    return this.readingStoppedFlag;
  }

  /**
   * Stops accepting, sends client.reconnect (with the given target, or empty params) to
   * every session, keeps answering for graceMs (default 1 s) or until every miner left,
   * then stops reading, waits for in-flight submits to be answered (up to timeoutMs) and
   * closes the sockets.
   */
  async close(options: { reconnect?: { host: string; port: number; waitSeconds: number }; graceMs?: number; timeoutMs?: number } = {}): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.stopSweep();
    const listenersClosed = this.closeListeners();
    const line = encodeLine(notification(Method.reconnect, encodeReconnect(options.reconnect ?? {})));
    for (const session of this.live.values()) session.send(line);
    // Miners that honour client.reconnect leave by themselves; the others get a moment in
    // which their submits are still answered. Then reading stops, so every request that
    // was read gets its answer before the socket closes.
    await this.sessionsLeft(options.graceMs ?? 1000);
    this.readingStoppedFlag = true;
    for (const session of this.live.values()) session.socket.pause();
    await this.drained(options.timeoutMs ?? 5000);
    const closed = [...this.live.values()].map(
      (session) =>
        new Promise<void>((resolve) => {
          if (session.socket.destroyed) {
            resolve();
            return;
          }
          session.socket.once('close', () => resolve());
          this.endSession(session, 'server closing');
        }),
    );
    await Promise.all(closed);
    await listenersClosed;
  }

  private async sessionsLeft(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.live.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private drained(timeoutMs: number): Promise<void> {
    if (this.inflightTotal === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.drainWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Stops accepting; the ports are released at once, live connections stay open. */
  private closeListeners(): Promise<void> {
    const servers = this.listeners_.splice(0);
    for (const server of servers) if (server.listening) server.close();
    return Promise.resolve();
  }

  /** Idle and unsubscribed timeouts: one sweep over all sessions instead of a timer each. */
  private startSweep(): void {
    const shortest = Math.min(this.options.idleTimeoutSeconds, this.options.unsubscribedTimeoutSeconds) * 1000;
    const period = Math.max(50, Math.min(1000, Math.floor(shortest / 4)));
    this.sweepTimer = setInterval(() => this.sweep(), period);
    this.sweepTimer.unref();
  }

  private stopSweep(): void {
    if (this.sweepTimer !== undefined) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  private sweep(): void {
    const now = Date.now();
    const idleMs = this.options.idleTimeoutSeconds * 1000;
    const unsubscribedMs = this.options.unsubscribedTimeoutSeconds * 1000;
    for (const session of this.live.values()) {
      if (session.closed) continue;
      if (!session.subscribed && now - session.connectedAt >= unsubscribedMs) this.endSession(session, 'not subscribed in time');
      else if (now - session.lastMessageAt >= idleMs) this.endSession(session, 'idle timeout');
    }
    this.guard.sweep();
  }
}

function ignoreError(): void {
  // Socket errors (ECONNRESET, EPIPE) end only that connection; 'close' follows.
}
