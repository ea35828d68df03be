// Which outputs a job's coinbase pays, by payout mode. Solo jobs are per miner (the
// payout key is the miner's address); pool and pplns share one coinbase. The PPLNS window
// is read from the share log in the background, so building a job never waits on I/O.
import type { CoinbaseOutput } from '../mining';
import type { BlockTemplate } from '../mining';
import type { NetworkParams } from '../protocol';
import type { ShareLog, PplnsEntry } from '../sharelog';
import { hash } from '../hash';
import { pplnsOutputs, poolOutputs, soloOutputs } from './payout';

export type PayoutMode = 'solo' | 'pool' | 'pplns';

export interface PayoutSettings {
  mode: PayoutMode;
  network: NetworkParams;
  /** The pool's address: the payee in pool mode, the fee (and empty-window) payee in pplns. */
  address?: string;
  pplns: { windowFactor: number; feePercent: number };
}

export class PayoutOutputs {
  private window: PplnsEntry[] = [];
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly settings: PayoutSettings,
    private readonly shareLog: ShareLog,
  ) {}

  /** The JobBook's OutputsFor. */
  readonly outputsFor = (payoutKey: string, template: BlockTemplate): CoinbaseOutput[] => {
    const { mode, network, address } = this.settings;
    const ctx = { network, coinbaseValue: template.coinbaseValue };
    if (mode === 'solo') {
      const payee = payoutKey || address;
      if (payee === undefined) throw new Error('solo job without a payout address');
      return soloOutputs(payee, ctx);
    }
    if (address === undefined) throw new Error(`payout mode ${mode} needs payout.address`);
    if (mode === 'pool') return poolOutputs(address, ctx);
    return pplnsOutputs(this.window, { feePercent: this.settings.pplns.feePercent, feeAddress: address }, ctx);
  };

  /** Re-reads the PPLNS window (N = windowFactor x network difficulty, in share difficulty units). */
  refreshWindow(template: BlockTemplate): Promise<void> {
    if (this.settings.mode !== 'pplns') return Promise.resolve();
    this.refreshing ??= (async () => {
      try {
        const networkDifficulty = hash.targetToDifficulty(template.target, this.settings.network.difficultyFactor);
        this.window = await this.shareLog.pplnsWindow(networkDifficulty * this.settings.pplns.windowFactor);
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
