// Pool: the coinbase pays the pool's one address; shares are logged and an external payout
// processor pays miners from the wallet later.
import { addressToScript } from '../../address/address';
import type { CoinbaseOutput } from '../../mining/coinbase';
import type { PayoutContext } from './context';

/** One output paying the whole coinbase value to the pool; throws AddressError for a bad address. */
export function poolOutputs(address: string, ctx: PayoutContext): CoinbaseOutput[] {
  return [{ script: addressToScript(address, ctx.network), value: ctx.coinbaseValue }];
}
