// A small stratum v1 server for testing miners, written from first principles: it does not
// use lib/mining, lib/stratum or lib/hash. It builds its own coinbase, merkle branch and
// header with node:crypto, renders notify fields itself (prevhash with every 4-byte word
// byte-swapped, version/nbits/ntime as big-endian hex), and checks each share by rebuilding
// the header and hashing it (sha256d, scrypt via crypto.scryptSync, x11 via
// @dashevo/x11-hash-js, or md5 zero-extended to 32 bytes).
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import net from 'node:net';

export type IndependentAlgorithm = 'sha256d' | 'scrypt' | 'x11' | 'md5';

export interface IndependentServerOptions {
  algorithm: IndependentAlgorithm;
  scryptN?: number;
  /** Stratum difficulty 1 = 0xFFFF * 2^208 * factor (65536 for scrypt by convention). */
  difficultyFactor?: number;
  difficulty?: number;
  extranonce1Size?: number;
  extranonce2Size?: number;
  /** Grant BIP310 version rolling with this mask (ANDed with the miner's). */
  versionMask?: number;
  /** Answer each submit this long after it arrives (a pool busy validating). */
  submitReplyDelayMs?: number;
}

export interface SubmitRecord {
  connection: number;
  jobId: string;
  extranonce2: string;
  versionBits?: string;
  accepted: boolean;
  code?: number;
  reason?: string;
  /** Whether the job was still the current one when the share arrived. */
  forCurrentJob: boolean;
  at: number;
  /** Position among all lines received, to order submits against fence replies. */
  seq: number;
}

interface ServerJob {
  id: string;
  prevHash: Buffer; // internal order
  coinb1: Buffer;
  coinb2: Buffer;
  branch: Buffer[];
  version: number;
  nbits: number;
  ntime: number;
}

interface Connection {
  id: number;
  socket: net.Socket;
  extranonce1: Buffer;
  extranonce2Size: number;
  difficulty: number;
  mask: number;
  authorized: boolean;
  /** Per job id: the extranonce and difficulty in force when it was sent to this connection. */
  sent: Map<string, { extranonce1: Buffer; extranonce2Size: number; difficulty: number }>;
  pendingExtranonce?: { extranonce1: Buffer; extranonce2Size: number };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const x11 = require('@dashevo/x11-hash-js') as { digest(input: number[], inFormat: number, outFormat: number): number[] };
const DIFF1 = 0xffffn << 208n;

const sha256 = (data: Buffer): Buffer => crypto.createHash('sha256').update(data).digest();
export const sha256d = (data: Buffer): Buffer => sha256(sha256(data));

function u32le(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(value >>> 0);
  return out;
}
function beHex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
/** A 32-byte hash read as a little-endian number. */
function leNumber(bytes: Buffer): bigint {
  return BigInt(`0x${Buffer.from(bytes).reverse().toString('hex')}`);
}

export function powOf(algorithm: IndependentAlgorithm, header: Buffer, scryptN = 1024): Buffer {
  switch (algorithm) {
    case 'sha256d':
      return sha256d(header);
    case 'scrypt':
      return crypto.scryptSync(header, header, 32, { N: scryptN, r: 1, p: 1, maxmem: 256 * scryptN + (1 << 20) });
    case 'x11':
      return Buffer.from(x11.digest(Array.from(header), 1, 1));
    case 'md5':
      return Buffer.concat([crypto.createHash('md5').update(header).digest(), Buffer.alloc(16)]);
  }
}

export function shareTarget(difficulty: number, factor: number): bigint {
  const scaled = BigInt(Math.round(difficulty * 2 ** 40));
  return (DIFF1 * BigInt(Math.round(factor)) * (1n << 40n)) / scaled;
}

export class IndependentStratumServer extends EventEmitter {
  readonly submits: SubmitRecord[] = [];
  readonly linesIn: string[] = [];
  readonly suggested: number[] = [];
  readonly connectionsSeen: number[] = [];
  /** Fence id -> seq of the miner's reply (see sendFence). */
  readonly fences = new Map<string, number>();
  private seq = 0;
  private nextFence = 1;
  private server: net.Server | undefined;
  private connections = new Map<number, Connection>();
  private jobs = new Map<string, ServerJob>();
  private current: ServerJob | undefined;
  private nextConnection = 1;
  private nextJob = 1;
  private seen = new Set<string>();
  port = 0;
  difficulty: number;

  constructor(readonly options: IndependentServerOptions) {
    super();
    this.difficulty = options.difficulty ?? 1;
  }

  async start(port = this.port): Promise<number> {
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    if (this.current === undefined) this.newJob(true, false);
    return this.port;
  }

  async stop(): Promise<void> {
    for (const connection of this.connections.values()) connection.socket.destroy();
    this.connections.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `stratum+tcp://127.0.0.1:${this.port}`;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  get currentJobId(): string | undefined {
    return this.current?.id;
  }

  accepted(): SubmitRecord[] {
    return this.submits.filter((s) => s.accepted);
  }

  rejected(): SubmitRecord[] {
    return this.submits.filter((s) => !s.accepted);
  }

  /** A new job with a fresh prevhash when clean, sent to every connection unless told not to. */
  newJob(clean: boolean, broadcast = true): ServerJob {
    const e1 = this.options.extranonce1Size ?? 4;
    const e2 = this.options.extranonce2Size ?? 4;
    const tag = Buffer.from('/independent/');
    const height = 1000 + this.nextJob;
    const heightPush = Buffer.from([3, height & 0xff, (height >> 8) & 0xff, (height >> 16) & 0xff]);
    const scriptLength = heightPush.length + e1 + e2 + tag.length;
    const coinb1 = Buffer.concat([
      u32le(1), Buffer.from([1]), Buffer.alloc(32), Buffer.from('ffffffff', 'hex'), Buffer.from([scriptLength]), heightPush,
    ]);
    const output = Buffer.concat([Buffer.from('00f2052a01000000', 'hex'), Buffer.from([0x16, 0x00, 0x14]), crypto.randomBytes(20)]);
    const coinb2 = Buffer.concat([tag, Buffer.from('ffffffff', 'hex'), Buffer.from([1]), output, u32le(0)]);
    const job: ServerJob = {
      id: `j${(this.nextJob++).toString(16)}`,
      prevHash: clean || this.current === undefined ? crypto.randomBytes(32) : this.current.prevHash,
      coinb1,
      coinb2,
      branch: [crypto.randomBytes(32), crypto.randomBytes(32)],
      version: 0x20000000,
      nbits: 0x1e0ffff0,
      ntime: Math.floor(Date.now() / 1000),
    };
    if (clean) this.jobs.clear();
    this.jobs.set(job.id, job);
    this.current = job;
    if (broadcast) for (const connection of this.connections.values()) this.sendJob(connection, job, clean);
    return job;
  }

  setDifficulty(difficulty: number): void {
    this.difficulty = difficulty;
    for (const connection of this.connections.values()) {
      connection.difficulty = difficulty;
      this.notify(connection, 'mining.set_difficulty', [difficulty]);
    }
  }

  /** Sends set_extranonce to every connection; it applies from the next job they are sent. */
  setExtranonce(extranonce2Size: number): Buffer[] {
    const sent: Buffer[] = [];
    for (const connection of this.connections.values()) {
      const extranonce1 = crypto.randomBytes(this.options.extranonce1Size ?? 4);
      connection.pendingExtranonce = { extranonce1, extranonce2Size };
      this.notify(connection, 'mining.set_extranonce', [extranonce1.toString('hex'), extranonce2Size]);
      sent.push(extranonce1);
    }
    return sent;
  }

  sendReconnect(host?: string, port?: number, waitSeconds = 0): void {
    for (const connection of this.connections.values()) {
      this.notify(connection, 'client.reconnect', host === undefined ? [] : [host, port ?? this.port, waitSeconds]);
    }
  }

  /**
   * Sends client.get_version to every connection and returns its id. A miner reads lines in
   * order, so its reply proves it has read everything sent before the fence (such as a
   * clean notify); any later submit line was written after that.
   */
  sendFence(): string {
    const id = `fence-${this.nextFence++}`;
    for (const connection of this.connections.values()) this.write(connection, { id, method: 'client.get_version', params: [] });
    return id;
  }

  private accept(socket: net.Socket): void {
    const id = this.nextConnection++;
    this.connectionsSeen.push(id);
    const extranonce1 = Buffer.alloc(this.options.extranonce1Size ?? 4);
    extranonce1.writeUIntBE(id % 2 ** Math.min(48, 8 * extranonce1.length), 0, Math.min(6, extranonce1.length));
    const connection: Connection = {
      id, socket, extranonce1, extranonce2Size: this.options.extranonce2Size ?? 4, difficulty: this.difficulty, mask: 0,
      authorized: false, sent: new Map(),
    };
    this.connections.set(id, connection);
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line.length > 0) this.onLine(connection, line);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.connections.delete(id));
  }

  private write(connection: Connection, message: object): void {
    if (!connection.socket.destroyed) connection.socket.write(`${JSON.stringify(message)}\n`);
  }
  private notify(connection: Connection, method: string, params: unknown[]): void {
    this.write(connection, { id: null, method, params });
  }

  private sendJob(connection: Connection, job: ServerJob, clean: boolean): void {
    if (connection.pendingExtranonce) {
      connection.extranonce1 = connection.pendingExtranonce.extranonce1;
      connection.extranonce2Size = connection.pendingExtranonce.extranonce2Size;
      connection.pendingExtranonce = undefined;
    }
    connection.sent.set(job.id, { extranonce1: connection.extranonce1, extranonce2Size: connection.extranonce2Size, difficulty: connection.difficulty });
    const prevHash = Buffer.alloc(32);
    for (let word = 0; word < 8; word++) prevHash.writeUInt32BE(job.prevHash.readUInt32LE(4 * word), 4 * word);
    this.notify(connection, 'mining.notify', [
      job.id, prevHash.toString('hex'), job.coinb1.toString('hex'), job.coinb2.toString('hex'),
      job.branch.map((b) => b.toString('hex')), beHex(job.version), beHex(job.nbits), beHex(job.ntime), clean,
    ]);
  }

  private onLine(connection: Connection, line: string): void {
    this.linesIn.push(line);
    const seq = this.seq++;
    let message: { id?: unknown; method?: unknown; params?: unknown };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      return;
    }
    const id = message.id ?? null;
    if (message.method === undefined && typeof id === 'string' && id.startsWith('fence-')) {
      this.fences.set(id, seq);
      return;
    }
    const params = Array.isArray(message.params) ? (message.params as unknown[]) : [];
    const result = (value: unknown): void => this.write(connection, { id, result: value, error: null });
    const error = (code: number, text: string): void => this.write(connection, { id, result: null, error: [code, text, null] });
    switch (message.method) {
      case 'mining.configure': {
        const extensions = (params[0] as string[]) ?? [];
        const asked = params[1] as Record<string, string> | undefined;
        const out: Record<string, unknown> = {};
        for (const extension of extensions) out[extension] = false;
        if (extensions.includes('version-rolling') && this.options.versionMask !== undefined) {
          connection.mask = (this.options.versionMask & Number.parseInt(asked?.['version-rolling.mask'] ?? 'ffffffff', 16)) >>> 0;
          out['version-rolling'] = true;
          out['version-rolling.mask'] = beHex(connection.mask);
        }
        result(out);
        return;
      }
      case 'mining.subscribe':
        result([[['mining.set_difficulty', '1'], ['mining.notify', '1']], connection.extranonce1.toString('hex'), connection.extranonce2Size]);
        return;
      case 'mining.extranonce.subscribe':
        result(true);
        return;
      case 'mining.suggest_difficulty':
        this.suggested.push(Number(params[0]));
        result(true);
        return;
      case 'mining.authorize':
        connection.authorized = true;
        result(true);
        this.notify(connection, 'mining.set_difficulty', [connection.difficulty]);
        if (this.current) this.sendJob(connection, this.current, true);
        return;
      case 'mining.submit': {
        const delay = this.options.submitReplyDelayMs;
        if (delay === undefined) this.onSubmit(connection, params, seq, result, error);
        else {
          const later = <A extends unknown[]>(answer: (...args: A) => void) => (...args: A): void => {
            setTimeout(() => answer(...args), delay);
          };
          this.onSubmit(connection, params, seq, later(result), later(error));
        }
        return;
      }
      default:
        if (id !== null) error(20, 'unknown method');
    }
  }

  private onSubmit(connection: Connection, params: unknown[], seq: number, result: (v: unknown) => void, error: (c: number, t: string) => void): void {
    const [, jobId, e2hex, ntimeHex, nonceHex, vbitsHex] = params as string[];
    const record: SubmitRecord = {
      connection: connection.id, jobId: String(jobId), extranonce2: String(e2hex), accepted: false,
      forCurrentJob: this.current?.id === jobId, at: Date.now(), seq,
    };
    if (typeof vbitsHex === 'string') record.versionBits = vbitsHex;
    const reject = (code: number, reason: string): void => {
      record.code = code;
      record.reason = reason;
      this.submits.push(record);
      this.emit('submit', record);
      error(code, reason);
    };
    if (!connection.authorized) return reject(24, 'unauthorized worker');
    const job = this.jobs.get(String(jobId));
    const sent = connection.sent.get(String(jobId));
    if (!job || !sent) return reject(21, 'job not found');
    const hex = /^[0-9a-f]*$/;
    if (typeof e2hex !== 'string' || !hex.test(e2hex) || e2hex.length !== 2 * sent.extranonce2Size) return reject(20, 'bad extranonce2 size');
    if (typeof ntimeHex !== 'string' || !/^[0-9a-f]{8}$/.test(ntimeHex)) return reject(20, 'bad ntime');
    if (typeof nonceHex !== 'string' || !/^[0-9a-f]{8}$/.test(nonceHex)) return reject(20, 'bad nonce');
    const ntime = Number.parseInt(ntimeHex, 16);
    if (ntime < job.ntime || ntime > job.ntime + 7000) return reject(20, 'ntime out of range');
    let version = job.version;
    if (vbitsHex !== undefined) {
      if (typeof vbitsHex !== 'string' || !/^[0-9a-f]{8}$/.test(vbitsHex)) return reject(20, 'bad version bits');
      const bits = Number.parseInt(vbitsHex, 16);
      if ((bits & ~connection.mask) >>> 0 !== 0) return reject(20, 'version bits outside the mask');
      version = ((job.version & ~connection.mask) | (bits & connection.mask)) >>> 0;
    }
    const key = `${jobId}/${e2hex}/${ntimeHex}/${nonceHex}/${version}/${sent.extranonce1.toString('hex')}`;
    if (this.seen.has(key)) return reject(22, 'duplicate share');
    this.seen.add(key);
    let root = sha256d(Buffer.concat([job.coinb1, sent.extranonce1, Buffer.from(e2hex, 'hex'), job.coinb2]));
    for (const sibling of job.branch) root = sha256d(Buffer.concat([root, sibling]));
    const header = Buffer.concat([
      u32le(version), job.prevHash, root, u32le(ntime), u32le(job.nbits), u32le(Number.parseInt(nonceHex, 16)),
    ]);
    const pow = powOf(this.options.algorithm, header, this.options.scryptN);
    const factor = this.options.difficultyFactor ?? (this.options.algorithm === 'scrypt' ? 65536 : 1);
    const difficulty = Math.min(sent.difficulty, connection.difficulty);
    if (leNumber(pow) > shareTarget(difficulty, factor)) return reject(23, 'low difficulty share');
    record.accepted = true;
    this.submits.push(record);
    this.emit('submit', record);
    result(true);
  }
}
