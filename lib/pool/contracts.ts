// The seams of the pool node: what the stratum server (sockets and sessions) asks of the
// pool core (jobs, authorization, share checking and logging), and the verdicts it gets.
import type { Job } from '../mining';
import type { StratumErrorCode, SubmitParams } from '../stratum';

/** What the pool core may read of one stratum connection. */
export interface SessionView {
  /** Connection serial, unique within the process. */
  readonly id: number;
  readonly ip: string;
  /** The local stratum port the miner connected to. */
  readonly port: number;
  readonly extranonce1: Buffer;
  readonly extranonce2Size: number;
  /** BIP310 mask agreed with this miner (pool mask AND miner mask); 0 when not rolling. */
  readonly versionMask: number;
  /** Difficulty in force for this connection now. */
  readonly difficulty: number;
  /** Set by a successful mining.authorize. */
  readonly worker: AuthorizedWorker | undefined;
  /**
   * The lowest difficulty at which this job id was sent to this connection, or undefined
   * when it never was (then the share is answered 21).
   */
  jobDifficulty(jobId: string): number | undefined;
}

export interface AuthorizedWorker {
  /** The full username as sent ("address.rig"). */
  name: string;
  /** The account part: the payout address in solo and pplns, free text in pool mode. */
  user: string;
  /** Which coinbase this connection mines: the payout address in solo mode, '' otherwise. */
  payoutKey: string;
  /** A difficulty the miner asked for in its password (`d=N`), not yet floored. */
  requestedDifficulty?: number;
}

export type AuthorizeOutcome = { ok: true; worker: AuthorizedWorker } | { ok: false; message: string };

/** Labels for metrics and logs; each maps to one stratum error code. */
export type RejectReason =
  | 'malformed'
  | 'job-not-found'
  | 'stale'
  | 'bad-extranonce2'
  | 'bad-ntime'
  | 'bad-nonce'
  | 'bad-version-bits'
  | 'duplicate'
  | 'low-difficulty'
  | 'unauthorized'
  | 'not-subscribed'
  | 'banned'
  | 'internal';

/** A share whose hash meets the block target: submitted whatever the stratum verdict. */
export interface BlockCandidate {
  job: Job;
  height: number;
  /** Display (RPC) order. */
  hash: string;
  /** The serialized block for submitblock. */
  hex: string;
}

export interface ShareAccepted {
  ok: true;
  job: Job;
  header: Buffer;
  /** PoW hash, internal order. */
  powHash: Buffer;
  /** The difficulty credited: current difficulty if met, else the job's bound one. */
  creditedDifficulty: number;
  /** The difficulty the hash actually achieved. */
  shareDifficulty: number;
  block?: BlockCandidate;
}

export interface ShareRejected {
  ok: false;
  code: StratumErrorCode;
  reason: RejectReason;
  message: string;
  block?: BlockCandidate;
}

export type ShareVerdict = ShareAccepted | ShareRejected;

/**
 * Implemented by the pool (lib/pool/pool.ts) and called by the stratum server. Every
 * method must answer; none may throw for bad miner input (verdicts carry the error).
 */
export interface PoolCore {
  authorize(session: SessionView, user: string, password: string): Promise<AuthorizeOutcome>;
  /** The job this connection should mine now; undefined before the first template. */
  currentJob(session: SessionView): Job | undefined;
  /**
   * Checks a share and, when accepted, resolves only after the share log committed it:
   * an acknowledged share is never lost.
   */
  submit(session: SessionView, share: SubmitParams): Promise<ShareVerdict>;
  /** Raw transactions (hex) of a job, for mining.get_transactions; undefined if unknown. */
  transactions(jobId: string): string[] | undefined;
}
