// Sends a found block to every daemon at once and records what happened. The block is
// written to the journal before the first submit, so a block is never lost even when
// every daemon is down: it stays on disk with its hex for a later resubmit.
import fs from 'node:fs';
import type { DaemonPool } from '../rpc';
import { RpcError } from '../rpc';
import { combineOutcomes, outcomeFromResult, outcomeFromRpcError, type SubmitOutcome } from './submit-outcome';

export interface FoundBlock {
  height: number;
  /** Display (RPC) order hash of the block. */
  hash: string;
  hex: string;
  /** Who found it (a stratum worker name), kept in the journal for recovery. */
  finder?: string;
}

export interface SubmitRecord {
  block: FoundBlock;
  outcome: SubmitOutcome;
  perDaemon: { name: string; outcome: SubmitOutcome; attempts: number }[];
  /** Peers the block was relayed to over P2P. */
  relayedTo: number;
  submittedAt: string;
}

export interface BlockSubmitterOptions {
  /** Transport failures are retried this many times per daemon (default 3). */
  retries?: number;
  retryDelayMs?: number;
  /** JSON-lines file that gets the block before submission and every outcome after. */
  journalPath?: string;
  /**
   * Also relays the block over P2P (e.g. P2PClient.manager.broadcast): a second path to the
   * network that does not depend on RPC. Returns how many peers it was sent to.
   */
  relay?: (block: Buffer) => number;
}

export class BlockSubmitter {
  private readonly retries: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly daemons: DaemonPool,
    private readonly options: BlockSubmitterOptions = {},
  ) {
    this.retries = options.retries ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 200;
  }

  async submit(block: FoundBlock): Promise<SubmitRecord> {
    this.journal({ event: 'found', at: new Date().toISOString(), ...block });
    const relayedTo = this.options.relay?.(Buffer.from(block.hex, 'hex')) ?? 0;
    const perDaemon = new Map<string, { outcome: SubmitOutcome; attempts: number }>();
    let pendingRetry = true;
    for (let attempt = 1; attempt <= 1 + this.retries && pendingRetry; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      const answers = await this.daemons.callAll<unknown>('submitblock', [block.hex]);
      pendingRetry = false;
      for (const answer of answers) {
        const settled = perDaemon.get(answer.name);
        if (settled && settled.outcome.kind !== 'unreachable') continue;
        let outcome: SubmitOutcome;
        if (answer.error === undefined) outcome = outcomeFromResult(answer.result);
        else if (answer.error instanceof RpcError) outcome = outcomeFromRpcError(answer.error.rpcCode, answer.error.rpcMessage);
        else {
          outcome = { kind: 'unreachable', reason: answer.error.message };
          pendingRetry = true;
        }
        perDaemon.set(answer.name, { outcome, attempts: attempt });
      }
      if (answers.length === 0) pendingRetry = true;
    }
    const record: SubmitRecord = {
      block,
      outcome: combineOutcomes([...perDaemon.values()].map((d) => d.outcome)),
      perDaemon: [...perDaemon].map(([name, d]) => ({ name, ...d })),
      relayedTo,
      submittedAt: new Date().toISOString(),
    };
    this.journal({ event: 'outcome', at: record.submittedAt, hash: block.hash, height: block.height, outcome: record.outcome, perDaemon: record.perDaemon, relayedTo });
    return record;
  }

  private journal(entry: Record<string, unknown>): void {
    if (this.options.journalPath) fs.appendFileSync(this.options.journalPath, `${JSON.stringify(entry)}\n`);
  }
}
