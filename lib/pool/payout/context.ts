// What every payout mode needs to know about the block being built.
import type { NetworkParams } from '../../protocol/networks';

export interface PayoutContext {
  network: NetworkParams;
  /** Subsidy plus fees (the template's coinbasevalue), satoshis. */
  coinbaseValue: bigint;
}
