// Several daemons behind one call(): the preferred healthy daemon answers, and a transport
// failure moves the same call on to the next one, so a dead primary costs no call.

import { EventEmitter } from 'node:events';
import type { CallOptions, DaemonClient } from './daemon-client';
import { NoHealthyDaemonError, RpcError, RpcOptionsError, isTransportError } from './errors';

export interface PoolDaemon {
  client: DaemonClient;
  /** Larger is preferred; daemons with equal priority are tried in the order given. */
  priority: number;
}

export interface DaemonPoolOptions {
  /** How often every daemon is probed with getblockcount; default 250 ms. */
  healthIntervalMs?: number;
  /** Timeout of one probe; default 1000 ms. */
  healthTimeoutMs?: number;
}

export interface CallAllResult<T> {
  name: string;
  result?: T;
  error?: Error;
}

/** -28 "Loading block index..." / "Verifying blocks...": an answer, but not a usable daemon yet. */
const RPC_IN_WARMUP = -28;

interface Entry {
  readonly client: DaemonClient;
  readonly priority: number;
  readonly order: number;
  up: boolean;
  probing: boolean;
}

export interface DaemonPool {
  on(event: 'up', listener: (name: string) => void): this;
  on(event: 'down', listener: (name: string, reason: Error) => void): this;
  once(event: 'up', listener: (name: string) => void): this;
  once(event: 'down', listener: (name: string, reason: Error) => void): this;
  emit(event: 'up', name: string): boolean;
  emit(event: 'down', name: string, reason: Error): boolean;
}

export class DaemonPool extends EventEmitter {
  private readonly entries: readonly Entry[];
  private readonly healthIntervalMs: number;
  private readonly healthTimeoutMs: number;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(daemons: readonly PoolDaemon[], options: DaemonPoolOptions = {}) {
    super();
    if (daemons.length === 0) throw new RpcOptionsError('DaemonPool needs at least one daemon');
    const names = new Set(daemons.map((d) => d.client.name));
    if (names.size !== daemons.length) throw new RpcOptionsError('DaemonPool daemons need distinct names');
    this.healthIntervalMs = options.healthIntervalMs ?? 250;
    this.healthTimeoutMs = options.healthTimeoutMs ?? 1000;
    // Unknown counts as up, so calls work before start() and before the first probe.
    this.entries = daemons
      .map((d, order): Entry => ({ client: d.client, priority: d.priority, order, up: true, probing: false }))
      .sort((a, b) => b.priority - a.priority || a.order - b.order);
  }

  /** Starts periodic health probes (the first one at once). Calling it again does nothing. */
  start(): void {
    if (this.timer !== undefined || this.closed) return;
    this.probeAll();
    this.timer = setInterval(() => this.probeAll(), this.healthIntervalMs);
    // Health checks alone should not keep a process alive.
    this.timer.unref();
  }

  /**
   * Sends the call to the preferred healthy daemon. A transport error (timeout, connection,
   * HTTP, auth, bad reply) or -28 marks that daemon down and the call moves to the next one;
   * any other RpcError is the daemon's real answer and is thrown as is. When no daemon is
   * marked up, all are tried in order, since the marks may be older than a recovery.
   */
  async call<T>(method: string, params: readonly unknown[] = [], options: CallOptions = {}): Promise<T> {
    const up = this.entries.filter((e) => e.up);
    const candidates = up.length > 0 ? up : this.entries;
    const failures = new Map<string, Error>();
    for (const entry of candidates) {
      if (this.closed) break;
      try {
        return await entry.client.call<T>(method, params, options);
      } catch (error) {
        if (!isUnusable(error)) throw error;
        failures.set(entry.client.name, error as Error);
        this.markDown(entry, error as Error);
      }
    }
    throw new NoHealthyDaemonError(method, failures);
  }

  /**
   * Sends the same call to every daemon not known to be down (to all when none is up), at
   * once; never rejects. Meant for submitblock, where every daemon should see the block.
   */
  async callAll<T>(method: string, params: readonly unknown[] = []): Promise<CallAllResult<T>[]> {
    const up = this.entries.filter((e) => e.up);
    const targets = up.length > 0 ? up : this.entries;
    return Promise.all(
      targets.map(async (entry): Promise<CallAllResult<T>> => {
        const name = entry.client.name;
        try {
          return { name, result: await entry.client.call<T>(method, params) };
        } catch (error) {
          const reason = error instanceof Error ? error : new Error(String(error));
          if (isUnusable(reason)) this.markDown(entry, reason);
          return { name, error: reason };
        }
      }),
    );
  }

  /** Names of the daemons currently marked up, preferred first. */
  healthy(): string[] {
    return this.entries.filter((e) => e.up).map((e) => e.client.name);
  }

  /** Stops health probes and closes every client (the pool owns them). */
  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    for (const entry of this.entries) entry.client.close();
  }

  private probeAll(): void {
    for (const entry of this.entries) {
      // A hung daemon must not pile up probes; the next tick retries once this one ends.
      if (entry.probing) continue;
      entry.probing = true;
      entry.client
        .call<number>('getblockcount', [], { timeoutMs: this.healthTimeoutMs })
        .then(
          () => this.markUp(entry),
          (error: unknown) => {
            if (isUnusable(error)) this.markDown(entry, error as Error);
            // Any other RpcError is an answer: the daemon is alive.
            else this.markUp(entry);
          },
        )
        .finally(() => {
          entry.probing = false;
        });
    }
  }

  private markUp(entry: Entry): void {
    if (this.closed || entry.up) return;
    entry.up = true;
    this.emit('up', entry.client.name);
  }

  private markDown(entry: Entry, reason: Error): void {
    if (this.closed || !entry.up) return;
    entry.up = false;
    this.emit('down', entry.client.name, reason);
  }
}

function isUnusable(error: unknown): boolean {
  return isTransportError(error) || (error instanceof RpcError && error.rpcCode === RPC_IN_WARMUP);
}
