// scrypt (RFC 7914) and the scrypt proof of work in TypeScript: the JS twin of
// native/core/scrypt.cpp. State lives in Int32Array words; the scratchpad is reused across
// calls (up to a size cap) so mining loops do not allocate per hash.
import { HmacSha256Key, pbkdf2WithKey } from './pbkdf2';

const MAX_SCRATCH_BYTES = 2 ** 31;  // same cap as the native derive()
const CACHED_SCRATCH_WORDS = 1 << 22;  // keep at most 16 MiB of scratchpad between calls
let cachedScratch = new Int32Array(0);

function scratch(words: number): Int32Array {
  if (cachedScratch.length >= words) return cachedScratch;
  const fresh = new Int32Array(words);
  if (words <= CACHED_SCRATCH_WORDS) cachedScratch = fresh;
  return fresh;
}

/** b[bi..bi+16) = Salsa20/8(b[bi..] ^ x[xi..]) (RFC 7914 section 3). */
function salsaXor(b: Int32Array, bi: number, x: Int32Array, xi: number): void {
  const j0 = (b[bi] ^= x[xi]), j1 = (b[bi + 1] ^= x[xi + 1]), j2 = (b[bi + 2] ^= x[xi + 2]);
  const j3 = (b[bi + 3] ^= x[xi + 3]), j4 = (b[bi + 4] ^= x[xi + 4]), j5 = (b[bi + 5] ^= x[xi + 5]);
  const j6 = (b[bi + 6] ^= x[xi + 6]), j7 = (b[bi + 7] ^= x[xi + 7]), j8 = (b[bi + 8] ^= x[xi + 8]);
  const j9 = (b[bi + 9] ^= x[xi + 9]), j10 = (b[bi + 10] ^= x[xi + 10]);
  const j11 = (b[bi + 11] ^= x[xi + 11]), j12 = (b[bi + 12] ^= x[xi + 12]);
  const j13 = (b[bi + 13] ^= x[xi + 13]), j14 = (b[bi + 14] ^= x[xi + 14]);
  const j15 = (b[bi + 15] ^= x[xi + 15]);
  let x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7;
  let x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14, x15 = j15;
  let u: number;
  for (let i = 0; i < 8; i += 2) {
    u = (x0 + x12) | 0; x4 ^= (u << 7) | (u >>> 25);
    u = (x4 + x0) | 0; x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x4) | 0; x12 ^= (u << 13) | (u >>> 19);
    u = (x12 + x8) | 0; x0 ^= (u << 18) | (u >>> 14);
    u = (x5 + x1) | 0; x9 ^= (u << 7) | (u >>> 25);
    u = (x9 + x5) | 0; x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x9) | 0; x1 ^= (u << 13) | (u >>> 19);
    u = (x1 + x13) | 0; x5 ^= (u << 18) | (u >>> 14);
    u = (x10 + x6) | 0; x14 ^= (u << 7) | (u >>> 25);
    u = (x14 + x10) | 0; x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x14) | 0; x6 ^= (u << 13) | (u >>> 19);
    u = (x6 + x2) | 0; x10 ^= (u << 18) | (u >>> 14);
    u = (x15 + x11) | 0; x3 ^= (u << 7) | (u >>> 25);
    u = (x3 + x15) | 0; x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x3) | 0; x11 ^= (u << 13) | (u >>> 19);
    u = (x11 + x7) | 0; x15 ^= (u << 18) | (u >>> 14);
    u = (x0 + x3) | 0; x1 ^= (u << 7) | (u >>> 25);
    u = (x1 + x0) | 0; x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x1) | 0; x3 ^= (u << 13) | (u >>> 19);
    u = (x3 + x2) | 0; x0 ^= (u << 18) | (u >>> 14);
    u = (x5 + x4) | 0; x6 ^= (u << 7) | (u >>> 25);
    u = (x6 + x5) | 0; x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x6) | 0; x4 ^= (u << 13) | (u >>> 19);
    u = (x4 + x7) | 0; x5 ^= (u << 18) | (u >>> 14);
    u = (x10 + x9) | 0; x11 ^= (u << 7) | (u >>> 25);
    u = (x11 + x10) | 0; x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x11) | 0; x9 ^= (u << 13) | (u >>> 19);
    u = (x9 + x8) | 0; x10 ^= (u << 18) | (u >>> 14);
    u = (x15 + x14) | 0; x12 ^= (u << 7) | (u >>> 25);
    u = (x12 + x15) | 0; x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x12) | 0; x14 ^= (u << 13) | (u >>> 19);
    u = (x14 + x13) | 0; x15 ^= (u << 18) | (u >>> 14);
  }
  b[bi] = (j0 + x0) | 0; b[bi + 1] = (j1 + x1) | 0; b[bi + 2] = (j2 + x2) | 0;
  b[bi + 3] = (j3 + x3) | 0; b[bi + 4] = (j4 + x4) | 0; b[bi + 5] = (j5 + x5) | 0;
  b[bi + 6] = (j6 + x6) | 0; b[bi + 7] = (j7 + x7) | 0; b[bi + 8] = (j8 + x8) | 0;
  b[bi + 9] = (j9 + x9) | 0; b[bi + 10] = (j10 + x10) | 0; b[bi + 11] = (j11 + x11) | 0;
  b[bi + 12] = (j12 + x12) | 0; b[bi + 13] = (j13 + x13) | 0; b[bi + 14] = (j14 + x14) | 0;
  b[bi + 15] = (j15 + x15) | 0;
}

/**
 * scryptBlockMix for r = 1, in place on 32 words, with both Salsa20/8 states in locals:
 * Y0 = Salsa(X0 ^ X1), Y1 = Salsa(X1 ^ Y0). About 20% faster than two salsaXor calls.
 */
function blockMixR1(w: Int32Array): void {
  let u: number;
  let j0 = w[0] ^ w[16], j1 = w[1] ^ w[17], j2 = w[2] ^ w[18], j3 = w[3] ^ w[19];
  let j4 = w[4] ^ w[20], j5 = w[5] ^ w[21], j6 = w[6] ^ w[22], j7 = w[7] ^ w[23];
  let j8 = w[8] ^ w[24], j9 = w[9] ^ w[25], j10 = w[10] ^ w[26], j11 = w[11] ^ w[27];
  let j12 = w[12] ^ w[28], j13 = w[13] ^ w[29], j14 = w[14] ^ w[30], j15 = w[15] ^ w[31];
  let x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7;
  let x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14, x15 = j15;
  for (let i = 0; i < 8; i += 2) {
    u = (x0 + x12) | 0; x4 ^= (u << 7) | (u >>> 25);
    u = (x4 + x0) | 0; x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x4) | 0; x12 ^= (u << 13) | (u >>> 19);
    u = (x12 + x8) | 0; x0 ^= (u << 18) | (u >>> 14);
    u = (x5 + x1) | 0; x9 ^= (u << 7) | (u >>> 25);
    u = (x9 + x5) | 0; x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x9) | 0; x1 ^= (u << 13) | (u >>> 19);
    u = (x1 + x13) | 0; x5 ^= (u << 18) | (u >>> 14);
    u = (x10 + x6) | 0; x14 ^= (u << 7) | (u >>> 25);
    u = (x14 + x10) | 0; x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x14) | 0; x6 ^= (u << 13) | (u >>> 19);
    u = (x6 + x2) | 0; x10 ^= (u << 18) | (u >>> 14);
    u = (x15 + x11) | 0; x3 ^= (u << 7) | (u >>> 25);
    u = (x3 + x15) | 0; x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x3) | 0; x11 ^= (u << 13) | (u >>> 19);
    u = (x11 + x7) | 0; x15 ^= (u << 18) | (u >>> 14);
    u = (x0 + x3) | 0; x1 ^= (u << 7) | (u >>> 25);
    u = (x1 + x0) | 0; x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x1) | 0; x3 ^= (u << 13) | (u >>> 19);
    u = (x3 + x2) | 0; x0 ^= (u << 18) | (u >>> 14);
    u = (x5 + x4) | 0; x6 ^= (u << 7) | (u >>> 25);
    u = (x6 + x5) | 0; x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x6) | 0; x4 ^= (u << 13) | (u >>> 19);
    u = (x4 + x7) | 0; x5 ^= (u << 18) | (u >>> 14);
    u = (x10 + x9) | 0; x11 ^= (u << 7) | (u >>> 25);
    u = (x11 + x10) | 0; x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x11) | 0; x9 ^= (u << 13) | (u >>> 19);
    u = (x9 + x8) | 0; x10 ^= (u << 18) | (u >>> 14);
    u = (x15 + x14) | 0; x12 ^= (u << 7) | (u >>> 25);
    u = (x12 + x15) | 0; x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x12) | 0; x14 ^= (u << 13) | (u >>> 19);
    u = (x14 + x13) | 0; x15 ^= (u << 18) | (u >>> 14);
  }
  // Y0 = input + rounds; it is also the chaining value XORed into X1.
  j0 = (j0 + x0) | 0; w[0] = j0; j1 = (j1 + x1) | 0; w[1] = j1; j2 = (j2 + x2) | 0; w[2] = j2; j3 = (j3 + x3) | 0; w[3] = j3;
  j4 = (j4 + x4) | 0; w[4] = j4; j5 = (j5 + x5) | 0; w[5] = j5; j6 = (j6 + x6) | 0; w[6] = j6; j7 = (j7 + x7) | 0; w[7] = j7;
  j8 = (j8 + x8) | 0; w[8] = j8; j9 = (j9 + x9) | 0; w[9] = j9; j10 = (j10 + x10) | 0; w[10] = j10; j11 = (j11 + x11) | 0; w[11] = j11;
  j12 = (j12 + x12) | 0; w[12] = j12; j13 = (j13 + x13) | 0; w[13] = j13; j14 = (j14 + x14) | 0; w[14] = j14; j15 = (j15 + x15) | 0; w[15] = j15;
  j0 ^= w[16]; x0 = j0; j1 ^= w[17]; x1 = j1; j2 ^= w[18]; x2 = j2; j3 ^= w[19]; x3 = j3;
  j4 ^= w[20]; x4 = j4; j5 ^= w[21]; x5 = j5; j6 ^= w[22]; x6 = j6; j7 ^= w[23]; x7 = j7;
  j8 ^= w[24]; x8 = j8; j9 ^= w[25]; x9 = j9; j10 ^= w[26]; x10 = j10; j11 ^= w[27]; x11 = j11;
  j12 ^= w[28]; x12 = j12; j13 ^= w[29]; x13 = j13; j14 ^= w[30]; x14 = j14; j15 ^= w[31]; x15 = j15;
  for (let i = 0; i < 8; i += 2) {
    u = (x0 + x12) | 0; x4 ^= (u << 7) | (u >>> 25);
    u = (x4 + x0) | 0; x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x4) | 0; x12 ^= (u << 13) | (u >>> 19);
    u = (x12 + x8) | 0; x0 ^= (u << 18) | (u >>> 14);
    u = (x5 + x1) | 0; x9 ^= (u << 7) | (u >>> 25);
    u = (x9 + x5) | 0; x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x9) | 0; x1 ^= (u << 13) | (u >>> 19);
    u = (x1 + x13) | 0; x5 ^= (u << 18) | (u >>> 14);
    u = (x10 + x6) | 0; x14 ^= (u << 7) | (u >>> 25);
    u = (x14 + x10) | 0; x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x14) | 0; x6 ^= (u << 13) | (u >>> 19);
    u = (x6 + x2) | 0; x10 ^= (u << 18) | (u >>> 14);
    u = (x15 + x11) | 0; x3 ^= (u << 7) | (u >>> 25);
    u = (x3 + x15) | 0; x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x3) | 0; x11 ^= (u << 13) | (u >>> 19);
    u = (x11 + x7) | 0; x15 ^= (u << 18) | (u >>> 14);
    u = (x0 + x3) | 0; x1 ^= (u << 7) | (u >>> 25);
    u = (x1 + x0) | 0; x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x1) | 0; x3 ^= (u << 13) | (u >>> 19);
    u = (x3 + x2) | 0; x0 ^= (u << 18) | (u >>> 14);
    u = (x5 + x4) | 0; x6 ^= (u << 7) | (u >>> 25);
    u = (x6 + x5) | 0; x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x6) | 0; x4 ^= (u << 13) | (u >>> 19);
    u = (x4 + x7) | 0; x5 ^= (u << 18) | (u >>> 14);
    u = (x10 + x9) | 0; x11 ^= (u << 7) | (u >>> 25);
    u = (x11 + x10) | 0; x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x11) | 0; x9 ^= (u << 13) | (u >>> 19);
    u = (x9 + x8) | 0; x10 ^= (u << 18) | (u >>> 14);
    u = (x15 + x14) | 0; x12 ^= (u << 7) | (u >>> 25);
    u = (x12 + x15) | 0; x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x12) | 0; x14 ^= (u << 13) | (u >>> 19);
    u = (x14 + x13) | 0; x15 ^= (u << 18) | (u >>> 14);
  }
  w[16] = (j0 + x0) | 0; w[17] = (j1 + x1) | 0; w[18] = (j2 + x2) | 0; w[19] = (j3 + x3) | 0;
  w[20] = (j4 + x4) | 0; w[21] = (j5 + x5) | 0; w[22] = (j6 + x6) | 0; w[23] = (j7 + x7) | 0;
  w[24] = (j8 + x8) | 0; w[25] = (j9 + x9) | 0; w[26] = (j10 + x10) | 0; w[27] = (j11 + x11) | 0;
  w[28] = (j12 + x12) | 0; w[29] = (j13 + x13) | 0; w[30] = (j14 + x14) | 0; w[31] = (j15 + x15) | 0;
}

/** scryptBlockMix of x (32*r words) into y; even-indexed outputs first, then odd. */
function blockMixWords(x: Int32Array, y: Int32Array, r: number, t: Int32Array): void {
  t.set(x.subarray((2 * r - 1) * 16, 2 * r * 16));
  for (let i = 0; i < 2 * r; i++) {
    salsaXor(t, 0, x, i * 16);
    y.set(t, ((i & 1) * r + (i >>> 1)) * 16);
  }
}

/** ROMix in place on x (32*r words); v holds 32*r*N words, y and t are scratch. */
function roMixWords(x: Int32Array, v: Int32Array, n: number, r: number, y: Int32Array, t: Int32Array): void {
  const words = 32 * r;
  const mask = n - 1;
  if (r === 1) {
    for (let i = 0; i < n; i++) {
      v.set(x, i * 32);
      blockMixR1(x);
    }
    for (let i = 0; i < n; i++) {
      const j = (x[16] & mask) * 32;
      for (let k = 0; k < 32; k++) x[k] ^= v[j + k];
      blockMixR1(x);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    v.set(x, i * words);
    blockMixWords(x, y, r, t);
    x.set(y);
  }
  const last = words - 16;
  for (let i = 0; i < n; i++) {
    // Integerify mod N: N <= 2^24 here, so the low word decides.
    const j = (x[last] & mask) * words;
    for (let k = 0; k < words; k++) x[k] ^= v[j + k];
    blockMixWords(x, y, r, t);
    x.set(y);
  }
}

function bytesToWords(bytes: Uint8Array, offset: number, out: Int32Array): void {
  for (let i = 0; i < out.length; i++) {
    const p = offset + 4 * i;
    out[i] = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
  }
}

function wordsToBytes(words: Int32Array, out: Uint8Array, offset: number): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const p = offset + 4 * i;
    out[p] = w & 0xff;
    out[p + 1] = (w >>> 8) & 0xff;
    out[p + 2] = (w >>> 16) & 0xff;
    out[p + 3] = w >>> 24;
  }
}

function isPow2AtLeast2(n: number): boolean {
  return Number.isInteger(n) && n >= 2 && n <= 2 ** 52 && 2 ** Math.round(Math.log2(n)) === n;
}

function checkParams(n: number, r: number, p: number): void {
  if (!isPow2AtLeast2(n)) throw new RangeError('scrypt: N must be a power of two >= 2');
  if (!Number.isInteger(r) || r < 1 || r > 0xffffffff) throw new RangeError('scrypt: r must be a positive integer');
  if (!Number.isInteger(p) || p < 1 || p > 0xffffffff) throw new RangeError('scrypt: p must be a positive integer');
  if (r * p >= 2 ** 30) throw new RangeError('scrypt: r * p must be below 2^30');
  if (128 * r * n > MAX_SCRATCH_BYTES) throw new RangeError('scrypt: 128 * r * N exceeds 2 GiB');
}

export function scrypt(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number, dkLen: number): Buffer {
  checkParams(N, r, p);
  if (!Number.isInteger(dkLen) || dkLen < 0 || dkLen > 0xffffffff * 32) throw new RangeError('scrypt: invalid dkLen');
  const key = new HmacSha256Key(password);
  const blockBytes = 128 * r;
  const b = pbkdf2WithKey(key, salt, 1, blockBytes * p);
  const words = 32 * r;
  const x = new Int32Array(words);
  const y = new Int32Array(words);
  const t = new Int32Array(16);
  const v = scratch(words * N);
  for (let i = 0; i < p; i++) {
    bytesToWords(b, i * blockBytes, x);
    roMixWords(x, v, N, r, y, t);
    wordsToBytes(x, b, i * blockBytes);
  }
  return pbkdf2WithKey(key, b, 1, dkLen);
}

/** The PoW hash: scrypt(P = S = data, N, r = 1, p = 1, dkLen = 32). */
export function scryptPow(data: Uint8Array, N: number): Buffer {
  return scrypt(data, data, N, 1, 1, 32);
}

/** Salsa20/8 core of one 64-byte block (RFC 7914 section 3). */
export function salsa20_8(block: Uint8Array): Buffer {
  if (block.length !== 64) throw new RangeError('salsa20_8: block must be 64 bytes');
  const b = new Int32Array(16);
  bytesToWords(block, 0, b);
  salsaXor(b, 0, new Int32Array(16), 0);
  const out = Buffer.allocUnsafe(64);
  wordsToBytes(b, out, 0);
  return out;
}

function checkBlock(block: Uint8Array, r: number): void {
  if (!Number.isInteger(r) || r < 1) throw new RangeError('scrypt: r must be a positive integer');
  if (block.length !== 128 * r) throw new RangeError('scrypt: block must be 128 * r bytes');
}

export function scryptBlockMix(block: Uint8Array, r: number): Buffer {
  checkBlock(block, r);
  const x = new Int32Array(32 * r);
  const y = new Int32Array(32 * r);
  bytesToWords(block, 0, x);
  blockMixWords(x, y, r, new Int32Array(16));
  const out = Buffer.allocUnsafe(128 * r);
  wordsToBytes(y, out, 0);
  return out;
}

export function scryptRoMix(block: Uint8Array, N: number, r: number): Buffer {
  checkBlock(block, r);
  checkParams(N, r, 1);
  const x = new Int32Array(32 * r);
  bytesToWords(block, 0, x);
  roMixWords(x, scratch(32 * r * N), N, r, new Int32Array(32 * r), new Int32Array(16));
  const out = Buffer.allocUnsafe(128 * r);
  wordsToBytes(x, out, 0);
  return out;
}

/** Vertcoin's Nfactor f means N = 2^(f+1); 0 when N would not fit in 64 bits (as native). */
export function nFromVertcoinNFactor(f: number): number {
  if (!Number.isInteger(f) || f < 0) throw new RangeError('Nfactor must be a non-negative integer');
  return f >= 63 ? 0 : 2 ** (f + 1);
}

/** Pool software's nFactor f means N = 2^f; 0 when N would not fit in 64 bits (as native). */
export function nFromPoolNFactor(f: number): number {
  if (!Number.isInteger(f) || f < 0) throw new RangeError('nFactor must be a non-negative integer');
  return f >= 64 ? 0 : 2 ** f;
}

/** Vertcoin's scrypt-N schedule (yacoin-derived GetNfactor; see test/vectors/scrypt_n.json). */
export function vertcoinNFactorAt(blockTime: number): number {
  const chainStart = 1389306217;
  if (!Number.isFinite(blockTime)) throw new RangeError('block time must be finite');
  const time = Math.floor(blockTime);
  if (time <= chainStart) return 10;
  let s = time - chainStart;
  let l = 0;
  while (Math.floor(s / 2) > 3) {
    l++;
    s = Math.floor(s / 2);
  }
  s %= 4;
  const n = Math.trunc((l * 158 + s * 28 - 2670) / 100);
  return Math.min(Math.max(n, 10), 30);
}
