// Test harness: real redis-server instances (appendonly yes) in temporary directories on free
// loopback ports. Every server is a child of this process and is killed when it exits.

import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, sleep } from './litecoind';

export const REDIS_SERVER = '/usr/bin/redis-server';

export interface RedisServer {
  /** redis://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** Working directory with the append-only files; survives terminate()/kill()/restart(). */
  readonly dir: string;
  /** SIGTERM, wait for the exit, remove the directory. */
  stop(): Promise<void>;
  /** SIGKILL at once; the directory stays. */
  kill(): void;
  /** SIGTERM and wait (Redis writes its AOF on the way out); the directory stays. */
  terminate(): Promise<void>;
  /** Starts again on the same port and directory (stopping the running server first). */
  restart(): Promise<void>;
  readonly running: boolean;
}

export interface StartRedisOptions {
  /** A fixed port, e.g. one a client was already pointed at while the server was down. */
  port?: number;
}

const STARTUP_TIMEOUT_MS = 15_000;
const all = new Set<Server>();

process.on('exit', () => {
  for (const server of all) server.killNow();
  for (const server of all) rmSync(server.dir, { recursive: true, force: true });
});

export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hashpool-redis-'));
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await freePort());
    const server = new Server(port, dir);
    all.add(server);
    try {
      await server.launch();
      return server;
    } catch (error) {
      lastError = error;
      server.killNow();
      all.delete(server);
      if (options.port !== undefined) break;
    }
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}

/** For an after() hook: stops every server this process started and removes their directories. */
export async function stopAllRedis(): Promise<void> {
  await Promise.all([...all].map((server) => server.stop()));
}

/** Sends PING on a raw socket; true on +PONG (not while Redis is still loading its AOF). */
export function pingRedis(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data: Buffer) => {
      reply += data.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

class Server implements RedisServer {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';

  constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  async launch(): Promise<void> {
    this.output = '';
    const args = [
      '--port', String(this.port),
      '--bind', '127.0.0.1',
      '--dir', this.dir,
      '--appendonly', 'yes',
      '--save', '',
      '--daemonize', 'no',
      '--protected-mode', 'no',
      '--logfile', '',
    ];
    const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise<void>((resolve) => {
      const gone = (): void => {
        if (this.child === child) this.child = undefined;
        resolve();
      };
      child.on('exit', gone);
      child.on('error', (error: Error) => {
        this.output += `spawn failed: ${error.message}`;
        gone();
      });
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (text: string) => {
        this.output = (this.output + text).slice(-4000);
      });
    }
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    for (;;) {
      if (this.child !== child) throw new Error(`redis-server exited during startup: ${this.output.trim()}`);
      if (await pingRedis(this.port, 500)) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not answer within ${STARTUP_TIMEOUT_MS} ms`);
      await sleep(25);
    }
  }

  killNow(): void {
    this.child?.kill('SIGKILL');
  }

  kill(): void {
    this.killNow();
  }

  async terminate(): Promise<void> {
    const child = this.child;
    if (!child) return this.exited;
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.kill('SIGTERM');
    await this.exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.terminate();
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.terminate();
    all.delete(this);
    await rm(this.dir, { recursive: true, force: true });
  }
}
