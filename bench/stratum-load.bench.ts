// Stratum load: N concurrent miner connections on loopback submitting real shares to the real
// pool path (StratumServer + PoolCoreImpl + JobBook + ShareValidator + SQLite share log with
// group commit), from one child process so the pool keeps its own core. Each scenario also
// runs the same clients against a trivial echo server, to show what the client side can
// drive; read the pool's figures as a ratio to it. Also: new block to 10,000 miners.
//
// Run: npx tsc -p . && node dist/bench/stratum-load.bench.js [--seconds 5] [--connections 1000,10000]
//      [--algorithms sha256d,scrypt] [--pipeline 1] [--rate 50000] [--profile <dir>] [--client c|node]
// The load clients are bench/load/loadgen.c (epoll, compiled on the fly with cc -O2) unless
// there is no C compiler or --client node; the Node client (load-client.ts) is the fallback.
// 10,000 connections need about 10,000 fds in each process (`ulimit -n 20000` covers it).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { hash, type PowSpec } from '../lib/hash';
import { wallNow, type ChildMessage, type ParentMessage } from './load/ipc';
import { PoolUnderTest, type BenchAlgorithm } from './load/pool-under-test';
import { startEchoServer, type EchoServer } from './load/echo-server';
import { CLoadClient, compileLoadgen } from './load/c-load-client';

interface Args {
  seconds: number;
  connections: number[];
  algorithms: BenchAlgorithm[];
  pipeline: number;
  /** Offered rate of the paced (open-loop) sha256d run; 0 skips it. */
  rate: number;
  /** Writes a CPU profile of the pool process during each saturated pool run here. */
  profile: string | undefined;
  client: 'c' | 'node';
}

function parseArgs(argv: string[]): Args {
  const args: Args = { seconds: 5, connections: [1000, 10_000], algorithms: ['sha256d', 'scrypt'], pipeline: 1, rate: 50_000, profile: undefined, client: 'c' };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1] ?? '';
    switch (argv[i]) {
      case '--seconds':
        args.seconds = Number(value);
        break;
      case '--connections':
        args.connections = value.split(',').map(Number);
        break;
      case '--algorithms':
        args.algorithms = value.split(',') as BenchAlgorithm[];
        break;
      case '--pipeline':
        args.pipeline = Number(value);
        break;
      case '--profile':
        args.profile = value;
        break;
      case '--client':
        if (value !== 'c' && value !== 'node') throw new Error('--client takes c or node');
        args.client = value;
        break;
      case '--rate':
        args.rate = Number(value);
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return args;
}

/**
 * Share difficulty of the bench port: sha256d about one hash in two is a share; scrypt every
 * hash (the target clamps at the maximum), since grinding scrypt is the slow part.
 */
const DIFFICULTY: Record<BenchAlgorithm, number> = { sha256d: 2 ** -31, scrypt: 2 ** -48 };

/** What a scenario needs of a load client (Node child or the C loadgen). */
interface LoadDriver {
  ask<T extends ChildMessage['type']>(message: ParentMessage, type: T): Promise<Extract<ChildMessage, { type: T }>>;
  wait<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>>;
  stop(): void;
}

/**
 * The pool cannot answer faster than this (shares ground for more would only cost time);
 * a connection that runs out anyway is reported in the notes.
 */
const MAX_EXPECTED_RATE = 120_000;

class LoadClient implements LoadDriver {
  private readonly child: ChildProcess;
  private waiting: { type: ChildMessage['type']; resolve: (m: ChildMessage) => void; reject: (e: Error) => void } | undefined;

  constructor() {
    this.child = fork(path.join(__dirname, 'load', 'load-client.js'), [], { stdio: 'inherit', execArgv: [] });
    this.child.on('message', (message: ChildMessage) => {
      const waiting = this.waiting;
      if (waiting === undefined) return;
      if (message.type === 'error') {
        this.waiting = undefined;
        waiting.reject(new Error(`load client: ${message.message}`));
      } else if (message.type === waiting.type) {
        this.waiting = undefined;
        waiting.resolve(message);
      }
    });
    this.child.on('exit', (code) => this.waiting?.reject(new Error(`load client exited (${String(code)})`)));
  }

  ask<T extends ChildMessage['type']>(message: ParentMessage, type: T): Promise<Extract<ChildMessage, { type: T }>> {
    const reply = this.wait(type);
    this.child.send(message);
    return reply;
  }

  /** The next message of a type, without sending anything. */
  wait<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting = { type, resolve: resolve as (m: ChildMessage) => void, reject };
    });
  }

  stop(): void {
    this.child.disconnect();
  }
}

type RunResult = Extract<ChildMessage, { type: 'result' }>;

interface Row {
  algorithm: string;
  connections: number;
  mode: string;
  result: RunResult;
  echoPerSecond: number | undefined;
  note: string;
}

const rows: Row[] = [];
const blocks: string[] = [];

function perSecond(result: RunResult): number {
  return (result.accepted + result.rejected) / result.seconds;
}

async function connect(client: LoadDriver, port: number, connections: number, sharesPerConnection: number, grind?: { pow: PowSpec; factor: number; difficulty: number }): Promise<void> {
  const message: ParentMessage = { type: 'connect', port, connections, sharesPerConnection };
  if (grind !== undefined) message.grind = { pow: grind.pow, difficultyFactor: grind.factor, difficulty: grind.difficulty };
  const connected = await client.ask(message, 'connected');
  if (connected.failed > 0 || connected.ready !== connections) throw new Error(`only ${connected.ready} of ${connections} connections came up`);
  console.error(
    `  ${connections} connections up in ${(connected.connectMs / 1000).toFixed(1)} s, ${connected.shares} shares ready in ${(connected.grindMs / 1000).toFixed(1)} s`,
  );
}

/** Scrypt hashes per second of this machine (all cores): the pool cannot check shares faster. */
async function scryptRate(pow: PowSpec): Promise<number> {
  const headers = Array.from({ length: 2048 }, (_, i) => {
    const header = Buffer.alloc(80);
    header.writeUInt32LE(i, 76);
    return header;
  });
  const started = performance.now();
  await Promise.all(
    [0, 1, 2, 3].map((k) => hash.validateHeaders(pow, headers.slice(k * 512, (k + 1) * 512), headers.slice(0, 512).map(() => 0n))),
  );
  return 2048 / ((performance.now() - started) / 1000);
}

async function scenario(client: LoadDriver, args: Args, algorithm: BenchAlgorithm, connections: number, newBlock: boolean): Promise<void> {
  const difficulty = DIFFICULTY[algorithm];
  const pool = new PoolUnderTest(algorithm, difficulty);
  const grind = { pow: pool.network.pow, factor: pool.network.difficultyFactor, difficulty };
  console.error(`${algorithm} x ${connections}: echo baseline`);
  const echo = await startEchoServer(pool.notifyLine(), difficulty);
  await connect(client, echo.port, connections, 64);
  const echoResult = await client.ask({ type: 'run', seconds: args.seconds, pipeline: args.pipeline }, 'result');
  if (newBlock) await measureEchoBroadcast(client, echo, pool.notifyLine(), algorithm, connections);
  await client.ask({ type: 'close' }, 'closed');
  await echo.close();
  const echoPerSecond = perSecond(echoResult);
  rows.push({ algorithm, connections, mode: `echo, pipeline ${args.pipeline}`, result: echoResult, echoPerSecond: undefined, note: '' });

  // Shares enough for the pool at the echo's pace (it cannot be faster), and for scrypt at
  // the machine's hash rate; a connection that runs out is reported.
  const ceiling = Math.min(MAX_EXPECTED_RATE, algorithm === 'scrypt' ? Math.min(echoPerSecond, await scryptRate(pool.network.pow)) : echoPerSecond);
  const paced = algorithm === 'sha256d' && args.rate > 0;
  const needed = ceiling * args.seconds * 1.3 + (paced ? args.rate * args.seconds * 1.1 : 0);
  const sharesPerConnection = Math.ceil(needed / connections) + 2;

  console.error(`${algorithm} x ${connections}: pool`);
  await pool.listen();
  try {
    await connect(client, pool.port, connections, sharesPerConnection, grind);
    const stopProfile = args.profile === undefined ? undefined : await startProfile();
    const result = await client.ask({ type: 'run', seconds: args.seconds, pipeline: args.pipeline }, 'result');
    if (stopProfile !== undefined && args.profile !== undefined) await stopProfile(path.join(args.profile, `pool-${algorithm}-${connections}.cpuprofile`));
    rows.push({ algorithm, connections, mode: `pool, pipeline ${args.pipeline}`, result, echoPerSecond, note: noteOf(result) });
    if (paced) {
      const pacedResult = await client.ask({ type: 'run', seconds: args.seconds, pipeline: args.pipeline, rate: args.rate }, 'result');
      rows.push({ algorithm, connections, mode: `pool, paced ${args.rate}/s`, result: pacedResult, echoPerSecond: undefined, note: noteOf(pacedResult) });
    }
    if (newBlock) await measureNewBlock(client, pool, algorithm, connections);
    if (pool.blockCandidates > 0) console.error(`  (${pool.blockCandidates} shares met the hard block target)`);
  } finally {
    await client.ask({ type: 'close' }, 'closed');
    await pool.close();
  }
}

/** Profiles this (the pool's) process from now until the returned function writes the profile. */
async function startProfile(): Promise<(file: string) => Promise<void>> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string): Promise<unknown> =>
    new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async (file) => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.error(`  profile written to ${file}`);
  };
}

function noteOf(result: RunResult): string {
  const notes: string[] = [];
  if (result.exhausted > 0) notes.push(`${result.exhausted} connections ran out of shares`);
  for (const [reason, count] of Object.entries(result.rejectReasons)) notes.push(`${count}x ${reason}`);
  return notes.join('; ');
}

/** The baseline for the new-block figure: the echo server writing a notify line to every connection and nothing else. */
async function measureEchoBroadcast(client: LoadDriver, echo: EchoServer, line: string, algorithm: string, connections: number): Promise<void> {
  await client.ask({ type: 'watch-notify' }, 'watching');
  const notified = client.wait('notified');
  const startedAt = performance.now();
  const lastWriteAt = echo.broadcast(line);
  const got = await notified;
  const start = wallNow(startedAt);
  blocks.push(
    `${algorithm} echo baseline, one notify line to ${connections} connections: last written after ${(lastWriteAt - startedAt).toFixed(1)} ms; ` +
      `clients got it after ${(got.firstAt - start).toFixed(1)} ms (first) .. ${(got.lastAt - start).toFixed(1)} ms (last, ${got.count} clients)`,
  );
}

async function measureNewBlock(client: LoadDriver, pool: PoolUnderTest, algorithm: string, connections: number): Promise<void> {
  await client.ask({ type: 'watch-notify' }, 'watching');
  const notified = client.wait('notified');
  const { startedAt, lastWriteAt, sessions } = pool.newBlock();
  const got = await notified;
  const start = wallNow(startedAt);
  blocks.push(
    `${algorithm} new block to ${sessions} sessions (${connections} connected): last notify written after ${(lastWriteAt - startedAt).toFixed(1)} ms; ` +
      `clients got it after ${(got.firstAt - start).toFixed(1)} ms (first) .. ${(got.lastAt - start).toFixed(1)} ms (last, ${got.count} clients)`,
  );
}

function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : '-';
}

function printTable(): void {
  const header = ['algorithm', 'conns', 'run', 'subs/s', 'accepted/s', 'rejected/s', 'p50 ms', 'p99 ms', 'max ms', 'echo subs/s', 'pool/echo', 'notes'];
  const lines = rows.map((row) => {
    const rate = perSecond(row.result);
    return [
      row.algorithm,
      String(row.connections),
      row.mode,
      rate.toFixed(0),
      (row.result.accepted / row.result.seconds).toFixed(0),
      (row.result.rejected / row.result.seconds).toFixed(0),
      ms(row.result.latencyMs.p50),
      ms(row.result.latencyMs.p99),
      ms(row.result.latencyMs.max),
      row.echoPerSecond === undefined ? '' : row.echoPerSecond.toFixed(0),
      row.echoPerSecond === undefined ? '' : (rate / row.echoPerSecond).toFixed(2),
      row.note,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]): string => cells.map((c, i) => (i < 3 || i === 11 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(format(header));
  for (const line of lines) console.log(format(line));
  for (const line of blocks) console.log(line);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const biggest = Math.max(...args.connections);
  let client: LoadDriver;
  let cleanup = (): void => undefined;
  const compiled = args.client === 'c' ? compileLoadgen() : { error: '--client node' };
  if ('binary' in compiled) {
    client = new CLoadClient(compiled.binary, compiled.dir);
    cleanup = () => rmSync(compiled.dir, { recursive: true, force: true });
    console.error(`hash backend ${hash.kind}; ${args.seconds} s per run; load clients: bench/load/loadgen.c (epoll, one process)`);
  } else {
    client = new LoadClient();
    console.error(`NOTE: the C load generator is not used (${compiled.error}); falling back to the Node load client, which limits the figures`);
    console.error(`hash backend ${hash.kind}; ${args.seconds} s per run; one Node child process of load clients`);
  }
  try {
    for (const algorithm of args.algorithms) {
      for (const connections of args.connections) await scenario(client, args, algorithm, connections, connections === biggest);
    }
  } finally {
    client.stop();
    cleanup();
  }
  printTable();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
