// A throwaway litecoind regtest daemon for `hashpool demo`: its own temporary datadir,
// free loopback ports, and a stop() that removes everything it made.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { HashpoolError } from '../hash/errors';
import { DaemonClient, RpcError } from '../rpc';
import { regtestConfig } from './regtest-config';

export const LITECOIND_PATH = '/usr/lib/litecoin/litecoind';
const STARTUP_TIMEOUT_MS = 60_000;
/** "Loading block index..." and friends: the daemon is up but not ready. */
const RPC_IN_WARMUP = -28;

export class DevnetError extends HashpoolError {
  constructor(message: string) {
    super('ERR_DEVNET', message);
  }
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export class RegtestLitecoind {
  readonly client: DaemonClient;
  private exited: Promise<void>;

  private constructor(
    readonly datadir: string,
    readonly rpcUrl: string,
    readonly p2pPort: number,
    private readonly child: ChildProcess,
  ) {
    this.client = new DaemonClient({ url: rpcUrl, timeoutMs: 30_000, name: 'litecoind' });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static async start(binary = LITECOIND_PATH): Promise<RegtestLitecoind> {
    if (!fs.existsSync(binary)) {
      throw new DevnetError(`${binary} not found (on Debian: sudo apt-get install litecoind)`);
    }
    const datadir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-demo-'));
    const ports = new Set<number>();
    while (ports.size < 3) ports.add(await freeLoopbackPort());
    const [rpcPort, p2pPort, onionPort] = [...ports] as [number, number, number];
    const auth = { user: 'demo', password: crypto.randomBytes(12).toString('hex') };
    fs.writeFileSync(path.join(datadir, 'litecoin.conf'), regtestConfig({ p2pPort, rpcPort, onionPort, auth }));
    const child = spawn(binary, [`-datadir=${datadir}`, '-daemon=0'], { stdio: 'ignore' });
    const node = new RegtestLitecoind(datadir, `http://${auth.user}:${auth.password}@127.0.0.1:${rpcPort}`, p2pPort, child);
    try {
      await node.waitForRpc();
    } catch (error) {
      await node.stop();
      throw error;
    }
    return node;
  }

  rpc<T>(method: string, ...params: unknown[]): Promise<T> {
    return this.client.call<T>(method, params);
  }

  private async waitForRpc(): Promise<void> {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    let alive = true;
    void this.exited.then(() => (alive = false));
    for (;;) {
      if (!alive) throw new DevnetError('litecoind exited during startup');
      try {
        await this.client.call<number>('getblockcount', [], { timeoutMs: 2000 });
        return;
      } catch (error) {
        if (error instanceof RpcError && error.rpcCode !== RPC_IN_WARMUP) throw error;
      }
      if (Date.now() > deadline) throw new DevnetError(`litecoind did not answer RPC within ${STARTUP_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** RPC stop (SIGKILL after 10 s), then the datadir is removed. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.client.call('stop', [], { timeoutMs: 5000 }).catch(() => this.child.kill('SIGKILL'));
      await this.exited;
      clearTimeout(timer);
    }
    this.client.close();
    fs.rmSync(this.datadir, { recursive: true, force: true });
  }

  /** For exit handlers: no waiting. */
  killSync(): void {
    this.child.kill('SIGKILL');
    fs.rmSync(this.datadir, { recursive: true, force: true });
  }
}
