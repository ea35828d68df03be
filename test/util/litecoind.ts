// Test harness: real litecoind regtest daemons in temporary datadirs on free loopback ports.
// Every daemon is a child of this process and is killed when the process exits; nothing else
// on the machine is touched. The binary is /usr/lib/litecoin/litecoind (the /usr/bin wrapper
// writes ~/.litecoin).
//
// getblocktemplate needs two things even on regtest: at least one P2P peer (else RPC error -9
// "Litecoin Core is not connected!") and a node out of initial block download (else -10; mine
// one block). connectPair() gives both.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DaemonClient } from '../../lib/rpc/daemon-client';
import { RpcError } from '../../lib/rpc/errors';
import { regtestConfig } from '../../lib/devnet/regtest-config';
import { freeLoopbackPort } from '../../lib/devnet/regtest-litecoind';

export const LITECOIND = '/usr/lib/litecoin/litecoind';
export const WALLET = 'pool';

export type AddressType = 'legacy' | 'p2sh-segwit' | 'bech32' | 'mweb';

export interface StartOptions {
  /** Makes this node connect to that one (connect=); that is its only outbound peer. */
  connectTo?: LitecoindNode;
  /** Extra command-line arguments, e.g. ['-vbparams=mweb:-2:0']. */
  args?: string[];
  /** blocknotify command; %s is replaced by the block hash. */
  blocknotify?: string;
  /** No rpcuser/rpcpassword: the daemon writes <datadir>/regtest/.cookie and the client reads it. */
  cookieAuth?: boolean;
}

export interface LitecoindNode {
  readonly datadir: string;
  readonly rpcPort: number;
  readonly p2pPort: number;
  /** http://user:password@127.0.0.1:port; with cookieAuth it changes on every restart. */
  readonly rpcUrl: string;
  readonly user: string;
  readonly password: string;
  /** Survives restart() (with cookieAuth it re-reads the cookie). */
  readonly client: DaemonClient;
  rpc<T>(method: string, ...params: unknown[]): Promise<T>;
  /** generatetoaddress; the address defaults to a new bech32 one from wallet "pool". */
  mine(n: number, address?: string): Promise<string[]>;
  newAddress(type?: AddressType): Promise<string>;
  /** RPC stop, wait for the exit (SIGKILL after 10 s), then remove the datadir. */
  stop(): Promise<void>;
  /** SIGKILL at once; the datadir stays so restart() can use it. */
  kill(): void;
  /** Starts again on the same datadir and ports (after kill() or while running). */
  restart(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;
const running = new Set<Node>();
const all = new Set<Node>();

process.on('exit', () => killAndRemoveAllSync());
// Ctrl-C or a runner's SIGTERM skips 'exit' handlers; the daemons must not outlive us then
// either. The signal is raised again only when nobody else handles it, to keep its default.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAndRemoveAllSync();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

/** Starts one regtest daemon with wallet "pool" loaded and returns once RPC answers. */
export async function startLitecoind(options: StartOptions = {}): Promise<LitecoindNode> {
  // Free ports are only free until someone binds them; other tests run at the same time.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const node = await Node.create(options);
    try {
      await node.launch();
      await node.rpc('createwallet', WALLET, false, false, '', false, false, true);
      return node;
    } catch (error) {
      lastError = error;
      const retry = node.exitedEarly;
      await node.discard();
      if (!retry) break;
    }
  }
  throw lastError;
}

/**
 * Two daemons connected both ways (B has connect=A, A has addnode=B, also after restarts),
 * with `mineBlocks` (default 1) blocks mined on A and synced to B, so getblocktemplate
 * works on both.
 */
export async function connectPair(options: { mineBlocks?: number } = {}): Promise<[LitecoindNode, LitecoindNode]> {
  const a = await startLitecoind();
  const b = await startLitecoind({ connectTo: a });
  (a as Node).addPeer(b.p2pPort);
  await a.rpc('addnode', `127.0.0.1:${b.p2pPort}`, 'add');
  const mined = options.mineBlocks ?? 1;
  if (mined > 0) await a.mine(mined);
  const height = await a.rpc<number>('getblockcount');
  await waitFor(async () => (await b.rpc<number>('getblockcount')) === height, 'node B to sync');
  await waitFor(async () => (await a.rpc<number>('getconnectioncount')) > 0, 'node A to see a peer');
  return [a, b];
}

/** For an after() hook: stops every daemon this process started and removes their datadirs. */
export async function stopAllLitecoind(): Promise<void> {
  await Promise.all([...all].map((node) => node.stop()));
}

/** Polls `check` every 50 ms until it is true; rejects after timeoutMs. */
export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // Not there yet; the condition decides, errors just mean "try again".
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Asks the kernel for a free loopback port (the demo's launcher does the same). */
export const freePort = freeLoopbackPort;

class Node implements LitecoindNode {
  readonly client: DaemonClient;
  user: string;
  password: string;
  exitedEarly = false;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stderr = '';
  private removed = false;
  private readonly args: string[];

  private constructor(
    readonly datadir: string,
    readonly rpcPort: number,
    readonly p2pPort: number,
    private readonly onionPort: number,
    private readonly options: StartOptions,
  ) {
    this.args = [...(options.args ?? [])];
    this.user = options.cookieAuth ? '__cookie__' : 'pool';
    this.password = options.cookieAuth ? '' : `pass${Math.random().toString(36).slice(2)}`;
    const cookieFile = options.cookieAuth ? path.join(datadir, 'regtest', '.cookie') : undefined;
    const url = options.cookieAuth ? `http://127.0.0.1:${rpcPort}` : this.rpcUrl;
    this.client = new DaemonClient({ url, cookieFile, timeoutMs: 30_000, name: `litecoind:${rpcPort}` });
  }

  static async create(options: StartOptions): Promise<Node> {
    const datadir = await mkdtemp(path.join(os.tmpdir(), 'hashpool-litecoind-'));
    const [rpcPort, p2pPort, onionPort] = await distinctFreePorts(3);
    const node = new Node(datadir, rpcPort, p2pPort, onionPort, options);
    all.add(node);
    await writeFile(path.join(datadir, 'litecoin.conf'), node.config());
    return node;
  }

  get rpcUrl(): string {
    return `http://${encodeURIComponent(this.user)}:${encodeURIComponent(this.password)}@127.0.0.1:${this.rpcPort}`;
  }

  rpc<T>(method: string, ...params: unknown[]): Promise<T> {
    return this.client.call<T>(method, params);
  }

  async newAddress(type: AddressType = 'bech32'): Promise<string> {
    return this.client.call<string>('getnewaddress', ['', type], { wallet: WALLET });
  }

  async mine(n: number, address?: string): Promise<string[]> {
    return this.rpc<string[]>('generatetoaddress', n, address ?? (await this.newAddress()));
  }

  addPeer(p2pPort: number): void {
    this.args.push(`-addnode=127.0.0.1:${p2pPort}`);
  }

  async launch(): Promise<void> {
    this.stderr = '';
    this.exitedEarly = false;
    const child = spawn(LITECOIND, [`-datadir=${this.datadir}`, '-daemon=0', ...this.args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    running.add(this);
    this.exited = new Promise<void>((resolve) => {
      child.on('exit', () => {
        running.delete(this);
        if (this.child === child) this.child = undefined;
        resolve();
      });
      // spawn failures (ENOENT) arrive here; 'exit' may not follow.
      child.on('error', (error: Error) => {
        this.stderr += `spawn failed: ${error.message}`;
        running.delete(this);
        if (this.child === child) this.child = undefined;
        resolve();
      });
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      this.stderr += text;
    });

    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    for (;;) {
      if (this.child !== child) {
        this.exitedEarly = true;
        throw new Error(`litecoind exited during startup: ${this.stderr.trim() || (await this.logTail())}`);
      }
      try {
        await this.client.call<number>('getblockcount', [], { timeoutMs: 2000 });
        break;
      } catch (error) {
        // -28 is "Loading ..."; connection errors mean the RPC port is not open yet.
        if (error instanceof RpcError && error.rpcCode !== -28) throw error;
      }
      if (Date.now() > deadline) throw new Error(`litecoind did not answer RPC within ${STARTUP_TIMEOUT_MS} ms`);
      await sleep(25);
    }
    if (this.options.cookieAuth) {
      const cookie = (await readFile(path.join(this.datadir, 'regtest', '.cookie'), 'utf8')).trim();
      this.password = cookie.slice(cookie.indexOf(':') + 1);
    }
  }

  kill(): void {
    this.killNow();
  }

  killNow(): void {
    this.child?.kill('SIGKILL');
  }

  async restart(): Promise<void> {
    if (this.removed) throw new Error('restart() after stop(): the datadir is gone');
    // After kill() the child object lingers until its 'exit' event; only wait for that.
    if (this.child && !this.child.killed) await this.shutdown();
    await this.exited;
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.shutdown();
    await this.removeDatadir();
    this.client.close();
    all.delete(this);
  }

  /** For a node that failed to start: kill, wait, clean up. */
  async discard(): Promise<void> {
    this.killNow();
    await this.exited;
    await this.removeDatadir();
    this.client.close();
    all.delete(this);
  }

  private async removeDatadir(): Promise<void> {
    this.removed = true;
    await rm(this.datadir, { recursive: true, force: true });
  }

  private async shutdown(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    try {
      await this.client.call<string>('stop', [], { timeoutMs: 5000 });
    } catch {
      child.kill('SIGKILL');
    }
    await this.exited;
    clearTimeout(timer);
  }

  private async logTail(): Promise<string> {
    const log = path.join(this.datadir, 'regtest', 'debug.log');
    if (!existsSync(log)) return '(no debug.log)';
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    return lines.slice(-5).join('\n');
  }

  private config(): string {
    const o = this.options;
    return regtestConfig({
      p2pPort: this.p2pPort,
      rpcPort: this.rpcPort,
      onionPort: this.onionPort,
      auth: o.cookieAuth ? undefined : { user: this.user, password: this.password },
      connectToPort: o.connectTo?.p2pPort,
      blocknotify: o.blocknotify,
    });
  }
}

async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

// Last resort for a process that ends without stopAllLitecoind(): killed daemons cannot
// clean up, so their datadirs go here too (synchronously, as 'exit' handlers must).
function killAndRemoveAllSync(): void {
  for (const node of running) node.killNow();
  for (const node of all) {
    try {
      rmSync(node.datadir, { recursive: true, force: true });
    } catch {
      // Best effort on the way out.
    }
  }
}
