// Header synchronisation with one peer: getheaders from our locator until a short reply
// (< 2000), then follow new tips (sendheaders and one getheaders, after which the peer
// announces blocks as headers; inv announcements and unconnecting headers trigger another
// getheaders round). Validation and reorg detection live in HeadersStore.
import { EventEmitter } from 'node:events';
import { hash } from '../hash';
import type { NetworkParams } from '../protocol/networks';
import { HeaderOrphanError, type BlockRef, type HeadersStore } from './headers-store';
import { INV, MAX_HEADERS, type InvItem, type Message } from './messages';
import type { Peer } from './peer';

const ZERO_HASH = Buffer.alloc(32);

/** What the sync loop needs from a connection. Events: 'headers' (announced headers, not replies), 'inv' (InvItem[]), 'close'. */
export interface HeaderSource {
  getHeaders(locator: Buffer[], stop?: Buffer): Promise<Buffer[]>;
  /** BIP130: asks the peer to announce new blocks with headers instead of inv. */
  sendHeaders(): void;
  on(event: 'headers', listener: (headers: Buffer[]) => void): this;
  on(event: 'inv', listener: (items: InvItem[]) => void): this;
  on(event: 'close', listener: (reason?: Error) => void): this;
  off(event: 'headers', listener: (headers: Buffer[]) => void): this;
  off(event: 'inv', listener: (items: InvItem[]) => void): this;
  off(event: 'close', listener: (reason?: Error) => void): this;
}

type HeadersMessage = Extract<Message, { command: 'headers' }>;

/** HeaderSource over a connected Peer (lib/p2p/peer.ts). */
export class PeerHeaderSource extends EventEmitter implements HeaderSource {
  private queue: Promise<unknown> = Promise.resolve();
  // headers messages taken as replies to our getheaders; the others are announcements.
  private readonly replies = new WeakSet<Message>();
  private readonly onHeaders = (message: HeadersMessage): void => {
    if (!this.replies.has(message)) this.emit('headers', message.headers);
  };
  private readonly onInv = (message: Extract<Message, { items: InvItem[] }>): void => {
    this.emit('inv', message.items);
  };
  private readonly onClose = (reason?: Error): void => {
    this.emit('close', reason);
  };

  constructor(
    readonly peer: Peer,
    readonly network: NetworkParams,
    private readonly timeoutMs = 30_000,
  ) {
    super();
    peer.on('headers', this.onHeaders);
    peer.on('inv', this.onInv);
    peer.on('close', this.onClose);
  }

  /** Stops listening to the peer (does not close it). */
  detach(): void {
    this.peer.off('headers', this.onHeaders);
    this.peer.off('inv', this.onInv);
    this.peer.off('close', this.onClose);
  }

  /** One request at a time: a headers reply carries no request id. */
  getHeaders(locator: Buffer[], stop: Buffer = ZERO_HASH): Promise<Buffer[]> {
    const run = this.queue.then(() => this.request(locator, stop));
    this.queue = run.catch(() => undefined);
    return run;
  }

  sendHeaders(): void {
    this.peer.send({ command: 'sendheaders' });
  }

  private async request(locator: Buffer[], stop: Buffer): Promise<Buffer[]> {
    const starts = [...locator, Buffer.from(this.network.genesisHash, 'hex').reverse()];
    // A reply is empty or starts on one of our locator hashes; an announcement of a new
    // block on our tip looks the same, and is then handled as the reply (no harm: the
    // real reply arrives next as an announcement and is stored all the same).
    const reply = await this.peer.request<HeadersMessage>(
      { command: 'getheaders', version: this.network.protocolVersion, locator, stop },
      (m) => {
        const isReply = m.command === 'headers' && (m.headers.length === 0 || starts.some((h) => h.equals(m.headers[0].subarray(4, 36))));
        if (isReply) this.replies.add(m);
        return isReply;
      },
      this.timeoutMs,
    );
    return reply.headers;
  }
}

export interface SyncProgress {
  height: number;
  /** Headers received so far in this sync round. */
  received: number;
  elapsedMs: number;
}

export interface HeaderSync {
  on(event: 'progress', listener: (progress: SyncProgress) => void): this;
  on(event: 'synced', listener: (tip: BlockRef) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
}

/**
 * Events: 'progress' after each stored batch, 'synced' (BlockRef) when a round ends with a
 * short reply, 'error' (Error) for failures while following (bad headers, timeouts); the
 * store itself emits 'tip' and 'reorg'.
 */
export class HeaderSync extends EventEmitter {
  private running: Promise<BlockRef> | undefined;
  private again = false;
  private following = false;
  private readonly onAnnounced = (headers: Buffer[]): void => this.handleHeaders(headers);
  private readonly onInv = (items: InvItem[]): void => this.handleInv(items);

  constructor(
    readonly store: HeadersStore,
    readonly source: HeaderSource,
  ) {
    super();
  }

  /**
   * Runs getheaders rounds until the peer has nothing more; resolves with our tip. The next
   * request goes out (from the last received hash) while the current batch is checked.
   * Concurrent calls share one run; a call made during a run makes it go round once more.
   */
  sync(): Promise<BlockRef> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = this.loop().finally(() => {
      this.running = undefined;
      // An announcement that came after the loop's last check still gets its round.
      if (this.again && this.following) this.background();
    });
    this.running = run;
    return run;
  }

  /** After the initial sync: asks for headers announcements and reacts to them. */
  follow(): void {
    if (this.following) return;
    this.following = true;
    this.source.on('headers', this.onAnnounced);
    this.source.on('inv', this.onInv);
    this.source.sendHeaders();
    // The peer announces by headers only once it has had a getheaders from us.
    this.background();
  }

  stop(): void {
    this.following = false;
    this.source.off('headers', this.onAnnounced);
    this.source.off('inv', this.onInv);
  }

  private async loop(): Promise<BlockRef> {
    const started = Date.now();
    let received = 0;
    do {
      this.again = false;
      let request = this.source.getHeaders(this.store.locator());
      // Up to two batches in flight: the store checks batch N+1's links and bits on this
      // thread while batch N's PoW runs on the pool threads.
      let previous: Promise<unknown> | undefined;
      for (;;) {
        const headers = await request;
        let next: Promise<Buffer[]> | undefined;
        if (headers.length >= MAX_HEADERS) {
          const last = hash.sha256d(headers[headers.length - 1]);
          next = this.source.getHeaders([last, ...this.store.locator()]);
          // Dropped unread when a batch turns out bad; that must not be an unhandled rejection.
          next.catch(() => undefined);
        }
        const added = this.store.addHeaders(headers).then(() => {
          received += headers.length;
          this.emit('progress', { height: this.store.height, received, elapsedMs: Date.now() - started });
        });
        added.catch(() => undefined);
        if (previous !== undefined) await previous;
        previous = added;
        if (next === undefined) break;
        request = next;
      }
      await previous;
    } while (this.again);
    const tip = this.store.tip;
    this.emit('synced', tip);
    return tip;
  }

  private background(): void {
    this.sync().catch((error: Error) => this.emit('error', error));
  }

  private handleHeaders(headers: Buffer[]): void {
    if (headers.length === 0) return;
    this.store.addHeaders(headers).then(
      () => undefined,
      (error: Error) => {
        // Unconnecting announcement: we missed blocks; a getheaders round fetches them.
        if (error instanceof HeaderOrphanError) this.background();
        else this.emit('error', error);
      },
    );
  }

  private handleInv(items: InvItem[]): void {
    const unknown = items.some((item) => (item.type & 0xffff) === INV.BLOCK && !this.store.has(item.hash));
    if (unknown) this.background();
  }
}
