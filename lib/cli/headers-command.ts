// `hashpool headers --network NAME --peer HOST:PORT --store DIR [--json] [--once]`: syncs a
// persistent headers store from one peer, then follows new tips until SIGINT/SIGTERM.
// Output: a progress bar on a TTY, plain lines otherwise, or with --json one event per line
// ({"event":"tip",...}, {"event":"reorg",...}, {"event":"synced",...}). Lost connections
// are re-opened with backoff; only the first connection failing ends the command.
import { parseArgs } from 'node:util';
import { HeaderSync, PeerHeaderSource, type SyncProgress } from '../p2p/header-sync';
import { HeadersStore, type BlockRef, type Reorg } from '../p2p/headers-store';
import { Peer } from '../p2p/peer';
import { getNetwork, type NetworkParams } from '../protocol/networks';
import { UsageError } from './errors';

export const HEADERS_USAGE = 'headers --network NAME --store DIR [--peer HOST:PORT] [--json] [--once]';

export interface HeadersCommandIo {
  /** One line of output (no newline). */
  out(line: string): void;
  /** Diagnostics. */
  err(line: string): void;
  /** Redraws the progress line in place; only called when isTTY. */
  progress(text: string): void;
  isTTY: boolean;
  /** Ends the command cleanly; without one, SIGINT and SIGTERM do. */
  signal?: AbortSignal;
}

export interface HeadersSettings {
  network: NetworkParams;
  host: string;
  port: number;
  dir: string;
  json: boolean;
  once: boolean;
}

const MAX_BACKOFF_MS = 30_000;

export function parseHeadersArgs(args: string[]): HeadersSettings {
  const { values } = parseArgs({
    args,
    options: {
      network: { type: 'string' },
      peer: { type: 'string' },
      store: { type: 'string' },
      json: { type: 'boolean', default: false },
      once: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.network === undefined || values.store === undefined) throw new UsageError(`usage: hashpool ${HEADERS_USAGE}`);
  const network = getNetwork(values.network);
  const peer = values.peer ?? `127.0.0.1:${network.p2pPort}`;
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(peer);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535) throw new UsageError(`--peer must be HOST:PORT, not '${peer}'`);
  return { network, host: match[1], port, dir: values.store, json: values.json ?? false, once: values.once ?? false };
}

export async function runHeadersCommand(args: string[], io: HeadersCommandIo = processIo()): Promise<void> {
  const settings = parseHeadersArgs(args);
  const stopper = new AbortController();
  const signal = io.signal ?? stopper.signal;
  const onSignal = (): void => stopper.abort();
  if (io.signal === undefined) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  const store = HeadersStore.open({ network: settings.network, dir: settings.dir });
  const printer = new Printer(io, settings.json);
  store.on('reorg', (reorg) => printer.reorg(reorg));
  store.on('tip', (tip) => printer.tip(tip));
  try {
    await session(settings, store, printer, signal, true);
    let backoff = 1000;
    while (!settings.once && !signal.aborted) {
      await sleep(backoff, signal);
      if (signal.aborted) break;
      try {
        await session(settings, store, printer, signal, false);
        backoff = 1000;
      } catch (error) {
        io.err(`headers: ${(error as Error).message}; retrying in ${Math.round(backoff / 1000)} s`);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await store.close();
  }
}

/** One connection: sync, then follow until the peer goes away or we are stopped. */
async function session(settings: HeadersSettings, store: HeadersStore, printer: Printer, signal: AbortSignal, first: boolean): Promise<void> {
  if (signal.aborted) return;
  const peer = new Peer({
    host: settings.host,
    port: settings.port,
    network: settings.network,
    relay: false,
    startHeight: store.height,
  });
  const closed = new Promise<Error | undefined>((resolve) => peer.once('close', resolve));
  const onAbort = (): void => peer.close();
  signal.addEventListener('abort', onAbort, { once: true });
  const source = new PeerHeaderSource(peer, settings.network);
  const sync = new HeaderSync(store, source);
  try {
    await peer.connect();
    if (!first) printer.note(`reconnected to ${peer.address}`);
    printer.startSync(store.height, peer.remote?.startHeight ?? 0);
    sync.on('progress', (p) => printer.progress(p));
    const tip = await sync.sync().catch((error: Error) => {
      if (signal.aborted) return undefined;
      // A node still in initial block download ignores getheaders (shared notes §10).
      if ((error as { code?: string }).code === 'ERR_P2P_TIMEOUT' && (peer.remote?.startHeight ?? 0) === 0) {
        throw new Error(`${error.message} (a node at height 0 is in initial block download and does not answer getheaders)`);
      }
      throw error;
    });
    if (tip === undefined) return;
    printer.synced(tip);
    if (settings.once) return;
    sync.on('error', (error) => {
      // A peer that sends invalid headers is not worth following.
      printer.note(`${peer.address}: ${error.message}`);
      peer.close(error);
    });
    sync.follow();
    const reason = await closed;
    if (!signal.aborted) throw reason ?? new Error(`${peer.address} closed the connection`);
  } catch (error) {
    if (signal.aborted) return;
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    sync.stop();
    source.detach();
    peer.close();
  }
}

class Printer {
  private syncing = false;
  private startHeight = 0;
  private peerHeight = 0;

  constructor(
    private readonly io: HeadersCommandIo,
    private readonly json: boolean,
  ) {}

  startSync(height: number, peerHeight: number): void {
    this.syncing = true;
    this.startHeight = height;
    this.peerHeight = peerHeight;
    if (!this.json) this.io.out(`syncing headers from height ${height}, peer at ${peerHeight}`);
  }

  progress(p: SyncProgress): void {
    if (this.json) return;
    const rate = p.elapsedMs > 0 ? Math.round((p.received * 1000) / p.elapsedMs) : 0;
    const goal = Math.max(this.peerHeight, p.height);
    if (this.io.isTTY) {
      const span = Math.max(1, goal - this.startHeight);
      const filled = Math.min(30, Math.round(((p.height - this.startHeight) / span) * 30));
      this.io.progress(`[${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${p.height}/${goal} headers, ${rate}/s`);
    } else {
      this.io.out(`headers ${p.height}/${goal} (${rate}/s)`);
    }
  }

  synced(tip: BlockRef): void {
    this.syncing = false;
    if (this.json) this.io.out(JSON.stringify({ event: 'synced', height: tip.height, hash: tip.hash }));
    else this.io.out(`synced: tip ${tip.height} ${tip.hash}`);
  }

  tip(tip: BlockRef): void {
    if (this.json) this.io.out(JSON.stringify({ event: 'tip', height: tip.height, hash: tip.hash }));
    else if (!this.syncing) this.io.out(`tip ${tip.height} ${tip.hash}`);
  }

  reorg(reorg: Reorg): void {
    const oldTip = reorg.oldBranch[reorg.oldBranch.length - 1];
    const newTip = reorg.newBranch[reorg.newBranch.length - 1];
    if (this.json) {
      this.io.out(JSON.stringify({ event: 'reorg', commonHeight: reorg.commonAncestor.height, oldTip, newTip }));
    } else {
      this.io.out(
        `reorg at height ${reorg.commonAncestor.height}: ${reorg.oldBranch.length} block(s) out (tip ${oldTip}), ${reorg.newBranch.length} in (tip ${newTip})`,
      );
    }
  }

  note(text: string): void {
    this.io.err(`headers: ${text}`);
  }
}

function processIo(): HeadersCommandIo {
  const isTTY = process.stdout.isTTY === true;
  let drawn = false;
  return {
    out: (line) => {
      process.stdout.write(`${drawn ? '\n' : ''}${line}\n`);
      drawn = false;
    },
    err: (line) => process.stderr.write(`${line}\n`),
    progress: (text) => {
      process.stdout.write(`\r${text}\x1b[K`);
      drawn = true;
    },
    isTTY,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
