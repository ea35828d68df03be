// The load client: runs as a child process (child_process.fork) so that thousands of miner
// connections do not share the pool's event loop. It connects, subscribes and authorizes,
// prepares shares, then submits them for a fixed time and reports counts and latencies.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { hash } from '../../lib/hash';
import { serializeHeader } from '../../lib/mining';
import { decodeNotify, hex32 } from '../../lib/stratum';
import { summarise, wallNow, type ChildMessage, type GrindSpec, type ParentMessage } from './ipc';
import { findNonces, VALIDATE_BATCH } from './grind';

const WORKER = 'bench.rig';
/** Connects in flight at once: more overflows the listen backlog and costs SYN retries. */
const CONNECT_WINDOW = 256;
const DRAIN_TIMEOUT_MS = 10_000;

interface Conn {
  socket: net.Socket;
  partial: string;
  extranonce1: string;
  extranonce2Size: number;
  notify: unknown[] | undefined;
  authorized: boolean;
  /** The tail of each prepared submit line (after the id). */
  shares: string[];
  nextShare: number;
  nextId: number;
  inflight: Map<number, number>;
  ready: () => void;
  fail: (error: Error) => void;
}

interface RunState {
  running: boolean;
  pipeline: number;
  sent: number;
  accepted: number;
  rejected: number;
  rejectReasons: Map<string, number>;
  exhausted: Set<Conn>;
  latencies: Float64Array;
  latencyCount: number;
  /** Called when nothing is in flight any more after the run ended. */
  onIdle: (() => void) | undefined;
  /** For the new-block measurement. */
  watch: { pending: number; firstAt: number; lastAt: number; seen: Set<Conn>; done: () => void } | undefined;
}

const conns: Conn[] = [];
let inflightTotal = 0;
let recycleShares = false;
const state: RunState = {
  running: false,
  pipeline: 1,
  sent: 0,
  accepted: 0,
  rejected: 0,
  rejectReasons: new Map(),
  exhausted: new Set(),
  latencies: new Float64Array(1 << 20),
  latencyCount: 0,
  onIdle: undefined,
  watch: undefined,
};

function post(message: ChildMessage): void {
  process.send?.(message);
}

function recordLatency(ms: number): void {
  if (state.latencyCount === state.latencies.length) {
    const grown = new Float64Array(state.latencies.length * 2);
    grown.set(state.latencies);
    state.latencies = grown;
  }
  state.latencies[state.latencyCount++] = ms;
}

function onLine(conn: Conn, line: string): void {
  const message = JSON.parse(line) as { id?: unknown; method?: string; params?: unknown[]; result?: unknown; error?: unknown };
  if (typeof message.method === 'string') {
    if (message.method === 'mining.notify' && Array.isArray(message.params)) onNotify(conn, message.params);
    return;
  }
  const id = message.id;
  if (typeof id !== 'number') return;
  if (id === 1) {
    const result = message.result as [unknown, string, number] | null;
    if (!Array.isArray(result)) {
      conn.fail(new Error(`subscribe refused: ${JSON.stringify(message.error)}`));
      return;
    }
    conn.extranonce1 = result[1];
    conn.extranonce2Size = result[2];
    return;
  }
  if (id === 2) {
    if (message.result !== true) conn.fail(new Error(`authorize refused: ${JSON.stringify(message.error)}`));
    conn.authorized = true;
    if (conn.notify !== undefined) conn.ready();
    return;
  }
  const sentAt = conn.inflight.get(id);
  if (sentAt === undefined) return;
  conn.inflight.delete(id);
  inflightTotal -= 1;
  recordLatency(performance.now() - sentAt);
  if (message.result === true) state.accepted += 1;
  else {
    state.rejected += 1;
    const reason = Array.isArray(message.error) ? String(message.error[1]) : String(message.error);
    state.rejectReasons.set(reason, (state.rejectReasons.get(reason) ?? 0) + 1);
  }
  if (state.running) {
    if (paced === undefined) fill(conn);
  } else if (inflightTotal === 0 && state.onIdle !== undefined) {
    const idle = state.onIdle;
    state.onIdle = undefined;
    idle();
  }
}

function onNotify(conn: Conn, params: unknown[]): void {
  const first = conn.notify === undefined;
  const changed = !first && conn.notify?.[0] !== params[0];
  conn.notify = params;
  if (first && conn.authorized) conn.ready();
  const watch = state.watch;
  if (changed && watch !== undefined && !watch.seen.has(conn)) {
    const at = wallNow(performance.now());
    watch.seen.add(conn);
    if (watch.firstAt === 0) watch.firstAt = at;
    watch.lastAt = at;
    watch.pending -= 1;
    if (watch.pending === 0) watch.done();
  }
}

function openConn(port: number): Promise<Conn> {
  return new Promise<Conn>((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    const conn: Conn = {
      socket,
      partial: '',
      extranonce1: '',
      extranonce2Size: 0,
      notify: undefined,
      authorized: false,
      shares: [],
      nextShare: 0,
      nextId: 3,
      inflight: new Map(),
      ready: () => resolve(conn),
      fail: (error) => {
        socket.destroy();
        reject(error);
      },
    };
    socket.setEncoding('latin1');
    socket.on('error', (error) => conn.fail(error));
    socket.on('data', (chunk: string) => {
      let text = conn.partial + chunk;
      let newline = text.indexOf('\n');
      while (newline !== -1) {
        if (newline > 0) onLine(conn, text.slice(0, newline));
        text = text.slice(newline + 1);
        newline = text.indexOf('\n');
      }
      conn.partial = text;
    });
    socket.on('connect', () => {
      socket.write(
        '{"id":1,"method":"mining.subscribe","params":["hashpool-load/1"]}\n' +
          `{"id":2,"method":"mining.authorize","params":["${WORKER}","x"]}\n`,
      );
    });
  });
}

async function connectAll(port: number, count: number): Promise<{ ready: number; failed: number }> {
  let next = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      try {
        conns.push(await openConn(port));
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_WINDOW, count) }, worker));
  return { ready: conns.length, failed };
}

function submitTail(jobId: string, extranonce2: string, ntime: string, nonce: string): string {
  return `,"method":"mining.submit","params":["${WORKER}","${jobId}","${extranonce2}","${ntime}","${nonce}"]}\n`;
}

function extranonce2Hex(index: number, size: number): string {
  return index.toString(16).padStart(size * 2, '0');
}

/** Shares the echo server will take: the same line shape, no hashing. */
function fakeShares(conn: Conn, count: number): void {
  const notify = decodeNotify(conn.notify ?? []);
  for (let i = 0; i < count; i++) {
    conn.shares.push(submitTail(notify.jobId, extranonce2Hex(i, conn.extranonce2Size), hex32(notify.time), hex32(i)));
  }
}

interface Todo {
  conn: Conn;
  extranonce2: string;
  header: Buffer;
  nonce: number;
}

/** Headers (nonce 0) of a connection's shares from `from`; one extranonce2 per share. */
function shareHeaders(conn: Conn, from: number, to: number): Todo[] {
  const notify = decodeNotify(conn.notify ?? []);
  const extranonce1 = Buffer.from(conn.extranonce1, 'hex');
  const out: Todo[] = [];
  for (let i = from; i < to; i++) {
    const extranonce2 = extranonce2Hex(i, conn.extranonce2Size);
    const coinbase = Buffer.concat([notify.coinb1, extranonce1, Buffer.from(extranonce2, 'hex'), notify.coinb2]);
    const merkleRoot = hash.merkleFoldBranch(hash.sha256d(coinbase), notify.merkleBranch, 0);
    const header = serializeHeader({ version: notify.version, previousBlockHash: notify.prevHash, merkleRoot, time: notify.time, bits: notify.bits, nonce: 0 });
    out.push({ conn, extranonce2, header, nonce: 0 });
  }
  return out;
}

/**
 * Real shares: one extranonce2 per share (so no two shares of the whole run share work),
 * and for each the first nonce whose PoW meets the connection's difficulty. Worked in
 * chunks so memory holds only the finished lines.
 */
async function grindShares(spec: GrindSpec, count: number): Promise<number> {
  const target = hash.difficultyToTarget(spec.difficulty, spec.difficultyFactor);
  let made = 0;
  const perChunk = Math.max(1, Math.floor(VALIDATE_BATCH * 8 / Math.max(1, count)));
  for (let first = 0; first < conns.length; first += perChunk) {
    const todo: Todo[] = [];
    for (const conn of conns.slice(first, first + perChunk)) todo.push(...shareHeaders(conn, 0, count));
    await findNonces(todo, spec.pow, target, (t) => {
      const notify = t.conn.notify ?? [];
      t.conn.shares.push(submitTail(String(notify[0]), t.extranonce2, String(notify[7]), hex32(t.nonce)));
      made += 1;
    });
  }
  return made;
}

/** Sends from one connection up to its pipeline; false when it has no share left. */
function sendOne(conn: Conn): boolean {
  if (conn.nextShare >= conn.shares.length) {
    if (!recycleShares) {
      state.exhausted.add(conn);
      return false;
    }
    conn.nextShare = 0;
  }
  const id = conn.nextId++;
  const tail = conn.shares[conn.nextShare++];
  conn.inflight.set(id, performance.now());
  inflightTotal += 1;
  state.sent += 1;
  conn.socket.write(`{"id":${id}${tail}`);
  return true;
}

function fill(conn: Conn): void {
  while (conn.inflight.size < state.pipeline && sendOne(conn)) {
    // keep the pipeline full
  }
}

let paced: { timer: NodeJS.Timeout; cursor: number } | undefined;

/** Open loop: `rate` submits per second spread round-robin over connections with room. */
function startPaced(rate: number, startedAt: number): void {
  paced = {
    cursor: 0,
    timer: setInterval(() => {
      if (paced === undefined) return;
      let due = Math.floor((rate * (performance.now() - startedAt)) / 1000) - state.sent;
      let tried = 0;
      while (due > 0 && tried < conns.length) {
        const conn = conns[paced.cursor];
        paced.cursor = (paced.cursor + 1) % conns.length;
        tried += 1;
        if (conn.inflight.size >= state.pipeline) continue;
        if (!sendOne(conn)) continue;
        due -= 1;
        tried = 0;
      }
    }, 1),
  };
}

async function run(seconds: number, pipeline: number, rate: number | undefined): Promise<void> {
  state.running = true;
  state.pipeline = pipeline;
  state.sent = 0;
  state.accepted = 0;
  state.rejected = 0;
  state.rejectReasons.clear();
  state.exhausted.clear();
  state.latencyCount = 0;
  const startedAt = performance.now();
  if (rate === undefined) for (const conn of conns) fill(conn);
  else startPaced(rate, startedAt);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  state.running = false;
  if (paced !== undefined) clearInterval(paced.timer);
  paced = undefined;
  const elapsed = (performance.now() - startedAt) / 1000;
  if (inflightTotal > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, DRAIN_TIMEOUT_MS);
      state.onIdle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  post({
    type: 'result',
    seconds: elapsed,
    sent: state.sent,
    accepted: state.accepted,
    rejected: state.rejected,
    rejectReasons: Object.fromEntries(state.rejectReasons),
    exhausted: state.exhausted.size,
    latencyMs: summarise(state.latencies.subarray(0, state.latencyCount)),
  });
}

function watchNotify(): void {
  const pending = conns.length;
  const watch = { pending, firstAt: 0, lastAt: 0, seen: new Set<Conn>(), done: (): void => undefined };
  const timer = setTimeout(() => watch.done(), DRAIN_TIMEOUT_MS);
  watch.done = () => {
    clearTimeout(timer);
    state.watch = undefined;
    post({ type: 'notified', count: watch.seen.size, firstAt: watch.firstAt, lastAt: watch.lastAt });
  };
  state.watch = watch;
  post({ type: 'watching' });
}

async function closeAll(): Promise<void> {
  await Promise.all(
    conns.splice(0).map(
      (conn) =>
        new Promise<void>((resolve) => {
          if (conn.socket.destroyed) {
            resolve();
            return;
          }
          conn.socket.once('close', () => resolve());
          conn.socket.destroy();
        }),
    ),
  );
  inflightTotal = 0;
}

async function handle(message: ParentMessage): Promise<void> {
  switch (message.type) {
    case 'connect': {
      const started = performance.now();
      const { ready, failed } = await connectAll(message.port, message.connections);
      const connectMs = performance.now() - started;
      const grindStarted = performance.now();
      let shares = 0;
      recycleShares = message.grind === undefined;
      if (message.grind === undefined) {
        for (const conn of conns) fakeShares(conn, message.sharesPerConnection);
        shares = conns.length * message.sharesPerConnection;
      } else {
        shares = await grindShares(message.grind, message.sharesPerConnection);
      }
      post({ type: 'connected', ready, failed, connectMs, grindMs: performance.now() - grindStarted, shares });
      return;
    }
    case 'run':
      await run(message.seconds, message.pipeline, message.rate);
      return;
    case 'watch-notify':
      watchNotify();
      return;
    case 'close':
      await closeAll();
      post({ type: 'closed' });
      return;
  }
}

process.on('message', (message: ParentMessage) => {
  handle(message).catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) }));
});
process.on('disconnect', () => process.exit(0));
