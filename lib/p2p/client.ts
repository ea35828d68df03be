// High-level P2P API over a PeerManager: headers, transaction broadcast, new-tip
// announcements and block download.

import { hash } from '../hash';
import { BufferReader, DecodeError } from '../encoding/reader';
import type { NetworkParams } from '../protocol/networks';
import { INV, type InvItem, type Message } from './messages';
import type { BlockChunk } from './parser';
import type { Peer } from './peer';
import { PeerManager, type PeerManagerOptions } from './peer-manager';
import { P2PNotFoundError, P2PPeerClosedError, P2PTimeoutError, P2PTransactionError } from './peer-errors';

export interface P2PClientOptions extends PeerManagerOptions {
  /** How long getHeaders waits for its reply. Default 30 s. */
  headersTimeoutMs?: number;
  /** How long broadcastTransaction listens for a reject. Default 2 s. */
  rejectWindowMs?: number;
  /** How long getBlock waits for the block (or its first chunk). Default 60 s. */
  blockTimeoutMs?: number;
  /** How long calls wait for a ready peer. Default 10 s. */
  peerWaitMs?: number;
}

export type RejectMessage = Extract<Message, { command: 'reject' }>;

export interface TransactionIds {
  /** Internal byte order. */
  txid: Buffer;
  wtxid: Buffer;
}

export interface RelayReport extends TransactionIds {
  /** The connection the transaction was sent on. */
  sentTo: Peer;
  /** Other connections that announced it back (inv with its txid or wtxid), in order. */
  relayedBy: Peer[];
  reject: RejectMessage | undefined;
}

export interface Tip {
  /** Internal byte order. */
  hash: Buffer;
  /** The 80-byte header when the announcement was a headers message. */
  header: Buffer | undefined;
  source: 'inv' | 'headers';
  peer: Peer;
}

const ZERO_HASH = Buffer.alloc(32);
// Keeps the memory of seen tips bounded on a long-running client.
const MAX_SEEN_TIPS = 10_000;

/**
 * Pure: txid (legacy serialisation) and wtxid (as given) of a raw transaction. Handles the
 * segwit marker and Litecoin's MWEB flag bit (0x08) by cutting the extended parts out.
 */
export function transactionIds(raw: Buffer): TransactionIds {
  try {
    const r = new BufferReader(raw);
    const version = r.bytes(4);
    let flags = 0;
    if (raw.length > 5 && raw[4] === 0 && raw[5] !== 0) {
      r.u8();
      flags = r.u8();
    }
    const body: Buffer[] = [];
    const start = r.offset;
    const inputs = r.varint();
    for (let i = 0; i < inputs; i++) {
      r.bytes(36);
      r.varbytes();
      r.bytes(4);
    }
    const outputs = r.varint();
    for (let i = 0; i < outputs; i++) {
      r.bytes(8);
      r.varbytes();
    }
    body.push(raw.subarray(start, r.offset));
    if (flags & 1) {
      for (let i = 0; i < inputs; i++) {
        const items = r.varint();
        for (let j = 0; j < items; j++) r.varbytes();
      }
    }
    // An MWEB transaction body (flag 8) cannot be skipped without its own parser; it only
    // sits before the locktime, which is always the last 4 bytes.
    if (flags & 8) r.bytes(r.remaining - 4);
    const locktime = r.bytes(4);
    r.expectEnd();
    const legacy = Buffer.concat([version, ...body, locktime]);
    return { txid: hash.sha256d(legacy), wtxid: hash.sha256d(raw) };
  } catch (error) {
    if (error instanceof DecodeError) throw new P2PTransactionError(`raw transaction does not parse: ${error.message}`);
    throw error;
  }
}

/** The block hash a header is known by on this network (sha256d, or the PoW hash on Dash). */
export function blockHash(network: NetworkParams, header: Buffer): Buffer {
  const h = header.subarray(0, 80);
  return network.blockHashAlgorithm === 'pow' ? hash.powHash(network.pow, h) : hash.sha256d(h);
}

/** getdata type for a full block: with MWEB on Litecoin, with witnesses on other segwit coins. */
export function fullBlockInvType(network: NetworkParams): number {
  if (network.coin === 'litecoin') return INV.MWEB_BLOCK;
  if (network.bech32Hrp !== undefined) return INV.WITNESS_BLOCK;
  return INV.BLOCK;
}

function isBlockInv(item: InvItem): boolean {
  // The witness and MWEB flags sit in the high bits; the base type is in the low ones.
  return (item.type & 0xffff) === INV.BLOCK;
}

export class P2PClient {
  readonly manager: PeerManager;
  readonly network: NetworkParams;
  private readonly options: P2PClientOptions;
  private readonly headerQueues = new Map<Peer, Promise<unknown>>();
  private readonly seenTips = new Set<string>();
  private readonly tipListeners = new Set<(tip: Tip) => void>();
  private readonly tipClosers = new Set<() => void>();
  // headers messages taken as replies to our getheaders; the rest are announcements.
  private readonly replies = new WeakSet<Message>();

  constructor(options: P2PClientOptions) {
    this.options = options;
    this.network = options.network;
    this.manager = new PeerManager(options);
    this.manager.on('peer', (peer: Peer) => this.onPeer(peer));
    this.manager.on('message', (message: Message, peer: Peer) => this.onMessage(message, peer));
  }

  start(): Promise<void> {
    return this.manager.start();
  }

  stop(): Promise<void> {
    // Ends every waitForNewTip iterator, including one parked in next().
    for (const close of [...this.tipClosers]) close();
    return this.manager.stop();
  }

  /**
   * Sends getheaders to one peer and resolves with the 80-byte headers of its reply. Requests
   * to the same peer are queued: a headers reply carries no request id, so only one may be
   * outstanding. A reply is recognised as empty, or as starting on a locator hash (or genesis).
   */
  async getHeaders(locator: Buffer[], stop: Buffer = ZERO_HASH, peer?: Peer): Promise<Buffer[]> {
    const target = peer ?? (await this.manager.waitForPeer(this.options.peerWaitMs));
    const previous = this.headerQueues.get(target) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.requestHeaders(target, locator, stop));
    this.headerQueues.set(target, run);
    try {
      return await run;
    } finally {
      if (this.headerQueues.get(target) === run) this.headerQueues.delete(target);
    }
  }

  /**
   * Sends the transaction to every ready connection and resolves with a reject message if one
   * names it within rejectWindowMs, else undefined. Litecoin/Bitcoin Core 0.21 and later never
   * send reject, so there undefined only means "nothing heard". As observed on litecoind
   * 0.21: a policy failure is silent; a consensus failure (e.g. bad-txns-in-belowout) makes
   * the node drop the connection (a 'peer-close' on the manager, which then reconnects).
   */
  async broadcastTransaction(rawTx: Buffer): Promise<RejectMessage | undefined> {
    const { txid } = transactionIds(rawTx);
    await this.manager.waitForPeer(this.options.peerWaitMs);
    const reject = this.listenForReject(txid, this.options.rejectWindowMs ?? 2000);
    this.manager.broadcast({ command: 'tx', raw: rawTx });
    return reject;
  }

  /**
   * Sends the transaction on one connection and listens on all the others for an inv with its
   * txid or wtxid, for timeoutMs (or until every other connection has relayed it).
   */
  async broadcastTransactionAndListen(rawTx: Buffer, options: { timeoutMs: number; peer?: Peer }): Promise<RelayReport> {
    const ids = transactionIds(rawTx);
    const sentTo = options.peer ?? (await this.manager.waitForPeer(this.options.peerWaitMs));
    const relayedBy: Peer[] = [];
    let reject: RejectMessage | undefined;
    await new Promise<void>((resolve) => {
      const onMessage = (message: Message, peer: Peer): void => {
        if (message.command === 'reject' && message.data.equals(ids.txid)) reject = message;
        if (message.command !== 'inv' || peer === sentTo || relayedBy.includes(peer)) return;
        const found = message.items.some((item) => item.hash.equals(ids.txid) || item.hash.equals(ids.wtxid));
        if (!found) return;
        relayedBy.push(peer);
        const others = this.manager.readyPeers().filter((p) => p !== sentTo);
        if (others.every((p) => relayedBy.includes(p))) finish();
      };
      const finish = (): void => {
        clearTimeout(timer);
        this.manager.off('message', onMessage);
        resolve();
      };
      const timer = setTimeout(finish, options.timeoutMs);
      this.manager.on('message', onMessage);
      if (!sentTo.send({ command: 'tx', raw: rawTx })) finish();
    });
    return { ...ids, sentTo, relayedBy, reject };
  }

  /**
   * New best-chain candidates as peers announce them, each hash once: inv(block) before a
   * peer has switched to headers announcements, headers after (the client sends sendheaders
   * and a getheaders on every new connection, and a getheaders after each inv to move the
   * peer's idea of what we know to its tip).
   */
  waitForNewTip(): AsyncIterableIterator<Tip> {
    const queue: Tip[] = [];
    let wake: ((result: IteratorResult<Tip>) => void) | undefined;
    let done = false;
    const listener = (tip: Tip): void => {
      if (wake) {
        const w = wake;
        wake = undefined;
        w({ value: tip, done: false });
      } else queue.push(tip);
    };
    this.tipListeners.add(listener);
    const finish = (): IteratorResult<Tip> => {
      done = true;
      this.tipListeners.delete(listener);
      this.tipClosers.delete(close);
      if (wake) wake({ value: undefined, done: true });
      wake = undefined;
      return { value: undefined, done: true };
    };
    const close = (): void => void finish();
    this.tipClosers.add(close);
    const iterator: AsyncIterableIterator<Tip> = {
      next: (): Promise<IteratorResult<Tip>> => {
        const tip = queue.shift();
        if (tip) return Promise.resolve({ value: tip, done: false });
        if (done) return Promise.resolve(finish());
        return new Promise((resolve) => (wake = resolve));
      },
      return: (): Promise<IteratorResult<Tip>> => Promise.resolve(finish()),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /**
   * Fetches one block (hash in internal order) with the full-block inv type of the network.
   * Resolves with the raw block, or, when the parser streams it (at or above its chunk
   * threshold), with an async iterator of its chunks in order. litecoind (like Bitcoin Core)
   * silently ignores getdata for a block it does not have, so that case is a P2PTimeoutError
   * after blockTimeoutMs; a notfound reply, where a peer sends one, is a P2PNotFoundError.
   */
  async getBlock(blockHashInternal: Buffer, peer?: Peer): Promise<Buffer | AsyncIterableIterator<BlockChunk>> {
    const target = peer ?? (await this.manager.waitForPeer(this.options.peerWaitMs));
    const timeoutMs = this.options.blockTimeoutMs ?? 60_000;
    const wanted = blockHashInternal;
    return new Promise((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        target.off('message', onMessage);
        target.off('chunk', onChunk);
        target.off('close', onClose);
      };
      const onMessage = (message: Message): void => {
        if (message.command === 'block' && message.raw.length >= 80 && blockHash(this.network, message.raw).equals(wanted)) {
          cleanup();
          resolve(message.raw);
        } else if (message.command === 'notfound' && message.items.some((i) => i.hash.equals(wanted))) {
          cleanup();
          reject(new P2PNotFoundError(`${target.address} does not have block ${Buffer.from(wanted).reverse().toString('hex')}`));
        }
      };
      const onChunk = (chunk: BlockChunk): void => {
        if (!chunk.blockHash.equals(wanted)) return;
        cleanup();
        resolve(this.chunkStream(target, chunk));
      };
      const onClose = (reason: Error | undefined): void => {
        cleanup();
        reject(new P2PPeerClosedError(`${target.address} closed before sending the block${reason ? `: ${reason.message}` : ''}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new P2PTimeoutError(`${target.address}: no block within ${timeoutMs} ms`));
      }, timeoutMs);
      target.on('message', onMessage);
      target.on('chunk', onChunk);
      target.once('close', onClose);
      if (!target.send({ command: 'getdata', items: [{ type: fullBlockInvType(this.network), hash: wanted }] })) {
        onClose(undefined);
      }
    });
  }

  private async requestHeaders(peer: Peer, locator: Buffer[], stop: Buffer): Promise<Buffer[]> {
    const genesis = Buffer.from(this.network.genesisHash, 'hex').reverse();
    const starts = [...locator, genesis];
    const reply = await peer.request<Extract<Message, { command: 'headers' }>>(
      { command: 'getheaders', version: this.network.protocolVersion, locator, stop },
      (m) => {
        const isReply = m.command === 'headers' && (m.headers.length === 0 || starts.some((h) => h.equals(m.headers[0].subarray(4, 36))));
        if (isReply) this.replies.add(m);
        return isReply;
      },
      this.options.headersTimeoutMs ?? 30_000,
    );
    return reply.headers;
  }

  private listenForReject(txid: Buffer, windowMs: number): Promise<RejectMessage | undefined> {
    return new Promise((resolve) => {
      const onMessage = (message: Message): void => {
        if (message.command === 'reject' && message.data.equals(txid)) finish(message);
      };
      const finish = (value: RejectMessage | undefined): void => {
        clearTimeout(timer);
        this.manager.off('message', onMessage);
        resolve(value);
      };
      const timer = setTimeout(() => finish(undefined), windowMs);
      this.manager.on('message', onMessage);
    });
  }

  private onPeer(peer: Peer): void {
    peer.send({ command: 'sendheaders' });
    // The reply is the peer's chain as it stands: known, not new. It also tells the peer
    // which headers we have, which it needs before it announces by headers.
    this.getHeaders([Buffer.from(this.network.genesisHash, 'hex').reverse()], ZERO_HASH, peer).then(
      (headers) => {
        for (const header of headers) this.markSeen(blockHash(this.network, header));
      },
      () => undefined,
    );
  }

  private onMessage(message: Message, peer: Peer): void {
    if (this.tipListeners.size === 0) return;
    if (message.command === 'inv') {
      const blocks = message.items.filter(isBlockInv);
      for (const item of blocks) this.emitTip({ hash: item.hash, header: undefined, source: 'inv', peer });
      const last = blocks.at(-1);
      // Moves the peer's "best header sent" to its tip so later blocks come as headers.
      if (last) peer.send({ command: 'getheaders', version: this.network.protocolVersion, locator: [last.hash], stop: ZERO_HASH });
    } else if (message.command === 'headers' && !this.replies.has(message)) {
      for (const header of message.headers) {
        this.emitTip({ hash: blockHash(this.network, header), header, source: 'headers', peer });
      }
    }
  }

  private emitTip(tip: Tip): void {
    if (!this.markSeen(tip.hash)) return;
    for (const listener of this.tipListeners) listener(tip);
  }

  /** Returns false when the hash was seen before. */
  private markSeen(h: Buffer): boolean {
    const key = h.toString('hex');
    if (this.seenTips.has(key)) return false;
    this.seenTips.add(key);
    if (this.seenTips.size > MAX_SEEN_TIPS) {
      const oldest = this.seenTips.values().next().value;
      if (oldest !== undefined) this.seenTips.delete(oldest);
    }
    return true;
  }

  private chunkStream(peer: Peer, first: BlockChunk): AsyncIterableIterator<BlockChunk> {
    const queue: BlockChunk[] = [first];
    let ended = false;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    const notify = (): void => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const onChunk = (chunk: BlockChunk): void => {
      if (!chunk.blockHash.equals(first.blockHash)) return;
      queue.push(chunk);
      // Backpressure: stop reading the socket while the consumer is behind.
      if (queue.length > 8) peer.pauseReading();
      notify();
    };
    const onEnd = (end: { blockHash: Buffer }): void => {
      if (!end.blockHash.equals(first.blockHash)) return;
      ended = true;
      detach();
      notify();
    };
    const onClose = (reason: Error | undefined): void => {
      failure = new P2PPeerClosedError(`${peer.address} closed during the block${reason ? `: ${reason.message}` : ''}`);
      detach();
      notify();
    };
    const detach = (): void => {
      peer.off('chunk', onChunk);
      peer.off('block-end', onEnd);
      peer.off('close', onClose);
    };
    peer.on('chunk', onChunk);
    peer.on('block-end', onEnd);
    peer.once('close', onClose);
    const iterator: AsyncIterableIterator<BlockChunk> = {
      next: async (): Promise<IteratorResult<BlockChunk>> => {
        for (;;) {
          const chunk = queue.shift();
          if (chunk) {
            if (queue.length <= 2) peer.resumeReading();
            return { value: chunk, done: false };
          }
          if (failure) throw failure;
          if (ended) return { value: undefined, done: true };
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
      return: async (): Promise<IteratorResult<BlockChunk>> => {
        detach();
        peer.resumeReading();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
