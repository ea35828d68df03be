// A raw-socket stratum line client for tests: sends exact bytes or lines, keeps every line
// the server sent (in order), and waits for replies by id or notifications by method. It
// parses lines with JSON.parse only, not with lib/stratum, so it sees the wire as a miner
// would.
import net from 'node:net';
import tls from 'node:tls';

export interface ReceivedLine {
  raw: string;
  /** Undefined when the line is not JSON (then `raw` says what came). */
  id?: unknown;
  method?: string;
  params?: unknown[];
  result?: unknown;
  error?: unknown;
  /** Whether the member was present (a reply has `result` and `error`, a notification `method`). */
  isReply: boolean;
}

export interface ConnectOptions {
  host?: string;
  /** true, or TLS options (the tests' self-signed certificate is accepted by default). */
  tls?: boolean | tls.ConnectionOptions;
  timeoutMs?: number;
}

const DEFAULT_WAIT_MS = 10_000;

interface Waiter {
  predicate: (line: ReceivedLine) => boolean;
  resolve: (line: ReceivedLine) => void;
}

export class StratumTestClient {
  readonly received: ReceivedLine[] = [];
  private readonly consumed = new Set<number>();
  private waiters: Waiter[] = [];
  private pending = '';
  private nextId = 1;
  private closedFlag = false;
  private readonly closedPromise: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => this.onData(text));
    socket.on('error', () => undefined);
    this.closedPromise = new Promise((resolve) => {
      socket.once('close', () => {
        this.closedFlag = true;
        resolve();
      });
    });
  }

  static connect(port: number, options: ConnectOptions = {}): Promise<StratumTestClient> {
    const host = options.host ?? '127.0.0.1';
    return new Promise((resolve, reject) => {
      let socket: net.Socket;
      const onError = (error: Error): void => reject(error);
      if (options.tls === undefined || options.tls === false) {
        socket = net.connect({ host, port }, () => {
          socket.off('error', onError);
          resolve(new StratumTestClient(socket));
        });
      } else {
        const extra = options.tls === true ? {} : options.tls;
        socket = tls.connect({ host, port, rejectUnauthorized: false, ...extra }, () => {
          socket.off('error', onError);
          resolve(new StratumTestClient(socket));
        });
      }
      socket.once('error', onError);
      socket.setTimeout(options.timeoutMs ?? DEFAULT_WAIT_MS, () => socket.destroy(new Error('connect timeout')));
      socket.once('connect', () => socket.setTimeout(0));
    });
  }

  /**
   * Connects and waits to see whether the server keeps the connection: resolves 'open' when
   * it is still open after `settleMs`, 'closed' when the server closed it first.
   */
  static async probe(port: number, settleMs = 300, options: ConnectOptions = {}): Promise<'open' | 'closed'> {
    let client: StratumTestClient;
    try {
      client = await StratumTestClient.connect(port, options);
    } catch {
      return 'closed';
    }
    const closed = await Promise.race([client.closedPromise.then(() => true), sleep(settleMs).then(() => false)]);
    client.destroy();
    return closed ? 'closed' : 'open';
  }

  private onData(text: string): void {
    this.pending += text;
    let newline: number;
    while ((newline = this.pending.indexOf('\n')) !== -1) {
      const raw = this.pending.slice(0, newline);
      this.pending = this.pending.slice(newline + 1);
      if (raw.trim().length > 0) this.add(parseLine(raw));
    }
  }

  private add(line: ReceivedLine): void {
    const index = this.received.length;
    this.received.push(line);
    const waiter = this.waiters.find((w) => w.predicate(line));
    if (waiter !== undefined) {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      this.consumed.add(index);
      waiter.resolve(line);
    }
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  sendRaw(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** One JSON line. */
  send(message: unknown): void {
    this.socket.write(`${JSON.stringify(message)}\n`);
  }

  /** Sends a request with a fresh numeric id (or the given one) and waits for its reply. */
  request(method: string, params: unknown[], id?: unknown, timeoutMs?: number): Promise<ReceivedLine> {
    const requestId = id === undefined ? this.nextId++ : id;
    const answer = this.reply(requestId, timeoutMs);
    this.send({ id: requestId, method, params });
    return answer;
  }

  /** The next reply (not yet taken) with exactly this id. */
  reply(id: unknown, timeoutMs?: number): Promise<ReceivedLine> {
    return this.next((line) => line.isReply && line.id === id, `reply with id ${JSON.stringify(id)}`, timeoutMs);
  }

  /** The next notification (not yet taken) of this method. */
  notification(method: string, timeoutMs?: number): Promise<ReceivedLine> {
    return this.next((line) => line.method === method, `notification ${method}`, timeoutMs);
  }

  /** Every line of this method received so far, taken or not. */
  notifications(method: string): ReceivedLine[] {
    return this.received.filter((line) => line.method === method);
  }

  /** The first line not yet taken that matches; waits for it up to timeoutMs. */
  next(predicate: (line: ReceivedLine) => boolean, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<ReceivedLine> {
    for (let i = 0; i < this.received.length; i++) {
      if (!this.consumed.has(i) && predicate(this.received[i])) {
        this.consumed.add(i);
        return Promise.resolve(this.received[i]);
      }
    }
    return new Promise<ReceivedLine>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const tail = this.received.slice(-5).map((l) => l.raw.slice(0, 200));
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last lines: ${JSON.stringify(tail)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Resolves when the server (or we) closed the connection; rejects after timeoutMs. */
  waitClosed(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    return Promise.race([
      this.closedPromise,
      sleep(timeoutMs).then(() => {
        if (!this.closedFlag) throw new Error(`connection still open after ${timeoutMs} ms`);
      }),
    ]);
  }

  /** subscribe then authorize; returns the subscribe result's extranonce1 and size. */
  async handshake(user = 'miner.rig1', password = 'x', subscribeParams: unknown[] = ['test-client/1.0']): Promise<{ extranonce1: string; extranonce2Size: number }> {
    const subscribed = await this.request('mining.subscribe', subscribeParams);
    if (!Array.isArray(subscribed.result)) throw new Error(`subscribe failed: ${subscribed.raw}`);
    const authorized = await this.request('mining.authorize', [user, password]);
    if (authorized.result !== true) throw new Error(`authorize failed: ${authorized.raw}`);
    return { extranonce1: String(subscribed.result[1]), extranonce2Size: Number(subscribed.result[2]) };
  }

  async close(): Promise<void> {
    if (this.closedFlag) return;
    this.socket.end();
    await Promise.race([this.closedPromise, sleep(2000).then(() => this.socket.destroy())]);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

function parseLine(raw: string): ReceivedLine {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { raw, isReply: false };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { raw, isReply: false };
  const object = value as Record<string, unknown>;
  const line: ReceivedLine = { raw, id: object.id, isReply: 'result' in object || 'error' in object };
  if (typeof object.method === 'string') line.method = object.method;
  if (Array.isArray(object.params)) line.params = object.params;
  if ('result' in object) line.result = object.result;
  if ('error' in object) line.error = object.error;
  return line;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
