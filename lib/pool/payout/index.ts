// Payout modes, and the JobBook callback that picks a coinbase per payout key.
import type { CoinbaseOutput } from '../../mining/coinbase';
import type { BlockTemplate } from '../../mining/template';
import type { NetworkParams } from '../../protocol/networks';
import { PayoutError } from '../errors';
import type { OutputsFor } from '../job-book';
import { poolOutputs } from './pool';
import { pplnsOutputs, type PplnsOptions } from './pplns';
import { soloOutputs } from './solo';

export * from './context';
export * from './solo';
export * from './pool';
export * from './pplns';

export type PayoutMode =
  | { mode: 'solo' }
  | { mode: 'pool'; poolAddress: string }
  /** window: the current PPLNS window, read synchronously (the caller refreshes it per template). */
  | { mode: 'pplns'; pplns: PplnsOptions; window: () => readonly { user: string; difficulty: number }[] };

/**
 * The JobBook's OutputsFor for a mode. Solo pays the payout key (the miner's address); pool
 * and pplns build one shared coinbase, so their payout key must be ''.
 */
export function outputsForMode(network: NetworkParams, payout: PayoutMode): OutputsFor {
  return (payoutKey: string, template: BlockTemplate): CoinbaseOutput[] => {
    const ctx = { network, coinbaseValue: template.coinbaseValue };
    if (payout.mode === 'solo') {
      if (payoutKey === '') throw new PayoutError('solo mode has no shared coinbase: the payout key must be an address');
      return soloOutputs(payoutKey, ctx);
    }
    if (payoutKey !== '') throw new PayoutError(`${payout.mode} mode builds one shared coinbase; got payout key '${payoutKey}'`);
    if (payout.mode === 'pool') return poolOutputs(payout.poolAddress, ctx);
    return pplnsOutputs(payout.window(), payout.pplns, ctx);
  };
}
