// Targets and difficulty in TypeScript, the twin of native/core/target.cpp. Targets are
// bigints; raw digests are compared as little-endian 256-bit integers.
import { TargetError } from '../errors';

const MAX_TARGET = (1n << 256n) - 1n;
/** 0xffff * 2^208: Bitcoin's difficulty-1 target (nBits 0x1d00ffff). */
export const DIFF1_TARGET = 0xffffn << 208n;

/** True when hash <= target; both are 32 bytes, least significant byte first. */
export function meetsTarget(hash: Uint8Array, targetLE: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (hash[i] !== targetLE[i]) return hash[i] < targetLE[i];
  }
  return true;
}

export function targetToBytesLE(target: bigint): Buffer {
  if (target < 0n || target > MAX_TARGET) throw new TargetError('target must be in [0, 2^256)');
  // One hex conversion is far cheaper than 32 BigInt shifts; pools run this per share.
  return Buffer.from(target.toString(16).padStart(64, '0'), 'hex').reverse();
}

export function bytesLEToTarget(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt(`0x${Buffer.from(bytes).reverse().toString('hex')}`);
}

/** nBits to target with Bitcoin Core's SetCompact rules; negative or overflowing values throw. */
export function bitsToTarget(bits: number): bigint {
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffffffff) throw new TargetError('bits must be a u32');
  const size = bits >>> 24;
  let mantissa = bits & 0x007fffff;
  let target: bigint;
  if (size <= 3) {
    mantissa >>>= 8 * (3 - size);
    target = BigInt(mantissa);
  } else {
    target = BigInt(mantissa) << BigInt(8 * (size - 3));
  }
  if (mantissa !== 0 && bits & 0x00800000) throw invalidCompact(bits, 'negative');
  if (mantissa !== 0 && (size > 34 || (mantissa > 0xff && size > 33) || (mantissa > 0xffff && size > 32))) {
    throw invalidCompact(bits, 'overflow');
  }
  return target;
}

/** Target to nBits (GetCompact): the shortest encoding, never with the sign bit set. */
export function targetToBits(target: bigint): number {
  if (target < 0n || target > MAX_TARGET) throw new TargetError('target must be in [0, 2^256)');
  let size = 0;
  for (let t = target; t > 0n; t >>= 8n) size++;
  let mantissa = size <= 3 ? Number(target << BigInt(8 * (3 - size))) : Number(target >> BigInt(8 * (size - 3)));
  if (mantissa & 0x00800000) {
    mantissa >>>= 8;
    size++;
  }
  return ((size << 24) | mantissa) >>> 0;
}

/**
 * floor(diff1 * factor / difficulty), exact for the double's binary value so it agrees
 * with the native twin to the bit; saturates at 2^256 - 1.
 */
export function difficultyToTarget(difficulty: number, factor: number): bigint {
  if (!(difficulty > 0) || !Number.isFinite(difficulty)) throw new TargetError('difficulty must be a finite number above 0');
  if (!Number.isInteger(factor) || factor < 1) throw new TargetError('factor must be a whole number >= 1');
  const { mantissa, exponent } = decomposeDouble(difficulty);
  const numerator = DIFF1_TARGET * BigInt(factor);
  const target = exponent < 0 ? (numerator << BigInt(-exponent)) / mantissa : (numerator >> BigInt(exponent)) / mantissa;
  return target > MAX_TARGET ? MAX_TARGET : target;
}

/** diff1 * factor / target as a double; Infinity for a zero target. */
export function targetToDifficulty(target: bigint, factor: number): number {
  if (target === 0n) return Infinity;
  const numerator = DIFF1_TARGET * BigInt(factor);
  // 64 fractional bits of quotient before the one rounding step to a double.
  const scaled = (numerator << 64n) / target;
  return Number(scaled) / 2 ** 64;
}

/** value = mantissa * 2^exponent exactly, mantissa a 53-bit integer. */
function decomposeDouble(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExponent = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biasedExponent === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biasedExponent - 1075 };
}

/** The error for an nBits that SetCompact marks negative or overflowing (shared with the native wrapper). */
export function invalidCompact(bits: number, status: 'negative' | 'overflow'): TargetError {
  const hex = bits.toString(16).padStart(8, '0');
  return new TargetError(status === 'negative' ? `nBits ${hex} is negative` : `nBits ${hex} overflows 256 bits`);
}
