// One stratum connection: its socket and line framing, what it negotiated (extranonce1,
// version mask, difficulty), its authorized workers, and the difficulty each job was sent
// at. The stratum server drives it; the pool core reads it through SessionView.
import type { Socket } from 'node:net';
import { LineDecoder } from '../stratum';
import type { AuthorizedWorker, SessionView } from './contracts';
import type { PortOptions } from './server-options';
import { initialVardiffState, recordShare, retarget, type VardiffState } from './vardiff';

/** What the server reports of a connection (events, sessions(), the admin API). */
export interface SessionInfo {
  id: number;
  ip: string;
  port: number;
  userAgent?: string;
  workers: string[];
  difficulty: number;
  extranonce1: string;
  connectedAt: number;
  lastShareAt?: number;
  versionMask: number;
}

/**
 * Jobs remembered per connection for the difficulty binding. A job older than this many
 * sends is answered 21 (a miner works on the newest job, and a job book keeps far fewer).
 */
export const JOB_BINDINGS_KEPT = 32;

const NO_EXTRANONCE = Buffer.alloc(0);

export class Session implements SessionView {
  readonly decoder: LineDecoder;
  readonly connectedAt = Date.now();
  lastMessageAt = this.connectedAt;
  lastShareAt: number | undefined;

  extranonce1: Buffer = NO_EXTRANONCE;
  versionMask = 0;
  userAgent: string | undefined;
  subscribed = false;
  extranonceSubscribed = false;

  /** The difficulty decided for this connection (sent, unless difficultyUnsent). */
  difficulty: number;
  /** True until `difficulty` went out as mining.set_difficulty. */
  difficultyUnsent = true;
  /** The miner's own floor (mining.configure minimum-difficulty), already within the port's bounds. */
  minerMinimum = 0;
  private vardiffState: VardiffState;

  readonly workers = new Map<string, AuthorizedWorker>();
  private primary: AuthorizedWorker | undefined;
  private readonly jobDiffs = new Map<string, number>();

  /** Submits handed to the core and not yet answered. */
  inflight = 0;
  closed = false;
  /** Why we ended it; unset when the peer did. */
  closeReason: string | undefined;

  constructor(
    readonly id: number,
    readonly ip: string,
    readonly portOptions: PortOptions,
    readonly localPort: number,
    readonly socket: Socket,
    readonly extranonce2Size: number,
    maxLineBytes: number,
    private readonly maxWriteBufferBytes: number,
  ) {
    this.decoder = new LineDecoder(maxLineBytes);
    this.difficulty = portOptions.difficulty;
    this.vardiffState = initialVardiffState(this.connectedAt);
  }

  get port(): number {
    return this.localPort;
  }

  /** The first worker authorized on the connection: the jobs it gets pay this worker's payout key. */
  get worker(): AuthorizedWorker | undefined {
    return this.primary;
  }

  /** Subscribed and authorized: gets jobs. */
  get ready(): boolean {
    return this.subscribed && this.primary !== undefined && !this.closed;
  }

  addWorker(worker: AuthorizedWorker): boolean {
    this.workers.set(worker.name, worker);
    if (this.primary !== undefined) return false;
    this.primary = worker;
    return true;
  }

  jobDifficulty(jobId: string): number | undefined {
    return this.jobDiffs.get(jobId);
  }

  /** Records that `jobId` went out at `difficulty`; the lowest such difficulty is kept. */
  bindJob(jobId: string, difficulty: number): void {
    const known = this.jobDiffs.get(jobId);
    if (known !== undefined) {
      if (difficulty < known) this.jobDiffs.set(jobId, difficulty);
      return;
    }
    this.jobDiffs.set(jobId, difficulty);
    if (this.jobDiffs.size > JOB_BINDINGS_KEPT) {
      const oldest = this.jobDiffs.keys().next();
      if (oldest.done !== true) this.jobDiffs.delete(oldest.value);
    }
  }

  /** Forgets every job binding: after a new extranonce1, old jobs' shares cannot be checked. */
  clearJobBindings(): void {
    this.jobDiffs.clear();
  }

  /**
   * Decides a new difficulty; true when it differs from the current one (the caller sends
   * it). Never below the miner's own minimum.
   */
  setDifficulty(difficulty: number): boolean {
    const next = Math.max(difficulty, this.minerMinimum);
    if (next === this.difficulty) return false;
    this.difficulty = next;
    this.difficultyUnsent = true;
    return true;
  }

  /** Vardiff after an accepted share: true when the difficulty changed. */
  recordAcceptedShare(now: number): boolean {
    this.lastShareAt = now;
    const vardiff = this.portOptions.vardiff;
    if (!vardiff.enabled) return false;
    this.vardiffState = recordShare(this.vardiffState, now);
    const next = retarget(vardiff, this.vardiffState, this.difficulty, now);
    if (next === undefined) return false;
    this.vardiffState = next.state;
    return this.setDifficulty(next.difficulty);
  }

  /** A fresh start for vardiff, e.g. after the miner asked for a difficulty. */
  resetVardiff(now: number): void {
    this.vardiffState = initialVardiffState(now);
  }

  /**
   * Writes one encoded line. A peer that does not read (its unsent output past the limit)
   * is dropped: memory per connection stays bounded. False when nothing was written.
   */
  send(line: string | Buffer): boolean {
    if (this.closed || this.socket.destroyed) return false;
    this.socket.write(line);
    if (this.socket.writableLength > this.maxWriteBufferBytes) {
      this.socket.destroy();
      return false;
    }
    return true;
  }

  info(): SessionInfo {
    const out: SessionInfo = {
      id: this.id,
      ip: this.ip,
      port: this.localPort,
      workers: [...this.workers.keys()],
      difficulty: this.difficulty,
      extranonce1: this.extranonce1.toString('hex'),
      connectedAt: this.connectedAt,
      versionMask: this.versionMask,
    };
    if (this.userAgent !== undefined) out.userAgent = this.userAgent;
    if (this.lastShareAt !== undefined) out.lastShareAt = this.lastShareAt;
    return out;
  }
}

/**
 * The session as seen by the core for a share of a worker other than the connection's
 * first: everything from the session, but `worker` is the submitting one (for crediting).
 */
export class WorkerSessionView implements SessionView {
  constructor(
    private readonly session: Session,
    readonly worker: AuthorizedWorker,
  ) {}

  get id(): number {
    return this.session.id;
  }
  get ip(): string {
    return this.session.ip;
  }
  get port(): number {
    return this.session.port;
  }
  get extranonce1(): Buffer {
    return this.session.extranonce1;
  }
  get extranonce2Size(): number {
    return this.session.extranonce2Size;
  }
  get versionMask(): number {
    return this.session.versionMask;
  }
  get difficulty(): number {
    return this.session.difficulty;
  }
  jobDifficulty(jobId: string): number | undefined {
    return this.session.jobDifficulty(jobId);
  }
}
