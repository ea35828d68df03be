// Drives bench/load/loadgen.c with the same messages as the Node load client (ipc.ts), so
// the bench runs either. The C program is compiled once per bench run with `cc -O2`; shares
// are prepared here (grind.ts) and handed over as a file.
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { grindShares, readHandshakes, writeFakeShares } from './grind';
import type { ChildMessage, LatencySummary, ParentMessage, RunCounts } from './ipc';

const SOURCE = path.join(__dirname, '..', '..', '..', 'bench', 'load', 'loadgen.c');

/** What loadgen prints, one JSON object per line. */
type LoadgenLine =
  | { type: 'connected'; ready: number; failed: number; connectMs: number }
  | { type: 'loaded' }
  | ({
      type: 'result';
      unmatched: number;
      /** In microseconds. */
      latencyUs: LatencySummary;
    } & RunCounts)
  | { type: 'watching' }
  | { type: 'notified'; count: number; firstNs: number; lastNs: number };

/** Compiles loadgen.c into a temp dir; undefined (with the reason) when there is no C compiler. */
export function compileLoadgen(): { binary: string; dir: string } | { error: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hashpool-loadgen-'));
  const binary = path.join(dir, 'loadgen');
  const cc = process.env.CC ?? 'cc';
  const built = spawnSync(cc, ['-O2', '-o', binary, SOURCE], { encoding: 'utf8' });
  if (built.error !== undefined || built.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { error: built.error?.message ?? built.stderr.trim() };
  }
  return { binary, dir };
}

/** Converts CLOCK_MONOTONIC ns (process.hrtime's clock) to the wall ms of ipc.wallNow. */
function monoToWall(ns: number): number {
  const hr = Number(process.hrtime.bigint());
  const now = performance.now();
  return performance.timeOrigin + now + (ns - hr) / 1e6;
}

export class CLoadClient {
  private child: ChildProcessByStdio<Writable, Readable, null> | undefined;
  private waiting: { type: LoadgenLine['type']; resolve: (line: LoadgenLine) => void; reject: (e: Error) => void } | undefined;
  private pendingNotified: Promise<ChildMessage> | undefined;

  constructor(
    private readonly binary: string,
    private readonly workDir: string,
  ) {}

  async ask<T extends ChildMessage['type']>(message: ParentMessage, type: T): Promise<Extract<ChildMessage, { type: T }>> {
    const reply = await this.handle(message);
    if (reply.type !== type) throw new Error(`loadgen answered ${reply.type}, expected ${type}`);
    return reply as Extract<ChildMessage, { type: T }>;
  }

  /** Only 'notified' is ever waited for without a request (after 'watch-notify'). */
  async wait<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>> {
    if (type !== 'notified' || this.pendingNotified === undefined) throw new Error(`cannot wait for ${type}`);
    const got = await this.pendingNotified;
    this.pendingNotified = undefined;
    return got as Extract<ChildMessage, { type: T }>;
  }

  stop(): void {
    this.child?.kill();
    this.child = undefined;
  }

  private async handle(message: ParentMessage): Promise<ChildMessage> {
    switch (message.type) {
      case 'connect':
        return this.connect(message);
      case 'run': {
        const recycle = message.rate === undefined && this.recycle ? 1 : 0;
        const result = await this.command(`run ${message.seconds} ${message.pipeline} ${message.rate ?? 0} ${recycle}`, 'result');
        if (result.type !== 'result') throw new Error('unreachable');
        const ms = (us: number): number => (result.latencyUs.count === 0 ? NaN : us / 1000);
        return {
          type: 'result',
          seconds: result.seconds,
          sent: result.sent,
          accepted: result.accepted,
          rejected: result.rejected,
          rejectReasons: result.unmatched > 0 ? { ...result.rejectReasons, 'unmatched reply ids': result.unmatched } : result.rejectReasons,
          exhausted: result.exhausted,
          latencyMs: { count: result.latencyUs.count, p50: ms(result.latencyUs.p50), p90: ms(result.latencyUs.p90), p99: ms(result.latencyUs.p99), max: ms(result.latencyUs.max) },
        };
      }
      case 'watch-notify': {
        await this.command('watch', 'watching');
        this.pendingNotified = this.expect('notified').then((line) => {
          if (line.type !== 'notified') throw new Error('unreachable');
          return { type: 'notified', count: line.count, firstAt: monoToWall(line.firstNs), lastAt: monoToWall(line.lastNs) };
        });
        return { type: 'watching' };
      }
      case 'close': {
        const child = this.child;
        this.child = undefined;
        if (child !== undefined) {
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.stdin.end('quit\n');
          await exited;
        }
        return { type: 'closed' };
      }
    }
  }

  private recycle = false;

  private async connect(message: Extract<ParentMessage, { type: 'connect' }>): Promise<ChildMessage> {
    const handshakeFile = path.join(this.workDir, 'handshake.txt');
    const sharesFile = path.join(this.workDir, 'shares.txt');
    const child = spawn(this.binary, [String(message.port), String(message.connections), handshakeFile], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.child = child;
    createInterface({ input: child.stdout }).on('line', (text) => {
      const waiting = this.waiting;
      if (waiting === undefined) return;
      const line = JSON.parse(text) as LoadgenLine;
      if (line.type !== waiting.type) return;
      this.waiting = undefined;
      waiting.resolve(line);
    });
    child.on('exit', (code) => this.waiting?.reject(new Error(`loadgen exited (${String(code)})`)));
    const connected = await this.expect('connected');
    if (connected.type !== 'connected') throw new Error('unreachable');
    const grindStarted = performance.now();
    const handshakes = readHandshakes(handshakeFile);
    this.recycle = message.grind === undefined;
    const shares =
      message.grind === undefined
        ? writeFakeShares(handshakes, message.sharesPerConnection, sharesFile)
        : await grindShares(handshakes, message.sharesPerConnection, message.grind, sharesFile);
    await this.command(`load ${sharesFile}`, 'loaded');
    rmSync(sharesFile, { force: true });
    return { type: 'connected', ready: connected.ready, failed: connected.failed, connectMs: connected.connectMs, grindMs: performance.now() - grindStarted, shares };
  }

  private expect(type: LoadgenLine['type']): Promise<LoadgenLine> {
    return new Promise((resolve, reject) => {
      this.waiting = { type, resolve, reject };
    });
  }

  private command(line: string, type: LoadgenLine['type']): Promise<LoadgenLine> {
    const reply = this.expect(type);
    if (this.child === undefined) return Promise.reject(new Error('loadgen is not running'));
    this.child.stdin.write(`${line}\n`);
    return reply;
  }
}
