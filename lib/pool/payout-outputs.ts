// Which outputs a job's coinbase pays, by payout mode. Solo jobs are per miner (the
// payout key is the miner's address); pool and pplns share one coinbase. The PPLNS window
// is read from the share log in the background, so building a job never waits on I/O.
import type { BlockTemplate } from '../mining';
import type { NetworkParams } from '../protocol';
import type { ShareLog, PplnsEntry } from '../sharelog';
import { hash } from '../hash';
import { outputsForMode, type PayoutMode as PayoutModeSpec } from './payout';
import { PayoutError } from './errors';
import type { OutputsFor } from './job-book';

export type PayoutMode = 'solo' | 'pool' | 'pplns';

export interface PayoutSettings {
  mode: PayoutMode;
  network: NetworkParams;
  /** The pool's address: the payee in pool mode, the fee (and empty-window) payee in pplns. */
  address?: string;
  pplns: { windowFactor: number; feePercent: number };
}

/** N = windowFactor x network difficulty, in share difficulty units: what a PPLNS payout reads, and what retention keeps. */
export function pplnsWindowDifficulty(template: BlockTemplate, network: NetworkParams, windowFactor: number): number {
  return hash.targetToDifficulty(template.target, network.difficultyFactor) * windowFactor;
}

export class PayoutOutputs {
  private window: PplnsEntry[] = [];
  private refreshing: Promise<void> | undefined;
  /** The JobBook's OutputsFor. */
  readonly outputsFor: OutputsFor;

  constructor(
    private readonly settings: PayoutSettings,
    private readonly shareLog: ShareLog,
  ) {
    this.outputsFor = outputsForMode(settings.network, this.payoutMode());
  }

  private payoutMode(): PayoutModeSpec {
    const { mode, address, pplns } = this.settings;
    if (mode === 'solo') return { mode };
    if (address === undefined) throw new PayoutError(`payout mode ${mode} needs payout.address`);
    if (mode === 'pool') return { mode, poolAddress: address };
    return { mode, pplns: { feePercent: pplns.feePercent, feeAddress: address }, window: () => this.window };
  }

  /** Re-reads the PPLNS window (N = windowFactor x network difficulty, in share difficulty units). */
  refreshWindow(template: BlockTemplate): Promise<void> {
    if (this.settings.mode !== 'pplns') return Promise.resolve();
    this.refreshing ??= (async () => {
      try {
        this.window = await this.shareLog.pplnsWindow(pplnsWindowDifficulty(template, this.settings.network, this.settings.pplns.windowFactor));
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  /** The window the next jobs pay (for the monitor and tests). */
  currentWindow(): readonly PplnsEntry[] {
    return this.window;
  }
}
