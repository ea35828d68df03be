// SIMD-512 (round-2 tweaked SHA-3 submission): the TypeScript twin of
// native/core/x11/simd512.cpp. State A|B|C|D is 4 x 8 int32 words in one Int32Array;
// each 128-byte block is expanded by an NTT over Z/257, then 32 steps plus 4
// feed-forward steps mix it in. The message is zero-padded and followed by a block
// holding the bit length, which uses a different NTT offset.

const P = 257;

// Powers of 41 (a 256th root of unity mod 257), the NTT offsets for message and
// length blocks, and the bit-reversal permutation, all derived from the spec's
// definitions at load time.
const ALPHA = new Int32Array(256);
const OFFSET_BLOCK = new Int32Array(256);
const OFFSET_FINAL = new Int32Array(256);
const BITREV = new Uint8Array(256);
const TWIDDLE = new Int32Array(256);  // butterfly level of half-size h uses TWIDDLE[h + u]
{
  let p = 1;
  for (let i = 0; i < 256; i++) {
    ALPHA[i] = p;
    p = (p * 41) % P;
  }
  for (let i = 0; i < 256; i++) {
    const a = ALPHA[(255 * i) & 255];
    OFFSET_BLOCK[i] = a;
    OFFSET_FINAL[i] = (a + ALPHA[(253 * i) & 255]) % P;
    let r = 0;
    for (let b = 0; b < 8; b++) r |= ((i >>> b) & 1) << (7 - b);
    BITREV[i] = r;
  }
  for (let h = 1; h < 256; h <<= 1) for (let u = 0; u < h; u++) TWIDDLE[h + u] = ALPHA[u * (128 / h)];
}

// SIMD-512 initial chaining value (submission IV for 512-bit output, as carried in sphlib).
const IV = new Int32Array([
  0x0ba16b95, 0x72f999ad, 0x9fecc2ae, 0xba3264fc, 0x5e894929, 0x8e9f30e5, 0x2f1daa37, 0xf0f2c558,
  0xac506643, 0xa90635a5, 0xe25b878b, 0xaab7878f, 0x88817f7a, 0x0a02892b, 0x559a7550, 0x598f657e,
  0x7eef60a1, 0x6b70e3e8, 0x9c1714d1, 0xb958e2a8, 0xab02675e, 0xed1c014f, 0xcd8d65bb, 0xfdb7a257,
  0x09254899, 0xd699c7bc, 0x9019b6dc, 0x2b9022e4, 0x8fa14956, 0x21bf9bd3, 0xb94d0943, 0x6ffddc22,
]);

// Expanded-message word group used by each of the 32 steps (tweaked spec).
const WORD_GROUP = new Uint8Array([
  4, 6, 0, 2, 7, 5, 3, 1, 15, 11, 12, 8, 9, 13, 10, 14,
  17, 18, 23, 20, 22, 21, 16, 19, 30, 24, 25, 31, 27, 29, 28, 26,
]);
// Lane permutation j -> j ^ PERM[t % 7] of step t (tweaked spec).
const PERM = new Uint8Array([1, 6, 2, 3, 5, 7, 4]);
// Rotation constants (p0, p1, p2, p3) of the four rounds (tweaked spec).
const ROT = new Uint8Array([3, 23, 17, 27, 28, 19, 22, 7, 29, 9, 15, 5, 4, 13, 10, 25]);

// Per-call scratch, reused so hashing allocates only its output (JS is single-threaded).
const H = new Int32Array(32);
const S = new Int32Array(32);  // A at 0..7, B at 8..15, C at 16..23, D at 24..31
const RA = new Int32Array(8);
const NA = new Int32Array(8);
const Q = new Int32Array(256);
const Y = new Int32Array(256);
const WORDS = new Int32Array(256);  // expanded message, 8 words per step
const PAD = new Uint8Array(128);

// Natural-order NTT of the 128 bytes at `off` (zero-extended to 256) into Q, every
// entry reduced to [0, 256]: radix-2 decimation in time. With canonical entries a
// product is below 2^16 and 2^8 = -1 (mod 257) reduces it without a division.
function nttBlock(x: Uint8Array, off: number): void {
  const a = Q;
  for (let i = 0; i < 256; i += 2) {
    // Odd bit-reversed positions hold the zero padding, so the first level is a copy.
    const v = x[off + BITREV[i]];
    a[i] = v;
    a[i + 1] = v;
  }
  for (let half = 2; half < 256; half <<= 1) {
    for (let start = 0; start < 256; start += 2 * half) {
      for (let u = 0; u < half; u++) {
        const i = start + u;
        const m = a[i];
        const p = a[i + half] * TWIDDLE[half + u];
        let t = (p & 255) - (p >>> 8);
        t += (t >> 31) & P;
        let hi = m + t - P;
        hi += (hi >> 31) & P;
        let lo = m - t;
        lo += (lo >> 31) & P;
        a[i] = hi;
        a[i + half] = lo;
      }
    }
  }
}

// The length block holds only the bit count in bytes 0..7: sum over its nonzero bytes.
function nttCount(bytes: Uint8Array): void {
  Q.fill(0);
  for (let j = 0; j < 8; j++) {
    const c = bytes[j];
    if (c === 0) continue;
    for (let k = 0; k < 256; k++) Q[k] += c * ALPHA[(j * k) & 255];
  }
}

// Adds the offset, centres into [-128, 128], and builds the 256 expanded words: two
// lifted values times the inner-code constant (185, then 233), packed as 16-bit halves.
function expand(offset: Int32Array): void {
  for (let k = 0; k < 256; k++) {
    const v = (Q[k] + offset[k]) % P;
    Y[k] = v > 128 ? v - P : v;
  }
  for (let t = 0; t < 32; t++) {
    const g = WORD_GROUP[t];
    let lo: number, hi: number, mul: number;
    if (g < 16) {
      lo = 16 * g;
      hi = lo + 1;
      mul = 185;
    } else if (g < 24) {
      lo = 16 * g - 256;
      hi = lo + 128;
      mul = 233;
    } else {
      lo = 16 * g - 383;
      hi = lo + 128;
      mul = 233;
    }
    for (let i = 0; i < 8; i++) {
      WORDS[8 * t + i] = ((Y[lo + 2 * i] * mul) & 0xffff) | ((Y[hi + 2 * i] * mul) << 16);
    }
  }
}

// One step on the 8 parallel ladders; message words at w[wo..wo+8).
function step(w: Int32Array, wo: number, maj: boolean, r: number, s: number, pc: number): void {
  const st = S;
  for (let j = 0; j < 8; j++) {
    const x = st[j];
    RA[j] = (x << r) | (x >>> (32 - r));
  }
  for (let j = 0; j < 8; j++) {
    const a = st[j], b = st[8 + j], c = st[16 + j];
    const f = maj ? (a & b) | ((a | b) & c) : ((b ^ c) & a) ^ c;
    const u = (st[24 + j] + w[wo + j] + f) | 0;
    NA[j] = (((u << s) | (u >>> (32 - s))) + RA[j ^ pc]) | 0;
  }
  for (let j = 0; j < 8; j++) {
    st[24 + j] = st[16 + j];
    st[16 + j] = st[8 + j];
    st[8 + j] = RA[j];
    st[j] = NA[j];
  }
}

// Compresses the block at `off` into H; WORDS must already hold its expansion.
function compress(block: Uint8Array, off: number): void {
  for (let i = 0; i < 32; i++) {
    const p = off + 4 * i;
    S[i] = H[i] ^ (block[p] | (block[p + 1] << 8) | (block[p + 2] << 16) | (block[p + 3] << 24));
  }
  for (let t = 0; t < 32; t++) {
    const base = 4 * (t >>> 3);
    const k = t & 3;
    step(WORDS, 8 * t, (t & 7) >= 4, ROT[base + k], ROT[base + ((k + 1) & 3)], PERM[t % 7]);
  }
  // Feed-forward: the old chaining value is the message of 4 extra IF steps.
  step(H, 0, false, 4, 13, 5);
  step(H, 8, false, 13, 10, 7);
  step(H, 16, false, 10, 25, 4);
  step(H, 24, false, 25, 4, 1);
  H.set(S);
}

/** SIMD-512 of `data` (any length): a 64-byte digest. */
export function simd512(data: Uint8Array): Buffer {
  H.set(IV);
  const len = data.length;
  const full = len - (len % 128);
  for (let off = 0; off < full; off += 128) {
    nttBlock(data, off);
    expand(OFFSET_BLOCK);
    compress(data, off);
  }
  const rest = len - full;
  if (rest > 0) {
    PAD.fill(0);
    PAD.set(data.subarray(full), 0);
    nttBlock(PAD, 0);
    expand(OFFSET_BLOCK);
    compress(PAD, 0);
  }
  PAD.fill(0);
  // 64-bit little-endian bit count; inputs a Uint8Array can hold stay below 2^53 bits.
  const bits = len * 8;
  const lo = bits >>> 0;
  const hi = Math.floor(bits / 4294967296);
  for (let i = 0; i < 4; i++) {
    PAD[i] = lo >>> (8 * i);
    PAD[4 + i] = hi >>> (8 * i);
  }
  if (bits === 512) {
    WORDS.set(WORDS_512);
  } else {
    nttCount(PAD);
    expand(OFFSET_FINAL);
  }
  compress(PAD, 0);
  const out = Buffer.allocUnsafe(64);
  for (let i = 0; i < 16; i++) out.writeInt32LE(H[i], 4 * i);
  return out;
}

// Expanded words of the length block of a 64-byte input (512 bits): the X11 case.
const WORDS_512 = new Int32Array(256);
{
  PAD.fill(0);
  PAD[1] = 2;
  nttCount(PAD);
  expand(OFFSET_FINAL);
  WORDS_512.set(WORDS);
}
