// Keccak-512 as submitted to SHA-3 round 3 (pad byte 0x01, not FIPS 202 SHA3-512): X11 stage 6.
// TypeScript twin of native/core/x11/keccak512.cpp. Each 64-bit lane is a (lo, hi) pair of
// int32 halves. The state stays in its Int32Array (50 locals only made V8 spill more, measured
// ~30% slower); the theta/rho/pi temporaries are locals.

import { wordsToDigest } from './digest-words';

// Keccak-f[1600] round constants (Keccak reference 3.0, section 1.2), as (lo, hi) pairs.
const ROUND_CONSTANTS = new Int32Array([
  0x00000001, 0x00000000, 0x00008082, 0x00000000, 0x0000808a, 0x80000000, 0x80008000, 0x80000000,
  0x0000808b, 0x00000000, 0x80000001, 0x00000000, 0x80008081, 0x80000000, 0x00008009, 0x80000000,
  0x0000008a, 0x00000000, 0x00000088, 0x00000000, 0x80008009, 0x00000000, 0x8000000a, 0x00000000,
  0x8000808b, 0x00000000, 0x0000008b, 0x80000000, 0x00008089, 0x80000000, 0x00008003, 0x80000000,
  0x00008002, 0x80000000, 0x00000080, 0x80000000, 0x0000800a, 0x00000000, 0x8000000a, 0x80000000,
  0x80008081, 0x80000000, 0x00008080, 0x80000000, 0x80000001, 0x00000000, 0x80008008, 0x80000000,
]);

const RATE = 72; // bytes: (1600 - 2 * 512) / 8
const lanes = new Int32Array(50); // lane i: lo at 2i, hi at 2i + 1
const lastBlock = new Uint8Array(RATE);

function keccakF1600(s: Int32Array): void {
  for (let round = 0; round < 48; round += 2) {
    // theta
    const c0l = s[0] ^ s[10] ^ s[20] ^ s[30] ^ s[40];
    const c0h = s[1] ^ s[11] ^ s[21] ^ s[31] ^ s[41];
    const c1l = s[2] ^ s[12] ^ s[22] ^ s[32] ^ s[42];
    const c1h = s[3] ^ s[13] ^ s[23] ^ s[33] ^ s[43];
    const c2l = s[4] ^ s[14] ^ s[24] ^ s[34] ^ s[44];
    const c2h = s[5] ^ s[15] ^ s[25] ^ s[35] ^ s[45];
    const c3l = s[6] ^ s[16] ^ s[26] ^ s[36] ^ s[46];
    const c3h = s[7] ^ s[17] ^ s[27] ^ s[37] ^ s[47];
    const c4l = s[8] ^ s[18] ^ s[28] ^ s[38] ^ s[48];
    const c4h = s[9] ^ s[19] ^ s[29] ^ s[39] ^ s[49];
    const d0l = c4l ^ ((c1l << 1) | (c1h >>> 31)), d0h = c4h ^ ((c1h << 1) | (c1l >>> 31));
    const d1l = c0l ^ ((c2l << 1) | (c2h >>> 31)), d1h = c0h ^ ((c2h << 1) | (c2l >>> 31));
    const d2l = c1l ^ ((c3l << 1) | (c3h >>> 31)), d2h = c1h ^ ((c3h << 1) | (c3l >>> 31));
    const d3l = c2l ^ ((c4l << 1) | (c4h >>> 31)), d3h = c2h ^ ((c4h << 1) | (c4l >>> 31));
    const d4l = c3l ^ ((c0l << 1) | (c0h >>> 31)), d4h = c3h ^ ((c0h << 1) | (c0l >>> 31));
    // rho and pi: B[y, 2x+3y] = rot(A[x,y] ^ D[x], r[x,y])
    const t0l = s[0] ^ d0l, t0h = s[1] ^ d0h;
    const b0l = t0l, b0h = t0h;
    const t1l = s[2] ^ d1l, t1h = s[3] ^ d1h;
    const b10l = (t1l << 1) | (t1h >>> 31), b10h = (t1h << 1) | (t1l >>> 31);
    const t2l = s[4] ^ d2l, t2h = s[5] ^ d2h;
    const b20l = (t2h << 30) | (t2l >>> 2), b20h = (t2l << 30) | (t2h >>> 2);
    const t3l = s[6] ^ d3l, t3h = s[7] ^ d3h;
    const b5l = (t3l << 28) | (t3h >>> 4), b5h = (t3h << 28) | (t3l >>> 4);
    const t4l = s[8] ^ d4l, t4h = s[9] ^ d4h;
    const b15l = (t4l << 27) | (t4h >>> 5), b15h = (t4h << 27) | (t4l >>> 5);
    const t5l = s[10] ^ d0l, t5h = s[11] ^ d0h;
    const b16l = (t5h << 4) | (t5l >>> 28), b16h = (t5l << 4) | (t5h >>> 28);
    const t6l = s[12] ^ d1l, t6h = s[13] ^ d1h;
    const b1l = (t6h << 12) | (t6l >>> 20), b1h = (t6l << 12) | (t6h >>> 20);
    const t7l = s[14] ^ d2l, t7h = s[15] ^ d2h;
    const b11l = (t7l << 6) | (t7h >>> 26), b11h = (t7h << 6) | (t7l >>> 26);
    const t8l = s[16] ^ d3l, t8h = s[17] ^ d3h;
    const b21l = (t8h << 23) | (t8l >>> 9), b21h = (t8l << 23) | (t8h >>> 9);
    const t9l = s[18] ^ d4l, t9h = s[19] ^ d4h;
    const b6l = (t9l << 20) | (t9h >>> 12), b6h = (t9h << 20) | (t9l >>> 12);
    const t10l = s[20] ^ d0l, t10h = s[21] ^ d0h;
    const b7l = (t10l << 3) | (t10h >>> 29), b7h = (t10h << 3) | (t10l >>> 29);
    const t11l = s[22] ^ d1l, t11h = s[23] ^ d1h;
    const b17l = (t11l << 10) | (t11h >>> 22), b17h = (t11h << 10) | (t11l >>> 22);
    const t12l = s[24] ^ d2l, t12h = s[25] ^ d2h;
    const b2l = (t12h << 11) | (t12l >>> 21), b2h = (t12l << 11) | (t12h >>> 21);
    const t13l = s[26] ^ d3l, t13h = s[27] ^ d3h;
    const b12l = (t13l << 25) | (t13h >>> 7), b12h = (t13h << 25) | (t13l >>> 7);
    const t14l = s[28] ^ d4l, t14h = s[29] ^ d4h;
    const b22l = (t14h << 7) | (t14l >>> 25), b22h = (t14l << 7) | (t14h >>> 25);
    const t15l = s[30] ^ d0l, t15h = s[31] ^ d0h;
    const b23l = (t15h << 9) | (t15l >>> 23), b23h = (t15l << 9) | (t15h >>> 23);
    const t16l = s[32] ^ d1l, t16h = s[33] ^ d1h;
    const b8l = (t16h << 13) | (t16l >>> 19), b8h = (t16l << 13) | (t16h >>> 19);
    const t17l = s[34] ^ d2l, t17h = s[35] ^ d2h;
    const b18l = (t17l << 15) | (t17h >>> 17), b18h = (t17h << 15) | (t17l >>> 17);
    const t18l = s[36] ^ d3l, t18h = s[37] ^ d3h;
    const b3l = (t18l << 21) | (t18h >>> 11), b3h = (t18h << 21) | (t18l >>> 11);
    const t19l = s[38] ^ d4l, t19h = s[39] ^ d4h;
    const b13l = (t19l << 8) | (t19h >>> 24), b13h = (t19h << 8) | (t19l >>> 24);
    const t20l = s[40] ^ d0l, t20h = s[41] ^ d0h;
    const b14l = (t20l << 18) | (t20h >>> 14), b14h = (t20h << 18) | (t20l >>> 14);
    const t21l = s[42] ^ d1l, t21h = s[43] ^ d1h;
    const b24l = (t21l << 2) | (t21h >>> 30), b24h = (t21h << 2) | (t21l >>> 30);
    const t22l = s[44] ^ d2l, t22h = s[45] ^ d2h;
    const b9l = (t22h << 29) | (t22l >>> 3), b9h = (t22l << 29) | (t22h >>> 3);
    const t23l = s[46] ^ d3l, t23h = s[47] ^ d3h;
    const b19l = (t23h << 24) | (t23l >>> 8), b19h = (t23l << 24) | (t23h >>> 8);
    const t24l = s[48] ^ d4l, t24h = s[49] ^ d4h;
    const b4l = (t24l << 14) | (t24h >>> 18), b4h = (t24h << 14) | (t24l >>> 18);
    // chi
    s[0] = b0l ^ (~b1l & b2l);
    s[1] = b0h ^ (~b1h & b2h);
    s[2] = b1l ^ (~b2l & b3l);
    s[3] = b1h ^ (~b2h & b3h);
    s[4] = b2l ^ (~b3l & b4l);
    s[5] = b2h ^ (~b3h & b4h);
    s[6] = b3l ^ (~b4l & b0l);
    s[7] = b3h ^ (~b4h & b0h);
    s[8] = b4l ^ (~b0l & b1l);
    s[9] = b4h ^ (~b0h & b1h);
    s[10] = b5l ^ (~b6l & b7l);
    s[11] = b5h ^ (~b6h & b7h);
    s[12] = b6l ^ (~b7l & b8l);
    s[13] = b6h ^ (~b7h & b8h);
    s[14] = b7l ^ (~b8l & b9l);
    s[15] = b7h ^ (~b8h & b9h);
    s[16] = b8l ^ (~b9l & b5l);
    s[17] = b8h ^ (~b9h & b5h);
    s[18] = b9l ^ (~b5l & b6l);
    s[19] = b9h ^ (~b5h & b6h);
    s[20] = b10l ^ (~b11l & b12l);
    s[21] = b10h ^ (~b11h & b12h);
    s[22] = b11l ^ (~b12l & b13l);
    s[23] = b11h ^ (~b12h & b13h);
    s[24] = b12l ^ (~b13l & b14l);
    s[25] = b12h ^ (~b13h & b14h);
    s[26] = b13l ^ (~b14l & b10l);
    s[27] = b13h ^ (~b14h & b10h);
    s[28] = b14l ^ (~b10l & b11l);
    s[29] = b14h ^ (~b10h & b11h);
    s[30] = b15l ^ (~b16l & b17l);
    s[31] = b15h ^ (~b16h & b17h);
    s[32] = b16l ^ (~b17l & b18l);
    s[33] = b16h ^ (~b17h & b18h);
    s[34] = b17l ^ (~b18l & b19l);
    s[35] = b17h ^ (~b18h & b19h);
    s[36] = b18l ^ (~b19l & b15l);
    s[37] = b18h ^ (~b19h & b15h);
    s[38] = b19l ^ (~b15l & b16l);
    s[39] = b19h ^ (~b15h & b16h);
    s[40] = b20l ^ (~b21l & b22l);
    s[41] = b20h ^ (~b21h & b22h);
    s[42] = b21l ^ (~b22l & b23l);
    s[43] = b21h ^ (~b22h & b23h);
    s[44] = b22l ^ (~b23l & b24l);
    s[45] = b22h ^ (~b23h & b24h);
    s[46] = b23l ^ (~b24l & b20l);
    s[47] = b23h ^ (~b24h & b20h);
    s[48] = b24l ^ (~b20l & b21l);
    s[49] = b24h ^ (~b20h & b21h);
    // iota
    s[0] ^= ROUND_CONSTANTS[round];
    s[1] ^= ROUND_CONSTANTS[round + 1];
  }
}

function absorbBlock(s: Int32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 18; i++) {
    const p = offset + 4 * i;
    s[i] ^= block[p] | (block[p + 1] << 8) | (block[p + 2] << 16) | (block[p + 3] << 24);
  }
  keccakF1600(s);
}

/** Original Keccak-512 of `data` (any length): 64 bytes. */
export function keccak512(data: Uint8Array): Buffer {
  const s = lanes;
  s.fill(0);
  let offset = 0;
  for (; data.length - offset >= RATE; offset += RATE) absorbBlock(s, data, offset);
  // Original Keccak multi-rate padding: 0x01, zeros, 0x80 (a single 0x81 if they meet).
  const tail = data.length - offset;
  for (let i = 0; i < tail; i++) lastBlock[i] = data[offset + i];
  lastBlock.fill(0, tail);
  lastBlock[tail] ^= 0x01;
  lastBlock[RATE - 1] ^= 0x80;
  absorbBlock(s, lastBlock, 0);
  return wordsToDigest(s, 0);
}
