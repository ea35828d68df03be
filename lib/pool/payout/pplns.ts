// PPLNS paid straight from the coinbase: the last N difficulty of shares (the window, read
// from the share log) split the block value, so the pool needs no wallet. Integer satoshis
// throughout; the outputs always sum to exactly the coinbase value.
//
// Where satoshis that no miner output can carry go (all to the fee address, which is the
// pool's own):
//  - the fee, feePercent of the value, rounded down;
//  - rounding: each miner gets floor(rest * weight / total), the few leftover satoshis;
//  - dust: a miner amount below dustLimit (default 10,000 sat = 0.0001 coin) - an output
//    that costs more to spend than it holds, and a PPLNS pool has no balances to carry it;
//  - a window user that is not a valid address of the network (cannot happen for users
//    checked at authorize; guards old share-log rows).
// Beyond maxOutputs - 1 miners (one slot is the fee's), the smallest contributors are left
// out of the window and the value is split among the rest, so a long tail of tiny miners
// cannot hand most of a block to the pool.
import { addressToScript } from '../../address/address';
import { AddressError } from '../../address/errors';
import type { CoinbaseOutput } from '../../mining/coinbase';
import { PayoutError } from '../errors';
import type { PayoutContext } from './context';

export interface PplnsOptions {
  feePercent: number;
  feeAddress: string;
  /** Outputs at most, the fee's included (default 200). */
  maxOutputs?: number;
  /** Miner amounts below it go to the fee address (default 10,000 sat). */
  dustLimit?: bigint;
}

export const DEFAULT_PPLNS_MAX_OUTPUTS = 200;
export const DEFAULT_PPLNS_DUST_LIMIT = 10_000n;

/** Difficulties are doubles; 32 fractional bits keep sub-1 scrypt difficulties exact enough. */
const WEIGHT_SCALE = 2 ** 32;
/** feePercent in millionths of a percent, so 1.5 or 0.25 are exact. */
const FEE_SCALE = 1_000_000;

interface Share {
  user: string;
  weight: bigint;
}

function checkOptions(options: PplnsOptions): { maxOutputs: number; dustLimit: bigint } {
  const { feePercent } = options;
  if (typeof feePercent !== 'number' || !Number.isFinite(feePercent) || feePercent < 0 || feePercent > 100) {
    throw new PayoutError(`pplns feePercent must be in [0, 100], got ${String(feePercent)}`);
  }
  const maxOutputs = options.maxOutputs ?? DEFAULT_PPLNS_MAX_OUTPUTS;
  if (!Number.isInteger(maxOutputs) || maxOutputs < 1) throw new PayoutError(`pplns maxOutputs must be an integer >= 1, got ${String(maxOutputs)}`);
  const dustLimit = options.dustLimit ?? DEFAULT_PPLNS_DUST_LIMIT;
  if (typeof dustLimit !== 'bigint' || dustLimit < 0n) throw new PayoutError('pplns dustLimit must be a bigint >= 0');
  return { maxOutputs, dustLimit };
}

function feeScriptOf(options: PplnsOptions, ctx: PayoutContext): Buffer {
  try {
    return addressToScript(options.feeAddress, ctx.network);
  } catch (error) {
    if (error instanceof AddressError) throw new PayoutError(`pplns feeAddress: ${error.message}`);
    throw error;
  }
}

/** Sums each user's difficulty; non-positive or non-finite entries carry no weight. */
function aggregate(window: readonly { user: string; difficulty: number }[]): Share[] {
  const perUser = new Map<string, bigint>();
  for (const entry of window) {
    if (typeof entry.difficulty !== 'number' || !Number.isFinite(entry.difficulty) || entry.difficulty <= 0) continue;
    const weight = BigInt(Math.round(entry.difficulty * WEIGHT_SCALE));
    if (weight === 0n) continue;
    perUser.set(entry.user, (perUser.get(entry.user) ?? 0n) + weight);
  }
  return [...perUser].map(([user, weight]) => ({ user, weight }));
}

function byWeightThenUser(a: Share, b: Share): number {
  if (a.weight !== b.weight) return a.weight > b.weight ? -1 : 1;
  return a.user < b.user ? -1 : a.user > b.user ? 1 : 0;
}

function scriptOrUndefined(user: string, ctx: PayoutContext): Buffer | undefined {
  try {
    return addressToScript(user, ctx.network);
  } catch (error) {
    if (error instanceof AddressError) return undefined;
    throw error;
  }
}

/**
 * Splits coinbaseValue over the window by difficulty (integer satoshis, exact sum,
 * deterministic order: by amount desc then address), fee first. Empty window: all to feeAddress.
 */
export function pplnsOutputs(
  window: readonly { user: string; difficulty: number }[],
  options: PplnsOptions,
  ctx: PayoutContext,
): CoinbaseOutput[] {
  const { maxOutputs, dustLimit } = checkOptions(options);
  const feeScript = feeScriptOf(options, ctx);
  const value = ctx.coinbaseValue;
  if (typeof value !== 'bigint' || value < 0n) throw new PayoutError('coinbaseValue must be a bigint >= 0');

  let fee = (value * BigInt(Math.round(options.feePercent * FEE_SCALE))) / BigInt(100 * FEE_SCALE);
  const rest = value - fee;
  const kept = aggregate(window).sort(byWeightThenUser).slice(0, maxOutputs - 1);
  const total = kept.reduce((sum, s) => sum + s.weight, 0n);

  const paid: { user: string; output: CoinbaseOutput }[] = [];
  let distributed = 0n;
  for (const share of kept) {
    const amount = (rest * share.weight) / total;
    distributed += amount;
    const script = amount >= dustLimit && amount > 0n ? scriptOrUndefined(share.user, ctx) : undefined;
    if (script === undefined) fee += amount;
    else paid.push({ user: share.user, output: { script, value: amount } });
  }
  // Rounding leftovers, or the whole rest when the window is empty.
  fee += rest - distributed;

  paid.sort((a, b) => {
    if (a.output.value !== b.output.value) return a.output.value > b.output.value ? -1 : 1;
    return a.user < b.user ? -1 : a.user > b.user ? 1 : 0;
  });
  const outputs = paid.map((p) => p.output);
  // A job needs at least one output, so a zero fee still gets one when nobody else is paid.
  if (fee > 0n || outputs.length === 0) outputs.unshift({ script: feeScript, value: fee });
  return outputs;
}
