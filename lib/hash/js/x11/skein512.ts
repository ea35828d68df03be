// Skein-512-512 (Skein 1.3, SHA-3 round-3 final): X11 stage 4. TypeScript twin of
// native/core/x11/skein512.cpp. 64-bit words are (lo, hi) int32 pairs; Threefish-512 runs
// on sixteen locals with the word permutation folded into the mix pairs of each round.
// 64-bit adds stay in int32 arithmetic: the carry is (lo >>> 0) < (a.lo >>> 0), which V8
// compiles to word32 ops (summing the unsigned halves as doubles was ~16% slower).

import { wordsToDigest } from './digest-words';

// Chaining value after the config UBI for 512-bit output (Skein 1.3, appendix C.3), as (lo, hi).
const IV = new Int32Array([
  0x749c51ce, 0x4903adff, 0x9746df03, 0x0d95de39, 0x27c79bce, 0x8fd19341, 0xff352cb1, 0x9a255629,
  0xdf6ca7b0, 0x5db62599, 0xa9d5c3f4, 0xeabe394c, 0x1a75b523, 0x991112c7, 0x660fcc33, 0xae18a40b,
].map((w) => w | 0));

// Key-schedule parity constant C240 (Skein 1.3, section 3.3.2), as (lo, hi).
const C240_LO = 0xa9fc1a22 | 0;
const C240_HI = 0x1bd11bda;

// High word of tweak T1 (Skein 1.3, section 3.5.1): flags First/Final and the block type.
const FLAG_FIRST = 1 << 30;
const FLAG_FINAL = 1 << 31;
const TYPE_MSG = 48 << 24;
const TYPE_OUT = 63 << 24;

// Scratch reused by every call (JS is single-threaded and nothing here re-enters).
const chain = new Int32Array(16);
const key = new Int32Array(52); // k[0..8] repeated so that subkey s reads k[s + i] directly
const tweak = new Int32Array(6);
const msg = new Int32Array(16);
const lastBlock = new Uint8Array(64);
const counterBlock = new Uint8Array(64);

/** One UBI step: chain = Threefish_chain,tweak(block) ^ block; tweak T0 = position < 2^53. */
function ubiBlock(h: Int32Array, block: Uint8Array, offset: number, position: number, t1Hi: number): void {
  for (let i = 0; i < 16; i++) {
    const p = offset + 4 * i;
    msg[i] = block[p] | (block[p + 1] << 8) | (block[p + 2] << 16) | (block[p + 3] << 24);
  }
  let parityLo = C240_LO;
  let parityHi = C240_HI;
  for (let i = 0; i < 16; i += 2) {
    key[i] = h[i];
    key[i + 1] = h[i + 1];
    parityLo ^= h[i];
    parityHi ^= h[i + 1];
  }
  key[16] = parityLo;
  key[17] = parityHi;
  for (let i = 18; i < 52; i++) key[i] = key[i - 18];
  const t0Lo = position | 0;
  const t0Hi = (position / 0x100000000) | 0;
  tweak[0] = t0Lo;
  tweak[1] = t0Hi;
  tweak[2] = 0;
  tweak[3] = t1Hi;
  tweak[4] = t0Lo;
  tweak[5] = t0Hi ^ t1Hi;

  let c = 0;
  let t = 0;
  let x0l = msg[0], x0h = msg[1];
  let x1l = msg[2], x1h = msg[3];
  let x2l = msg[4], x2h = msg[5];
  let x3l = msg[6], x3h = msg[7];
  let x4l = msg[8], x4h = msg[9];
  let x5l = msg[10], x5h = msg[11];
  let x6l = msg[12], x6h = msg[13];
  let x7l = msg[14], x7h = msg[15];
  // Subkey 0, then 72 rounds as 9 x (4 rounds, subkey, 4 rounds, subkey).
  for (let s = 0; s < 19; s += 2) {
    {
      const k = 2 * (s);
      const ta = 2 * ((s) % 3);
      const tb = 2 * ((s + 1) % 3);
      c = (x0l + key[k + 0]) | 0;
      x0h = (x0h + key[k + 1] + ((c >>> 0) < (x0l >>> 0) ? 1 : 0)) | 0;
      x0l = c;
      c = (x1l + key[k + 2]) | 0;
      x1h = (x1h + key[k + 3] + ((c >>> 0) < (x1l >>> 0) ? 1 : 0)) | 0;
      x1l = c;
      c = (x2l + key[k + 4]) | 0;
      x2h = (x2h + key[k + 5] + ((c >>> 0) < (x2l >>> 0) ? 1 : 0)) | 0;
      x2l = c;
      c = (x3l + key[k + 6]) | 0;
      x3h = (x3h + key[k + 7] + ((c >>> 0) < (x3l >>> 0) ? 1 : 0)) | 0;
      x3l = c;
      c = (x4l + key[k + 8]) | 0;
      x4h = (x4h + key[k + 9] + ((c >>> 0) < (x4l >>> 0) ? 1 : 0)) | 0;
      x4l = c;
      c = (x5l + key[k + 10]) | 0;
      x5h = (x5h + key[k + 11] + ((c >>> 0) < (x5l >>> 0) ? 1 : 0)) | 0;
      x5l = c;
      c = (x6l + key[k + 12]) | 0;
      x6h = (x6h + key[k + 13] + ((c >>> 0) < (x6l >>> 0) ? 1 : 0)) | 0;
      x6l = c;
      c = (x7l + key[k + 14]) | 0;
      x7h = (x7h + key[k + 15] + ((c >>> 0) < (x7l >>> 0) ? 1 : 0)) | 0;
      x7l = c;
      c = (x5l + tweak[ta]) | 0;
      x5h = (x5h + tweak[ta + 1] + ((c >>> 0) < (x5l >>> 0) ? 1 : 0)) | 0;
      x5l = c;
      c = (x6l + tweak[tb]) | 0;
      x6h = (x6h + tweak[tb + 1] + ((c >>> 0) < (x6l >>> 0) ? 1 : 0)) | 0;
      x6l = c;
      c = (x7l + s) | 0;
      x7h = (x7h + 0 + ((c >>> 0) < (x7l >>> 0) ? 1 : 0)) | 0;
      x7l = c;
    }
    if (s === 18) break;
    // round 0 of 8
    c = (x0l + x1l) | 0;
    x0h = (x0h + x1h + ((c >>> 0) < (x0l >>> 0) ? 1 : 0)) | 0;
    x0l = c;
    t = (x1h << 14) | (x1l >>> 18);
    x1h = ((x1l << 14) | (x1h >>> 18)) ^ x0h;
    x1l = t ^ x0l;
    c = (x2l + x3l) | 0;
    x2h = (x2h + x3h + ((c >>> 0) < (x2l >>> 0) ? 1 : 0)) | 0;
    x2l = c;
    t = (x3h << 4) | (x3l >>> 28);
    x3h = ((x3l << 4) | (x3h >>> 28)) ^ x2h;
    x3l = t ^ x2l;
    c = (x4l + x5l) | 0;
    x4h = (x4h + x5h + ((c >>> 0) < (x4l >>> 0) ? 1 : 0)) | 0;
    x4l = c;
    t = (x5l << 19) | (x5h >>> 13);
    x5h = ((x5h << 19) | (x5l >>> 13)) ^ x4h;
    x5l = t ^ x4l;
    c = (x6l + x7l) | 0;
    x6h = (x6h + x7h + ((c >>> 0) < (x6l >>> 0) ? 1 : 0)) | 0;
    x6l = c;
    t = (x7h << 5) | (x7l >>> 27);
    x7h = ((x7l << 5) | (x7h >>> 27)) ^ x6h;
    x7l = t ^ x6l;
    // round 1 of 8
    c = (x2l + x1l) | 0;
    x2h = (x2h + x1h + ((c >>> 0) < (x2l >>> 0) ? 1 : 0)) | 0;
    x2l = c;
    t = (x1h << 1) | (x1l >>> 31);
    x1h = ((x1l << 1) | (x1h >>> 31)) ^ x2h;
    x1l = t ^ x2l;
    c = (x4l + x7l) | 0;
    x4h = (x4h + x7h + ((c >>> 0) < (x4l >>> 0) ? 1 : 0)) | 0;
    x4l = c;
    t = (x7l << 27) | (x7h >>> 5);
    x7h = ((x7h << 27) | (x7l >>> 5)) ^ x4h;
    x7l = t ^ x4l;
    c = (x6l + x5l) | 0;
    x6h = (x6h + x5h + ((c >>> 0) < (x6l >>> 0) ? 1 : 0)) | 0;
    x6l = c;
    t = (x5l << 14) | (x5h >>> 18);
    x5h = ((x5h << 14) | (x5l >>> 18)) ^ x6h;
    x5l = t ^ x6l;
    c = (x0l + x3l) | 0;
    x0h = (x0h + x3h + ((c >>> 0) < (x0l >>> 0) ? 1 : 0)) | 0;
    x0l = c;
    t = (x3h << 10) | (x3l >>> 22);
    x3h = ((x3l << 10) | (x3h >>> 22)) ^ x0h;
    x3l = t ^ x0l;
    // round 2 of 8
    c = (x4l + x1l) | 0;
    x4h = (x4h + x1h + ((c >>> 0) < (x4l >>> 0) ? 1 : 0)) | 0;
    x4l = c;
    t = (x1l << 17) | (x1h >>> 15);
    x1h = ((x1h << 17) | (x1l >>> 15)) ^ x4h;
    x1l = t ^ x4l;
    c = (x6l + x3l) | 0;
    x6h = (x6h + x3h + ((c >>> 0) < (x6l >>> 0) ? 1 : 0)) | 0;
    x6l = c;
    t = (x3h << 17) | (x3l >>> 15);
    x3h = ((x3l << 17) | (x3h >>> 15)) ^ x6h;
    x3l = t ^ x6l;
    c = (x0l + x5l) | 0;
    x0h = (x0h + x5h + ((c >>> 0) < (x0l >>> 0) ? 1 : 0)) | 0;
    x0l = c;
    t = (x5h << 4) | (x5l >>> 28);
    x5h = ((x5l << 4) | (x5h >>> 28)) ^ x0h;
    x5l = t ^ x0l;
    c = (x2l + x7l) | 0;
    x2h = (x2h + x7h + ((c >>> 0) < (x2l >>> 0) ? 1 : 0)) | 0;
    x2l = c;
    t = (x7h << 7) | (x7l >>> 25);
    x7h = ((x7l << 7) | (x7h >>> 25)) ^ x2h;
    x7l = t ^ x2l;
    // round 3 of 8
    c = (x6l + x1l) | 0;
    x6h = (x6h + x1h + ((c >>> 0) < (x6l >>> 0) ? 1 : 0)) | 0;
    x6l = c;
    t = (x1h << 12) | (x1l >>> 20);
    x1h = ((x1l << 12) | (x1h >>> 20)) ^ x6h;
    x1l = t ^ x6l;
    c = (x0l + x7l) | 0;
    x0h = (x0h + x7h + ((c >>> 0) < (x0l >>> 0) ? 1 : 0)) | 0;
    x0l = c;
    t = (x7l << 9) | (x7h >>> 23);
    x7h = ((x7h << 9) | (x7l >>> 23)) ^ x0h;
    x7l = t ^ x0l;
    c = (x2l + x5l) | 0;
    x2h = (x2h + x5h + ((c >>> 0) < (x2l >>> 0) ? 1 : 0)) | 0;
    x2l = c;
    t = (x5h << 22) | (x5l >>> 10);
    x5h = ((x5l << 22) | (x5h >>> 10)) ^ x2h;
    x5l = t ^ x2l;
    c = (x4l + x3l) | 0;
    x4h = (x4h + x3h + ((c >>> 0) < (x4l >>> 0) ? 1 : 0)) | 0;
    x4l = c;
    t = (x3h << 24) | (x3l >>> 8);
    x3h = ((x3l << 24) | (x3h >>> 8)) ^ x4h;
    x3l = t ^ x4l;
    {
      const k = 2 * (s + 1);
      const ta = 2 * ((s + 1) % 3);
      const tb = 2 * ((s + 1 + 1) % 3);
      c = (x0l + key[k + 0]) | 0;
      x0h = (x0h + key[k + 1] + ((c >>> 0) < (x0l >>> 0) ? 1 : 0)) | 0;
      x0l = c;
      c = (x1l + key[k + 2]) | 0;
      x1h = (x1h + key[k + 3] + ((c >>> 0) < (x1l >>> 0) ? 1 : 0)) | 0;
      x1l = c;
      c = (x2l + key[k + 4]) | 0;
      x2h = (x2h + key[k + 5] + ((c >>> 0) < (x2l >>> 0) ? 1 : 0)) | 0;
      x2l = c;
      c = (x3l + key[k + 6]) | 0;
      x3h = (x3h + key[k + 7] + ((c >>> 0) < (x3l >>> 0) ? 1 : 0)) | 0;
      x3l = c;
      c = (x4l + key[k + 8]) | 0;
      x4h = (x4h + key[k + 9] + ((c >>> 0) < (x4l >>> 0) ? 1 : 0)) | 0;
      x4l = c;
      c = (x5l + key[k + 10]) | 0;
      x5h = (x5h + key[k + 11] + ((c >>> 0) < (x5l >>> 0) ? 1 : 0)) | 0;
      x5l = c;
      c = (x6l + key[k + 12]) | 0;
      x6h = (x6h + key[k + 13] + ((c >>> 0) < (x6l >>> 0) ? 1 : 0)) | 0;
      x6l = c;
      c = (x7l + key[k + 14]) | 0;
      x7h = (x7h + key[k + 15] + ((c >>> 0) < (x7l >>> 0) ? 1 : 0)) | 0;
      x7l = c;
      c = (x5l + tweak[ta]) | 0;
      x5h = (x5h + tweak[ta + 1] + ((c >>> 0) < (x5l >>> 0) ? 1 : 0)) | 0;
      x5l = c;
      c = (x6l + tweak[tb]) | 0;
      x6h = (x6h + tweak[tb + 1] + ((c >>> 0) < (x6l >>> 0) ? 1 : 0)) | 0;
      x6l = c;
      c = (x7l + (s + 1)) | 0;
      x7h = (x7h + 0 + ((c >>> 0) < (x7l >>> 0) ? 1 : 0)) | 0;
      x7l = c;
    }
    // round 4 of 8
    c = (x0l + x1l) | 0;
    x0h = (x0h + x1h + ((c >>> 0) < (x0l >>> 0) ? 1 : 0)) | 0;
    x0l = c;
    t = (x1h << 7) | (x1l >>> 25);
    x1h = ((x1l << 7) | (x1h >>> 25)) ^ x0h;
    x1l = t ^ x0l;
    c = (x2l + x3l) | 0;
    x2h = (x2h + x3h + ((c >>> 0) < (x2l >>> 0) ? 1 : 0)) | 0;
    x2l = c;
    t = (x3l << 30) | (x3h >>> 2);
    x3h = ((x3h << 30) | (x3l >>> 2)) ^ x2h;
    x3l = t ^ x2l;
    c = (x4l + x5l) | 0;
    x4h = (x4h + x5h + ((c >>> 0) < (x4l >>> 0) ? 1 : 0)) | 0;
    x4l = c;
    t = (x5h << 2) | (x5l >>> 30);
    x5h = ((x5l << 2) | (x5h >>> 30)) ^ x4h;
    x5l = t ^ x4l;
    c = (x6l + x7l) | 0;
    x6h = (x6h + x7h + ((c >>> 0) < (x6l >>> 0) ? 1 : 0)) | 0;
    x6l = c;
    t = (x7l << 24) | (x7h >>> 8);
    x7h = ((x7h << 24) | (x7l >>> 8)) ^ x6h;
    x7l = t ^ x6l;
    // round 5 of 8
    c = (x2l + x1l) | 0;
    x2h = (x2h + x1h + ((c >>> 0) < (x2l >>> 0) ? 1 : 0)) | 0;
    x2l = c;
    t = (x1l << 13) | (x1h >>> 19);
    x1h = ((x1h << 13) | (x1l >>> 19)) ^ x2h;
    x1l = t ^ x2l;
    c = (x4l + x7l) | 0;
    x4h = (x4h + x7h + ((c >>> 0) < (x4l >>> 0) ? 1 : 0)) | 0;
    x4l = c;
    t = (x7h << 18) | (x7l >>> 14);
    x7h = ((x7l << 18) | (x7h >>> 14)) ^ x4h;
    x7l = t ^ x4l;
    c = (x6l + x5l) | 0;
    x6h = (x6h + x5h + ((c >>> 0) < (x6l >>> 0) ? 1 : 0)) | 0;
    x6l = c;
    t = (x5l << 10) | (x5h >>> 22);
    x5h = ((x5h << 10) | (x5l >>> 22)) ^ x6h;
    x5l = t ^ x6l;
    c = (x0l + x3l) | 0;
    x0h = (x0h + x3h + ((c >>> 0) < (x0l >>> 0) ? 1 : 0)) | 0;
    x0l = c;
    t = (x3l << 17) | (x3h >>> 15);
    x3h = ((x3h << 17) | (x3l >>> 15)) ^ x0h;
    x3l = t ^ x0l;
    // round 6 of 8
    c = (x4l + x1l) | 0;
    x4h = (x4h + x1h + ((c >>> 0) < (x4l >>> 0) ? 1 : 0)) | 0;
    x4l = c;
    t = (x1l << 25) | (x1h >>> 7);
    x1h = ((x1h << 25) | (x1l >>> 7)) ^ x4h;
    x1l = t ^ x4l;
    c = (x6l + x3l) | 0;
    x6h = (x6h + x3h + ((c >>> 0) < (x6l >>> 0) ? 1 : 0)) | 0;
    x6l = c;
    t = (x3l << 29) | (x3h >>> 3);
    x3h = ((x3h << 29) | (x3l >>> 3)) ^ x6h;
    x3l = t ^ x6l;
    c = (x0l + x5l) | 0;
    x0h = (x0h + x5h + ((c >>> 0) < (x0l >>> 0) ? 1 : 0)) | 0;
    x0l = c;
    t = (x5h << 7) | (x5l >>> 25);
    x5h = ((x5l << 7) | (x5h >>> 25)) ^ x0h;
    x5l = t ^ x0l;
    c = (x2l + x7l) | 0;
    x2h = (x2h + x7h + ((c >>> 0) < (x2l >>> 0) ? 1 : 0)) | 0;
    x2l = c;
    t = (x7h << 11) | (x7l >>> 21);
    x7h = ((x7l << 11) | (x7h >>> 21)) ^ x2h;
    x7l = t ^ x2l;
    // round 7 of 8
    c = (x6l + x1l) | 0;
    x6h = (x6h + x1h + ((c >>> 0) < (x6l >>> 0) ? 1 : 0)) | 0;
    x6l = c;
    t = (x1l << 8) | (x1h >>> 24);
    x1h = ((x1h << 8) | (x1l >>> 24)) ^ x6h;
    x1l = t ^ x6l;
    c = (x0l + x7l) | 0;
    x0h = (x0h + x7h + ((c >>> 0) < (x0l >>> 0) ? 1 : 0)) | 0;
    x0l = c;
    t = (x7h << 3) | (x7l >>> 29);
    x7h = ((x7l << 3) | (x7h >>> 29)) ^ x0h;
    x7l = t ^ x0l;
    c = (x2l + x5l) | 0;
    x2h = (x2h + x5h + ((c >>> 0) < (x2l >>> 0) ? 1 : 0)) | 0;
    x2l = c;
    t = (x5h << 24) | (x5l >>> 8);
    x5h = ((x5l << 24) | (x5h >>> 8)) ^ x2h;
    x5l = t ^ x2l;
    c = (x4l + x3l) | 0;
    x4h = (x4h + x3h + ((c >>> 0) < (x4l >>> 0) ? 1 : 0)) | 0;
    x4l = c;
    t = (x3l << 22) | (x3h >>> 10);
    x3h = ((x3h << 22) | (x3l >>> 10)) ^ x4h;
    x3l = t ^ x4l;
  }
  h[0] = x0l ^ msg[0];
  h[1] = x0h ^ msg[1];
  h[2] = x1l ^ msg[2];
  h[3] = x1h ^ msg[3];
  h[4] = x2l ^ msg[4];
  h[5] = x2h ^ msg[5];
  h[6] = x3l ^ msg[6];
  h[7] = x3h ^ msg[7];
  h[8] = x4l ^ msg[8];
  h[9] = x4h ^ msg[9];
  h[10] = x5l ^ msg[10];
  h[11] = x5h ^ msg[11];
  h[12] = x6l ^ msg[12];
  h[13] = x6h ^ msg[13];
  h[14] = x7l ^ msg[14];
  h[15] = x7h ^ msg[15];
}

/** Skein-512-512 of `data` (any length): 64 bytes. */
export function skein512(data: Uint8Array): Buffer {
  const h = chain;
  h.set(IV);
  // The last block (full or partial; one zero block for an empty message) carries the
  // Final flag, so whole blocks are consumed only while more data follows them.
  let first = FLAG_FIRST;
  let offset = 0;
  for (; data.length - offset > 64; offset += 64) {
    ubiBlock(h, data, offset, offset + 64, first | TYPE_MSG);
    first = 0;
  }
  const tail = data.length - offset;
  if (tail === 64) {
    ubiBlock(h, data, offset, data.length, first | FLAG_FINAL | TYPE_MSG);
  } else {
    for (let i = 0; i < tail; i++) lastBlock[i] = data[offset + i];
    lastBlock.fill(0, tail);
    ubiBlock(h, lastBlock, 0, data.length, first | FLAG_FINAL | TYPE_MSG);
  }
  ubiBlock(h, counterBlock, 0, 8, FLAG_FIRST | FLAG_FINAL | TYPE_OUT);
  return wordsToDigest(h, 0);
}
