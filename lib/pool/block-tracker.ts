// Found blocks: submitted to every daemon, recorded in the share log, then followed until
// they mature (confirmed) or leave the best chain (orphaned).
import type { BlockSubmitter } from '../mining';
import type { DaemonPool } from '../rpc';
import { RpcError } from '../rpc';
import type { BlockRecord, ShareLog } from '../sharelog';
import type { Logger } from '../log/logger';
import type { BlockCandidate } from './contracts';

/** getblock's "Block not found". */
const RPC_INVALID_ADDRESS_OR_KEY = -5;

export interface BlockFinder {
  worker: string;
  user: string;
}

export class BlockTracker {
  constructor(
    private readonly options: {
      daemons: DaemonPool;
      submitter: BlockSubmitter;
      shareLog: ShareLog;
      poolInstance: number;
      /** Confirmations after which a block counts as confirmed (coinbase maturity). */
      maturity: number;
      log: Logger;
      onRecorded: (block: BlockRecord) => void;
    },
  ) {}

  /** Submits a candidate and records the outcome; never throws. */
  async found(candidate: BlockCandidate, finder: BlockFinder): Promise<BlockRecord | undefined> {
    const { submitter, shareLog, log } = this.options;
    try {
      const record = await submitter.submit({ height: candidate.height, hash: candidate.hash, hex: candidate.hex });
      const kind = record.outcome.kind;
      const accepted = kind === 'accepted' || kind === 'duplicate' || kind === 'inconclusive';
      const block: BlockRecord = {
        height: candidate.height,
        hash: candidate.hash,
        time: Date.now(),
        worker: finder.worker,
        user: finder.user,
        reward: candidate.job.template.coinbaseValue,
        // Unreachable daemons: the journal has the block; it stays pending until a daemon knows it.
        status: accepted || kind === 'unreachable' ? 'pending' : 'rejected',
        submitResult: record.outcome.reason ?? kind,
        confirmations: 0,
        poolInstance: this.options.poolInstance,
      };
      await shareLog.recordBlock(block);
      log.info(accepted ? 'block accepted' : `block ${kind}`, { height: block.height, hash: block.hash, worker: finder.worker, result: block.submitResult });
      this.options.onRecorded(block);
      return block;
    } catch (error) {
      log.error('found block could not be submitted or recorded', { hash: candidate.hash, error: String(error) });
      return undefined;
    }
  }

  /** Updates every pending block from the daemon's view of the chain. */
  async refresh(): Promise<void> {
    const { daemons, shareLog, maturity, log } = this.options;
    for (const block of await shareLog.pendingBlocks()) {
      try {
        const info = await daemons.call<{ confirmations: number }>('getblock', [block.hash, 1]);
        // -1 confirmations: the daemon has the block but it is off the best chain.
        const status = info.confirmations < 0 ? 'orphaned' : info.confirmations >= maturity ? 'confirmed' : 'pending';
        if (status !== block.status || info.confirmations !== block.confirmations) {
          await shareLog.updateBlock(block.hash, { status, confirmations: Math.max(info.confirmations, 0) });
        }
      } catch (error) {
        if (error instanceof RpcError && error.rpcCode === RPC_INVALID_ADDRESS_OR_KEY) {
          await shareLog.updateBlock(block.hash, { status: 'orphaned', confirmations: 0 });
        } else {
          log.warn('could not check a pending block', { hash: block.hash, error: String(error) });
        }
      }
    }
  }
}
