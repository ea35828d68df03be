// How the search space of one job is cut into work units. Unit index c (0, 1, 2, ...)
// picks, in this order of rolling: the BIP310 version bits inside the granted mask
// (c mod 2^k, k = bits in the mask), then extranonce2 (the next digits of c, as a
// big-endian counter of extranonce2_size bytes), then ntime (+1 for every full wrap of
// both, which only happens with tiny extranonce2 sizes). Every unit covers the nonces
// [0, noncesPerUnit). Units are handed out one at a time from a counter, so threads
// always hold disjoint (version, extranonce2, ntime) triples and never repeat work.

export interface UnitCoordinates {
  extranonce2: Buffer;
  /** Undefined when the pool granted no mask (submit without version_bits). */
  versionBits: number | undefined;
  ntimeOffset: number;
}

/** Bit positions set in a 32-bit mask, low to high. */
function maskBits(mask: number): number[] {
  const out: number[] = [];
  for (let bit = 0; bit < 32; bit++) if (((mask >>> bit) & 1) === 1) out.push(bit);
  return out;
}

/** Spreads the low bits of `value` over the set bits of `mask`. */
export function spreadIntoMask(value: bigint, mask: number): number {
  let out = 0;
  maskBits(mask).forEach((bit, i) => {
    if (((value >> BigInt(i)) & 1n) === 1n) out |= 1 << bit;
  });
  return out >>> 0;
}

export function unitCoordinates(index: bigint, extranonce2Size: number, versionMask: number): UnitCoordinates {
  let rest = index;
  let versionBits: number | undefined;
  if (versionMask !== 0) {
    const versions = 1n << BigInt(maskBits(versionMask).length);
    versionBits = spreadIntoMask(rest % versions, versionMask);
    rest /= versions;
  }
  const extranonce2 = Buffer.alloc(extranonce2Size);
  const space = 1n << BigInt(8 * extranonce2Size);
  let e2 = rest % space;
  for (let i = extranonce2Size - 1; i >= 0; i--) {
    extranonce2[i] = Number(e2 & 0xffn);
    e2 >>= 8n;
  }
  rest /= space;
  return { extranonce2, versionBits, ntimeOffset: Number(rest) };
}
