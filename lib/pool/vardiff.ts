// Variable difficulty per connection, as pure functions of share times (milliseconds).
//
// The rule:
//  - Shares since the last retarget are counted (the newest 32 are kept). The observed time
//    per share is (now - last retarget) / count; once more than 32 shares came, it is the
//    span of the kept ones divided by their intervals. With no share at all, the whole time
//    since the last retarget counts as one interval, so a silent miner is lowered.
//  - A retarget is due every retargetSeconds. It changes the difficulty only when the time
//    per share is outside targetSeconds ± variancePercent; the new value is
//    current * targetSeconds / observed, rounded to 4 significant digits (or to the nearest
//    power of two) and clamped to [min, max].
//  - Early retarget: before the interval is up, at least 8 shares at more than 4x the target
//    rate retarget at once, so a low starting difficulty does not flood the pool.
//  - A difficulty asked for by the miner is only floored by the port's minimum.
// The caller applies a new difficulty from the next job (stratum convention).
import { PoolConfigError } from './errors';

export interface VardiffConfig {
  targetSeconds: number;
  retargetSeconds: number;
  variancePercent: number;
  min: number;
  max: number;
  powersOfTwo: boolean;
}

export interface VardiffState {
  /** ms */
  lastRetargetAt: number;
  /** ms of recent accepted shares, bounded */
  shareTimes: number[];
}

/** Share times kept per connection. */
export const VARDIFF_SHARE_BUFFER = 32;
/** Shares needed before an early retarget. */
export const VARDIFF_EARLY_MIN_SHARES = 8;
/** How much faster than the target rate triggers an early retarget. */
export const VARDIFF_EARLY_FACTOR = 4;

export function initialVardiffState(now: number): VardiffState {
  return { lastRetargetAt: now, shareTimes: [] };
}

/** Returns a new state with the share appended and the buffer kept at its bound. */
export function recordShare(state: VardiffState, now: number): VardiffState {
  const times = state.shareTimes;
  const keep = times.length >= VARDIFF_SHARE_BUFFER ? times.slice(times.length - VARDIFF_SHARE_BUFFER + 1) : times.slice();
  keep.push(now);
  return { lastRetargetAt: state.lastRetargetAt, shareTimes: keep };
}

/** Milliseconds per share since the last retarget, and how many shares that rests on. */
function observedInterval(state: VardiffState, now: number): { ms: number; count: number } {
  let first = 0;
  while (first < state.shareTimes.length && state.shareTimes[first] < state.lastRetargetAt) first++;
  const count = state.shareTimes.length - first;
  const elapsed = Math.max(0, now - state.lastRetargetAt);
  if (count === 0) return { ms: elapsed, count };
  // A full buffer may have lost older shares, so only the span it holds is trusted.
  if (count >= VARDIFF_SHARE_BUFFER) {
    return { ms: Math.max(0, now - state.shareTimes[first]) / (count - 1), count };
  }
  return { ms: elapsed / count, count };
}

/** The new difficulty when a retarget is due and the share rate is outside the variance band, else undefined. */
export function retarget(
  config: VardiffConfig,
  state: VardiffState,
  current: number,
  now: number,
): { difficulty: number; state: VardiffState } | undefined {
  const targetMs = config.targetSeconds * 1000;
  const { ms, count } = observedInterval(state, now);
  const due = now - state.lastRetargetAt >= config.retargetSeconds * 1000;
  const early = count >= VARDIFF_EARLY_MIN_SHARES && ms * VARDIFF_EARLY_FACTOR < targetMs;
  if (!due && !early) return undefined;
  const band = (targetMs * config.variancePercent) / 100;
  if (ms >= targetMs - band && ms <= targetMs + band) return undefined;
  // A burst within one millisecond still means "very fast", not a division by zero.
  const raw = (current * targetMs) / Math.max(ms, 1);
  const rounded = config.powersOfTwo ? raw : Number(raw.toPrecision(4));
  const difficulty = clampDifficulty(config, rounded);
  if (difficulty === current) return undefined;
  return { difficulty, state: initialVardiffState(now) };
}

/**
 * Clamps to [min, max]; with powersOfTwo, the nearest power of two inside the range (min and
 * max stay hard bounds: when no power of two lies between them the clamped value is kept).
 * Non-numbers and values <= 0 give min.
 */
export function clampDifficulty(config: Pick<VardiffConfig, 'min' | 'max' | 'powersOfTwo'>, difficulty: number): number {
  let value = Number.isNaN(difficulty) || difficulty <= 0 ? config.min : difficulty;
  value = Math.min(config.max, Math.max(config.min, value));
  if (!config.powersOfTwo) return value;
  let power = 2 ** Math.round(Math.log2(value));
  if (power < config.min) power *= 2;
  if (power > config.max) power /= 2;
  return power >= config.min && power <= config.max ? power : value;
}

/** A difficulty asked for by the miner (suggest_difficulty, minimum-difficulty, d=N), floored by the port's minimum. */
export function floorRequestedDifficulty(config: Pick<VardiffConfig, 'min'>, requested: number): number {
  if (!Number.isFinite(requested) || requested <= 0) return config.min;
  return Math.max(config.min, requested);
}

/** Throws PoolConfigError naming the first setting that cannot work. */
export function checkVardiffConfig(config: VardiffConfig): void {
  const positive = (v: number): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;
  if (!positive(config.targetSeconds)) throw new PoolConfigError('vardiff targetSeconds must be a positive number');
  if (!positive(config.retargetSeconds)) throw new PoolConfigError('vardiff retargetSeconds must be a positive number');
  if (typeof config.variancePercent !== 'number' || !(config.variancePercent >= 0 && config.variancePercent < 100)) {
    throw new PoolConfigError('vardiff variancePercent must be in [0, 100)');
  }
  if (!positive(config.min) || !positive(config.max) || config.min > config.max) {
    throw new PoolConfigError('vardiff needs 0 < min <= max');
  }
  if (typeof config.powersOfTwo !== 'boolean') throw new PoolConfigError('vardiff powersOfTwo must be a boolean');
}
