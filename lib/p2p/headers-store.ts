// A persistent, reorg-aware store of block headers: every valid header ever seen (side
// branches included), the most-work chain, locators, and 'tip'/'reorg' events.
//
// On disk (one directory): meta.json names the network and genesis; headers.dat is an
// append-only sequence of 80-byte headers in the order they were accepted, so each record's
// parent comes before it. Loading replays the file: hashes and parent links and nBits are
// checked again, proof of work is not (only headers that passed it were ever written). A torn
// or unlinkable tail (a crash mid-write) is cut off and reported in `loadReport`. The best
// tip is recomputed on load with the same first-seen-wins rule, so no tip is stored.
//
// Unknown parents are rejected (HeaderOrphanError), not held: a syncing client answers an
// unconnecting header with a getheaders from its locator, which fetches the missing parents.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hash as defaultBackend } from '../hash';
import type { HashBackend } from '../hash/api';
import { HashpoolError } from '../hash/errors';
import type { NetworkParams } from '../protocol/networks';
import { chainRules, expectedBits, workOf, type ChainLink, type ChainRules } from './header-rules';
import {
  HeaderInvalidError,
  HeaderOrphanError,
  HeadersStoreError,
  type AddHeadersResult,
  type BlockRef,
  type HeaderInfo,
  type HeaderRejectReason,
  type LoadReport,
  type Reorg,
} from './headers-store-types';
import { buildLocator } from './locator';
import { hex32 } from '../stratum/hex';

export const HEADER_BYTES = 80;
export * from './headers-store-types';

export interface HeadersStoreOptions {
  network: NetworkParams;
  dir: string;
  backend?: HashBackend;
  /** Concurrent native PoW batches; default os.availableParallelism(). */
  parallelism?: number;
}

interface Entry extends ChainLink {
  readonly hash: Buffer;
  readonly key: string;
  readonly header: Buffer;
  readonly work: bigint;
  readonly parent: Entry | undefined;
}

interface Candidate {
  entry: Entry;
  target: bigint;
}

interface PreparedBatch {
  candidates: Candidate[];
  known: number;
  /** The first header that failed a check before PoW; later ones were not looked at. */
  failure: ((accepted: number) => Error) | undefined;
}

const META_FILE = 'meta.json';
const DATA_FILE = 'headers.dat';
const META_FORMAT = 'hashpool-headers/1';
/** Below this many headers per PoW batch, splitting costs more than it gains. */
const MIN_POW_CHUNK = 64;

export function displayHex(internal: Buffer): string {
  return Buffer.from(internal).reverse().toString('hex');
}

export interface HeadersStore {
  on(event: 'tip', listener: (tip: BlockRef) => void): this;
  on(event: 'reorg', listener: (reorg: Reorg) => void): this;
  once(event: 'tip', listener: (tip: BlockRef) => void): this;
  once(event: 'reorg', listener: (reorg: Reorg) => void): this;
}

/** Events: 'tip' (BlockRef) after the best tip changed, preceded by 'reorg' (Reorg) when the old tip left the best chain. */
export class HeadersStore extends EventEmitter {
  readonly network: NetworkParams;
  readonly dir: string;
  readonly loadReport: LoadReport;
  private readonly rules: ChainRules;
  private readonly backend: HashBackend;
  private readonly parallelism: number;
  private readonly index = new Map<string, Entry>();
  private readonly chain: Entry[] = [];
  /** Prepared by addHeaders, PoW not yet known: parents for batches handed in meanwhile. */
  private readonly staged = new Map<string, Entry>();
  private readonly targets = new Map<number, bigint>();
  private readonly works = new Map<bigint, bigint>();
  private fd: number | undefined;
  private fileBytes: number;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(options: HeadersStoreOptions, rules: ChainRules, fd: number, data: Buffer) {
    super();
    this.network = options.network;
    this.dir = options.dir;
    this.rules = rules;
    this.backend = options.backend ?? defaultBackend;
    this.parallelism = Math.max(1, options.parallelism ?? os.availableParallelism());
    this.fd = fd;
    const records = this.replay(data);
    this.fileBytes = records * HEADER_BYTES;
    this.loadReport = { records, droppedBytes: data.length - this.fileBytes };
    if (this.loadReport.droppedBytes > 0) fs.ftruncateSync(fd, this.fileBytes);
  }

  /** Opens (or creates) the store in `options.dir`. */
  static open(options: HeadersStoreOptions): HeadersStore {
    const rules = chainRules(options.network);
    const backend = options.backend ?? defaultBackend;
    const genesisHash = displayHex(backend.sha256d(rules.genesisHeader));
    if (genesisHash !== options.network.genesisHash) {
      throw new HeadersStoreError(`genesis header of ${options.network.name} hashes to ${genesisHash}, not ${options.network.genesisHash}`);
    }
    try {
      fs.mkdirSync(options.dir, { recursive: true });
      checkOrWriteMeta(path.join(options.dir, META_FILE), options.network.name, genesisHash);
      const dataPath = path.join(options.dir, DATA_FILE);
      const fd = fs.openSync(dataPath, fs.existsSync(dataPath) ? 'r+' : 'w+');
      let data = fs.readFileSync(dataPath);
      if (data.length < HEADER_BYTES) {
        fs.writeSync(fd, rules.genesisHeader, 0, HEADER_BYTES, 0);
        data = Buffer.from(rules.genesisHeader);
      }
      if (!data.subarray(0, HEADER_BYTES).equals(rules.genesisHeader)) {
        fs.closeSync(fd);
        throw new HeadersStoreError(`${dataPath} does not start with the ${options.network.name} genesis header`);
      }
      return new HeadersStore(options, rules, fd, data);
    } catch (error) {
      if (error instanceof HashpoolError) throw error;
      throw new HeadersStoreError(`cannot open headers store in ${options.dir}: ${(error as Error).message}`, { cause: error });
    }
  }

  get tip(): BlockRef {
    return ref(this.tipEntry);
  }

  get height(): number {
    return this.chain.length - 1;
  }

  get tipWork(): bigint {
    return this.tipEntry.work;
  }

  /** Headers stored, side branches included. */
  get size(): number {
    return this.index.size;
  }

  /** Display-order hash of the active chain at `height`. */
  hashAt(height: number): string | undefined {
    const entry = this.chain[height];
    return entry && displayHex(entry.hash);
  }

  headerAt(height: number): Buffer | undefined {
    return this.chain[height]?.header;
  }

  /** By display-order hex, or by a 32-byte internal-order Buffer. */
  get(hash: string | Buffer): HeaderInfo | undefined {
    const entry = this.index.get(typeof hash === 'string' ? Buffer.from(hash, 'hex').reverse().toString('hex') : hash.toString('hex'));
    if (entry === undefined) return undefined;
    return {
      hash: displayHex(entry.hash),
      prevHash: displayHex(entry.header.subarray(4, 36)),
      height: entry.height,
      work: entry.work,
      header: entry.header,
      active: this.chain[entry.height] === entry,
    };
  }

  has(hash: string | Buffer): boolean {
    return this.get(hash) !== undefined;
  }

  /** Internal-order hashes for getheaders: the tip, back 1, 2, 4, ... blocks, then genesis. */
  locator(): Buffer[] {
    return buildLocator(this.height, (height) => this.chain[height].hash);
  }

  /**
   * Validates and stores headers (in order; each parent must be stored or earlier in the
   * batch). Calls are serialised. Throws HeaderInvalidError or HeaderOrphanError at the first
   * bad header, after storing the good ones before it and emitting their events.
   */
  addHeaders(headers: readonly Buffer[], signal?: AbortSignal): Promise<AddHeadersResult> {
    if (this.fd === undefined) return Promise.reject(new HeadersStoreError('headers store is closed'));
    // Checks that need no PoW run now and the PoW check starts now, so a caller may hand in
    // the next batch while this one is still hashing; results are committed in call order.
    const batch = this.prepare(headers);
    const pow = this.checkPow(batch.candidates, signal);
    pow.catch(() => undefined);
    const run = this.queue.then(() => this.commit(batch, pow));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for pending additions and closes the file; the store cannot be used after. */
  async close(): Promise<void> {
    await this.queue;
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private get tipEntry(): Entry {
    return this.chain[this.chain.length - 1];
  }

  /** Hashes, links and bits; the new headers become visible to later batches as staged. */
  private prepare(headers: readonly Buffer[]): PreparedBatch {
    const candidates: Candidate[] = [];
    const batch: PreparedBatch = { candidates, known: 0, failure: undefined };
    for (const header of headers) {
      if (header.length !== HEADER_BYTES) {
        batch.failure = (n) => new HeaderInvalidError('bad-length', '', -1, n, `${header.length} bytes, not ${HEADER_BYTES}`);
        break;
      }
      const hash = this.backend.sha256d(header);
      const key = hash.toString('hex');
      if (this.index.has(key) || this.staged.has(key)) {
        batch.known++;
        continue;
      }
      const prevKey = header.toString('hex', 4, 36);
      const parent = this.index.get(prevKey) ?? this.staged.get(prevKey);
      if (parent === undefined) {
        batch.failure = (n) => new HeaderOrphanError(displayHex(hash), displayHex(header.subarray(4, 36)), n);
        break;
      }
      const checked = this.checkBits(header, hash, parent);
      if (typeof checked === 'function') {
        batch.failure = checked;
        break;
      }
      const entry = this.makeEntry(Buffer.from(header), hash, parent, checked);
      this.staged.set(key, entry);
      candidates.push({ entry, target: checked });
    }
    return batch;
  }

  private async commit(batch: PreparedBatch, pow: Promise<boolean[]>): Promise<AddHeadersResult> {
    const { candidates } = batch;
    let valid: boolean[];
    try {
      valid = await pow;
    } finally {
      for (const c of candidates) this.staged.delete(c.entry.key);
    }
    let failure = batch.failure;
    let accepted = 0;
    const stored = new Set<string>();
    for (; accepted < candidates.length; accepted++) {
      const entry = candidates[accepted].entry;
      if (!valid[accepted]) {
        failure = (n) => new HeaderInvalidError('bad-pow', displayHex(entry.hash), entry.height, n, 'hash above the target of its bits');
        break;
      }
      const parent = entry.parent as Entry;
      // Its parent was staged by an earlier batch that then failed its PoW check.
      if (!this.index.has(parent.key) && !stored.has(parent.key)) {
        failure = (n) => new HeaderOrphanError(displayHex(entry.hash), displayHex(parent.hash), n);
        break;
      }
      stored.add(entry.key);
    }
    const entries = candidates.slice(0, accepted).map((c) => c.entry);
    this.append(entries);

    const oldTip = this.tipEntry;
    let best = oldTip;
    for (const entry of entries) if (entry.work > best.work) best = entry;
    const reorg = best === oldTip ? undefined : this.switchTo(best);
    if (reorg !== undefined) this.emit('reorg', reorg);
    if (best !== oldTip) this.emit('tip', ref(best));
    if (failure !== undefined) throw failure(accepted);
    return { added: entries.length, known: batch.known, tip: ref(best), tipChanged: best !== oldTip, reorg };
  }

  /** The header's target, or a failure when its bits are not what the chain requires. */
  private checkBits(header: Buffer, hash: Buffer, parent: Entry): bigint | ((accepted: number) => Error) {
    const bits = header.readUInt32LE(72);
    const height = parent.height + 1;
    const want = expectedBits(this.rules, this.backend, parent, header.readUInt32LE(68));
    const bad = (reason: HeaderRejectReason, detail: string) => (n: number) =>
      new HeaderInvalidError(reason, displayHex(hash), height, n, detail);
    if (bits !== want) return bad('bad-bits', `bits ${hex32(bits)}, expected ${hex32(want)}`);
    const target = this.targetOf(bits);
    if (target === undefined) return bad('bad-target', `bits ${hex32(bits)} do not encode a target in (0, PoW limit]`);
    return target;
  }

  /** Target of valid bits, memoised: a chain uses few distinct bits, and decoding costs microseconds. */
  private targetOf(bits: number): bigint | undefined {
    let target = this.targets.get(bits);
    if (target === undefined) {
      try {
        target = this.backend.bitsToTarget(bits);
      } catch {
        return undefined;
      }
      if (target === 0n || target > this.rules.powLimit) return undefined;
      if (this.targets.size > 10_000) {
        this.targets.clear();
        this.works.clear();
      }
      this.targets.set(bits, target);
      this.works.set(target, workOf(target));
    }
    return target;
  }

  private makeEntry(header: Buffer, hash: Buffer, parent: Entry | undefined, target: bigint): Entry {
    return {
      hash,
      key: hash.toString('hex'),
      header,
      height: parent === undefined ? 0 : parent.height + 1,
      time: header.readUInt32LE(68),
      bits: header.readUInt32LE(72),
      work: (parent?.work ?? 0n) + (this.works.get(target) ?? workOf(target)),
      parent,
    };
  }

  /** Native PoW check, split so every core works on one share of the batch. */
  private async checkPow(candidates: readonly Candidate[], signal: AbortSignal | undefined): Promise<boolean[]> {
    if (candidates.length === 0) return [];
    const parts = Math.max(1, Math.min(this.parallelism, Math.floor(candidates.length / MIN_POW_CHUNK)));
    const size = Math.ceil(candidates.length / parts);
    const jobs: Promise<boolean[]>[] = [];
    for (let start = 0; start < candidates.length; start += size) {
      const slice = candidates.slice(start, start + size);
      jobs.push(
        this.backend
          .validateHeaders(this.network.pow, slice.map((c) => c.entry.header), slice.map((c) => c.target), signal)
          .then((result) => result.valid),
      );
    }
    return (await Promise.all(jobs)).flat();
  }

  private append(entries: readonly Entry[]): void {
    if (entries.length === 0) return;
    const data = Buffer.concat(entries.map((e) => e.header));
    try {
      // Positional writes: after a failed partial write the next one overwrites the torn tail.
      let written = 0;
      while (written < data.length) {
        written += fs.writeSync(this.fd as number, data, written, data.length - written, this.fileBytes + written);
      }
    } catch (error) {
      throw new HeadersStoreError(`cannot write ${path.join(this.dir, DATA_FILE)}: ${(error as Error).message}`, { cause: error });
    }
    this.fileBytes += data.length;
    for (const entry of entries) this.index.set(entry.key, entry);
  }

  /** Makes `best` the active tip; returns the reorg when the old tip is not its ancestor. */
  private switchTo(best: Entry): Reorg | undefined {
    let a: Entry = this.tipEntry;
    let b: Entry = best;
    const oldBranch: Entry[] = [];
    const newBranch: Entry[] = [];
    while (b.height > a.height) {
      newBranch.push(b);
      b = b.parent as Entry;
    }
    while (a.height > b.height) {
      oldBranch.push(a);
      a = a.parent as Entry;
    }
    while (a !== b) {
      oldBranch.push(a);
      newBranch.push(b);
      a = a.parent as Entry;
      b = b.parent as Entry;
    }
    this.chain.length = a.height + 1;
    for (let i = newBranch.length - 1; i >= 0; i--) this.chain.push(newBranch[i]);
    if (oldBranch.length === 0) return undefined;
    return {
      commonAncestor: ref(a),
      oldBranch: oldBranch.reverse().map((e) => displayHex(e.hash)),
      newBranch: newBranch.reverse().map((e) => displayHex(e.hash)),
    };
  }

  /** Rebuilds the index from the file; returns how many leading records are good. */
  private replay(data: Buffer): number {
    const genesis = this.makeEntry(data.subarray(0, HEADER_BYTES), this.backend.sha256d(data.subarray(0, HEADER_BYTES)), undefined, this.backend.bitsToTarget(this.rules.genesisHeader.readUInt32LE(72)));
    this.index.set(genesis.key, genesis);
    let best = genesis;
    const total = Math.floor(data.length / HEADER_BYTES);
    let records = 1;
    for (; records < total; records++) {
      // A copy, so the entry does not keep the whole file buffer alive.
      const header = Buffer.from(data.subarray(records * HEADER_BYTES, (records + 1) * HEADER_BYTES));
      const hash = this.backend.sha256d(header);
      const parent = this.index.get(header.toString('hex', 4, 36));
      if (parent === undefined || this.index.has(hash.toString('hex'))) break;
      const target = this.checkBits(header, hash, parent);
      if (typeof target === 'function') break;
      const entry = this.makeEntry(header, hash, parent, target);
      this.index.set(entry.key, entry);
      if (entry.work > best.work) best = entry;
    }
    for (let at: Entry | undefined = best; at !== undefined; at = at.parent) this.chain[at.height] = at;
    return records;
  }
}

function ref(entry: Entry): BlockRef {
  return { height: entry.height, hash: displayHex(entry.hash) };
}

function checkOrWriteMeta(file: string, network: string, genesis: string): void {
  if (fs.existsSync(file)) {
    let meta: { format?: unknown; network?: unknown; genesis?: unknown };
    try {
      meta = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof meta;
    } catch (error) {
      throw new HeadersStoreError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (meta.format !== META_FORMAT || meta.network !== network || meta.genesis !== genesis) {
      throw new HeadersStoreError(`${file} describes a ${String(meta.format)} store for ${String(meta.network)}, not ${META_FORMAT} for ${network}`);
    }
    return;
  }
  // Written whole then renamed, so a crash never leaves half a metadata file.
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ format: META_FORMAT, network, genesis }, null, 2)}\n`);
  fs.renameSync(temp, file);
}
