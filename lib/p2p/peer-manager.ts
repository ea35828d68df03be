// Keeps `concurrency` connections open to every known, unbanned peer address, reconnecting
// with exponential backoff, and records what it learns in the PeerStore.

import { EventEmitter } from 'node:events';
import type { NetworkParams } from '../protocol/networks';
import type { Message } from './messages';
import { Peer, type PeerOptions } from './peer';
import { P2PNoPeerError, P2PTimeoutError } from './peer-errors';
import { PeerStore, peerKey } from './peer-store';

export interface ReconnectOptions {
  initialDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
}

export interface PeerManagerOptions {
  network: NetworkParams;
  /** Addresses to use besides those in the store. */
  peers?: { host: string; port: number }[];
  /** JSON peer file; without it nothing is persisted. */
  storePath?: string;
  /** Connections per peer address. Default 1. */
  concurrency?: number;
  reconnect?: ReconnectOptions;
  /** Options for every Peer (host, port and network are filled in). */
  peerOptions?: Omit<PeerOptions, 'host' | 'port' | 'network'>;
}

interface Slot {
  host: string;
  port: number;
  index: number;
  peer: Peer | undefined;
  delayMs: number;
  timer: NodeJS.Timeout | undefined;
}

const RECONNECT_DEFAULTS: Required<ReconnectOptions> = { initialDelayMs: 250, maxDelayMs: 30_000, factor: 2 };

/**
 * Events: 'peer' (Peer: handshake done), 'peer-close' (Peer, Error | undefined),
 * 'message' (Message, Peer), 'ban' (Peer, reason), 'error' (Error: store write failures).
 */
export class PeerManager extends EventEmitter {
  readonly store: PeerStore;
  readonly network: NetworkParams;
  private readonly options: PeerManagerOptions;
  private readonly reconnect: Required<ReconnectOptions>;
  private readonly slots: Slot[] = [];
  private running = false;
  private cursor = 0;

  constructor(options: PeerManagerOptions) {
    super();
    this.options = options;
    this.network = options.network;
    this.store = new PeerStore(options.storePath);
    this.reconnect = { ...RECONNECT_DEFAULTS, ...(options.reconnect ?? {}) };
    this.on('error', () => undefined);
  }

  /** Loads the store and opens connections; does not wait for handshakes (see waitForPeer). */
  async start(): Promise<void> {
    await this.store.load();
    for (const p of this.options.peers ?? []) this.store.add(p.host, p.port);
    this.running = true;
    for (const record of this.store.list()) this.openSlots(record.host, record.port);
    this.persist();
  }

  /** Closes every connection and stops reconnecting. */
  async stop(): Promise<void> {
    this.running = false;
    for (const slot of this.slots) {
      clearTimeout(slot.timer);
      slot.peer?.close();
    }
    await this.store.save().catch(() => undefined);
  }

  /** Adds an address at runtime (ignored if banned). */
  addPeer(host: string, port: number): void {
    this.store.add(host, port);
    if (this.running) this.openSlots(host, port);
    this.persist();
  }

  /** Marks an address banned, persists it and closes its connections. */
  ban(host: string, port: number, reason = 'banned by caller'): void {
    this.store.update(host, port, { banned: true });
    for (const slot of this.slots) {
      if (slot.host === host && slot.port === port) {
        clearTimeout(slot.timer);
        const peer = slot.peer;
        slot.peer = undefined;
        peer?.close(new Error(reason));
      }
    }
    this.persist();
  }

  /** Every connection that finished its handshake. */
  readyPeers(): Peer[] {
    return this.slots.map((s) => s.peer).filter((p): p is Peer => p !== undefined && p.state === 'ready');
  }

  /** Round robin over ready connections; undefined when there is none. */
  nextAvailablePeer(): Peer | undefined {
    const ready = this.readyPeers();
    if (ready.length === 0) return undefined;
    this.cursor = (this.cursor + 1) % ready.length;
    return ready[this.cursor];
  }

  /** Resolves with a ready peer, waiting up to timeoutMs for one. */
  waitForPeer(timeoutMs = 10_000): Promise<Peer> {
    const now = this.nextAvailablePeer();
    if (now) return Promise.resolve(now);
    if (!this.running) return Promise.reject(new P2PNoPeerError('peer manager is not running'));
    return new Promise<Peer>((resolve, reject) => {
      const onPeer = (peer: Peer): void => {
        clearTimeout(timer);
        resolve(peer);
      };
      const timer = setTimeout(() => {
        this.off('peer', onPeer);
        reject(new P2PTimeoutError(`no peer ready within ${timeoutMs} ms`));
      }, timeoutMs);
      this.once('peer', onPeer);
    });
  }

  /** Sends to every ready connection; returns how many took it. */
  broadcast(message: Message): number {
    return this.readyPeers().filter((p) => p.send(message)).length;
  }

  private openSlots(host: string, port: number): void {
    if (this.store.isBanned(host, port)) return;
    const existing = this.slots.filter((s) => s.host === host && s.port === port).length;
    const concurrency = Math.max(1, this.options.concurrency ?? 1);
    for (let index = existing; index < concurrency; index++) {
      const slot: Slot = { host, port, index, peer: undefined, delayMs: this.reconnect.initialDelayMs, timer: undefined };
      this.slots.push(slot);
      this.connectSlot(slot);
    }
  }

  private connectSlot(slot: Slot): void {
    slot.timer = undefined;
    if (!this.running || this.store.isBanned(slot.host, slot.port)) return;
    const peer = new Peer({ ...(this.options.peerOptions ?? {}), host: slot.host, port: slot.port, network: this.network });
    slot.peer = peer;
    peer.on('message', (message: Message) => this.emit('message', message, peer));
    peer.on('ban', (reason: string) => {
      this.store.update(slot.host, slot.port, { banned: true, score: peer.score });
      this.persist();
      this.emit('ban', peer, reason);
    });
    peer.once('close', (reason: Error | undefined) => {
      if (slot.peer === peer) slot.peer = undefined;
      this.store.update(slot.host, slot.port, { score: peer.score });
      this.persist();
      this.emit('peer-close', peer, reason);
      this.scheduleReconnect(slot);
    });
    peer.connect().then(
      () => {
        slot.delayMs = this.reconnect.initialDelayMs;
        this.store.update(slot.host, slot.port, { lastSeen: Date.now() });
        this.persist();
        this.emit('peer', peer);
      },
      // The failure already reached 'close'; the reconnect is scheduled there.
      () => undefined,
    );
  }

  private scheduleReconnect(slot: Slot): void {
    if (!this.running || this.store.isBanned(slot.host, slot.port) || slot.timer) return;
    const delay = slot.delayMs;
    slot.delayMs = Math.min(this.reconnect.maxDelayMs, Math.max(1, delay * this.reconnect.factor));
    slot.timer = setTimeout(() => this.connectSlot(slot), delay);
  }

  private persist(): void {
    this.store.save().catch((error: Error) => this.emit('error', error));
  }

  /** For tests and monitoring: the current backoff of each connection slot of an address. */
  backoff(host: string, port: number): number[] {
    return this.slots.filter((s) => peerKey(s.host, s.port) === peerKey(host, port)).map((s) => s.delayMs);
  }
}
