// Found blocks: submitted to every daemon, recorded in the share log, then followed until
// they mature (confirmed) or leave the best chain (orphaned).
import fs from 'node:fs';
import type { BlockSubmitter } from '../mining';
import type { DaemonPool } from '../rpc';
import { RpcError } from '../rpc';
import type { BlockRecord, ShareLog } from '../sharelog';
import type { Logger } from '../log/logger';
import type { BlockCandidate } from './contracts';
import { accountOf } from './credentials';

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
      const record = await submitter.submit({ height: candidate.height, hash: candidate.hash, hex: candidate.hex, finder: finder.worker });
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
      log.info(blockOutcomeMessage(kind, record.relayedTo), { height: block.height, hash: block.hash, worker: finder.worker, result: block.submitResult });
      this.options.onRecorded(block);
      return block;
    } catch (error) {
      log.error('found block could not be submitted or recorded', { hash: candidate.hash, error: String(error) });
      return undefined;
    }
  }

  /** Updates every pending block from the daemon's view of the chain; never rejects (runs on a timer). */
  async refresh(): Promise<void> {
    const { daemons, shareLog, maturity, log } = this.options;
    let pending: BlockRecord[];
    try {
      pending = await shareLog.pendingBlocks();
    } catch (error) {
      // The share log is down (Redis restarting): the next round will catch up.
      log.warn('pending blocks not read', { error: String(error) });
      return;
    }
    for (const block of pending) {
      try {
        const info = await daemons.call<{ confirmations: number }>('getblock', [block.hash, 1]);
        // -1 confirmations: the daemon has the block but it is off the best chain.
        const status = info.confirmations < 0 ? 'orphaned' : info.confirmations >= maturity ? 'confirmed' : 'pending';
        if (status !== block.status || info.confirmations !== block.confirmations) {
          await shareLog.updateBlock(block.hash, { status, confirmations: Math.max(info.confirmations, 0) });
        }
      } catch (error) {
        if (error instanceof RpcError && error.rpcCode === RPC_INVALID_ADDRESS_OR_KEY) {
          await shareLog.updateBlock(block.hash, { status: 'orphaned', confirmations: 0 }).catch((e: unknown) => log.warn('block status not saved', { hash: block.hash, error: String(e) }));
        } else {
          log.warn('could not check a pending block', { hash: block.hash, error: String(error) });
        }
      }
    }
  }

  /**
   * Blocks the journal saw found but the share log never recorded (the process died between
   * submitting and recording): recorded now from the daemon's copy, so a crash cannot make a
   * found block vanish from the books. Returns how many were recovered.
   */
  async recover(journalPath: string): Promise<number> {
    const { daemons, shareLog, log } = this.options;
    const found = readFoundBlocks(journalPath, log);
    let recovered = 0;
    for (const entry of found.values()) {
      try {
        if ((await shareLog.block(entry.hash)) !== undefined) continue;
      } catch (error) {
        // The share log cannot be read now (Redis down): the rest waits for the next start.
        log.warn('block journal not checked against the share log', { error: String(error) });
        break;
      }
      try {
        const block = await daemons.call<DaemonBlock>('getblock', [entry.hash, 2]);
        const reward = (block.tx[0]?.vout ?? []).reduce((sum, out) => sum + BigInt(Math.round(out.value * 1e8)), 0n);
        const record: BlockRecord = {
          height: block.height,
          hash: entry.hash,
          time: block.time * 1000,
          worker: entry.finder ?? 'unknown (recovered)',
          user: accountOf(entry.finder ?? ''),
          reward,
          status: block.confirmations < 0 ? 'orphaned' : 'pending',
          submitResult: 'recovered from the block journal',
          confirmations: Math.max(block.confirmations, 0),
          poolInstance: this.options.poolInstance,
        };
        await shareLog.recordBlock(record);
        this.options.onRecorded(record);
        recovered++;
      } catch (error) {
        // Not on the daemon: it never reached the network, so there is nothing to account for.
        if (!(error instanceof RpcError && error.rpcCode === RPC_INVALID_ADDRESS_OR_KEY)) {
          log.warn('journal block not checked', { hash: entry.hash, error: String(error) });
        }
      }
    }
    if (recovered > 0) log.info('recovered found blocks from the journal', { count: recovered });
    return recovered;
  }
}

/** How a submission reads in the log: 'duplicate' right after a P2P relay means the relay won. */
function blockOutcomeMessage(kind: string, relayedTo: number): string {
  if (kind === 'accepted') return 'block accepted';
  if (kind === 'duplicate') return relayedTo > 0 ? 'block accepted (the P2P relay reached the daemon first)' : 'block already known to the daemon';
  if (kind === 'inconclusive') return 'block submitted, not on the best chain (yet)';
  if (kind === 'unreachable') return 'block not submitted: no daemon reachable (kept in the journal)';
  return 'block rejected';
}

interface DaemonBlock {
  height: number;
  time: number;
  confirmations: number;
  tx: Array<{ vout: Array<{ value: number }> }>;
}

interface JournalFound {
  hash: string;
  finder?: string;
}

function readFoundBlocks(journalPath: string, log: Logger): Map<string, JournalFound> {
  const found = new Map<string, JournalFound>();
  let text: string;
  try {
    text = fs.readFileSync(journalPath, 'utf8');
  } catch {
    return found; // no journal yet: nothing was ever found
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as { event?: unknown; hash?: unknown; finder?: unknown };
      if (entry.event === 'found' && typeof entry.hash === 'string' && /^[0-9a-f]{64}$/.test(entry.hash)) {
        found.set(entry.hash, { hash: entry.hash, finder: typeof entry.finder === 'string' ? entry.finder : undefined });
      }
    } catch {
      // A torn last line from a crash mid-append; the block it named was never submitted.
      log.warn('unreadable block journal line skipped', { journal: journalPath });
    }
  }
  return found;
}
