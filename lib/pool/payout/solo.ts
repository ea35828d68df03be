// Solo: the miner's username is the payout address and the coinbase pays it everything.
import { addressToScript } from '../../address/address';
import type { CoinbaseOutput } from '../../mining/coinbase';
import type { PayoutContext } from './context';

/** One output paying the whole coinbase value; throws AddressError for a bad address. */
export function soloOutputs(address: string, ctx: PayoutContext): CoinbaseOutput[] {
  return [{ script: addressToScript(address, ctx.network), value: ctx.coinbaseValue }];
}
