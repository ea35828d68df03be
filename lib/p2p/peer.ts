// One outbound TCP connection to a Bitcoin-protocol node: handshake, keepalive, misbehaviour
// score, request/reply matching. Everything that can go wrong on the socket becomes an 'error'
// or 'close' event or a rejected promise; nothing here throws into the event loop.

import { EventEmitter } from 'node:events';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import type { NetworkParams } from '../protocol/networks';
import { decodePayload, type Command, type Message, type NetAddress } from './messages';
import { encodeMessage } from './framer';
import { FrameParser, type BlockChunk, type Frame } from './parser';
import { P2PBannedError, P2PConnectError, P2PHandshakeError, P2PPeerClosedError, P2PTimeoutError } from './peer-errors';

export type MessageOf<C extends Command> = Extract<Message, { command: C }>;
export type MessageHandler<C extends Command> = (message: MessageOf<C>, peer: Peer) => void;
/** Per-command overrides; a handler here replaces the built-in reaction (e.g. to ping). */
export type HandlerTable = { [C in Command]?: MessageHandler<C> };

export interface PeerOptions {
  host: string;
  port: number;
  network: NetworkParams;
  /** Services we advertise; default 0 (we serve nothing). */
  services?: bigint;
  userAgent?: string;
  startHeight?: number;
  /** BIP37 relay flag: whether the node should announce transactions to us. Default true. */
  relay?: boolean;
  connectTimeoutMs?: number;
  handshakeTimeoutMs?: number;
  /** Our own ping interval; 0 turns keepalive pings off. */
  pingIntervalMs?: number;
  /** A ping not answered within this closes the connection. */
  pingTimeoutMs?: number;
  /** Misbehaviour score at which the peer is closed and reported banned. */
  banThreshold?: number;
  handlers?: HandlerTable;
  parser?: { maxPayload?: number; blockChunkThreshold?: number; chunkSize?: number };
}

export interface RemoteVersion {
  version: number;
  services: bigint;
  userAgent: string;
  startHeight: number;
  relay: boolean;
  nonce: bigint;
}

export type PeerState = 'idle' | 'connecting' | 'handshake' | 'ready' | 'closed';

interface Pending {
  match: (message: Message) => boolean;
  resolve: (message: Message) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export const DEFAULT_USER_AGENT = '/hashpool:0.1.0/';
const DEFAULTS = {
  connectTimeoutMs: 10_000,
  handshakeTimeoutMs: 10_000,
  pingIntervalMs: 60_000,
  pingTimeoutMs: 20_000,
  banThreshold: 100,
};
// Points per offence, in the spirit of Core's Misbehaving(): small for noise, enough that a
// stream of garbage reaches the threshold.
export const MISBEHAVIOUR = { MALFORMED: 20, BEFORE_HANDSHAKE: 10, DUPLICATE_VERSION: 10 } as const;
// Messages a node legitimately sends between its version and its verack (BIP339, BIP155).
const HANDSHAKE_MESSAGES: ReadonlySet<string> = new Set(['version', 'verack', 'wtxidrelay', 'sendaddrv2']);

/**
 * Events: 'ready' (RemoteVersion), 'message' (Message, Peer), '<command>' (Message, Peer),
 * 'chunk' (BlockChunk), 'block-end' ({blockHash, totalBytes, txCount}), 'misbehave'
 * ({points, score, reason}), 'ban' (reason), 'error' (Error), 'close' (Error | undefined).
 */
export class Peer extends EventEmitter {
  readonly host: string;
  readonly port: number;
  readonly network: NetworkParams;
  readonly id: string;
  state: PeerState = 'idle';
  remote: RemoteVersion | undefined;
  score = 0;
  banned = false;
  /** Round-trip time of the last answered ping, ms. */
  latencyMs: number | undefined;
  closeReason: Error | undefined;

  private readonly options: PeerOptions;
  private readonly magic: Buffer;
  private readonly handlers: HandlerTable;
  private socket: net.Socket | undefined;
  private pending: Pending[] = [];
  private gotVerack = false;
  private pingTimer: NodeJS.Timeout | undefined;
  private pingDeadline: NodeJS.Timeout | undefined;
  private outstandingPing: { nonce: bigint; sentAt: number } | undefined;
  private readyWaiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  private static counter = 0;

  constructor(options: PeerOptions) {
    super();
    this.options = options;
    this.host = options.host;
    this.port = options.port;
    this.network = options.network;
    this.magic = Buffer.from(options.network.p2pMagic, 'hex');
    this.handlers = { ...(options.handlers ?? {}) };
    this.id = `${options.host}:${options.port}#${++Peer.counter}`;
    // An 'error' without a listener would throw; errors are also reported through 'close'.
    this.on('error', () => undefined);
  }

  get address(): string {
    return `${this.host}:${this.port}`;
  }

  /** Opens the socket and completes the version/verack handshake. */
  connect(): Promise<void> {
    if (this.state !== 'idle') return Promise.reject(new P2PHandshakeError(`peer ${this.id} was already started`));
    this.state = 'connecting';
    const ready = new Promise<void>((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
    const connectMs = this.options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs;
    const handshakeMs = this.options.handshakeTimeoutMs ?? DEFAULTS.handshakeTimeoutMs;
    const deadline = setTimeout(() => {
      if (this.state === 'connecting') this.close(new P2PTimeoutError(`${this.address}: no connection within ${connectMs} ms`));
    }, connectMs);

    const parser = new FrameParser({ magic: this.magic, ...(this.options.parser ?? {}) });
    parser.on('frame', (frame: Frame) => this.onFrame(frame));
    parser.on('chunk', (chunk: BlockChunk) => this.emit('chunk', chunk));
    parser.on('block-end', (end: unknown) => this.emit('block-end', end));
    // A framing error means we lost sync with the stream; the connection cannot continue.
    parser.on('error', (error: Error) => {
      this.misbehave(MISBEHAVIOUR.MALFORMED, error.message);
      this.close(error);
    });

    const socket = net.connect({ host: this.host, port: this.port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('connect', () => {
      if (this.state !== 'connecting') return;
      this.state = 'handshake';
      clearTimeout(deadline);
      const handshakeTimer = setTimeout(() => {
        if (this.state === 'handshake') this.close(new P2PTimeoutError(`${this.address}: no handshake within ${handshakeMs} ms`));
      }, handshakeMs);
      this.once('close', () => clearTimeout(handshakeTimer));
      this.once('ready', () => clearTimeout(handshakeTimer));
      this.send(this.versionMessage());
    });
    socket.on('data', (data: Buffer) => parser.feed(data));
    socket.on('error', (error: Error) => {
      const wrapped = new P2PConnectError(`${this.address}: ${error.message}`, { cause: error });
      this.emit('error', wrapped);
      this.close(wrapped);
    });
    socket.on('close', () => this.close(this.closeReason ?? new P2PPeerClosedError(`${this.address} closed the connection`)));
    this.once('close', () => clearTimeout(deadline));
    return ready;
  }

  /** Adds a handler for one command (in addition to the 'message' event). */
  onMessage<C extends Command>(command: C, handler: MessageHandler<C>): this {
    return this.on(command, handler as (message: Message, peer: Peer) => void);
  }

  /** Replaces the built-in reaction to one command (ping, version, ...). */
  override<C extends Command>(command: C, handler: MessageHandler<C> | undefined): void {
    (this.handlers as Record<string, unknown>)[command] = handler;
  }

  /** Queues a message; returns false when the connection is not open (the message is dropped). */
  send(message: Message): boolean {
    const socket = this.socket;
    if (!socket || this.state === 'closed' || socket.destroyed) return false;
    socket.write(encodeMessage(this.magic, message));
    return true;
  }

  /**
   * Sends `message` (if given) and resolves with the first incoming message `match` accepts.
   * Rejects with P2PTimeoutError, or P2PPeerClosedError when the connection ends first.
   */
  request<M extends Message = Message>(message: Message | undefined, match: (m: Message) => boolean, timeoutMs: number): Promise<M> {
    if (this.state === 'closed') return Promise.reject(new P2PPeerClosedError(`${this.address} is closed`));
    return new Promise<M>((resolve, reject) => {
      const entry: Pending = {
        match,
        resolve: (m) => resolve(m as M),
        reject,
        timer: setTimeout(() => {
          this.pending = this.pending.filter((p) => p !== entry);
          reject(new P2PTimeoutError(`${this.address}: no reply within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.pending.push(entry);
      if (message && !this.send(message)) {
        clearTimeout(entry.timer);
        this.pending = this.pending.filter((p) => p !== entry);
        reject(new P2PPeerClosedError(`${this.address} is closed`));
      }
    });
  }

  /** Sends a ping and resolves with the round trip in ms. */
  async ping(timeoutMs = this.options.pingTimeoutMs ?? DEFAULTS.pingTimeoutMs): Promise<number> {
    const nonce = randomBytes(8).readBigUInt64LE();
    const sentAt = Date.now();
    await this.request({ command: 'ping', nonce }, (m) => m.command === 'pong' && m.nonce === nonce, timeoutMs);
    this.latencyMs = Date.now() - sentAt;
    return this.latencyMs;
  }

  /** Adds to the misbehaviour score; at the threshold the peer is banned and closed. */
  misbehave(points: number, reason: string): void {
    if (this.banned) return;
    this.score += points;
    this.emit('misbehave', { points, score: this.score, reason });
    if (this.score >= (this.options.banThreshold ?? DEFAULTS.banThreshold)) {
      this.banned = true;
      this.emit('ban', reason);
      this.close(new P2PBannedError(`${this.address} banned (score ${this.score}): ${reason}`));
    }
  }

  pauseReading(): void {
    this.socket?.pause();
  }

  resumeReading(): void {
    this.socket?.resume();
  }

  /** Destroys the socket and settles everything pending. Idempotent. */
  close(reason?: Error): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closeReason = reason;
    clearInterval(this.pingTimer);
    clearTimeout(this.pingDeadline);
    this.socket?.destroy();
    const closed = new P2PPeerClosedError(`${this.address} closed${reason ? `: ${reason.message}` : ''}`);
    for (const p of this.pending) {
      clearTimeout(p.timer);
      p.reject(closed);
    }
    this.pending = [];
    for (const w of this.readyWaiters) w.reject(reason ?? closed);
    this.readyWaiters = [];
    this.emit('close', reason);
  }

  private versionMessage(): Message {
    const receiver: NetAddress = { services: 0n, host: this.host === 'localhost' ? '127.0.0.1' : this.host, port: this.port };
    return {
      command: 'version',
      version: this.network.protocolVersion,
      services: this.options.services ?? 0n,
      timestamp: BigInt(Math.floor(Date.now() / 1000)),
      receiver: net.isIP(receiver.host) ? receiver : { ...receiver, host: '0.0.0.0' },
      sender: { services: this.options.services ?? 0n, host: '0.0.0.0', port: 0 },
      nonce: randomBytes(8).readBigUInt64LE(),
      userAgent: this.options.userAgent ?? DEFAULT_USER_AGENT,
      startHeight: this.options.startHeight ?? 0,
      relay: this.options.relay ?? true,
    };
  }

  private onFrame(frame: Frame): void {
    if (this.state === 'closed') return;
    let message: Message;
    try {
      message = decodePayload(frame.command, frame.payload);
    } catch (error) {
      this.misbehave(MISBEHAVIOUR.MALFORMED, `undecodable ${frame.command}: ${(error as Error).message}`);
      this.emit('error', error);
      return;
    }
    if (this.state !== 'ready' && !HANDSHAKE_MESSAGES.has(message.command)) {
      this.misbehave(MISBEHAVIOUR.BEFORE_HANDSHAKE, `${message.command} before the handshake`);
      return;
    }
    this.dispatch(message);
  }

  private dispatch(message: Message): void {
    const override = (this.handlers as Record<string, MessageHandler<Command> | undefined>)[message.command];
    // A throwing user handler must not take the connection (or the process) down.
    try {
      if (override) override(message as never, this);
      else this.builtin(message);
      for (const p of [...this.pending]) {
        if (p.match(message)) {
          clearTimeout(p.timer);
          this.pending = this.pending.filter((x) => x !== p);
          p.resolve(message);
          break;
        }
      }
      this.emit('message', message, this);
      this.emit(message.command, message, this);
    } catch (error) {
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
    }
  }

  private builtin(message: Message): void {
    switch (message.command) {
      case 'version':
        if (this.remote) {
          this.misbehave(MISBEHAVIOUR.DUPLICATE_VERSION, 'duplicate version');
          return;
        }
        this.remote = {
          version: message.version,
          services: message.services,
          userAgent: message.userAgent,
          startHeight: message.startHeight,
          relay: message.relay,
          nonce: message.nonce,
        };
        // BIP339/BIP155 are only valid between version and verack, and need 70016.
        if (message.version >= 70016) {
          this.send({ command: 'wtxidrelay' });
          this.send({ command: 'sendaddrv2' });
        }
        this.send({ command: 'verack' });
        this.maybeReady();
        return;
      case 'verack':
        this.gotVerack = true;
        this.maybeReady();
        return;
      case 'ping':
        this.send({ command: 'pong', nonce: message.nonce });
        return;
      case 'pong':
        if (this.outstandingPing && this.outstandingPing.nonce === message.nonce) {
          this.latencyMs = Date.now() - this.outstandingPing.sentAt;
          this.outstandingPing = undefined;
          clearTimeout(this.pingDeadline);
        }
        return;
      default:
        return;
    }
  }

  private maybeReady(): void {
    if (this.state !== 'handshake' || !this.remote || !this.gotVerack) return;
    this.state = 'ready';
    this.startKeepalive();
    for (const w of this.readyWaiters) w.resolve();
    this.readyWaiters = [];
    this.emit('ready', this.remote);
  }

  private startKeepalive(): void {
    const interval = this.options.pingIntervalMs ?? DEFAULTS.pingIntervalMs;
    if (interval <= 0) return;
    const timeout = this.options.pingTimeoutMs ?? DEFAULTS.pingTimeoutMs;
    this.pingTimer = setInterval(() => {
      if (this.outstandingPing) return;
      const nonce = randomBytes(8).readBigUInt64LE();
      this.outstandingPing = { nonce, sentAt: Date.now() };
      this.send({ command: 'ping', nonce });
      this.pingDeadline = setTimeout(() => {
        this.close(new P2PTimeoutError(`${this.address}: no pong within ${timeout} ms`));
      }, timeout);
    }, interval);
  }
}
